import type { Page, Request } from 'playwright-core';

const API = /\/(v1|v3|k8s|apis|api|v1-public|v3-public)(\/|\?|$)/;
const VERSION = /\/harvesterhci\.io\.settings\/server-version/;

interface Entry {
  at: number;
  version: boolean;
  bytes: Promise<number>;
}

export interface MeterSnapshot {
  requests: number;
  bytes: number;
  versionRequests: number;
}

/** Records the API requests a page makes from a start mark, with the bytes each received. */
export class RequestMeter {
  private startedAt = 0;
  private running = false;
  private entries: Entry[] = [];
  private onRequest = (req: Request) => {
    if (!this.running || !this.isApi(req.url())) {
      return;
    }
    const bytes = new Promise<number>((resolve) => {
      const done = async(finished: Request) => {
        if (finished !== req) {
          return;
        }
        this.page.off('requestfinished', done);
        this.page.off('requestfailed', done);
        const sizes = await finished.sizes().catch(() => undefined);

        resolve(sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0);
      };

      this.page.on('requestfinished', done);
      this.page.on('requestfailed', done);
    });

    this.entries.push({
      at: Date.now(), version: VERSION.test(req.url()), bytes
    });
  };

  constructor(private page: Page, private baseUrl: string) {
    page.on('request', this.onRequest);
  }

  private isApi(url: string): boolean {
    return url.startsWith(this.baseUrl) && API.test(url.slice(this.baseUrl.length)) && !url.includes('/v1/uiplugins/');
  }

  start(): void {
    this.startedAt = Date.now();
    this.running = true;
  }

  elapsedMs(): number {
    return Date.now() - this.startedAt;
  }

  /** Requests started within `ms` of the start mark (all so far when omitted), bytes once received. */
  async snapshot(ms?: number): Promise<MeterSnapshot> {
    const limit = ms === undefined ? Infinity : this.startedAt + ms;
    const chosen = this.entries.filter((e) => e.at <= limit);
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(0), 15_000));
    const bytes = await Promise.all(chosen.map((e) => Promise.race([e.bytes, timeout])));

    return {
      requests: chosen.length, bytes: bytes.reduce((a, b) => a + b, 0), versionRequests: chosen.filter((e) => e.version).length
    };
  }

  stop(): void {
    this.running = false;
    this.page.off('request', this.onRequest);
  }
}

export interface ListFigures {
  firstRowsMs: number;
  requests: number;
  bytes: number;
  versionRequests: number;
  visibleRows: number;
  /** Rows on the page once the next 10 s are over (a page fills in after its first rows). */
  pageRows?: number;
  requestsNext10s: number;
  heapMB: number;
  /** No rows within the list's time limit: `firstRowsMs` is that limit. */
  timedOut?: boolean;
}

/** One list's figures: what it cost until its rows showed, and what it kept doing afterwards. */
export function listFigures(firstRowsMs: number, visibleRows: number, untilRows: MeterSnapshot, after: MeterSnapshot, heapMB: number): ListFigures {
  return {
    firstRowsMs,
    requests:        untilRows.requests,
    bytes:           untilRows.bytes,
    versionRequests: after.versionRequests,
    visibleRows,
    requestsNext10s: after.requests - untilRows.requests,
    heapMB,
  };
}
