import type { KubeObject } from '../store/kube-object';
import { kubeErrors } from './status';

/**
 * `labelSelector` and `fieldSelector` of a Kubernetes list or watch (k8s.io/apimachinery
 * `pkg/labels/selector.go`, `pkg/fields/selector.go`): label requirements `a=b`, `a==b`, `a!=b`,
 * `a in (x,y)`, `a notin (x)`, `a`, `!a`; field equality on `metadata.name` and `metadata.namespace`,
 * the fields every resource supports.
 */
export type ObjectTest = (obj: KubeObject) => boolean;

function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';

  for (const ch of selector) {
    if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
    }
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);

  return parts.map((p) => p.trim()).filter(Boolean);
}

function labelRequirement(req: string): ObjectTest {
  const labels = (o: KubeObject) => o.metadata.labels || {};
  const set = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(req);

  if (set) {
    const values = set[3].split(',').map((v) => v.trim());

    return set[2] === 'in' ? (o) => values.includes(labels(o)[set[1]]) : (o) => !values.includes(labels(o)[set[1]]);
  }
  const eq = /^([^\s!=]+)\s*(==|=|!=)\s*([^\s,]*)$/.exec(req);

  if (eq) {
    return eq[2] === '!=' ? (o) => labels(o)[eq[1]] !== eq[3] : (o) => labels(o)[eq[1]] === eq[3];
  }
  const exists = /^(!?)([A-Za-z0-9][-A-Za-z0-9_./]*)$/.exec(req);

  if (exists) {
    return exists[1] ? (o) => !(exists[2] in labels(o)) : (o) => exists[2] in labels(o);
  }
  throw kubeErrors.badRequest(`unable to parse requirement: ${ JSON.stringify(req) }`);
}

const FIELDS: Record<string, (o: KubeObject) => string | undefined> = {
  'metadata.name':      (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace,
};

function fieldRequirement(req: string): ObjectTest {
  const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(req);
  const read = m && FIELDS[m[1].trim()];

  if (!m || !read) {
    throw kubeErrors.badRequest(`field label not supported: ${ m ? m[1].trim() : req }`);
  }

  return m[2] === '!=' ? (o) => read(o) !== m[3].trim() : (o) => read(o) === m[3].trim();
}

export function selectorTest(labelSelector: unknown, fieldSelector: unknown): ObjectTest {
  const tests = [
    ...splitRequirements(typeof labelSelector === 'string' ? labelSelector : '').map(labelRequirement),
    ...splitRequirements(typeof fieldSelector === 'string' ? fieldSelector : '').map(fieldRequirement),
  ];

  return (o) => tests.every((t) => t(o));
}
