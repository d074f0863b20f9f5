import {
  harvesterPageQuery, LATEST_DIALECT, pageQueryString, pageRows, provisioningOfManagementQuery, supportsResourceChanges, type JoinedCluster, type ListPageRequest, type ManagementCluster, type ProvisioningCluster, type SteveCollection, type SteveDialect, MANAGEMENT_CLUSTER, PROVISIONING_CLUSTER,
} from '../domain';
import { HARVESTER_CLUSTER_TYPE } from '../config/constants';
import { pageJoin } from './cluster-join';
import type { ShellStore } from './shell-store';

// One page of the Harvester cluster list from Rancher: the management clusters of the page, then
// their provisioning clusters. The page is kept out of the store's caches (with server-side
// pagination the shell keeps those for its own pages and refuses foreign objects), and it is
// followed the way the shell follows its own paged lists: Steve says "this type changed"
// (`resource.changes`, debounced by Rancher) and the page is fetched again. Rancher before 2.12
// has no such mode (rancher/apiserver < v0.6): there the page follows the management clusters
// the dashboard itself keeps watched in its store, or, when it keeps none (its own paging is on),
// asks again every POLL_MS.

export interface HarvesterPage {
  /** Harvester cluster models (the virtual type), in the server's order. */
  rows: object[];
  /** Harvester clusters matching the search, on all pages. */
  count: number;
  pages: number;
  /** What was searched for when this Rancher could not take the typed text as it is. */
  searchAdjustedTo?: string;
}

/** The Harvester cluster model of a page row (`models/harvesterhci.io.management.cluster`), before it is given its join. */
interface PageRowModel extends ProvisioningCluster {
  id: string;
  withJoined(joined: JoinedCluster): object;
}

/** One page of a Steve collection; with a namespace, only that namespace's objects. */
export async function fetchCollection<T>(store: ShellStore, type: string, query: string, namespace?: string): Promise<SteveCollection<T>> {
  const path = namespace ? `${ type }s/${ encodeURIComponent(namespace) }` : `${ type }s`;

  return await store.dispatch('management/request', { url: `/v1/${ path }?${ query }` }) || {};
}

/** Every page of a Steve collection: the first, then the rest at once (the first answer says how many). */
export async function fetchEveryPage<T>(store: ShellStore, type: string, queryOf: (page: number) => string, namespace?: string): Promise<T[]> {
  const first = await fetchCollection<T>(store, type, queryOf(1), namespace);
  const rest = await Promise.all(Array.from({ length: Math.max(0, (first.pages ?? 1) - 1) }, (_, i) => fetchCollection<T>(store, type, queryOf(i + 2), namespace)));

  return [first, ...rest].flatMap((page) => page.data || []);
}

export async function fetchHarvesterPage(store: ShellStore, request: ListPageRequest, dialect: SteveDialect = LATEST_DIALECT): Promise<HarvesterPage> {
  const query = harvesterPageQuery(request, dialect);
  const management = await fetchCollection<ManagementCluster>(store, MANAGEMENT_CLUSTER, pageQueryString(query, dialect));
  const mgmts = management.data || [];
  const provs = mgmts.length ? (await fetchCollection<ProvisioningCluster>(
    store, PROVISIONING_CLUSTER, pageQueryString(provisioningOfManagementQuery(mgmts.map((m) => m.id || ''), dialect), dialect)
  )).data || [] : [];
  const joined = pageRows(mgmts, provs);
  const rows: PageRowModel[] = await store.dispatch('management/createMany', joined.map((c) => ({ ...c.provisioning, type: HARVESTER_CLUSTER_TYPE })));
  // The shell's management cluster models (not stored): the provisioning model reads name, description… from them.
  const mgmtModels: ManagementCluster[] = await store.dispatch('management/createMany', joined.map((c) => c.management || { type: MANAGEMENT_CLUSTER, id: c.managementId }));
  const count = management.count ?? mgmts.length;

  return {
    rows:             rows.map((row, i) => row.withJoined(pageJoin(row, mgmtModels[i]))),
    count,
    pages:            management.pages ?? Math.ceil(count / query.pageSize),
    searchAdjustedTo: query.searchAdjustedTo,
  };
}

const CHANGES_EVENT = 'resource.changes';
const WATCHED_TYPES = [MANAGEMENT_CLUSTER, PROVISIONING_CLUSTER];

function changesWatch(id: string, type: string) {
  return {
    event: CHANGES_EVENT, id, params: { type, mode: CHANGES_EVENT }
  };
}

/** How often a list with no change notices at all asks again. */
export const POLL_MS = 10_000;

function followChanges(store: ShellStore, id: string, onChange: () => void): () => void {
  WATCHED_TYPES.forEach((type) => {
    Promise.resolve(store.dispatch('management/watchEvent', { ...changesWatch(id, type), callback: onChange })).catch(() => undefined);
  });

  return () => WATCHED_TYPES.forEach((type) => {
    Promise.resolve(store.dispatch('management/unwatchEvent', changesWatch(id, type))).catch(() => undefined);
  });
}

/** What changes whenever a watched management cluster is created, changed or removed in the store. */
function storedClustersFingerprint(store: ShellStore): string {
  return (store.getters['management/all'](MANAGEMENT_CLUSTER) || [])
    .map((c: ManagementCluster) => `${ c.id }@${ c.metadata?.resourceVersion || '' }`)
    .join(',');
}

/**
 * Calls `onChange` whenever Rancher reports a change to management or provisioning clusters;
 * returns the function that stops listening.
 */
export function followHarvesterClusters(store: ShellStore, id: string, dialect: SteveDialect, onChange: () => void): () => void {
  if (supportsResourceChanges(dialect)) {
    return followChanges(store, id, onChange);
  }
  if (store.getters['management/haveAll']?.(MANAGEMENT_CLUSTER) && typeof store.watch === 'function') {
    return store.watch(() => storedClustersFingerprint(store), () => onChange());
  }
  const timer = setInterval(onChange, POLL_MS);

  return () => clearInterval(timer);
}
