// The list shows each Active cluster's Harvester version, read from the cluster itself
// (`/k8s/clusters/<id>/v1/harvesterhci.io.settings/server-version`): one request per cluster,
// so it is fetched lazily for the rows on screen, at most `concurrency` at a time, and cached.

export type VersionEntry =
  | { status: 'queued' }
  | { status: 'loading' }
  | { status: 'loaded'; version: string | null }
  | { status: 'failed'; at: number };

export interface VersionCacheOptions {
  fetch: (clusterId: string) => Promise<string | null | undefined>;
  /** Called whenever an entry changes, so a UI can mirror the cache reactively. */
  onChange?: (clusterId: string, entry: VersionEntry) => void;
  concurrency?: number;
  /** A failed read (agent reconnecting, 503) may be retried after this long. */
  retryAfterMs?: number;
  now?: () => number;
}

export const DEFAULT_VERSION_CONCURRENCY = 4;
export const DEFAULT_VERSION_RETRY_MS = 30_000;

export class HarvesterVersionCache {
  private readonly entries = new Map<string, VersionEntry>();
  private readonly queue: string[] = [];
  private running = 0;
  private readonly concurrency: number;
  private readonly retryAfterMs: number;
  private readonly now: () => number;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: VersionCacheOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_VERSION_CONCURRENCY);
    this.retryAfterMs = options.retryAfterMs ?? DEFAULT_VERSION_RETRY_MS;
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

  /** Ask for a cluster's version; a no-op when it is cached, queued, loading or failed recently. */
  request(clusterId: string): void {
    const entry = this.entries.get(clusterId);

    if (entry && (entry.status !== 'failed' || this.now() - entry.at < this.retryAfterMs)) {
      return;
    }
    this.set(clusterId, { status: 'queued' });
    this.queue.push(clusterId);
    this.pump();
  }

  /** Forget a cluster (e.g. it was removed or reconnected with another version). */
  forget(clusterId: string): void {
    this.entries.delete(clusterId);
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
    try {
      const version = await this.options.fetch(clusterId);

      this.set(clusterId, { status: 'loaded', version: version || null });
    } catch {
      this.set(clusterId, { status: 'failed', at: this.now() });
    }
  }
}
