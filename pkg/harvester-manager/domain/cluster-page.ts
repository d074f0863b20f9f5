import type { JoinedCluster, ManagementCluster, ProvisioningCluster } from './types';
import { HARVESTER_PROVIDER, PROVIDER_LABEL } from './resource-types';
import { joinClusters } from './harvester-cluster';

// Server-side paging of the Harvester cluster list. Which clusters are Harvester clusters is
// known on the management cluster (its provider label, or `status.provider` once the agent
// reported), and those are fields Rancher's SQL cache indexes, so the list pages, sorts and
// searches management clusters on the server and then asks for the provisioning clusters of
// that page only: two requests per page whatever the fleet size.

/** One `filter` field: `field=value` (`exact`) or `field~value` (contains), negated when `!equals`. */
export interface PageFilterField {
  field: string;
  value: string;
  equals: boolean;
  exact: boolean;
}

/** A page request in Steve's terms; `filters` is an AND of OR-groups. */
export interface PageQuery {
  page: number;
  pageSize: number;
  sort: { field: string; asc: boolean }[];
  filters: PageFilterField[][];
}

/** What the table asks for (the shell's `pagination-changed` event, flattened). */
export interface ListPageRequest {
  page: number;
  pageSize: number;
  /** Server field paths of the sorted column, optionally with a `:desc` suffix. */
  sortFields?: string[];
  descending?: boolean;
  /** Server field paths searched, OR-ed. */
  searchFields?: string[];
  searchQuery?: string;
}

/**
 * Management-cluster fields the list may sort and search on: fields Rancher's SQL cache indexes
 * (so the server can answer at scale). Anything else the table asks for is ignored.
 */
export const SERVER_FIELDS: ReadonlySet<string> = new Set([
  'metadata.name', 'metadata.state.name', 'metadata.creationTimestamp', 'spec.displayName', 'status.info.kubernetesVersion',
]);

/** Last sort key, so that equal values keep a stable order across pages. */
const TIEBREAK_SORT = 'metadata.name';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 10;

/** The same test as `isHarvester` on a management cluster, as a server-side filter (OR). */
export const HARVESTER_MANAGEMENT_FILTER: readonly PageFilterField[] = [
  {
    field: `metadata.labels[${ PROVIDER_LABEL }]`, value: HARVESTER_PROVIDER, equals: true, exact: true,
  },
  {
    field: 'status.provider', value: HARVESTER_PROVIDER, equals: true, exact: true,
  },
];

/** Sort fields the table passes, `name:desc` meaning "this field, reversed". */
function sortKeys(fields: readonly string[], descending: boolean): PageQuery['sort'] {
  const keys = fields.map((entry) => {
    const [field, direction] = entry.split(':');

    return { field, asc: direction === 'desc' ? descending : !descending };
  }).filter(({ field }, i, all) => SERVER_FIELDS.has(field) && all.findIndex((k) => k.field === field) === i);

  return keys.some((k) => k.field === TIEBREAK_SORT) ? keys : [...keys, { field: TIEBREAK_SORT, asc: true }];
}

function clampPageSize(size: number): number {
  if (!Number.isFinite(size) || size < 1) {
    return DEFAULT_PAGE_SIZE;
  }

  return Math.min(Math.floor(size), MAX_PAGE_SIZE);
}

/** The management-cluster page behind one page of the list. */
export function harvesterPageQuery(request: ListPageRequest): PageQuery {
  const search = (request.searchQuery || '').trim();
  const searchGroup: PageFilterField[] = search ? [...new Set(request.searchFields || [])].filter((field) => SERVER_FIELDS.has(field)).map((field) => ({
    field, value: search, equals: true, exact: false,
  })) : [];

  return {
    page:     Math.max(1, Math.floor(request.page) || 1),
    pageSize: clampPageSize(request.pageSize),
    sort:     sortKeys(request.sortFields || [], !!request.descending),
    filters:  [[...HARVESTER_MANAGEMENT_FILTER], ...(searchGroup.length ? [searchGroup] : [])],
  };
}

/** The provisioning clusters of the given management clusters, in one request. */
export function provisioningOfManagementQuery(managementIds: readonly string[]): PageQuery {
  const ids = [...new Set(managementIds.filter(Boolean))];

  return { ...anyOfQuery('status.clusterName', ids), pageSize: Math.max(1, ids.length) };
}

/** A Steve filter value, quoted when it holds characters the filter syntax gives meaning to. */
export function steveFilterValue(value: string): string {
  return /^[A-Za-z0-9._:/-]*$/.test(value) ? value : `"${ value.replace(/"/g, '') }"`;
}

/** A query for the objects whose `field` is one of `values` (one OR-group of exact matches). */
export function anyOfQuery(field: string, values: readonly string[]): PageQuery {
  const unique = [...new Set(values.filter(Boolean))];

  return {
    page:     1,
    pageSize: Math.min(MAX_PAGE_SIZE, Math.max(1, unique.length)),
    sort:     [],
    filters:  [unique.map((value) => ({
      field, value, equals: true, exact: true,
    }))],
  };
}

/**
 * What could already hold the cluster name `name` in Rancher, without loading every cluster:
 * provisioning clusters named so (Steve's AlreadyExists) and management clusters displayed so
 * (Norman's NotUnique on Rancher >= 2.11).
 */
export function nameTakenQueries(name: string): { provisioning: PageQuery; management: PageQuery } {
  return { provisioning: anyOfQuery('metadata.name', [name]), management: anyOfQuery('spec.displayName', [name]) };
}

/** One `filter` parameter: the fields of a group, OR-ed. */
export function filterParam(group: readonly PageFilterField[]): string {
  return group.map(({
    field, value, equals, exact,
  }) => `${ field }${ equals ? '' : '!' }${ exact ? '=' : '~' }${ steveFilterValue(value) }`).join(',');
}

/** The query string of a page request (`filter`, `sort`, `page`, `pagesize`), as Steve reads it. */
export function pageQueryString(query: PageQuery): string {
  const params = new URLSearchParams();

  query.filters.filter((group) => group.length).forEach((group) => params.append('filter', filterParam(group)));
  if (query.sort.length) {
    params.set('sort', query.sort.map(({ field, asc }) => `${ asc ? '' : '-' }${ field }`).join(','));
  }
  params.set('page', String(query.page));
  params.set('pagesize', String(query.pageSize));
  params.set('exclude', 'metadata.managedFields');

  return params.toString();
}

/**
 * The rows of one page: each management cluster of the page (in the server's order) joined with
 * its provisioning cluster. A management cluster whose provisioning cluster is not visible (yet)
 * has no row, as in the full list.
 */
export function pageRows(mgmts: readonly ManagementCluster[], provs: readonly ProvisioningCluster[]): JoinedCluster[] {
  const joined = joinClusters(provs, mgmts);
  const byManagementId = new Map(joined.filter((c) => c.managementId).map((c) => [c.managementId as string, c]));

  return mgmts
    .map((m) => byManagementId.get(m.id || m.metadata?.name || ''))
    .filter((c): c is JoinedCluster => !!c);
}
