/**
 * Kubernetes' RBAC escalation arithmetic, as rancher/webhook calls it (`auth.ConfirmNoEscalation`
 * → k8s `pkg/registry/rbac/validation` `ConfirmNoEscalation`): servant rules are broken down into
 * one rule per apiGroup × resource × verb (`BreakdownRule`), each must be covered by one owner
 * rule (`ruleCovers`: a servant `*` is covered only by an owner `*`), and the uncovered ones are
 * compacted per group/resource (`CompactRules`), printed with `CompactString`, sorted and joined
 * with newlines. Read from rancher/webhook v0.6.12, v0.7.10, v0.8.9 `pkg/auth/escalation.go`
 * (identical) and the k8s.io/kubernetes `pkg/registry/rbac/validation/{policy_comparator.go,
 * rule.go}` and `pkg/apis/rbac/v1/evaluation_helpers.go` they vendor.
 * Pure functions, no simulator state.
 */
import type { PolicyRule } from '../rbac/policy';

const has = (set: readonly string[] | undefined, value: string) => !!set?.includes(value);
const hasAll = (set: readonly string[] | undefined, values: readonly string[] | undefined) => (values || []).every((v) => has(set, v));

/** k8s `BreakdownRule`: one rule per apiGroup × resource × verb (× resourceName), then per nonResourceURL × verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];

  for (const group of rule.apiGroups || []) {
    for (const resource of rule.resources || []) {
      for (const verb of rule.verbs || []) {
        if (rule.resourceNames?.length) {
          rule.resourceNames.forEach((name) => out.push({
            apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name]
          }));
        } else {
          out.push({
            apiGroups: [group], resources: [resource], verbs: [verb]
          });
        }
      }
    }
  }
  for (const url of rule.nonResourceURLs || []) {
    for (const verb of rule.verbs || []) {
      out.push({
        apiGroups: [], resources: [], nonResourceURLs: [url], verbs: [verb]
      });
    }
  }

  return out;
}

function resourceCoversAll(owner: readonly string[] | undefined, servant: readonly string[] | undefined): boolean {
  if (has(owner, '*')) {
    return true;
  }

  return (servant || []).every((res) => {
    if (has(owner, res)) {
      return true;
    }
    const slash = res.indexOf('/');

    // "pods/*" covers "pods/log"; "*/scale" covers "deployments/scale"
    return slash >= 0 && (has(owner, `${ res.slice(0, slash) }/*`) || has(owner, `*${ res.slice(slash) }`));
  });
}

function nonResourceURLsCoversAll(owner: readonly string[] | undefined, servant: readonly string[] | undefined): boolean {
  return (servant || []).every((url) => (owner || []).some((o) => o === '*' || o === url || (o.endsWith('*') && url.startsWith(o.slice(0, -1)))));
}

/** k8s `ruleCovers`. */
export function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourceCoversAll(owner.resources, sub.resources);
  const urls = nonResourceURLsCoversAll(owner.nonResourceURLs, sub.nonResourceURLs);
  const names = sub.resourceNames?.length ? !owner.resourceNames?.length || hasAll(owner.resourceNames, sub.resourceNames) : !owner.resourceNames?.length;

  return verbs && groups && resources && urls && names;
}

/** k8s `Covers`: the broken-down servant rules no owner rule covers (empty: covered). */
export function uncoveredRules(owner: readonly PolicyRule[], servant: readonly PolicyRule[]): PolicyRule[] {
  return servant.flatMap(breakdownRule).filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
}

/** k8s `CompactRules`: simple rules (one group, one resource, ≤ 1 name, no URLs) merged per group/resource. */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();

  for (const rule of rules) {
    const isSimple = (rule.resourceNames?.length || 0) <= 1 && !rule.nonResourceURLs?.length && rule.apiGroups?.length === 1 && rule.resources?.length === 1;

    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups[0], rule.resources[0], rule.resourceNames?.[0] ?? null]);
    const existing = simple.get(key);

    if (existing) {
      existing.verbs = [...existing.verbs, ...rule.verbs];
    } else {
      simple.set(key, { ...rule, verbs: [...rule.verbs] });
    }
  }

  return [...compacted, ...simple.values()];
}

/** Go's `%q` of a []string: `["a" "b"]`. */
export function goQuoteList(values: readonly string[]): string {
  return `[${ values.map((v) => JSON.stringify(v)).join(' ') }]`;
}

/** k8s `rbacv1helpers.CompactString`: `{APIGroups:["*"], Resources:["*"], Verbs:["*"]}`. */
export function compactString(rule: PolicyRule): string {
  const parts: string[] = [];

  if (rule.apiGroups?.length) {
    parts.push(`APIGroups:${ goQuoteList(rule.apiGroups) }`);
  }
  if (rule.resources?.length) {
    parts.push(`Resources:${ goQuoteList(rule.resources) }`);
  }
  if (rule.nonResourceURLs?.length) {
    parts.push(`NonResourceURLs:${ goQuoteList(rule.nonResourceURLs) }`);
  }
  if (rule.resourceNames?.length) {
    parts.push(`ResourceNames:${ goQuoteList(rule.resourceNames) }`);
  }
  if (rule.verbs?.length) {
    parts.push(`Verbs:${ goQuoteList(rule.verbs) }`);
  }

  return `{${ parts.join(', ') }}`;
}

/** The text of k8s `ConfirmNoEscalation`'s error for these uncovered (broken-down) rules. */
export function escalationMessage(userName: string, groups: readonly string[], missing: readonly PolicyRule[]): string {
  // sets.NewString(...).List(): distinct, sorted byte-wise
  const lines = [...new Set(compactRules(missing).map(compactString))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  return `user ${ JSON.stringify(userName) } (groups=${ goQuoteList(groups) }) is attempting to grant RBAC permissions not currently held:\n${ lines.join('\n') }`;
}
