import { EventEmitter } from 'events';
import { PasswordHash } from './auth/passwords';
import { AuthToken, SessionStore } from './auth/sessions';
import { FaultRegistry } from './control/faults';
import { Scheduler } from './core/scheduler';
import { HarvesterFleet, SimulatedHarvester } from './harvester/harvester-fleet';
import { rancherProfile, RancherProfile } from './profile';
import { Authorizer } from './rbac/authorizer';
import { KubeObject } from './store/kube-object';
import { ResourceStore } from './store/resource-store';
import { StateStorage, StorageHealth } from './store/state-storage';

export interface SimConfig {
  /** Rancher's `server-url` setting default; manifests and tokens point at it. */
  serverUrl: string;
  /** How long each step of a simulated registration takes (token, agent connect, active). */
  harvesterDelayMs: number;
  /** `/rancherversion` answer; selects version-dependent behaviour (label copying, create path). */
  rancherVersion: string;
  /** How long a delete stays in `removing` before the controller finishes it. */
  deleteDelayMs: number;
  /** How often the cluster-connected checker runs (Rancher: 15 s); tests shorten it. */
  connectedCheckMs?: number;
  /** `ui-sql-cache` (SIM_UI_SQL_CACHE); unset: as the release ships it (sim/profile.ts). */
  uiSqlCache?: boolean;
}

/**
 * Everything the simulator knows, in one object: the Kubernetes-like store, login tokens,
 * local passwords, user preferences, the simulated Harvester clusters, fault injection and the
 * controllers' timers. With a data dir, every change is saved to `<dataDir>/state.db` before it
 * takes effect (sim/store/state-storage.ts); `storage` events report saving failing and recovering.
 */
export class SimState extends EventEmitter {
  readonly store = new ResourceStore();
  readonly sessions = new SessionStore();
  readonly authorizer = new Authorizer(this.store);
  readonly faults = new FaultRegistry();
  readonly fleet = new HarvesterFleet();
  readonly scheduler = new Scheduler();
  passwords = new Map<string, PasswordHash>();
  preferences = new Map<string, Record<string, unknown>>();
  private readonly storage?: StateStorage;
  private cachedProfile?: RancherProfile;

  constructor(readonly config: SimConfig, readonly dataDir: string | null) {
    super();
    if (dataDir) {
      this.storage = StateStorage.open(dataDir, (health) => this.emit('storage', health));
      this.store.writeAheadTo(this.storage);
      this.sessions.saveWith((tokens) => this.storage?.putMeta('tokens', tokens));
    }
  }

  /** Load persisted state; false when there is none (the caller seeds). */
  load(): boolean {
    const saved = this.dataDir ? this.storage?.load(this.dataDir) : undefined;

    if (!saved) {
      return false;
    }
    const tables: Record<string, KubeObject[]> = {};

    for (const { type, obj } of saved.objects) {
      (tables[type] ||= []).push(obj);
    }
    this.store.load({ revision: saved.revision, tables });
    this.passwords = new Map(Object.entries((saved.meta.passwords || {}) as Record<string, PasswordHash>));
    this.sessions.load((saved.meta.tokens || []) as AuthToken[]);
    this.preferences = new Map(Object.entries((saved.meta.preferences || {}) as Record<string, Record<string, unknown>>));
    this.fleet.load(saved.harvesters as SimulatedHarvester[]);
    this.authorizer.invalidate();

    return true;
  }

  /** Whether changes are being saved (GET /sim/health). */
  get storageHealth(): StorageHealth {
    return this.storage?.health || { durable: false, ok: true };
  }

  /** Before a request that may write: 503 while saving fails (and no retry succeeds). */
  refuseWritesWhileStorageFails(): void {
    this.storage?.refuseWhileFailing();
  }

  /** Many writes as one transaction (seeding thousands of clusters). */
  batch<T>(fn: () => T): T {
    return this.storage ? this.storage.transaction(fn) : fn();
  }

  /** Save a user's preferences first, then keep them (503 when saving fails). */
  setPreferences(userId: string, data: Record<string, unknown>): void {
    this.storage?.putMeta('preferences', { ...Object.fromEntries(this.preferences), [userId]: data });
    this.preferences.set(userId, data);
  }

  /** A simulated Harvester changed (its objects, agent or history): save it. */
  saveHarvester(harvester: SimulatedHarvester): void {
    this.storage?.putHarvester(harvester.name, harvester);
  }

  /** Save everything kept outside the object store (after seeding, and on shutdown). */
  flush(): void {
    if (!this.storage) {
      return;
    }
    this.storage.transaction(() => {
      this.storage?.putMeta('passwords', Object.fromEntries(this.passwords));
      this.storage?.putMeta('tokens', this.sessions.list());
      this.storage?.putMeta('preferences', Object.fromEntries(this.preferences));
      for (const h of this.fleet.snapshot()) {
        this.storage?.putHarvester(h.name, h);
      }
    });
  }

  /** Empty everything (the caller re-seeds); timers in flight are cancelled. */
  clear(): void {
    const revision = this.store.revision + 1;

    this.scheduler.cancelAll();
    this.storage?.replaceAll({
      revision, objects: [], meta: {}, harvesters: []
    });
    this.store.load({ revision, tables: {} });
    this.sessions.load([]);
    this.passwords.clear();
    this.preferences.clear();
    this.fleet.clear();
    this.faults.clear();
    this.authorizer.invalidate();
    this.emit('reset');
  }

  setting(name: string): string | undefined {
    const obj = this.store.get('management.cattle.io.setting', name);

    return obj ? (obj.value || obj.default || '') : undefined;
  }

  /** The `server-url` setting, which registration manifests and commands are built on. */
  get serverUrl(): string {
    return this.setting('server-url') || this.config.serverUrl;
  }

  /** The Rancher release and features modelled (sim/profile.ts); fixed for the process's life. */
  get profile(): RancherProfile {
    this.cachedProfile ??= rancherProfile(this.config.rancherVersion, this.config.uiSqlCache);

    return this.cachedProfile;
  }

  /** Rancher minor version as a number (2.12 → 12), for version-dependent behaviour. */
  get rancherMinor(): number {
    return this.profile.minor;
  }

  findUserByUsername(username: string): KubeObject | undefined {
    return this.store.list('management.cattle.io.user').find((u) => u.username === username);
  }

  close(): void {
    this.scheduler.stop();
    try {
      this.flush();
    } finally {
      this.storage?.close();
    }
  }
}
