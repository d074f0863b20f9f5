/**
 * Management nodes (`management.cattle.io.node`) over Steve: what the cluster detail page's
 * Machines tab reads with `GET /v1/management.cattle.io.nodes/<clusterId>`. The node syncer makes
 * them once an agent's cluster is Ready (sim/controllers/node-sync.ts); who reads them follows
 * rancher `pkg/data/management/role_data.go` (cluster-owner, cluster-member: yes; project roles: no).
 */
import type { Simulator } from '../../../sim/server';
import {
  control, expectRancherError, SimClient, startTestSim, waitFor
} from '../../integration/support/sim-client';

const NODE = 'management.cattle.io.node';
const NODES = 'management.cattle.io.nodes';
const PROV = 'provisioning.cattle.io.cluster';
const MGMT = 'management.cattle.io.cluster';

function expectNoSchema(res: { status: number, body?: unknown }): void {
  expect({ status: res.status, body: res.body || undefined }).toEqual({ status: 404, body: undefined });
}

describe('integration: management nodes (Machines) over Steve', () => {
  let sim: Simulator;
  let admin: SimClient;
  let prodId: string;
  let labId: string;

  const idOf = async(name: string): Promise<string> => (await admin.get(`/v1/${ PROV }/fleet-default/${ name }`)).body.status.clusterName;

  beforeAll(async() => {
    sim = await startTestSim();
    admin = await SimClient.cookieLogin(sim.url, 'admin');
    prodId = await idOf('harvester-prod');
    labId = await idOf('harvester-lab');
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('admin lists a seeded cluster\'s machines in its namespace, by id too, as Steve renders them', async() => {
    const list = await admin.get(`/v1/${ NODES }/${ prodId }`);

    expect(list.status).toBe(200);
    expect(list.body.resourceType).toBe(NODE);
    expect(list.body.data).toHaveLength(3);
    const machine = list.body.data[0];

    expect(machine).toMatchObject({
      id:         expect.stringMatching(new RegExp(`^${ prodId }/machine-[a-z0-9]{5}$`)),
      type:       NODE,
      apiVersion: 'management.cattle.io/v3',
      kind:       'Node',
      // disallow.go: management.cattle.io writes are blocked on Steve
      links:      {
        update: 'blocked', patch: 'blocked', remove: 'blocked'
      },
      metadata: {
        namespace: prodId,
        state:     {
          name: 'active', error: false, transitioning: false
        }
      },
      spec: {
        controlPlane: true, etcd: true, worker: false
      },
      status: { nodeName: expect.stringMatching(/^harvester-node-\d$/) },
    });
    expect(machine.status.internalNodeStatus.nodeInfo.kubeletVersion).toMatch(/^v1\.\d+\.\d+\+rke2r\d$/);
    expect(machine.status.internalNodeStatus.addresses.find((a: { type: string }) => a.type === 'InternalIP')).toBeDefined();

    const byId = await admin.get(`/v1/${ NODES }/${ machine.id }`);

    expect(byId.status).toBe(200);
    expect(byId.body.id).toBe(machine.id);
    // every cluster's machines, unnamespaced
    const all = (await admin.get(`/v1/${ NODES }`)).body.data.map((m: { metadata: { namespace: string } }) => m.metadata.namespace);

    expect(all.filter((ns: string) => ns === labId)).toHaveLength(3);
    // Steve refuses writes on it (apiserver PermissionDenied)
    expectRancherError(await admin.delete(`/v1/${ NODES }/${ machine.id }`), 403, 'PermissionDenied');
  });

  it.each(['project-readonly', 'project-owner'])('%s (a project role) has no schema for them: 404 without body', async(username) => {
    const user = await SimClient.cookieLogin(sim.url, username);
    const schemas = (await user.get('/v1/schemas')).body.data.map((s: { id: string }) => s.id);
    const machine = (await admin.get(`/v1/${ NODES }/${ prodId }`)).body.data[0];

    expect(schemas).not.toContain(NODE);
    expect((await user.get(`/v1/${ MGMT }/${ prodId }`)).status).toBe(200); // the cluster itself they see
    expectNoSchema(await user.get(`/v1/${ NODES }/${ prodId }`));
    expectNoSchema(await user.get(`/v1/${ NODES }/${ machine.id }`));
  });

  it('a cluster member reads the machines of that cluster only, read-only', async() => {
    const none = await SimClient.cookieLogin(sim.url, 'no-access');
    const noneId = (await none.get('/v3/principals')).body.data[0].id;

    expectNoSchema(await none.get(`/v1/${ NODES }/${ labId }`));
    const binding = await admin.post('/v3/clusterroletemplatebindings', {
      clusterId: labId, userPrincipalId: noneId, roleTemplateId: 'cluster-member'
    });

    expect(binding.status).toBe(201);
    const schema = (await none.get(`/v1/schemas/${ NODE }`)).body;

    expect(schema.collectionMethods).toContain('GET');
    const lab = await none.get(`/v1/${ NODES }/${ labId }`);

    expect(lab.body.data).toHaveLength(3);
    expect(lab.body.data[0].links.update).toBeUndefined();
    expect(lab.body.data[0].links.remove).toBeUndefined();
    expect((await none.get(`/v1/${ NODES }/${ prodId }`)).body.data).toEqual([]);
    expect((await none.get(`/v1/${ NODES }`)).body.data.every((m: { metadata: { namespace: string } }) => m.metadata.namespace === labId)).toBe(true);
    expect((await admin.delete(`/v3/clusterroletemplatebindings/${ binding.body.id }`)).status).toBe(200);
    expectNoSchema(await none.get(`/v1/${ NODES }/${ labId }`));
  });

  it('a cluster owner\'s import: machines appear once the agent connects, only theirs are listed, and they go with the cluster', async() => {
    const std = await SimClient.cookieLogin(sim.url, 'standard-user');

    expectNoSchema(await std.get(`/v1/${ NODES }`));
    const created = await std.post(`/v1/${ PROV }/fleet-default`, {
      type:     PROV,
      metadata: {
        name: 'std-nodes', namespace: 'fleet-default', labels: { 'provider.cattle.io': 'harvester' }
      },
      spec: {},
    });

    expect(created.status).toBe(201);
    const id = await waitFor('management cluster', async() => (await admin.get(`/v1/${ PROV }/fleet-default/std-nodes`)).body?.status?.clusterName);

    await waitFor('owner access', async() => (await std.get(`/v1/${ MGMT }/${ id }`)).status === 200);
    expect((await std.get(`/v1/${ NODES }/${ id }`)).body.data).toEqual([]);
    const token = await waitFor('registration token', async() => (await admin.get(`/v3/clusterregistrationtokens?clusterId=${ id }`)).body.data[0]);

    expect((await control(sim.url).post('/sim/harvester/apply', { manifestUrl: token.manifestUrl })).status).toBe(201);
    const machines = await waitFor('machines', async() => {
      const res = await std.get(`/v1/${ NODES }/${ id }`);

      return res.body?.data?.length === 3 ? res.body.data : undefined;
    });

    expect((await std.get(`/v1/${ MGMT }/${ id }`)).body.metadata.state.name).toBe('active');
    expect(machines.map((m: { status: { nodeName: string } }) => m.status.nodeName).sort()).toEqual(['harvester-node-0', 'harvester-node-1', 'harvester-node-2']);
    expect(machines[0].links.update).toBe('blocked');
    // other clusters' machines: an empty list in their namespace, 404 by id
    expect((await std.get(`/v1/${ NODES }/${ prodId }`)).body.data).toEqual([]);
    const prodMachine = (await admin.get(`/v1/${ NODES }/${ prodId }`)).body.data[0];

    expectRancherError(await std.get(`/v1/${ NODES }/${ prodMachine.id }`), 404);
    expect((await std.get(`/v1/${ NODES }`)).body.data.map((m: { id: string }) => m.id).sort()).toEqual(machines.map((m: { id: string }) => m.id).sort());

    expect((await std.delete(`/v1/${ PROV }/fleet-default/std-nodes`)).status).toBeLessThan(300);
    await waitFor('cluster gone', async() => (await admin.get(`/v1/${ MGMT }/${ id }`)).status === 404);
    expect((await admin.get(`/v1/${ NODES }/${ id }`)).body.data).toEqual([]);
    expectRancherError(await admin.get(`/v1/${ NODES }/${ machines[0].id }`), 404);
  });
});
