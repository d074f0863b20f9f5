import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Simulator } from '../../../sim/server';
import { control, SimClient, startTestSim, waitFor } from '../../integration/support/sim-client';

const PROV = 'provisioning.cattle.io.cluster';

/**
 * Issue 17 item 2 over HTTP: while the simulator cannot save (here another connection holds the
 * database's write lock, so every write meets SQLITE_BUSY — root ignores file modes), a create is
 * refused with 503 and a reason, nothing is made, /sim/health says so, the console says it once,
 * and writes are accepted again once saving works.
 */
describe('sim: a data directory that cannot be written refuses writes with 503 and recovers', () => {
  let dir: string;
  let sim: Simulator;
  let admin: SimClient;
  let console: string[];
  let blocker: Database.Database | undefined;

  const create = (name: string) => admin.post(`/v1/${ PROV }/fleet-default`, {
    type: PROV, metadata: { name, labels: { 'provider.cattle.io': 'harvester' } }, spec: {}
  });

  beforeAll(async() => {
    dir = mkdtempSync(join(tmpdir(), 'sim-storage-'));
    console = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      console.push(String(chunk));

      return true;
    });
    sim = await startTestSim({ dataDir: dir, quiet: false });
    admin = await SimClient.cookieLogin(sim.url, 'admin');
  });
  afterAll(async() => {
    blocker?.close();
    await sim?.close();
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('503 with what happened and what to do; nothing is made; health and the console report it; writes resume', async() => {
    expect((await control(sim.url).get('/sim/health')).body).toMatchObject({ ok: true, storage: { durable: true, ok: true } });

    blocker = new Database(join(dir, 'state.db'));
    blocker.exec('BEGIN IMMEDIATE');

    const refused = await create('while-failing');

    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({
      type: 'error', status: 503, code: 'ServiceUnavailable'
    });
    expect(refused.body.message).toMatch(/cannot save changes to .*state\.db .*nothing was changed\. Free disk space or make the data directory writable/);
    expect((await admin.get(`/v1/${ PROV }/fleet-default/while-failing`)).status).toBe(404);

    const health = await control(sim.url).get('/sim/health');

    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({
      ok:      false,
      storage: {
        durable: true, ok: false, error: expect.stringMatching(/locked|busy/i), since: expect.any(String)
      }
    });

    // a second write meanwhile is refused too, and the console said it once
    expect((await create('also-refused')).status).toBe(503);
    expect(console.filter((l) => l.includes('[sim] CANNOT SAVE to'))).toHaveLength(1);
    expect(console.join('')).toMatch(/Writes are refused with 503 until saving works again \(GET \/sim\/health\)/);

    blocker.exec('COMMIT');
    blocker.close();
    blocker = undefined;

    const accepted = await waitFor('writes accepted again', async() => {
      const res = await create('after-recovery');

      return res.status === 201 ? res : undefined;
    }, 10_000, 200);

    expect(accepted.body.metadata.name).toBe('after-recovery');
    expect((await control(sim.url).get('/sim/health')).body).toMatchObject({ ok: true, storage: { ok: true } });
    expect(console.join('')).toMatch(/\[sim\] saving to .*state\.db works again: writes are accepted/);
    expect((await admin.get(`/v1/${ PROV }/fleet-default/while-failing`)).status).toBe(404);
  });
});
