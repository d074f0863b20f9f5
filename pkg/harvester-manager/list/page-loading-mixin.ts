import { fetchHarvesterPage, type HarvesterPage } from '../adapters/cluster-page';
import { retainHarvesterVersions } from '../adapters/harvester-versions';
import { keepRowIdentity } from '../adapters/page-rows';
import { nextPaint } from '../adapters/next-paint';
import { takePrefetched } from '../adapters/list-prefetch';
import type { ShellStore } from '../adapters/shell-store';
import {
  apiErrorMessage, firstRowsCoverPage, firstRowsRequest, pageCount, type ListPageRequest, type Message, type SteveDialect,
} from '../domain';

/** Changes reported over the websocket close together are fetched once, after this pause. */
const CHANGE_REFRESH_MS = 300;

/** The table's `pagination-changed` event. */
interface PaginationEvent {
  page: number;
  perPage: number;
  filter?: { searchFields?: string[]; searchQuery?: string };
  sort?: string[];
  descending?: boolean;
}

/** What the list holds for its pages (its data, and the dialect it resolves when created). */
interface PageLoadingHost {
  $store: ShellStore;
  page: HarvesterPage;
  pageRequest: ListPageRequest | null;
  requestSeq: number;
  loaded: boolean;
  loadError: Message | null;
  refreshTimer: ReturnType<typeof setTimeout> | null;
  liveColumnsUpdated: number;
  dialectReady: Promise<SteveDialect>;
  loadPage(opts?: { firstRowsFirst?: boolean }): Promise<void>;
  showFirstRows(seq: number, request: ListPageRequest, first: ListPageRequest, dialect: SteveDialect): Promise<boolean>;
  showPage(page: HarvesterPage): void;
}

type PageRow = { managementId?: string; id?: string };

/**
 * How the Harvester cluster list loads its pages: the table asks for them (`paginationChanged`),
 * Rancher reports changes (`scheduleRefresh`); answers to a request overtaken by a newer one are
 * dropped (`requestSeq`).
 */
export default {
  methods: {
    scheduleRefresh(this: PageLoadingHost): void {
      if (this.refreshTimer) {
        clearTimeout(this.refreshTimer);
      }
      this.refreshTimer = setTimeout(() => this.loadPage(), CHANGE_REFRESH_MS);
    },

    /** The table's page, sort or search changed: its first rows come first. */
    paginationChanged(this: PageLoadingHost, {
      page, perPage, filter, sort, descending,
    }: PaginationEvent): void {
      this.pageRequest = {
        page, pageSize: perPage, sortFields: sort, descending, searchFields: filter?.searchFields, searchQuery: filter?.searchQuery,
      };
      this.loadPage({ firstRowsFirst: true });
    },

    /**
     * Fetch the requested page and show it. For a new page (not a refresh of the one shown), the
     * rows a screen holds are asked for and painted first (domain/first-rows.ts).
     */
    async loadPage(this: PageLoadingHost, { firstRowsFirst = false } = {}): Promise<void> {
      if (!this.pageRequest) {
        return;
      }
      const seq = ++this.requestSeq;
      const request = this.pageRequest;

      try {
        const dialect = await this.dialectReady;
        const first = firstRowsFirst ? firstRowsRequest(request) : null;

        if (first && await this.showFirstRows(seq, request, first, dialect)) {
          return;
        }
        if (seq !== this.requestSeq) {
          return;
        }
        const page = await fetchHarvesterPage(this.$store, request, dialect);

        if (seq === this.requestSeq) {
          this.showPage(page);
        }
      } catch (err) {
        if (seq === this.requestSeq) {
          this.loadError = apiErrorMessage(err);
        }
      } finally {
        if (seq === this.requestSeq) {
          this.loaded = true;
        }
      }
    },

    /**
     * Show the first rows of the requested page, then let the browser paint them. True when they
     * are the whole page (or a newer request took over); a failure is left to the page's own
     * request, which says what went wrong.
     */
    async showFirstRows(this: PageLoadingHost, seq: number, request: ListPageRequest, first: ListPageRequest, dialect: SteveDialect): Promise<boolean> {
      let page: HarvesterPage;

      try {
        // asked for already when the user navigated here (adapters/list-prefetch.ts), when it is this request
        page = await (takePrefetched(first, dialect) || fetchHarvesterPage(this.$store, first, dialect));
      } catch {
        return false;
      }
      if (seq !== this.requestSeq) {
        return true;
      }
      this.showPage({ ...page, pages: pageCount(request, page.count) });
      this.loaded = true;
      if (firstRowsCoverPage(request, page.count)) {
        return true;
      }
      await nextPaint();

      return false;
    },

    showPage(this: PageLoadingHost, page: HarvesterPage): void {
      const rows = page.rows as PageRow[];

      this.page = { ...page, rows: keepRowIdentity(this.page.rows as PageRow[], rows) };
      this.loadError = null;
      this.liveColumnsUpdated = Date.now();
      retainHarvesterVersions(rows.map((row) => row.managementId).filter((id): id is string => !!id));
    },
  },
};
