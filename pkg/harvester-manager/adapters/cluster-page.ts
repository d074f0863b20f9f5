import {
  harvesterPageQuery, pageQueryString, pageRows, provisioningOfManagementQuery, type ListPageRequest,
  type ManagementCluster, type ProvisioningCluster,
} from '../domain';
import { HARVESTER_CLUSTER_TYPE, MANAGEMENT_CLUSTER_TYPE, PROVISIONING_CLUSTER_TYPE } from '../config/constants';

// One page of the Harvester cluster list from Rancher: the management clusters of the page, then
// their provisioning clusters. Both are loaded into the store and watched, so a websocket change
// to a row updates that row in place; the page itself is only fetched again when the table's
// page, sort or search changes, or when a Harvester cluster appears or goes.

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
  revision?: string;
}

async function fetchCollection<T>(store: any, type: string, query: string): Promise<SteveCollection<T>> {
  return await store.dispatch('management/request', { url: `/v1/${ type }s?${ query }` }) || {};
}

function watch(store: any, type: string, revision: string | undefined): void {
  store.dispatch('management/watch', { type, revision, registerType: true });
}

export async function fetchHarvesterPage(store: any, request: ListPageRequest): Promise<HarvesterPage> {
  const query = harvesterPageQuery(request);
  const management = await fetchCollection<ManagementCluster>(store, MANAGEMENT_CLUSTER_TYPE, pageQueryString(query));
  const mgmts = management.data || [];
  const provisioning = mgmts.length ? await fetchCollection<ProvisioningCluster>(
    store, PROVISIONING_CLUSTER_TYPE, pageQueryString(provisioningOfManagementQuery(mgmts.map((m) => m.id || '')))
  ) : { data: [] as ProvisioningCluster[], revision: undefined };
  const provs = provisioning.data || [];

  await store.dispatch('management/loadMulti', [...mgmts, ...provs]);
  watch(store, MANAGEMENT_CLUSTER_TYPE, management.revision);
  watch(store, PROVISIONING_CLUSTER_TYPE, provisioning.revision);

  const rows = await store.dispatch('management/createMany', pageRows(mgmts, provs).map((c) => ({ ...c.provisioning, type: HARVESTER_CLUSTER_TYPE })));
  const count = management.count ?? mgmts.length;

  return {
    rows, count, pages: management.pages ?? Math.ceil(count / query.pageSize),
  };
}
