import { clampPage, clampPageSize, type ListPageRequest } from './cluster-page';

// A page of the list is shown in two steps: first the rows a screen holds, asked for as a page of
// their own (same sort, same filters, FIRST_ROWS a page), then, once they are painted, the whole
// page. What the user waits for then follows what is on screen, not the page size (100 rows of
// management and provisioning clusters are ~470 KB of Steve JSON and ~0.4 s of rendering on 2
// cores; 20 rows are a fifth of both).

/** A screen of the list and a little more (a 900 px high window shows 12 to 14 rows). */
export const FIRST_ROWS = 20;

/**
 * The first rows of the requested page as a request of their own; null when the page is no
 * larger, or when the page does not start on a whole number of such slices (Steve pages by
 * number: no row may be missed or repeated). Every page of the shell's default 100 qualifies.
 */
export function firstRowsRequest(request: ListPageRequest): ListPageRequest | null {
  const pageSize = clampPageSize(request.pageSize);
  const offset = (clampPage(request.page) - 1) * pageSize;

  if (pageSize <= FIRST_ROWS || offset % FIRST_ROWS) {
    return null;
  }

  return {
    ...request, page: offset / FIRST_ROWS + 1, pageSize: FIRST_ROWS,
  };
}

/**
 * Whether the first rows already are the whole requested page, given how many clusters match
 * (`count`, as the first answer says): then the page need not be asked for again.
 */
export function firstRowsCoverPage(request: ListPageRequest, count: number): boolean {
  return (clampPage(request.page) - 1) * clampPageSize(request.pageSize) + FIRST_ROWS >= count;
}

/** How many pages of the requested size `count` clusters make (the first rows' answer counts pages of its own size). */
export function pageCount(request: ListPageRequest, count: number): number {
  return Math.ceil(count / clampPageSize(request.pageSize));
}
