import {
  harvesterPageQuery, pageQueryString, pageRows, provisioningOfManagementQuery, type ListPageRequest,
  type ManagementCluster, type ProvisioningCluster,
} from '../domain';
import { HARVESTER_CLUSTER_TYPE, MANAGEMENT_CLUSTER_TYPE, PROVISIONING_CLUSTER_TYPE } from '../config/constants';

// One page of the Harvester cluster list from Rancher: the management clusters of the page, then
// their provisioning clusters. The page is kept out of the store's caches (with server-side
// pagination the shell keeps those for its own pages and refuses foreign objects), and it is
// followed the way the shell follows its own paged lists: Steve says "this type changed"
// (`resource.changes`, debounced by Rancher) and the page is fetched again.

export interface HarvesterPage {
  /** Harvester cluster models (the virtual type), in the server's order. */
  rows: any[];
  /** Harvester clusters matching the search, on all pages. */
  count: number;
  pages: number;
}

interface SteveCollection<T> {
  data?: T[];
  count?: number;
  pages?: number;
}

export async function fetchCollection<T>(store: any, type: string, query: string): Promise<SteveCollection<T>> {
  return await store.dispatch('management/request', { url: `/v1/${ type }s?${ query }` }) || {};
}

export async function fetchHarvesterPage(store: any, request: ListPageRequest): Promise<HarvesterPage> {
  const query = harvesterPageQuery(request);
  const management = await fetchCollection<ManagementCluster>(store, MANAGEMENT_CLUSTER_TYPE, pageQueryString(query));
  const mgmts = management.data || [];
  const provs = mgmts.length ? (await fetchCollection<ProvisioningCluster>(
    store, PROVISIONING_CLUSTER_TYPE, pageQueryString(provisioningOfManagementQuery(mgmts.map((m) => m.id || '')))
  )).data || [] : [];
  const joined = pageRows(mgmts, provs);
  const rows = await store.dispatch('management/createMany', joined.map((c) => ({ ...c.provisioning, type: HARVESTER_CLUSTER_TYPE })));
  // The shell's management cluster models (not stored): the provisioning model reads name, description… from them.
  const mgmtModels: any[] = await store.dispatch('management/createMany', joined.map((c) => c.management || { type: MANAGEMENT_CLUSTER_TYPE, id: c.managementId }));
  const count = management.count ?? mgmts.length;

  return {
    rows:  rows.map((row: any, i: number) => row.withPageManagement(mgmtModels[i])),
    count,
    pages: management.pages ?? Math.ceil(count / query.pageSize),
  };
}

const CHANGES_EVENT = 'resource.changes';
const WATCHED_TYPES = [MANAGEMENT_CLUSTER_TYPE, PROVISIONING_CLUSTER_TYPE];

function changesWatch(id: string, type: string) {
  return { event: CHANGES_EVENT, id, params: { type, mode: CHANGES_EVENT } };
}

/**
 * Calls `onChange` whenever Rancher reports a change to management or provisioning clusters;
 * returns the function that stops listening. Without the shell's event watches (older
 * dashboards) the page simply is not followed live.
 */
export function followHarvesterClusters(store: any, id: string, onChange: () => void): () => void {
  WATCHED_TYPES.forEach((type) => {
    Promise.resolve(store.dispatch('management/watchEvent', { ...changesWatch(id, type), callback: onChange })).catch(() => undefined);
  });

  return () => WATCHED_TYPES.forEach((type) => {
    Promise.resolve(store.dispatch('management/unwatchEvent', changesWatch(id, type))).catch(() => undefined);
  });
}
