import type { Simulator } from '../../../sim/server';
import { SimClient, startTestSim } from '../../integration/support/sim-client';
import { WatchClient } from '../../integration/support/watch-client';

const MGMT = 'management.cattle.io.cluster';
const PROV = 'provisioning.cattle.io.cluster';
const WATCHERS = 100;

/**
 * Issue 7: the simulator serves 5,000 Harvester clusters and 100 concurrent websocket watchers —
 * every watcher (admin and read-only alike) gets the events it may see, and paginated queries
 * keep answering meanwhile.
 */
describe('integration: 100 websocket watchers over 5,000 clusters', () => {
  let sim: Simulator;
  let admin: SimClient;
  let readonly: SimClient;
  const sockets: WatchClient[] = [];

  beforeAll(async() => {
    sim = await startTestSim({ seedClusters: 4998 });
    admin = await SimClient.bearerLogin(sim.url, 'admin');
    readonly = await SimClient.bearerLogin(sim.url, 'project-readonly');
  }, 120_000);
  afterAll(async() => {
    sockets.splice(0).forEach((s) => s.close());
    await sim?.close();
  });

  it('every watcher gets a new cluster\'s events (admins) or none (read-only), and pages still answer', async() => {
    for (let i = 0; i < WATCHERS; i++) {
      const socket = await WatchClient.open(i % 10 === 0 ? readonly : admin);

      sockets.push(socket);
      await socket.watch(MGMT);
      await socket.watch(PROV);
    }
    const page = await admin.get(`/v1/${ MGMT }s?filter=metadata.labels[provider.cattle.io]=harvester,status.provider=harvester&sort=spec.displayName&page=40&pagesize=100`);

    expect(page.status).toBe(200);
    expect(page.body.count).toBe(5000);
    expect(page.body.data).toHaveLength(100);

    const created = await admin.post('/v3/clusters', {
      type: 'cluster', name: 'watched-by-100', labels: { 'provider.cattle.io': 'harvester' }
    });

    expect(created.status).toBe(201);
    const id = created.body.id;
    const admins = sockets.filter((_, i) => i % 10 !== 0);
    const readers = sockets.filter((_, i) => i % 10 === 0);

    await Promise.all(admins.map((s) => s.next((m) => m.name === 'resource.create' && m.resourceType === MGMT && m.data?.id === id, 0, 20_000)));
    await Promise.all(admins.map((s) => s.next((m) => m.name === 'resource.create' && m.resourceType === PROV && m.data?.id === `fleet-default/${ id }`, 0, 20_000)));
    expect(readers.every((s) => s.about(id).length === 0 && s.about(`fleet-default/${ id }`).length === 0)).toBe(true);
    expect(sockets.every((s) => !s.closed)).toBe(true);

    const after = await admin.get(`/v1/${ MGMT }s?filter=metadata.labels[provider.cattle.io]=harvester,status.provider=harvester&page=1&pagesize=10`);

    expect(after.body.count).toBe(5001);
  }, 180_000);
});
