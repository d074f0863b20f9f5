import {
  existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { verifyPassword } from '../../../sim/auth/passwords';
import { namespacesOf, settingsOf, SimulatedHarvester } from '../../../sim/harvester/harvester-fleet';
import { startSimulator } from '../../../sim/server';
import { SimState } from '../../../sim/state';
import { TYPES } from '../../../sim/steve/type-catalog';
import {
  CorruptStateError, readStateFile, STATE_FORMAT, stateFilePath, writeStateFileAtomic
} from '../../../sim/store/persistence';
import { buildInMemorySim, PASSWORD, SERVER_URL } from './support/in-memory-sim';

describe('sim: persistence', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sim-state-'));
  });
  afterEach(() => {
    jest.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('state file', () => {
    it('is written atomically: complete JSON, private mode, no temp file left behind', () => {
      writeStateFileAtomic(dir, { format: STATE_FORMAT, n: 1 });
      writeStateFileAtomic(dir, { format: STATE_FORMAT, n: 2 });

      expect(readdirSync(dir)).toEqual(['state.json']);
      expect(JSON.parse(readFileSync(stateFilePath(dir), 'utf8'))).toEqual({ format: STATE_FORMAT, n: 2 });
      expect(statSync(stateFilePath(dir)).mode & 0o777).toBe(0o600);
    });

    it('creates the data directory when needed', () => {
      const nested = join(dir, 'a', 'b');

      writeStateFileAtomic(nested, { format: STATE_FORMAT });
      expect(readStateFile(nested)).toEqual({ format: STATE_FORMAT });
    });

    it('reads nothing when there is no file', () => {
      expect(readStateFile(dir)).toBeUndefined();
    });

    it.each([
      ['truncated JSON', '{"format":"harvester-manager-sim/v1","store":{'],
      ['not JSON at all', 'hello'],
      ['an unknown format', JSON.stringify({ format: 'something-else/v9' })],
      ['a JSON array', '[]'],
      ['JSON null', 'null'],
    ])('a file with %s is a CorruptStateError that names the file and --reset', (_what, content) => {
      writeFileSync(stateFilePath(dir), content);
      let error: unknown;

      try {
        readStateFile(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CorruptStateError);
      expect((error as CorruptStateError).message).toContain(stateFilePath(dir));
      expect((error as CorruptStateError).message).toContain('--reset');
    });
  });

  describe('SimState', () => {
    it('saves everything and loads it back into a fresh state', () => {
      const first = buildInMemorySim({}, dir);
      const created = first.lifecycle.createFromNorman({ name: 'persist-me', labels: { 'provider.cattle.io': 'harvester' } }, 'user-admin');
      const session = first.state.sessions.create('user-admin', 'test session', true);

      first.state.preferences.set('user-admin', { theme: 'ui-dark' });
      first.state.fleet.ensure('standalone', 'v1.8.0');
      first.close(); // flushes
      expect(existsSync(stateFilePath(dir))).toBe(true);
      expect(readdirSync(dir)).toEqual(['state.json']);

      const second = new SimState({
        serverUrl: SERVER_URL, harvesterDelayMs: 20, deleteDelayMs: 20, rancherVersion: 'v2.12.3'
      }, dir);

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

    it('an in-memory state (no data dir) loads nothing and writes nothing', () => {
      const sim = buildInMemorySim({}, null);

      expect(sim.state.load()).toBe(false);
      sim.close();
      expect(readdirSync(dir)).toEqual([]);
    });

    it('store changes are saved after a short debounce, without an explicit flush', () => {
      jest.useFakeTimers();
      const sim = buildInMemorySim({}, dir);

      sim.state.flush();
      sim.state.store.patch(TYPES.SETTING, 'ui-pl', (s) => {
        s.value = 'Debounced';
      });
      const saved = () => readStateFile<{ format: string, store: { tables: Record<string, Array<{ metadata: { name: string }, value?: string }>> } }>(dir);

      expect(saved()?.store.tables[TYPES.SETTING].find((s) => s.metadata.name === 'ui-pl')?.value).toBe('Rancher');
      jest.advanceTimersByTime(300);
      expect(saved()?.store.tables[TYPES.SETTING].find((s) => s.metadata.name === 'ui-pl')?.value).toBe('Debounced');
      expect(readdirSync(dir)).toEqual(['state.json']);
      sim.close();
    });

    it('a corrupt file is reported, not overwritten', () => {
      writeFileSync(stateFilePath(dir), '{"format": "harvester-manager-sim/v1", ');
      const state = new SimState({
        serverUrl: SERVER_URL, harvesterDelayMs: 20, deleteDelayMs: 20, rancherVersion: 'v2.12.3'
      }, dir);

      expect(() => state.load()).toThrow(CorruptStateError);
      state.close();
      expect(readFileSync(stateFilePath(dir), 'utf8')).toBe('{"format": "harvester-manager-sim/v1", ');
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

    it('refuses to start on a corrupt file (CorruptStateError) and leaves it alone; --reset starts fresh', async() => {
      writeFileSync(stateFilePath(dir), 'garbage');
      const outcome = await start().then(async(started) => {
        await started.close();

        return 'started';
      }, (e: unknown) => e);

      expect(outcome).toBeInstanceOf(CorruptStateError);
      expect(readFileSync(stateFilePath(dir), 'utf8')).toBe('garbage');

      const fresh = await start(true);

      try {
        expect(fresh.state.store.list(TYPES.PROV_CLUSTER).map((p) => p.metadata.name).sort()).toEqual(['harvester-lab', 'harvester-prod', 'local']);
        expect(readStateFile(dir)).toMatchObject({ format: STATE_FORMAT });
      } finally {
        await fresh.close();
      }
    });
  });
});
