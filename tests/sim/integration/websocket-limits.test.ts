import type { Simulator } from '../../../sim/server';
import { MAX_SUBSCRIPTIONS_PER_SOCKET, MAX_SUBSCRIPTIONS_PER_USER } from '../../../sim/steve/subscription-table';
import { SimClient, startTestSim, waitFor } from '../../integration/support/sim-client';
import { WatchClient, WatchMessage } from '../../integration/support/watch-client';

const PROV = 'provisioning.cattle.io.cluster';

/** Per-object watches, as the dashboard opens one per detail page (each a distinct apiserver key). */
function subscribeMany(ws: WatchClient, count: number, prefix: string): void {
  for (let i = 0; i < count; i++) {
    ws.send({ resourceType: PROV, id: `fleet-default/${ prefix }-${ i }` });
  }
}

const starts = (ws: WatchClient) => ws.messages.filter((m) => m.name === 'resource.start').length;
const refusals = (ws: WatchClient) => ws.messages.filter((m: WatchMessage) => m.name === 'resource.error' && /too many subscriptions/.test(String(m.data?.error)));

describe('sim: subscriptions per websocket and per user are bounded (issue 17 item 11)', () => {
  let sim: Simulator;
  let admin: SimClient;
  const sockets: WatchClient[] = [];

  const open = async(): Promise<WatchClient> => {
    const ws = await WatchClient.open(admin);

    sockets.push(ws);

    return ws;
  };

  beforeAll(async() => {
    sim = await startTestSim();
    admin = await SimClient.cookieLogin(sim.url, 'admin');
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(async() => {
    await sim?.close();
  });

  it('20,000 subscriptions on one socket: the first 1,000 start, the rest are refused with a reason, and the API still answers', async() => {
    const ws = await open();

    subscribeMany(ws, 20_000, 'flood');
    await waitFor('every subscribe answered', () => starts(ws) + refusals(ws).length >= 20_000 || undefined, 60_000, 50);
    expect(starts(ws)).toBe(MAX_SUBSCRIPTIONS_PER_SOCKET);
    expect(refusals(ws)).toHaveLength(20_000 - MAX_SUBSCRIPTIONS_PER_SOCKET);
    expect(refusals(ws)[0]).toMatchObject({ resourceType: PROV, data: { error: expect.stringMatching(/allows 1000 on one connection.*stop some watches/) } });
    expect((await admin.get(`/v1/${ PROV }`)).status).toBe(200);
  });

  it('a stopped watch frees its place; subscribing to a key already watched starts nothing new', async() => {
    const ws = await open();

    subscribeMany(ws, MAX_SUBSCRIPTIONS_PER_SOCKET, 'full');
    await waitFor('all started', () => starts(ws) >= MAX_SUBSCRIPTIONS_PER_SOCKET || undefined, 30_000, 20);
    expect((await ws.watch(PROV, { id: 'fleet-default/one-more' })).name).toBe('resource.error');

    ws.send({
      resourceType: PROV, id: 'fleet-default/full-0', stop: true
    });
    await ws.next((m) => m.name === 'resource.stop' && m.id === 'fleet-default/full-0');
    expect((await ws.watch(PROV, { id: 'fleet-default/one-more' })).name).toBe('resource.start');

    // apiserver watcher.go: the same key again is ignored — no second resource.start, no refusal
    const before = ws.messages.length;

    ws.send({ resourceType: PROV, id: 'fleet-default/one-more' });
    expect((await ws.watch(PROV, { id: 'fleet-default/full-0' })).name).toBe('resource.error'); // full again
    expect(ws.messages.slice(before).filter((m) => m.id === 'fleet-default/one-more')).toEqual([]);
  });

  it(`one user holds at most ${ MAX_SUBSCRIPTIONS_PER_USER } across sockets; closing a socket gives its share back`, async() => {
    const perSocket = MAX_SUBSCRIPTIONS_PER_SOCKET;
    const full: WatchClient[] = [];

    for (let s = 0; s < MAX_SUBSCRIPTIONS_PER_USER / perSocket; s++) {
      const ws = await open();

      subscribeMany(ws, perSocket, `user-${ s }`);
      full.push(ws);
    }
    await waitFor('all started', () => full.every((ws) => starts(ws) >= perSocket) || undefined, 60_000, 50);
    const extra = await open();

    expect(await extra.watch(PROV)).toMatchObject({ name: 'resource.error', data: { error: expect.stringMatching(/allows 4000 for one user/) } });

    // another user is not affected
    const other = await WatchClient.open(await SimClient.cookieLogin(sim.url, 'project-owner'));

    sockets.push(other);
    expect((await other.watch(PROV)).name).toBe('resource.start');

    full[0].close();
    await waitFor('share given back', async() => ((await extra.watch(PROV, { id: 'fleet-default/after-close' })).name === 'resource.start') || undefined, 5000, 50);
  });
});
