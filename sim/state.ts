import { EventEmitter } from 'events';
import { PasswordHash } from './auth/passwords';
import { AuthToken, SessionStore } from './auth/sessions';
import { FaultRegistry } from './control/faults';
import { Scheduler } from './core/scheduler';
import { HarvesterFleet, SimulatedHarvester } from './harvester/harvester-fleet';
import { rancherProfile, RancherProfile } from './profile';
import { Authorizer } from './rbac/authorizer';
import { KubeObject } from './store/kube-object';
import {
  DebouncedWriter, readStateFile, STATE_FORMAT, writeStateFileAtomic
} from './store/persistence';
import { ResourceStore, StoreSnapshot } from './store/resource-store';

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

interface PersistedState {
  format: string;
  savedAt: string;
  store: StoreSnapshot;
  passwords: Record<string, PasswordHash>;
  tokens: AuthToken[];
  preferences: Record<string, Record<string, unknown>>;
  harvesters: SimulatedHarvester[];
}

/**
 * Everything the simulator knows, in one object: the Kubernetes-like store, login tokens,
 * local passwords, user preferences, the simulated Harvester clusters, fault injection and the
 * controllers' timers. Persisted atomically to `<dataDir>/state.json` when a data dir is set.
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
  private writer?: DebouncedWriter;
  private cachedProfile?: RancherProfile;

  constructor(readonly config: SimConfig, readonly dataDir: string | null) {
    super();
    if (dataDir) {
      this.writer = new DebouncedWriter(() => this.saveNow());
      this.store.subscribe(() => this.markDirty());
    }
  }

  /** Load persisted state; false when there is none (the caller seeds). */
  load(): boolean {
    if (!this.dataDir) {
      return false;
    }
    const saved = readStateFile<PersistedState>(this.dataDir);

    if (!saved) {
      return false;
    }
    this.store.load(saved.store);
    this.passwords = new Map(Object.entries(saved.passwords || {}));
    this.sessions.load(saved.tokens || []);
    this.preferences = new Map(Object.entries(saved.preferences || {}));
    this.fleet.load(saved.harvesters || []);
    this.authorizer.invalidate();

    return true;
  }

  markDirty(): void {
    this.writer?.markDirty();
  }

  /** Write now (shutdown, and after changes that do not go through the store). */
  flush(): void {
    this.writer?.flush();
  }

  private saveNow(): void {
    if (!this.dataDir) {
      return;
    }
    const state: PersistedState = {
      format:      STATE_FORMAT,
      savedAt:     new Date().toISOString(),
      store:       this.store.snapshot(),
      passwords:   Object.fromEntries(this.passwords),
      tokens:      this.sessions.list(),
      preferences: Object.fromEntries(this.preferences),
      harvesters:  this.fleet.snapshot(),
    };

    writeStateFileAtomic(this.dataDir, state);
  }

  /** Empty everything (the caller re-seeds); timers in flight are cancelled. */
  clear(): void {
    this.scheduler.cancelAll();
    this.store.load({ revision: this.store.revision + 1, tables: {} });
    this.sessions.load([]);
    this.passwords.clear();
    this.preferences.clear();
    this.fleet.clear();
    this.faults.clear();
    this.authorizer.invalidate();
    this.emit('reset');
    this.markDirty();
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
    this.flush();
    this.writer?.cancel();
  }
}
