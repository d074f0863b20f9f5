import type { Simulator } from '../../../sim/server';
import { SimClient, sleep, startTestSim } from '../../integration/support/sim-client';
import { WatchClient } from '../../integration/support/watch-client';

// rancher/apiserver pkg/subscribe: `mode: resource.changes` exists from v0.6.1 (Rancher 2.12), with a
// debouncer whose first notice goes out at once (debouncer.go); v0.4/v0.5 (2.10/2.11) drop the mode
// while decoding and send every event in full.
const PROV = 'provisioning.cattle.io.cluster';

async function createCluster(admin: SimClient, name: string): Promise<void> {
  const res = await admin.post(`/v1/${ PROV }/fleet-default`, {
    type: PROV, metadata: { name }, spec: {}
  });

  expect(res.status).toBe(201);
}

describe.each([['v2.10.6'], ['v2.11.3']])('sim: websocket on Rancher %s', (rancherVersion) => {
  let sim: Simulator;

  beforeAll(async() => {
    sim = await startTestSim({ rancherVersion });
  });
  afterAll(() => sim?.close());

  it('ignores mode resource.changes: full resource.create events, no notices', async() => {
    const admin = await SimClient.cookieLogin(sim.url, 'admin');
    const ws = await WatchClient.open(admin);

    expect((await ws.watch(PROV, { mode: 'resource.changes', debounceMs: 100 })).name).toBe('resource.start');
    await createCluster(admin, 'full-events');
    const created = await ws.next((m) => m.name === 'resource.create' && m.data?.id === 'fleet-default/full-events');

    expect(created).toMatchObject({ resourceType: PROV, data: { metadata: { name: 'full-events' } } });
    await sleep(300);
    expect(ws.messages.some((m) => m.name === 'resource.changes')).toBe(false);
    ws.close();
  });
});

describe('sim: websocket on Rancher v2.12.3', () => {
  let sim: Simulator;

  beforeAll(async() => {
    sim = await startTestSim({ rancherVersion: 'v2.12.3' });
  });
  afterAll(() => sim?.close());

  it('resource.changes: the first change is noticed at once, the rest of the window in one notice, no objects', async() => {
    const admin = await SimClient.cookieLogin(sim.url, 'admin');
    const ws = await WatchClient.open(admin);

    expect((await ws.watch(PROV, { mode: 'resource.changes', debounceMs: 400 })).name).toBe('resource.start');
    const t0 = Date.now();

    await createCluster(admin, 'first');
    await ws.next((m) => m.name === 'resource.changes');
    expect(Date.now() - t0).toBeLessThan(300);
    await createCluster(admin, 'second');
    await createCluster(admin, 'third');
    await sleep(150);
    expect(ws.messages.filter((m) => m.name === 'resource.changes')).toHaveLength(1);
    await sleep(600);
    // the window's end carries what came meanwhile (adoptions may open one more window)
    expect(ws.messages.filter((m) => m.name === 'resource.changes').length).toBeGreaterThanOrEqual(2);
    expect(ws.messages.some((m) => m.name === 'resource.create')).toBe(false);
    ws.close();
  });
});
