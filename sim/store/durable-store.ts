import Database from 'better-sqlite3';
import { mkdirSync } from 'fs';
import { join } from 'path';
import { KubeObject, objectId } from './kube-object';
import { CorruptStateError, STATE_FORMAT } from './persistence';

export const DATABASE_FILE = 'state.db';

/** Everything kept besides the object store, one row each (harvesters: one row per cluster). */
export type MetaKey = 'passwords' | 'tokens' | 'preferences';

export interface DurableContent {
  revision: number;
  objects: Array<{ type: string, obj: KubeObject }>;
  meta: Partial<Record<MetaKey, unknown>>;
  harvesters: unknown[];
}

/** How long a write waits for a lock held by another process before it fails (SQLITE_BUSY). */
const BUSY_TIMEOUT_MS = 250;

/**
 * The simulator's state on disk: SQLite in WAL mode with `synchronous = FULL`, so every committed
 * transaction is in the fsynced log before the call returns — an answered write survives `kill -9`
 * and a power cut. k3s keeps Kubernetes' own state in SQLite the same way (through kine), and every
 * write here is its own transaction, as each etcd write is. Calls are synchronous; errors (disk full,
 * read-only file, lock held) are thrown as better-sqlite3 raises them.
 */
export class DurableStore {
  private readonly putObjectStmt: Database.Statement;
  private readonly putMetaStmt: Database.Statement;
  private readonly putHarvesterStmt: Database.Statement;
  /** One object and the store's revision, as one transaction (built once: this is every write). */
  private readonly putObjectTx: (type: string, id: string, body: string, revision: number) => void;
  private readonly removeObjectTx: (type: string, id: string, revision: number) => void;

  private constructor(private readonly db: Database.Database, readonly file: string) {
    this.putObjectStmt = db.prepare('INSERT INTO objects (type, id, body) VALUES (?, ?, ?) ON CONFLICT (type, id) DO UPDATE SET body = excluded.body');
    this.putMetaStmt = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.putHarvesterStmt = db.prepare('INSERT INTO harvesters (name, body) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET body = excluded.body');
    const removeObjectStmt = db.prepare('DELETE FROM objects WHERE type = ? AND id = ?');

    this.putObjectTx = db.transaction((type: string, id: string, body: string, revision: number) => {
      this.putObjectStmt.run(type, id, body);
      this.putMetaStmt.run('revision', String(revision));
    });
    this.removeObjectTx = db.transaction((type: string, id: string, revision: number) => {
      removeObjectStmt.run(type, id);
      this.putMetaStmt.run('revision', String(revision));
    });
  }

  /** Open (or create) `<dataDir>/state.db`. A file that is not this simulator's database is a CorruptStateError. */
  static open(dataDir: string): DurableStore {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, DATABASE_FILE);
    let db: Database.Database | undefined;

    try {
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma(`busy_timeout = ${ BUSY_TIMEOUT_MS }`);
      db.exec(`
        CREATE TABLE IF NOT EXISTS objects (type TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (type, id));
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS harvesters (name TEXT PRIMARY KEY, body TEXT NOT NULL);
      `);
      const format = (db.prepare('SELECT value FROM meta WHERE key = ?').get('format') as { value: string } | undefined)?.value;

      if (format === undefined) {
        db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('format', JSON.stringify(STATE_FORMAT));
      } else if (JSON.parse(format) !== STATE_FORMAT) {
        throw new CorruptStateError(file, `expected format "${ STATE_FORMAT }"`);
      }
    } catch (e) {
      db?.close();
      if (e instanceof CorruptStateError || !/SQLITE_(NOTADB|CORRUPT)/.test((e as { code?: string }).code || '')) {
        throw e;
      }
      throw new CorruptStateError(file, (e as Error).message);
    }

    return new DurableStore(db, file);
  }

  /** True when nothing was ever saved (a new file): the caller seeds. */
  isEmpty(): boolean {
    return !this.db.prepare("SELECT 1 FROM meta WHERE key = 'revision'").get();
  }

  read(): DurableContent {
    const objects = (this.db.prepare('SELECT type, body FROM objects').all() as Array<{ type: string, body: string }>)
      .map((row) => ({ type: row.type, obj: JSON.parse(row.body) as KubeObject }));
    const meta: DurableContent['meta'] = {};

    for (const row of this.db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string, value: string }>) {
      meta[row.key as MetaKey] = JSON.parse(row.value);
    }
    const harvesters = (this.db.prepare('SELECT body FROM harvesters').all() as Array<{ body: string }>).map((row) => JSON.parse(row.body));

    return {
      revision: Number((meta as Record<string, unknown>).revision) || 0, objects, meta, harvesters
    };
  }

  putObject(type: string, id: string, obj: KubeObject, revision: number): void {
    this.putObjectTx(type, id, JSON.stringify(obj), revision);
  }

  removeObject(type: string, id: string, revision: number): void {
    this.removeObjectTx(type, id, revision);
  }

  putMeta(key: MetaKey, value: unknown): void {
    this.putMetaStmt.run(key, JSON.stringify(value));
  }

  putHarvester(name: string, body: unknown): void {
    this.putHarvesterStmt.run(name, JSON.stringify(body));
  }

  /** Replace everything in one transaction (seeding, reset, import of a legacy state.json). */
  replaceAll(content: DurableContent): void {
    this.transaction(() => {
      this.db.exec('DELETE FROM objects; DELETE FROM harvesters; DELETE FROM meta WHERE key <> \'format\'');
      for (const { type, obj } of content.objects) {
        this.putObjectStmt.run(type, objectId(obj), JSON.stringify(obj));
      }
      for (const [key, value] of Object.entries(content.meta)) {
        this.putMetaStmt.run(key, JSON.stringify(value));
      }
      for (const h of content.harvesters as Array<{ name: string }>) {
        this.putHarvesterStmt.run(h.name, JSON.stringify(h));
      }
      this.putMetaStmt.run('revision', String(content.revision));
    });
  }

  /** A small real write: fails when other writes would (used to notice the disk is usable again). */
  probe(): void {
    this.putMetaStmt.run('probedAt', JSON.stringify(new Date().toISOString()));
  }

  /** Several writes as one transaction; nested calls join the outer one. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) {
      this.db.close();
    }
  }
}
