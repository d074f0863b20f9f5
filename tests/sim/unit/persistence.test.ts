import Database from 'better-sqlite3';
import {
  existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { verifyPassword } from '../../../sim/auth/passwords';
import { ApiError } from '../../../sim/core/api-error';
import { namespacesOf, settingsOf, SimulatedHarvester } from '../../../sim/harvester/harvester-fleet';
import { startSimulator } from '../../../sim/server';
import { SimState } from '../../../sim/state';
import { TYPES } from '../../../sim/steve/type-catalog';
import { DATABASE_FILE } from '../../../sim/store/durable-store';
import { CorruptStateError, readStateFile, STATE_FORMAT, stateFilePath } from '../../../sim/store/persistence';
import { buildInMemorySim, PASSWORD, SERVER_URL } from './support/in-memory-sim';

const CONFIG = {
  serverUrl: SERVER_URL, harvesterDelayMs: 20, deleteDelayMs: 20, rancherVersion: 'v2.12.3'
};

/** What another process reading the database file sees right now (no flush, no close). */
function savedSetting(dir: string, name: string): string | undefined {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });

  try {
    const row = db.prepare('SELECT body FROM objects WHERE type = ? AND id = ?').get(TYPES.SETTING, name) as { body: string } | undefined;

    return row ? JSON.parse(row.body).value : undefined;
  } finally {
    db.close();
  }
}

/** Another process holding SQLite's write lock: every write of the simulator fails with SQLITE_BUSY. */
function holdWriteLock(dir: string): () => void {
  const db = new Database(join(dir, DATABASE_FILE));

  db.exec('BEGIN EXCLUSIVE');

  return () => {
    db.exec('ROLLBACK');
    db.close();
  };
}

describe('sim: persistence', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sim-state-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('SimState with a data directory', () => {
    it('a store write is in the database when the call returns: no debounce, no flush', () => {
      const sim = buildInMemorySim({}, dir);

      sim.state.store.patch(TYPES.SETTING, 'ui-pl', (s) => {
        s.value = 'Committed';
      });
      expect(savedSetting(dir, 'ui-pl')).toBe('Committed');
      sim.state.store.remove(TYPES.SETTING, 'ui-pl');
      expect(savedSetting(dir, 'ui-pl')).toBeUndefined();
      sim.close();
    });

    it('saves everything and loads it back into a fresh state', () => {
      const first = buildInMemorySim({}, dir);
      const created = first.lifecycle.createFromNorman({ name: 'persist-me', labels: { 'provider.cattle.io': 'harvester' } }, 'user-admin');
      const session = first.state.sessions.create('user-admin', 'test session', true);

      first.state.setPreferences('user-admin', { theme: 'ui-dark' });
      first.state.saveHarvester(first.state.fleet.ensure('standalone', 'v1.8.0'));
      first.close();
      expect(readdirSync(dir)).toContain(DATABASE_FILE);

      const second = new SimState(CONFIG, dir);

      expect(second.load()).toBe(true);
      expect(second.store.snapshot()).toEqual(first.state.store.snapshot());
      expect(second.store.revision).toBe(first.state.store.revision);
      expect(second.store.get(TYPES.MGMT_CLUSTER, created.metadata.name)?.spec.displayName).toBe('persist-me');
      expect(second.sessions.resolve(`${ session.name }:${ session.secret }`)?.userId).toBe('user-admin');
      expect(second.preferences.get('user-admin')).toEqual({ theme: 'ui-dark' });
      expect(settingsOf(second.fleet.get('standalone') as SimulatedHarvester)['server-version']).toBe('v1.8.0');
      expect(namespacesOf(second.fleet.get('harvester-prod') as SimulatedHarvester)).toContain('cattle-system');
      const owner = second.findUserByUsername('project-owner');

      expect(verifyPassword(PASSWORD, second.passwords.get(owner?.metadata.name as string))).toBe(true);
      // RBAC works on the loaded data
      const access = second.authorizer.accessFor(owner?.metadata.name);

      expect(second.authorizer.visible(access, TYPES.PROV_CLUSTER, second.store.list(TYPES.PROV_CLUSTER)).map((p) => p.metadata.name)).toEqual(['harvester-prod']);
      second.close();
    });

    it('a login token is saved before it is handed out, a revoked one before it stops working', () => {
      const sim = buildInMemorySim({}, dir);
      const token = sim.state.sessions.create('user-admin', 'api key', false);
      const reread = () => new SimState(CONFIG, dir);
      const copy = reread();

      copy.load();
      expect(copy.sessions.resolve(`${ token.name }:${ token.secret }`)?.userId).toBe('user-admin');
      copy.close();
      sim.state.sessions.revoke(token.name);
      const after = reread();

      after.load();
      expect(after.sessions.resolve(`${ token.name }:${ token.secret }`)).toBeUndefined();
      after.close();
      sim.close();
    });

    it('an in-memory state (no data dir) loads nothing and writes nothing', () => {
      const sim = buildInMemorySim({}, null);

      expect(sim.state.load()).toBe(false);
      expect(sim.state.storageHealth).toEqual({ durable: false, ok: true });
      sim.close();
      expect(readdirSync(dir)).toEqual([]);
    });

    it('a file that is not a database is reported, not overwritten', () => {
      writeFileSync(join(dir, DATABASE_FILE), 'this is not SQLite, it only has the name');
      let error: unknown;

      try {
        new SimState(CONFIG, dir).close();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CorruptStateError);
      expect((error as Error).message).toContain(join(dir, DATABASE_FILE));
      expect((error as Error).message).toContain('--reset');
      expect(readFileSync(join(dir, DATABASE_FILE), 'utf8')).toBe('this is not SQLite, it only has the name');
    });
  });

  describe('when saving fails (another process holds the write lock)', () => {
    it('the write answers 503 and changes nothing; the failure is reported once; later writes are refused until a retry succeeds', async() => {
      const sim = buildInMemorySim({}, dir);
      const reports: unknown[] = [];

      sim.state.on('storage', (health) => reports.push(health));
      const before = sim.state.store.get(TYPES.SETTING, 'ui-pl');
      const revisionBefore = sim.state.store.revision;
      const release = holdWriteLock(dir);
      let error: unknown;

      try {
        sim.state.store.patch(TYPES.SETTING, 'ui-pl', (s) => {
          s.value = 'Lost?';
        });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(503);
      expect((error as ApiError).message).toMatch(/cannot save changes to .*state\.db \(database is locked\), so nothing was changed/);
      expect(sim.state.store.get(TYPES.SETTING, 'ui-pl')).toBe(before);
      expect(sim.state.store.revision).toBe(revisionBefore);
      expect(sim.state.storageHealth).toMatchObject({
        durable: true, ok: false, error: 'database is locked'
      });
      expect(() => sim.state.refuseWritesWhileStorageFails()).toThrow(/cannot save changes/);
      expect(reports).toEqual([expect.objectContaining({ ok: false })]);

      release();
      await new Promise((resolve) => setTimeout(resolve, 1100)); // retries are at most once a second
      expect(() => sim.state.refuseWritesWhileStorageFails()).not.toThrow();
      expect(sim.state.storageHealth.ok).toBe(true);
      expect(reports).toEqual([expect.objectContaining({ ok: false }), expect.objectContaining({ ok: true })]);
      sim.state.store.patch(TYPES.SETTING, 'ui-pl', (s) => {
        s.value = 'Saved';
      });
      expect(savedSetting(dir, 'ui-pl')).toBe('Saved');
      sim.close();
    });

    it('a login whose token cannot be saved hands out no token', () => {
      const sim = buildInMemorySim({}, dir);
      const count = sim.state.sessions.list().length;
      const release = holdWriteLock(dir);

      try {
        expect(() => sim.state.sessions.create('user-admin', 'login', true)).toThrow(/cannot save changes/);
        expect(sim.state.sessions.list()).toHaveLength(count);
      } finally {
        release();
        sim.close();
      }
    });
  });

  describe('state.json from before SQLite', () => {
    it('is imported once and renamed, so it is never read again', () => {
      const legacy = buildInMemorySim({}, null);

      legacy.state.store.patch(TYPES.SETTING, 'ui-pl', (s) => {
        s.value = 'From JSON';
      });
      writeFileSync(stateFilePath(dir), JSON.stringify({
        format: STATE_FORMAT, store: legacy.state.store.snapshot(), passwords: Object.fromEntries(legacy.state.passwords), tokens: [], preferences: {}, harvesters: legacy.state.fleet.snapshot(),
      }));
      const state = new SimState(CONFIG, dir);

      expect(state.load()).toBe(true);
      expect(state.setting('ui-pl')).toBe('From JSON');
      expect(state.store.revision).toBe(legacy.state.store.revision);
      expect(existsSync(stateFilePath(dir))).toBe(false);
      expect(existsSync(`${ stateFilePath(dir) }.imported`)).toBe(true);
      state.close();
      expect(savedSetting(dir, 'ui-pl')).toBe('From JSON');
      legacy.close();
    });

    it.each([
      ['truncated JSON', '{"format":"harvester-manager-sim/v1","store":{'],
      ['not JSON at all', 'hello'],
      ['an unknown format', JSON.stringify({ format: 'something-else/v9' })],
      ['a JSON array', '[]'],
      ['JSON null', 'null'],
    ])('a file with %s is a CorruptStateError that names the file and --reset, and is left alone', (_what, content) => {
      writeFileSync(stateFilePath(dir), content);
      const state = new SimState(CONFIG, dir);

      expect(() => state.load()).toThrow(CorruptStateError);
      expect(() => readStateFile(dir)).toThrow(stateFilePath(dir));
      expect(() => readStateFile(dir)).toThrow('--reset');
      state.close();
      expect(readFileSync(stateFilePath(dir), 'utf8')).toBe(content);
    });
  });

  describe('startSimulator with a data directory', () => {
    const start = (reset = false) => startSimulator({
      port: 0, host: '127.0.0.1', dataDir: dir, reset, quiet: true, harvesterDelayMs: 20
    });

    it('keeps what was done across a restart', async() => {
      const first = await start();
      const created = first.state.store.list(TYPES.PROV_CLUSTER).length;

      first.state.store.patch(TYPES.SETTING, 'ui-pl', (s) => {
        s.value = 'Kept';
      });
      await first.close();
      const second = await start();

      try {
        expect(second.state.setting('ui-pl')).toBe('Kept');
        expect(second.state.store.list(TYPES.PROV_CLUSTER)).toHaveLength(created);
      } finally {
        await second.close();
      }
    });

    it('refuses to start on a corrupt database (CorruptStateError) and leaves it alone', async() => {
      writeFileSync(join(dir, DATABASE_FILE), 'garbage');
      const outcome = await start().then(async(started) => {
        await started.close();

        return 'started';
      }, (e: unknown) => e);

      expect(outcome).toBeInstanceOf(CorruptStateError);
      expect(readFileSync(join(dir, DATABASE_FILE), 'utf8')).toBe('garbage');
    });

    it('--reset seeds afresh over what was kept', async() => {
      const first = await start();

      first.state.store.patch(TYPES.SETTING, 'ui-pl', (s) => {
        s.value = 'Forgotten';
      });
      await first.close();
      const fresh = await start(true);

      try {
        expect(fresh.state.setting('ui-pl')).toBe('Rancher');
        expect(fresh.state.store.list(TYPES.PROV_CLUSTER).map((p) => p.metadata.name).sort()).toEqual(['harvester-lab', 'harvester-prod', 'local']);
      } finally {
        await fresh.close();
      }
      const again = await start();

      try {
        expect(again.state.setting('ui-pl')).toBe('Rancher');
      } finally {
        await again.close();
      }
    });
  });
});
