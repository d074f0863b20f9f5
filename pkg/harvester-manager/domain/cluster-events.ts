import { pageQueryString, type PageQuery } from './cluster-page';

// Kubernetes events about a Harvester cluster (Rancher records them against the management
// cluster, and some controllers against the provisioning cluster): asked for by the objects'
// uids on the server, shown newest first.

/** A core/v1 Event as Steve serves it (Steve renames the event's `type` to `_type`). */
export interface KubeEvent {
  id?: string;
  metadata?: { name?: string; namespace?: string; creationTimestamp?: string };
  involvedObject?: { kind?: string; name?: string; uid?: string };
  _type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
}

export interface EventRow {
  id: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** The object the event is about, e.g. `Cluster c-m-abcdefgh`. */
  object: string;
  count: number;
  /** ISO time of the last occurrence ('' when unknown). */
  lastSeen: string;
}

export const MAX_CLUSTER_EVENTS = 100;

/** The events of these objects (by uid), at most one page of them. */
export function clusterEventsQuery(uids: readonly (string | undefined)[]): PageQuery | null {
  const known = [...new Set(uids.filter((u): u is string => !!u))];

  if (!known.length) {
    return null;
  }

  return {
    page:     1,
    pageSize: MAX_CLUSTER_EVENTS,
    sort:     [],
    filters:  [known.map((uid) => ({
      field: 'involvedObject.uid', value: uid, equals: true, exact: true,
    }))],
  };
}

export function clusterEventsUrl(uids: readonly (string | undefined)[]): string | null {
  const query = clusterEventsQuery(uids);

  return query ? `/v1/events?${ pageQueryString(query) }` : null;
}

function lastSeenOf(event: KubeEvent): string {
  return event.lastTimestamp || event.eventTime || event.firstTimestamp || event.metadata?.creationTimestamp || '';
}

/** Rows for the Events tab, newest first. */
export function eventRows(events: readonly KubeEvent[]): EventRow[] {
  return events.map((event, i) => ({
    id:       event.id || `${ event.metadata?.namespace || '' }/${ event.metadata?.name || i }`,
    type:     event._type === 'Warning' ? 'Warning' as const : 'Normal' as const,
    reason:   event.reason || '',
    message:  event.message || '',
    object:   [event.involvedObject?.kind, event.involvedObject?.name].filter(Boolean).join(' '),
    count:    typeof event.count === 'number' && event.count > 0 ? event.count : 1,
    lastSeen: lastSeenOf(event),
  })).sort((a, b) => b.lastSeen.localeCompare(a.lastSeen) || a.id.localeCompare(b.id));
}
