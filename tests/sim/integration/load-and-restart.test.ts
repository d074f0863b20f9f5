/**
 * Load and crash safety: 50 concurrent imports and deletes through the API, racing duplicate
 * names, and a `kill -9` of a simulator process in the middle of imports — after a restart the
 * persisted state is consistent and the controllers finish what was in flight.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { control, SimClient, startTestSim, waitFor } from '../../integration/support/sim-client';
import type { Simulator } from '../../../sim/server';
import { SimProcess } from '../../../drivers/sim-process';

/** Registration steps and deletes take this long in the crashing simulator. */
const SLOW_MS = 3000;

interface SimState {
  clusters: Array<{ id: string, clusterId: string | null, state: string | null }>;
  managementClusters: string[];
  tokens: string[];
}

/** Every provisioning cluster has its management cluster and token, and vice versa. */
function inconsistencies(state: SimState): string[] {
  const problems: string[] = [];
  const mgmt = new Set(state.managementClusters);
  const provByCluster = new Map(state.clusters.map((c) => [c.clusterId, c.id]));

  for (const c of state.clusters) {
    if (!c.clusterId || !mgmt.has(c.clusterId)) {
      problems.push(`provisioning cluster ${ c.id } has no management cluster (${ c.clusterId })`);
    }
  }
  for (const id of state.managementClusters) {
    if (id !== 'local' && !provByCluster.has(id)) {
      problems.push(`management cluster ${ id } has no provisioning cluster`);
    }
    if (id !== 'local' && !state.tokens.includes(`${ id }/default-token`)) {
      problems.push(`management cluster ${ id } has no registration token`);
    }
  }

  return problems;
}

const normanCreate = (admin: SimClient, name: string) => admin.request('POST', '/v3/clusters', {
  body: {
    type: 'cluster', name, labels: { 'provider.cattle.io': 'harvester' }, agentEnvVars: []
  }
});

describe('50 concurrent imports and deletes', () => {
  let sim: Simulator;

  beforeAll(async() => {
    sim = await startTestSim();
  });
  afterAll(async() => {
    await sim.close();
  });

  it('creates each cluster exactly once, even when the same name is posted twice at once', async() => {
    const admin = await SimClient.bearerLogin(sim.url, 'admin');
    const names = Array.from({ length: 50 }, (_, i) => `load-${ i }`);
    // Every name is sent twice concurrently: a double click, or a retried request.
    const responses = await Promise.all(names.flatMap((name) => [normanCreate(admin, name), normanCreate(admin, name)]));
    const created = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status !== 201);

    expect(created).toHaveLength(50);
    expect(new Set(created.map((r) => r.body.name))).toEqual(new Set(names));
    expect(refused.every((r) => r.status === 422 && r.body.code === 'NotUnique')).toBe(true);

    const state = await waitFor('every import to get its provisioning cluster and token', async() => {
      const s = (await control(sim.url).request('GET', '/sim/state')).body as SimState;

      return s.clusters.length === 53 && inconsistencies(s).length === 0 ? s : undefined;
    }, 10_000);

    expect(state.managementClusters).toHaveLength(53);
  });

  it('deletes all 50 concurrently and leaves exactly the seeded clusters', async() => {
    const admin = await SimClient.bearerLogin(sim.url, 'admin');
    const list = await admin.request('GET', '/v1/provisioning.cattle.io.clusters?filter=metadata.name~c-&pagesize=1000');
    const ours: { id: string; metadata: { name: string } }[] = list.body.data.filter((p: { metadata: { name: string } }) => p.metadata.name.startsWith('c-'));

    expect(ours).toHaveLength(50);
    const deletes = await Promise.all(ours.map((p) => admin.request('DELETE', `/v1/provisioning.cattle.io.clusters/${ p.id }`)));

    expect(deletes.map((r) => r.status)).toEqual(ours.map(() => 200));
    const state = await waitFor('the cascade to finish', async() => {
      const s = (await control(sim.url).request('GET', '/sim/state')).body as SimState;

      return s.clusters.length === 3 ? s : undefined;
    }, 10_000);

    expect(state.clusters.map((c) => c.id).sort()).toEqual(['fleet-default/harvester-lab', 'fleet-default/harvester-prod', 'fleet-local/local']);
    expect(inconsistencies(state)).toEqual([]);
  });
});

describe('kill -9 during imports', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-crash-'));
  const sim = new SimProcess({ SIM_DATA_DIR: dataDir, SIM_HARVESTER_DELAY_MS: String(SLOW_MS) });

  afterAll(async() => {
    await sim.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts from a consistent state and finishes what was in flight: imports, a registration and a delete', async() => {
    let url = await sim.start();
    const admin = await SimClient.bearerLogin(url, 'admin');
    const creates = await Promise.all(Array.from({ length: 20 }, (_, i) => normanCreate(admin, `crash-${ i }`)));

    expect(creates.every((r) => r.status === 201)).toBe(true);
    const [registering, deleting] = [creates[0].body.id, creates[1].body.id];

    await waitFor('the imports to be scaffolded', async() => inconsistencies((await control(url).request('GET', '/sim/state')).body).length === 0, 5000);
    const token = await admin.request('GET', `/v3/clusterregistrationtokens?clusterId=${ registering }`);

    expect((await control(url).request('POST', '/sim/harvester/apply', { body: { manifestUrl: token.body.data[0].manifestUrl } })).status).toBe(201);
    expect((await admin.request('DELETE', `/v1/provisioning.cattle.io.clusters/fleet-default/${ deleting }`)).status).toBe(200);
    // The agent connects and the delete finishes only after SLOW_MS: kill before, once saved.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await sim.kill();

    expect(fs.readdirSync(dataDir)).toContain('state.db');

    url = await sim.start();
    const state = await waitFor('the restarted controllers to finish the registration and the delete', async() => {
      const s = (await control(url).request('GET', '/sim/state')).body as SimState;
      const active = s.clusters.find((c) => c.clusterId === registering)?.state === 'active';
      const gone = !s.managementClusters.includes(deleting);

      return active && gone && inconsistencies(s).length === 0 ? s : undefined;
    }, 15_000);
    const names = (await (await SimClient.bearerLogin(url, 'admin')).request('GET', '/v3/clusters')).body.data
      .map((c: { name: string }) => c.name).filter((n: string) => n.startsWith('crash-'));

    // Everything saved survives exactly once; nothing is duplicated or half-made.
    expect(names.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `crash-${ i }`).filter((n) => n !== 'crash-1').sort());
    expect(state.clusters.length).toBe(3 + 19);
  });
});
