import {
  firstRowsRequest, harvesterPageQuery, pageQueryString, type ListPageRequest, type SteveDialect,
} from '../domain';
import { DEFAULT_LIST_SORT } from '../config/table-headers';
import { HARVESTER_CLUSTER_TYPE, LIST_ROUTE_NAME, PRODUCT_NAME } from '../config/constants';
import { fetchHarvesterPage, type HarvesterPage } from './cluster-page';
import { loadedDialect } from './steve-dialect';
import { routerOf, type ShellStore } from './shell-store';

// The list's first rows are asked for as soon as the user navigates to the list, while the
// dashboard still loads the page's code (and, on Rancher 2.10/2.11, re-creates its top-level
// menu over every cluster it holds): by the time the table asks for them, they are on their way
// or there. Only the request the table will make is prefetched (page 1, the default sort, no
// search), only once, and only for a few seconds; anything else is fetched as before.

/** A prefetched answer older than this is not used (the table asks again). */
const FRESH_MS = 10_000;

interface Prefetched {
  key: string;
  at: number;
  page: Promise<HarvesterPage>;
}

let prefetched: Prefetched | null = null;
/** Routers already followed (the product may be initialised again, e.g. after a new login). */
const followed = new WeakSet<object>();

interface RouteLike {
  name?: unknown;
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

interface RouterLike {
  beforeEach(hook: (to: RouteLike, from: RouteLike) => void): unknown;
}

const keyOf = (request: ListPageRequest, dialect: SteveDialect) => pageQueryString(harvesterPageQuery(request, dialect), dialect);

/** The table's first request on a list opened without a search: page 1 of the user's page size, sorted by name. */
export function defaultListRequest(perPage: number): ListPageRequest {
  return {
    page: 1, pageSize: perPage, sortFields: [...DEFAULT_LIST_SORT], descending: false, searchQuery: '',
  };
}

function opensTheList(to: RouteLike): boolean {
  const params = to.params || {};

  return to.name === LIST_ROUTE_NAME && params.product === PRODUCT_NAME && params.resource === HARVESTER_CLUSTER_TYPE && !Object.keys(to.query || {}).length;
}

/**
 * Start fetching the first rows of the list's default page, when the dashboard already knows
 * which Steve this is (else the table's own request goes ahead as usual).
 */
export function prefetchFirstRows(store: ShellStore, perPage: number): void {
  const first = firstRowsRequest(defaultListRequest(perPage));
  const dialect = loadedDialect(store);

  if (!first || !dialect) {
    return;
  }
  const page = fetchHarvesterPage(store, first, dialect);

  page.catch(() => undefined); // a failure is the table's own request's to report
  prefetched = {
    key: keyOf(first, dialect), at: Date.now(), page
  };
}

/** The prefetched first rows when they are exactly what is asked for (taken once), else undefined. */
export function takePrefetched(request: ListPageRequest, dialect: SteveDialect): Promise<HarvesterPage> | undefined {
  const hit = prefetched && prefetched.key === keyOf(request, dialect) && Date.now() - prefetched.at < FRESH_MS ? prefetched.page : undefined;

  prefetched = null;

  return hit;
}

/** From now on, navigating to the list prefetches its first rows (once per navigation). */
export function prefetchOnNavigation(store: ShellStore): void {
  const router = routerOf<RouterLike>(store);

  if (!router?.beforeEach || followed.has(router)) {
    return;
  }
  followed.add(router);
  router.beforeEach((to, from) => {
    if (opensTheList(to) && !opensTheList(from)) {
      const perPage = Number.parseInt(String(store.getters['prefs/get']?.('per-page') ?? ''), 10) || 100;

      prefetchFirstRows(store, perPage);
    }
  });
}

/** For tests: forget what was prefetched. */
export function resetPrefetched(): void {
  prefetched = null;
}
