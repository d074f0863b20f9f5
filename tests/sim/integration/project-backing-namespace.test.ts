import type { Simulator } from '../../../sim/server';
import { TYPES } from '../../../sim/steve/type-catalog';
import { SimClient, startTestSim } from '../../integration/support/sim-client';

const PROJECT = 'management.cattle.io.project';
const PRTB = 'management.cattle.io.projectroletemplatebinding';

/**
 * A project created through Steve gets its backing namespace (rancher/webhook project mutator,
 * rancher's project lifecycle: sim/controllers/project-backing-namespace.ts), where its members'
 * bindings can then be created; a project whose namespace is taken is refused and not made.
 */
describe('integration: a new project\'s backing namespace', () => {
  let sim: Simulator;
  let admin: SimClient;
  let clusterId: string;

  beforeAll(async() => {
    sim = await startTestSim();
    admin = await SimClient.cookieLogin(sim.url, 'admin');
    clusterId = (await admin.get('/v1/provisioning.cattle.io.clusters/fleet-default/harvester-lab')).body.status.clusterName;
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('is <cluster>-<project>, in status.backingNamespace, and exists at once: the project\'s bindings go there', async() => {
    const created = await admin.post(`/v1/${ PROJECT }s`, {
      type: PROJECT, metadata: { generateName: 'p-', namespace: clusterId }, spec: { clusterName: clusterId, displayName: 'vm-team' }
    });

    expect(created.status).toBe(201);
    const { name } = created.body.metadata;
    const namespace = `${ clusterId }-${ name }`;

    expect(created.body.status.backingNamespace).toBe(namespace);
    expect(sim.state.store.has(TYPES.NAMESPACE, namespace)).toBe(true);
    const owner = sim.state.findUserByUsername('project-owner')?.metadata.name;
    const binding = await admin.post(`/v1/${ PRTB }s`, {
      type: PRTB, metadata: { generateName: 'prtb-', namespace }, projectName: `${ clusterId }:${ name }`, userName: owner, roleTemplateName: 'project-member',
    });

    expect(binding.status).toBe(201);
  });

  it('a project whose backing namespace is taken is the webhook failing, and nothing is made', async() => {
    sim.state.store.create(TYPES.NAMESPACE, { metadata: { name: `${ clusterId }-p-taken` }, status: { phase: 'Active' } });
    const before = sim.state.store.list(TYPES.PROJECT).length;
    const res = await admin.post(`/v1/${ PROJECT }s`, {
      type: PROJECT, metadata: { name: 'p-taken', namespace: clusterId }, spec: { clusterName: clusterId, displayName: 'taken' }
    });

    expect(res.status).toBe(500);
    expect(res.body.message).toBe(`Internal error occurred: failed calling webhook "rancher.cattle.io.projects.management.cattle.io": failed to create project namespace : namespace ${ clusterId }-p-taken already exists`);
    expect(sim.state.store.list(TYPES.PROJECT).length).toBe(before);
  });
});
