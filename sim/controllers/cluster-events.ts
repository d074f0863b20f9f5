import { randomBytes } from 'crypto';
import { kubeTimestamp } from '../core/time';
import type { ResourceStore } from '../store/resource-store';
import type { KubeObject } from '../store/kube-object';
import { TYPES } from '../steve/type-catalog';

// Kubernetes Events about a management cluster, as a controller records them with an event
// recorder: in namespace `default` (the object is cluster-scoped), `involvedObject` pointing at
// the cluster, and Steve's rename of the event's own `type` to `_type`. A repeat of the same
// reason and message bumps `count` and `lastTimestamp` instead of adding an event.

export const EVENTS_NAMESPACE = 'default';

export interface ClusterEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export function recordClusterEvent(store: ResourceStore, mgmt: KubeObject, event: ClusterEvent): void {
  const now = kubeTimestamp();
  const same = store.list(TYPES.EVENT).find((e) => e.involvedObject?.uid === mgmt.metadata.uid && e.reason === event.reason && e.message === event.message);

  if (same) {
    store.patch(TYPES.EVENT, `${ EVENTS_NAMESPACE }/${ same.metadata.name }`, (e) => {
      e.count = (e.count || 1) + 1;
      e.lastTimestamp = now;
    });

    return;
  }
  store.create(TYPES.EVENT, {
    metadata:       { name: `${ mgmt.metadata.name }.${ randomBytes(8).toString('hex') }`, namespace: EVENTS_NAMESPACE },
    involvedObject: {
      apiVersion: 'management.cattle.io/v3', kind: 'Cluster', name: mgmt.metadata.name, uid: mgmt.metadata.uid,
    },
    _type:              event.type,
    reason:             event.reason,
    message:            event.message,
    source:             { component: 'rancher' },
    reportingComponent: 'rancher',
    count:              1,
    firstTimestamp:     now,
    lastTimestamp:      now,
  } as unknown as KubeObject);
}

/** Events go with their cluster (Kubernetes would expire them after an hour). */
export function removeClusterEvents(store: ResourceStore, mgmtUid: string | undefined): void {
  if (!mgmtUid) {
    return;
  }
  store.list(TYPES.EVENT).filter((e) => e.involvedObject?.uid === mgmtUid)
    .forEach((e) => store.remove(TYPES.EVENT, `${ e.metadata.namespace }/${ e.metadata.name }`));
}
