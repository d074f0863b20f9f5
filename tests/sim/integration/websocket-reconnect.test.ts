import type { Simulator } from '../../../sim/server';
import { control, SimClient, startTestSim, waitFor } from '../../integration/support/sim-client';
import { WatchClient, WatchMessage } from '../../integration/support/watch-client';

const PROV = 'provisioning.cattle.io.cluster';
const MGMT = 'management.cattle.io.cluster';

/**
 * A websocket drop and reconnect the way the shell lives through it (issue #8): Steve sends each
 * event's resourceVersion as the message's `revision` (apiserver `APIEvent.Revision`); the shell
 * keeps the highest one per type (`plugins/steve/subscribe.js` queueChange) and, after a reconnect,
 * re-watches from it (`reconnectWatches` → `nextResourceVersion`), so what happened while it was
 * disconnected is replayed. Without `revision` the shell's revision turns NaN, it re-watches
 * without one and misses everything that happened in the gap.
 */
describe('integration: websocket drop and reconnect (/v1/subscribe)', () => {
  let sim: Simulator;
  let admin: SimClient;
  const sockets: WatchClient[] = [];

  const open = async(): Promise<WatchClient> => {
    const socket = await WatchClient.open(admin);

    sockets.push(socket);

    return socket;
  };

  /** What the shell keeps per type: the highest `revision` of the events it was sent. */
  const highestRevision = (messages: WatchMessage[], type: string): number => Math.max(0, ...messages
    .filter((m) => m.resourceType === type && /^resource\.(create|change|remove)$/.test(m.name))
    .map((m) => parseInt(String(m.revision), 10)));

  beforeAll(async() => {
    sim = await startTestSim();
    admin = await SimClient.cookieLogin(sim.url, 'admin');
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.close());
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('every create, change and remove carries the event\'s resourceVersion as `revision`', async() => {
    const ws = await open();

    await ws.watch(PROV);
    await ws.watch(MGMT);
    const created = await admin.post('/v3/clusters', { type: 'cluster', name: 'ws-revision' });

    expect(created.status).toBe(201);
    const id: string = created.body.id;

    await ws.next((m) => m.resourceType === PROV && m.data?.id === `fleet-default/${ id }` && !!m.data?.status?.clusterName);
    await ws.next((m) => m.name === 'resource.change' && m.resourceType === MGMT && m.data?.id === id);
    expect((await admin.delete(`/v1/${ PROV }/fleet-default/${ id }`)).status).toBe(200);
    await ws.next((m) => m.name === 'resource.remove' && m.resourceType === MGMT && m.data?.id === id);
    await ws.next((m) => m.name === 'resource.remove' && m.resourceType === PROV && m.data?.id === `fleet-default/${ id }`);

    const events = ws.messages.filter((m) => /^resource\.(create|change|remove)$/.test(m.name) && [PROV, MGMT].includes(m.resourceType as string));

    expect(events.map((m) => m.name)).toEqual(expect.arrayContaining(['resource.create', 'resource.change', 'resource.remove']));
    for (const m of events) {
      expect(m.revision).toMatch(/^\d+$/);
      if (m.name !== 'resource.remove') {
        expect(m.revision).toBe(m.data.metadata.resourceVersion);
      }
    }
    // revisions only grow, like etcd's
    const revisions = events.map((m) => Number(m.revision));

    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    // a removal is a new revision, after the object's last change
    const ofProv = events.filter((m) => m.resourceType === PROV && m.data?.id === `fleet-default/${ id }`);

    expect(ofProv[ofProv.length - 1].name).toBe('resource.remove');
    expect(Number(ofProv[ofProv.length - 1].revision)).toBeGreaterThan(Number(ofProv[ofProv.length - 2].revision));
  });

  it('re-watching from the highest revision seen replays what happened while the socket was down: the cluster registered in the gap is Active', async() => {
    const ws = await open();

    await ws.watch(PROV);
    await ws.watch(MGMT);
    const created = await admin.post('/v3/clusters', {
      type: 'cluster', name: 'ws-gap', labels: { 'provider.cattle.io': 'harvester' }
    });

    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const token = await waitFor('registration token', async() => (await admin.get(`/v3/clusterregistrationtokens?clusterId=${ id }`)).body.data?.[0]);

    await ws.next((m) => m.resourceType === MGMT && m.data?.id === id);
    await ws.next((m) => m.resourceType === PROV && m.data?.id === `fleet-default/${ id }` && !!m.data?.status?.clusterName);
    const seen = { [PROV]: highestRevision(ws.messages, PROV), [MGMT]: highestRevision(ws.messages, MGMT) };

    expect(seen[PROV]).toBeGreaterThan(0);
    expect(seen[MGMT]).toBeGreaterThan(0);

    // The socket drops; Harvester applies the manifest and the cluster turns Active in the gap.
    expect((await control(sim.url).post('/sim/faults', { kind: 'websocket-drop' })).status).toBe(201);
    await waitFor('socket to close', () => ws.closed);
    expect((await control(sim.url).post('/sim/harvester/apply', { manifestUrl: token.manifestUrl })).status).toBe(201);
    await waitFor('cluster Active', async() => (await admin.get(`/v1/${ MGMT }/${ id }`)).body.metadata?.state?.name === 'active');

    // Reconnect and re-watch from what was seen, as the shell does.
    const again = await open();
    const from = again.messages.length;

    expect((await again.watch(MGMT, { resourceVersion: `${ seen[MGMT] }` })).name).toBe('resource.start');
    expect((await again.watch(PROV, { resourceVersion: `${ seen[PROV] }` })).name).toBe('resource.start');
    const active = await again.next((m) => m.name === 'resource.change' && m.resourceType === MGMT && m.data?.id === id && m.data?.metadata?.state?.name === 'active', from);

    expect(Number(active.revision)).toBeGreaterThan(seen[MGMT]);
    expect(active.data.status.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Connected', status: 'True' })]));
    // nothing from before the revision it resumed from is sent again
    expect(again.messages.slice(from).filter((m) => m.resourceType === MGMT && m.revision !== undefined && Number(m.revision) <= seen[MGMT])).toEqual([]);
  });
});
