import { renameSync } from 'fs';
import { errors } from '../core/api-error';
import { DurableContent, DurableStore, MetaKey } from './durable-store';
import type { KubeObject } from './kube-object';
import { readStateFile, stateFilePath } from './persistence';
import type { StoreSnapshot, WriteAheadLog } from './resource-store';

/** What `GET /sim/health` and the console say about saving. */
export interface StorageHealth {
  /** false: nothing is kept across restarts (tests; no data directory). */
  durable: boolean;
  ok: boolean;
  file?: string;
  /** Why the last write failed, while it keeps failing. */
  error?: string;
  since?: string;
}

/** Persisted by the simulator before it was SQLite-backed (`state.json`), imported once. */
interface LegacyState {
  format: string;
  store: StoreSnapshot;
  passwords?: Record<string, unknown>;
  tokens?: unknown[];
  preferences?: Record<string, unknown>;
  harvesters?: unknown[];
}

/** How often a failing disk is tried again by a write that is refused meanwhile. */
const RETRY_EVERY_MS = 1000;

/**
 * The simulator's side of durability: every write goes to the DurableStore before it takes
 * effect, a failure is reported once (console, health) and turns writes into 503 until a retry
 * succeeds. Rancher answers 5xx when etcd refuses a write; it never acknowledges what it lost.
 */
export class StateStorage implements WriteAheadLog {
  private failure?: { error: string, since: string };
  private lastRetry = 0;

  private constructor(private readonly db: DurableStore, private readonly report: (health: StorageHealth) => void) {}

  static open(dataDir: string, report: (health: StorageHealth) => void): StateStorage {
    return new StateStorage(DurableStore.open(dataDir), report);
  }

  /** What was saved; a legacy `state.json` is imported (and renamed) when the database is new. */
  load(dataDir: string): DurableContent | undefined {
    if (this.db.isEmpty()) {
      const legacy = readStateFile<LegacyState>(dataDir);

      if (!legacy) { // readStateFile refuses any other format
        return undefined;
      }
      const content: DurableContent = {
        revision: legacy.store.revision,
        objects:  Object.entries(legacy.store.tables).flatMap(([type, objs]) => objs.map((obj) => ({ type, obj }))),
        meta:     {
          passwords: legacy.passwords || {}, tokens: legacy.tokens || [], preferences: legacy.preferences || {}
        },
        harvesters: legacy.harvesters || [],
      };

      this.db.replaceAll(content);
      renameSync(stateFilePath(dataDir), `${ stateFilePath(dataDir) }.imported`);
    }

    return this.db.read();
  }

  get health(): StorageHealth {
    return {
      durable: true, ok: !this.failure, file: this.db.file, ...this.failure
    };
  }

  put(type: string, id: string, obj: KubeObject, revision: number): void {
    this.attempt(() => this.db.putObject(type, id, obj, revision));
  }

  remove(type: string, id: string, revision: number): void {
    this.attempt(() => this.db.removeObject(type, id, revision));
  }

  putMeta(key: MetaKey, value: unknown): void {
    this.attempt(() => this.db.putMeta(key, value));
  }

  putHarvester(name: string, body: unknown): void {
    this.attempt(() => this.db.putHarvester(name, body));
  }

  replaceAll(content: DurableContent): void {
    this.attempt(() => this.db.replaceAll(content));
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn);
  }

  /**
   * Before a request that may write: while saving fails, try again (at most once a second) and
   * refuse with 503 if it still fails, so nothing is half-done in memory.
   */
  refuseWhileFailing(): void {
    const failure = this.failure;

    if (!failure) {
      return;
    }
    if (Date.now() - this.lastRetry >= RETRY_EVERY_MS) {
      this.lastRetry = Date.now();
      try {
        this.db.probe();
        this.failure = undefined;
        this.report(this.health);

        return;
      } catch (e) {
        failure.error = (e as Error).message;
      }
    }
    throw this.refusal();
  }

  close(): void {
    this.db.close();
  }

  private attempt(write: () => void): void {
    try {
      write();
    } catch (e) {
      const first = !this.failure;

      this.failure = { error: (e as Error).message, since: this.failure?.since || new Date().toISOString() };
      this.lastRetry = Date.now();
      if (first) {
        this.report(this.health);
      }
      throw this.refusal();
    }
  }

  private refusal() {
    return errors.unavailable('ServiceUnavailable', `The simulator cannot save changes to ${ this.db.file } (${ this.failure?.error }), so nothing was changed. ` +
      'Free disk space or make the data directory writable; writes resume by themselves once saving works (GET /sim/health shows it).');
  }
}
