// The list shows each Active cluster's Harvester version, read from the cluster itself
// (`/k8s/clusters/<id>/v1/harvesterhci.io.settings/server-version`): one request per cluster,
// so it is fetched lazily for the rows on screen, at most `concurrency` at a time, and cached for
// a while (an upgrade changes it). Rows that leave the screen before their turn are dropped.

export type VersionEntry =
  | { status: 'queued' }
  | { status: 'loading' }
  | { status: 'loaded'; version: string | null; at: number }
  | { status: 'failed'; at: number };

export interface VersionCacheOptions {
  /** Reads the version; should stop when `signal` aborts (the row left the screen). */
  fetch: (clusterId: string, signal: AbortSignal) => Promise<string | null | undefined>;
  /** Called whenever an entry changes (undefined: forgotten), so a UI can mirror the cache reactively. */
  onChange?: (clusterId: string, entry: VersionEntry | undefined) => void;
  concurrency?: number;
  /** A failed read (agent reconnecting, 503) may be retried after this long. */
  retryAfterMs?: number;
  /** A read version is trusted this long; asked again after that, it is read again. */
  ttlMs?: number;
  now?: () => number;
}

export const DEFAULT_VERSION_CONCURRENCY = 4;
export const DEFAULT_VERSION_RETRY_MS = 30_000;
export const DEFAULT_VERSION_TTL_MS = 10 * 60_000;

export class HarvesterVersionCache {
  private readonly entries = new Map<string, VersionEntry>();
  private readonly queue: string[] = [];
  private running = 0;
  private readonly concurrency: number;
  private readonly retryAfterMs: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly controllers = new Map<string, AbortController>();
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: VersionCacheOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_VERSION_CONCURRENCY);
    this.retryAfterMs = options.retryAfterMs ?? DEFAULT_VERSION_RETRY_MS;
    this.ttlMs = options.ttlMs ?? DEFAULT_VERSION_TTL_MS;
    this.now = options.now ?? (() => Date.now());
  }

  get(clusterId: string): VersionEntry | undefined {
    return this.entries.get(clusterId);
  }

  /** The version once loaded; undefined while unknown. */
  version(clusterId: string): string | null | undefined {
    const entry = this.entries.get(clusterId);

    return entry?.status === 'loaded' ? entry.version : undefined;
  }

  get inFlight(): number {
    return this.running;
  }

  /** Ask for a cluster's version; a no-op when it is fresh, queued, loading or failed recently. */
  request(clusterId: string): void {
    if (this.isCurrent(this.entries.get(clusterId))) {
      return;
    }
    this.set(clusterId, { status: 'queued' });
    this.queue.push(clusterId);
    this.pump();
  }

  /**
   * Keep only the reads of these clusters (the rows now on screen): queued reads of others are
   * dropped and their requests in flight aborted, so paging quickly does not pile up requests.
   */
  retain(clusterIds: Iterable<string>): void {
    const keep = new Set(clusterIds);

    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (!keep.has(this.queue[i])) {
        this.forget(this.queue[i]);
        this.queue.splice(i, 1);
      }
    }
    this.controllers.forEach((controller, clusterId) => {
      if (!keep.has(clusterId)) {
        controller.abort();
      }
    });
  }

  /** Forget a cluster (e.g. it was removed or reconnected with another version). */
  forget(clusterId: string): void {
    if (this.entries.delete(clusterId)) {
      this.options.onChange?.(clusterId, undefined);
    }
  }

  private isCurrent(entry: VersionEntry | undefined): boolean {
    switch (entry?.status) {
    case 'queued':
    case 'loading':
      return true;
    case 'loaded':
      return this.now() - entry.at < this.ttlMs;
    case 'failed':
      return this.now() - entry.at < this.retryAfterMs;
    default:
      return false;
    }
  }

  /** Resolves when nothing is queued or loading (for tests and the CLI). */
  idle(): Promise<void> {
    if (!this.running && !this.queue.length) {
      return Promise.resolve();
    }

    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private set(clusterId: string, entry: VersionEntry): void {
    this.entries.set(clusterId, entry);
    this.options.onChange?.(clusterId, entry);
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length) {
      const clusterId = this.queue.shift() as string;

      this.running++;
      this.set(clusterId, { status: 'loading' });
      this.load(clusterId).finally(() => {
        this.running--;
        this.pump();
        if (!this.running && !this.queue.length) {
          const waiters = this.idleWaiters;

          this.idleWaiters = [];
          waiters.forEach((w) => w());
        }
      });
    }
  }

  private async load(clusterId: string): Promise<void> {
    const controller = new AbortController();
    let entry: VersionEntry;

    this.controllers.set(clusterId, controller);
    try {
      entry = {
        status: 'loaded', version: (await this.options.fetch(clusterId, controller.signal)) || null, at: this.now()
      };
    } catch {
      entry = { status: 'failed', at: this.now() };
    } finally {
      this.controllers.delete(clusterId);
    }
    if (controller.signal.aborted) {
      this.forget(clusterId);
    } else {
      this.set(clusterId, entry);
    }
  }
}
