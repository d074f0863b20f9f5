import { clusterEventsUrl, eventRows, type EventRow, type KubeEvent } from '../domain';
import type { ShellStore } from './shell-store';

/** The events Rancher recorded about these objects (uids), newest first; [] when none are asked for. */
export async function fetchClusterEvents(store: ShellStore, uids: readonly (string | undefined)[]): Promise<EventRow[]> {
  const url = clusterEventsUrl(uids);

  if (!url) {
    return [];
  }
  const collection = await store.dispatch('management/request', { url });

  return eventRows((collection?.data || []) as KubeEvent[]);
}
