import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../store/kube-object';
import type { KubeCluster } from './cluster-objects';
import { kindOf } from './kinds';
import { mergePatch, strategicMerge } from './patch';
import { KubeError } from './status';

/**
 * Applying a YAML stream inside the simulator (Harvester's registration controller, the
 * `/sim/harvester/apply` shortcut): each document is created, or merged into the object that
 * exists (strategic merge for built-in kinds, JSON merge for Harvester's, as wrangler's apply and
 * kubectl choose). Returns kubectl-style lines (`namespace/cattle-system created`).
 */
export function parseManifest(text: string): KubeObject[] {
  return parseAllDocuments(text).map((d) => {
    if (d.errors.length) {
      throw new KubeError(400, 'BadRequest', `error parsing manifest: ${ d.errors[0].message }`);
    }

    return d.toJS() as KubeObject;
  }).filter((o) => o && typeof o === 'object' && o.kind);
}

export function applyObjects(cluster: KubeCluster, docs: KubeObject[], extraMetadata: { labels?: Record<string, string>, annotations?: Record<string, string> } = {}): string[] {
  return docs.map((doc) => {
    const kind = kindOf(String(doc.apiVersion), String(doc.kind));

    if (!kind) {
      throw new KubeError(400, 'BadRequest', `no matches for kind "${ doc.kind }" in version "${ doc.apiVersion }"`);
    }
    const desired: KubeObject = {
      ...doc,
      metadata: {
        ...doc.metadata,
        labels:      { ...doc.metadata?.labels, ...extraMetadata.labels },
        annotations: { ...doc.metadata?.annotations, ...extraMetadata.annotations },
      },
    };
    const name = `${ kind.singular }/${ desired.metadata.name }`;
    const current = cluster.get(kind, desired.metadata.namespace, desired.metadata.name);

    if (!current) {
      cluster.create(kind, desired);

      return `${ name } created`;
    }
    const next = (kind.group === 'harvesterhci.io' ? mergePatch(current, desired) : strategicMerge(current, desired)) as KubeObject;

    next.metadata.resourceVersion = current.metadata.resourceVersion;
    const updated = cluster.update(kind, next);

    return `${ name } ${ updated.metadata.resourceVersion === current.metadata.resourceVersion ? 'unchanged' : 'configured' }`;
  });
}
