import { namespaceProjectKey, withProjectMarks } from '../controllers/namespace-projects';
import type { SimulatedHarvester } from '../harvester/harvester-fleet';
import { namespacesOf, settingsOf } from '../harvester/harvester-fleet';
import type { KubeObject } from '../store/kube-object';
import type { ResourceStore } from '../store/resource-store';
import { DOWNSTREAM_TYPE_DEFS, HCI_SETTING } from './downstream-type-catalog';
import { TYPES } from './type-catalog';

/** A downstream namespace and the project (`<clusterId>:<project>`) it belongs to. */
export interface DownstreamNamespace { object: KubeObject, projectKey?: string }

/**
 * The namespaces of a simulated Harvester as Steve in that cluster shows them: its Kubernetes
 * objects with Rancher's project marks (sim/controllers/namespace-projects.ts), or, for a cluster
 * whose API was never used, those of a fresh installation.
 */
export function downstreamNamespaces(store: ResourceStore, clusterId: string, h: SimulatedHarvester): DownstreamNamespace[] {
  const stored = h.objects ? Object.values(h.objects).filter((o) => o.kind === 'Namespace' && !o.metadata.deletionTimestamp) : undefined;
  const objects = stored || namespacesOf(h).map((name): KubeObject => ({
    apiVersion: 'v1',
    kind:       'Namespace',
    metadata:   {
      name, uid: `${ clusterId }-ns-${ name }`, resourceVersion: `${ h.resourceVersion }`, creationTimestamp: h.createdAt, labels: { 'kubernetes.io/metadata.name': name },
    },
    spec:   { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }));

  return objects.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)).map((ns) => {
    const projectKey = namespaceProjectKey(store, clusterId, ns);

    return { object: withProjectMarks(ns, projectKey), projectKey };
  });
}

/** The objects of downstream type `type` in the simulated Harvester (namespaces excepted). */
export function downstreamObjects(clusterId: string, h: SimulatedHarvester, type: string): KubeObject[] {
  if (type === HCI_SETTING) {
    return Object.entries(settingsOf(h)).map(([name, value]) => ({
      apiVersion: 'harvesterhci.io/v1beta1',
      kind:       'Setting',
      metadata:   {
        name, uid: `${ clusterId }-setting-${ name }`, resourceVersion: `${ h.resourceVersion }`, creationTimestamp: h.createdAt
      },
      value,
    }));
  }
  const def = DOWNSTREAM_TYPE_DEFS.find((d) => d.id === type);

  if (!def || def.id === TYPES.NAMESPACE || !h.objects) {
    return [];
  }
  const apiVersion = def.group ? `${ def.group }/${ def.version }` : def.version;

  return Object.values(h.objects)
    .filter((o) => o.apiVersion === apiVersion && o.kind === def.kind)
    .sort((a, b) => `${ a.metadata.namespace }/${ a.metadata.name }`.localeCompare(`${ b.metadata.namespace }/${ b.metadata.name }`));
}
