import { errors } from '../core/api-error';
import { uid } from '../core/ids';
import { kubeTimestamp } from '../core/time';
import { clone, KubeObject, objectId } from './kube-object';

export type ChangeKind = 'create' | 'change' | 'remove';

export interface StoreEvent {
  kind: ChangeKind;
  type: string;
  id: string;
  obj: KubeObject;
  /** Object as it was before this change (for `change`); lets watchers evaluate lost visibility. */
  previous?: KubeObject;
  revision: number;
}

export interface StoreSnapshot {
  revision: number;
  tables: Record<string, KubeObject[]>;
}

export type StoreListener = (event: StoreEvent) => void;

/**
 * Where writes are made durable before they take effect (sim/store/durable-store.ts). Called
 * before the in-memory change: when it throws, the store is unchanged and the caller sees the
 * error, so an answered write is always a committed one.
 */
export interface WriteAheadLog {
  put(type: string, id: string, obj: KubeObject, revision: number): void;
  remove(type: string, id: string, revision: number): void;
}

/** How many events the store keeps so a watch can resume from an older resourceVersion. */
const EVENT_LOG_CAPACITY = 20000;

/**
 * An in-memory Kubernetes-like object store: one table per Steve type, ids `name` or
 * `namespace/name`, a single monotonically increasing resourceVersion (like etcd's revision),
 * and a change feed. Stored objects are never mutated in place: every write stores a fresh
 * copy, so renderers can cache per-object serialisations keyed by object identity.
 */
export class ResourceStore {
  private tables = new Map<string, Map<string, KubeObject>>();
  private listCache = new Map<string, KubeObject[]>();
  private rev = 0;
  private listeners = new Set<StoreListener>();
  private log: StoreEvent[] = [];
  private wal?: WriteAheadLog;

  /** Make every later write durable first (undefined: memory only). */
  writeAheadTo(wal: WriteAheadLog | undefined): void {
    this.wal = wal;
  }

  get revision(): number {
    return this.rev;
  }

  get(type: string, id: string): KubeObject | undefined {
    return this.tables.get(type)?.get(id);
  }

  has(type: string, id: string): boolean {
    return !!this.tables.get(type)?.has(id);
  }

  /** All objects of a type; the array is cached until the table changes (do not mutate it). */
  list(type: string): readonly KubeObject[] {
    let cached = this.listCache.get(type);

    if (!cached) {
      cached = Array.from(this.tables.get(type)?.values() || []);
      this.listCache.set(type, cached);
    }

    return cached;
  }

  types(): string[] {
    return Array.from(this.tables.keys());
  }

  create(type: string, input: KubeObject): KubeObject {
    const obj = clone(input);
    const id = objectId(obj);

    if (this.has(type, id)) {
      throw errors.alreadyExists(`${ type } "${ id }" already exists`);
    }
    const revision = this.rev + 1;

    obj.metadata.uid = obj.metadata.uid || uid();
    obj.metadata.creationTimestamp = obj.metadata.creationTimestamp || kubeTimestamp();
    obj.metadata.resourceVersion = `${ revision }`;
    obj.metadata.generation = obj.metadata.generation || 1;
    this.wal?.put(type, id, obj, revision);
    this.rev = revision;
    this.write(type, id, obj);
    this.emit({
      kind: 'create', type, id, obj, revision
    });

    return obj;
  }

  /**
   * Replace an object (PUT). When `expectedResourceVersion` is given and differs from the
   * stored one, fails with 409 Conflict as the Kubernetes API does.
   */
  replace(type: string, input: KubeObject, expectedResourceVersion?: string): KubeObject {
    const id = objectId(input);
    const existing = this.get(type, id);

    if (!existing) {
      throw errors.notFound(`${ type } "${ id }" not found`);
    }
    if (expectedResourceVersion !== undefined && expectedResourceVersion !== existing.metadata.resourceVersion) {
      throw errors.conflict(`Operation cannot be fulfilled on ${ type } "${ id }": the object has been modified; please apply your changes to the latest version and try again`);
    }
    const obj = clone(input);

    // Server-owned metadata survives a client PUT.
    obj.metadata.uid = existing.metadata.uid;
    obj.metadata.creationTimestamp = existing.metadata.creationTimestamp;
    obj.metadata.deletionTimestamp = existing.metadata.deletionTimestamp;
    obj.metadata.generation = (existing.metadata.generation || 1) + 1;

    return this.commitChange(type, id, obj, existing);
  }

  /** Read-modify-write helper for controllers. Returns undefined when the object is gone. */
  patch(type: string, id: string, mutate: (draft: KubeObject) => void): KubeObject | undefined {
    const existing = this.get(type, id);

    if (!existing) {
      return undefined;
    }
    const draft = clone(existing);

    mutate(draft);

    return this.commitChange(type, id, draft, existing);
  }

  remove(type: string, id: string): KubeObject | undefined {
    const existing = this.get(type, id);

    if (!existing) {
      return undefined;
    }
    const revision = this.rev + 1;

    this.wal?.remove(type, id, revision);
    this.rev = revision;
    this.tables.get(type)?.delete(id);
    this.listCache.delete(type);

    this.emit({
      kind: 'remove', type, id, obj: existing, revision
    });

    return existing;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);

    return () => this.listeners.delete(listener);
  }

  /**
   * Events after `revision` (exclusive), or `undefined` when the log no longer reaches back
   * that far (the watch must then answer "too old", as Kubernetes does with 410 Gone).
   */
  eventsSince(revision: number): StoreEvent[] | undefined {
    if (revision >= this.rev) {
      return [];
    }
    const oldest = this.log.length ? this.log[0].revision : this.rev + 1;

    if (revision < oldest - 1) {
      return undefined;
    }

    return this.log.filter((e) => e.revision > revision);
  }

  snapshot(): StoreSnapshot {
    const tables: Record<string, KubeObject[]> = {};

    for (const [type, table] of this.tables) {
      tables[type] = Array.from(table.values());
    }

    return { revision: this.rev, tables };
  }

  /** Replace the whole content (startup load, reset). Emits no events; the log restarts. */
  load(snapshot: StoreSnapshot): void {
    this.tables.clear();
    this.listCache.clear();
    this.log = [];
    for (const [type, objects] of Object.entries(snapshot.tables)) {
      const table = new Map<string, KubeObject>();

      for (const obj of objects) {
        table.set(objectId(obj), obj);
      }
      this.tables.set(type, table);
    }
    this.rev = snapshot.revision;
  }

  private commitChange(type: string, id: string, obj: KubeObject, previous: KubeObject): KubeObject {
    const revision = this.rev + 1;

    obj.metadata.resourceVersion = `${ revision }`;
    this.wal?.put(type, id, obj, revision);
    this.rev = revision;
    this.write(type, id, obj);
    this.emit({
      kind: 'change', type, id, obj, previous, revision
    });

    return obj;
  }

  private write(type: string, id: string, obj: KubeObject): void {
    let table = this.tables.get(type);

    if (!table) {
      table = new Map();
      this.tables.set(type, table);
    }
    table.set(id, obj);
    this.listCache.delete(type);
  }

  private emit(event: StoreEvent): void {
    this.log.push(event);
    if (this.log.length > EVENT_LOG_CAPACITY * 1.25) {
      // Trim in batches so a busy store does not shift a 20k array on every write.
      this.log.splice(0, this.log.length - EVENT_LOG_CAPACITY);
    }
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (e) {
        // A broken listener (e.g. a socket that just closed) must never break a write.
        process.stderr.write(`[sim] store listener failed: ${ (e as Error)?.stack || e }\n`);
      }
    }
  }
}
