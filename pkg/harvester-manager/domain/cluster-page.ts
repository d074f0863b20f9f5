import type { JoinedCluster, ManagementCluster, ProvisioningCluster } from './types';
import { HARVESTER_PROVIDER, PROVIDER_LABEL } from './resource-types';
import { joinClusters } from './harvester-cluster';
import {
  canSortOn, exactMatchIsFuzzy, filterTermText, LATEST_DIALECT, maxSortKeys, searchableText, selectsLabelsWithSelector,
  type SteveDialect,
} from './steve-dialect';

// Server-side paging of the Harvester cluster list. Which clusters are Harvester clusters is
// known on the management cluster (its provider label, or `status.provider` once the agent
// reported), so the list pages, sorts and searches management clusters on the server and then
// asks for the provisioning clusters of that page only: two requests per page whatever the
// fleet size. What may be sorted or searched, and how a filter is written, depends on the
// Rancher release and its SQL cache (domain/steve-dialect.ts).

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
  /** A Kubernetes label selector (`key=value`), for a Steve that selects labels that way. */
  labelSelector?: string;
  /** What was searched for when Rancher could not take the typed text as it is ('' = nothing). */
  searchAdjustedTo?: string;
  /** Fields Steve leaves out of each object (besides `metadata.managedFields`). */
  exclude?: readonly string[];
}

/**
 * What a list row never reads of a management cluster: Steve's relationships, the resource sums
 * (the cluster's own dashboard shows those) and Rancher's copy of the spec it applied. Left out
 * by Steve (`exclude=`, one parameter per field), each row's answer is that much smaller; the row
 * model is never stored, so no other page sees the trimmed object.
 */
export const MANAGEMENT_PAGE_EXCLUDES = [
  'metadata.relationships', 'status.appliedSpec', 'status.capacity', 'status.allocatable', 'status.requested', 'status.limits',
] as const;

/** What a list row never reads of a provisioning cluster. */
export const PROVISIONING_PAGE_EXCLUDES = ['metadata.relationships'] as const;

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
 * Management-cluster fields the list may ever sort and search on; which of them a given Rancher
 * can take is the dialect's call (`canSortOn`: the SQL cache only takes indexed fields).
 */
export const SERVER_FIELDS: ReadonlySet<string> = new Set([
  'metadata.name', 'metadata.state.name', 'metadata.creationTimestamp', 'spec.displayName', 'status.version.gitVersion',
]);

/** Whether the list can sort or search on `field` on this Rancher. */
export function serverCanUse(field: string, dialect: SteveDialect = LATEST_DIALECT): boolean {
  return SERVER_FIELDS.has(field) && canSortOn(dialect, field);
}

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
function sortKeys(fields: readonly string[], descending: boolean, dialect: SteveDialect): PageQuery['sort'] {
  const keys = fields.map((entry) => {
    const [field, direction] = entry.split(':');

    return { field, asc: direction === 'desc' ? descending : !descending };
  }).filter(({ field }, i, all) => serverCanUse(field, dialect) && all.findIndex((k) => k.field === field) === i);
  const withTiebreak = keys.some((k) => k.field === TIEBREAK_SORT) ? keys : [...keys, { field: TIEBREAK_SORT, asc: true }];

  return withTiebreak.slice(0, maxSortKeys(dialect));
}

/** A page number as the list asks for it: a whole number, 1 at least. */
export function clampPage(page: number): number {
  return Math.max(1, Math.floor(page) || 1);
}

export function clampPageSize(size: number): number {
  if (!Number.isFinite(size) || size < 1) {
    return DEFAULT_PAGE_SIZE;
  }

  return Math.min(Math.floor(size), MAX_PAGE_SIZE);
}

/** The search as an OR-group of the fields this Rancher can search, and what was searched for. */
function searchGroup(request: ListPageRequest, dialect: SteveDialect): { group: PageFilterField[]; adjustedTo?: string } {
  const typed = (request.searchQuery || '').trim();

  if (!typed) {
    return { group: [] };
  }
  const { text, adjusted } = searchableText(dialect, typed);
  const fields = [...new Set(request.searchFields || [])].filter((field) => serverCanUse(field, dialect));
  const group = text ? fields.map((field) => ({
    field, value: text, equals: true, exact: false,
  })) : [];

  return { group, adjustedTo: adjusted ? text : undefined };
}

/** The management-cluster page behind one page of the list. */
export function harvesterPageQuery(request: ListPageRequest, dialect: SteveDialect = LATEST_DIALECT): PageQuery {
  const search = searchGroup(request, dialect);
  const byLabel = selectsLabelsWithSelector(dialect);

  return {
    page:             clampPage(request.page),
    pageSize:         clampPageSize(request.pageSize),
    sort:             sortKeys(request.sortFields || [], !!request.descending, dialect),
    filters:          [...(byLabel ? [] : [[...HARVESTER_MANAGEMENT_FILTER]]), ...(search.group.length ? [search.group] : [])],
    labelSelector:    byLabel ? `${ PROVIDER_LABEL }=${ HARVESTER_PROVIDER }` : undefined,
    searchAdjustedTo: search.adjustedTo,
    exclude:          MANAGEMENT_PAGE_EXCLUDES,
  };
}

/**
 * The provisioning clusters of the given management clusters, in one request. Where `=` is a
 * substring test (SQL cache off) an id may match others too, so `anyOfQuery` asks for a full page;
 * the rows are joined by exact id (`pageRows`).
 */
export function provisioningOfManagementQuery(managementIds: readonly string[], dialect: SteveDialect = LATEST_DIALECT): PageQuery {
  return { ...anyOfQuery('status.clusterName', managementIds, dialect), exclude: PROVISIONING_PAGE_EXCLUDES };
}

/** A query for the objects whose `field` is one of `values` (one OR-group of exact matches). */
export function anyOfQuery(field: string, values: readonly string[], dialect: SteveDialect = LATEST_DIALECT): PageQuery {
  const unique = [...new Set(values.filter(Boolean))];

  return {
    page:     1,
    // Where `=` is a substring test (SQL cache off) other objects may match too: ask for a full page.
    pageSize: exactMatchIsFuzzy(dialect) ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, Math.max(1, unique.length)),
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
export function nameTakenQueries(name: string, dialect: SteveDialect = LATEST_DIALECT): { provisioning: PageQuery; management: PageQuery } {
  return { provisioning: anyOfQuery('metadata.name', [name], dialect), management: anyOfQuery('spec.displayName', [name], dialect) };
}

/**
 * One `filter` parameter: the fields of a group, OR-ed, written as this Rancher reads them; a term
 * it cannot express is left out (the search says so through `searchAdjustedTo`).
 */
export function filterParam(group: readonly PageFilterField[], dialect: SteveDialect = LATEST_DIALECT): string {
  return group.map((term) => filterTermText(dialect, term)).filter((text): text is string => !!text).join(',');
}

/** The query string of a page request (`filter`, `labelSelector`, `sort`, `page`, `pagesize`), as Steve reads it. */
export function pageQueryString(query: PageQuery, dialect: SteveDialect = LATEST_DIALECT): string {
  const params = new URLSearchParams();

  query.filters.map((group) => filterParam(group, dialect)).filter(Boolean).forEach((param) => params.append('filter', param));
  if (query.labelSelector) {
    params.set('labelSelector', query.labelSelector);
  }
  if (query.sort.length) {
    params.set('sort', query.sort.map(({ field, asc }) => `${ asc ? '' : '-' }${ field }`).join(','));
  }
  params.set('page', String(query.page));
  params.set('pagesize', String(query.pageSize));
  ['metadata.managedFields', ...(query.exclude || [])].forEach((field) => params.append('exclude', field));

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
