import type { Simulator } from '../../../sim/server';
import { SimClient, startTestSim, waitFor } from '../../integration/support/sim-client';

// Which object an edit of an imported cluster made through Steve lands on. Nothing refuses a
// Norman PUT (administrated is "false" for imported clusters); on 2.10 the provisioning cluster
// is the source of truth and the controller rebuilds the management cluster from it, from 2.11
// the management cluster is (rancher pkg/controllers/provisioningv2/cluster/controller.go).

const PROV = 'provisioning.cattle.io.cluster';
const MGMT = 'management.cattle.io.cluster';

describe.each([
  ['v2.10.6', 'provisioning'],
  ['v2.12.3', 'management'],
])('sim: editing a Steve-made imported cluster on Rancher %s', (rancherVersion, sourceOfTruth) => {
  let sim: Simulator;
  let admin: SimClient;
  let id: string;

  beforeAll(async() => {
    sim = await startTestSim({ rancherVersion });
    admin = await SimClient.bearerLogin(sim.url, 'admin');
    const created = await admin.post(`/v1/${ PROV }/fleet-default`, {
      type: PROV, metadata: { name: 'steve-made', labels: { 'provider.cattle.io': 'harvester' } }, spec: {}
    });

    expect(created.status).toBe(201);
    id = await waitFor('adoption', async() => (await admin.get(`/v1/${ PROV }/fleet-default/steve-made`)).body?.status?.clusterName);
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('the management cluster says administrated "false", and a Norman PUT is accepted', async() => {
    const mgmt = (await admin.get(`/v1/${ MGMT }/${ id }`)).body;

    expect(mgmt.metadata.annotations['provisioning.cattle.io/administrated']).toBe('false');
    const norman = (await admin.get(`/v3/clusters/${ id }`)).body;
    const put = await admin.put(`/v3/clusters/${ id }`, { ...norman, description: 'edited through Norman' });

    expect(put.status).toBe(200);
    const after = (await admin.get(`/v1/${ MGMT }/${ id }`)).body;

    // 2.10: overwritten from the provisioning cluster (which has no description); 2.11+: kept
    expect(after.spec.description).toBe(sourceOfTruth === 'management' ? 'edited through Norman' : '');
  });

  it('an edit of the provisioning cluster reaches the management cluster only on 2.10', async() => {
    const prov = (await admin.get(`/v1/${ PROV }/fleet-default/steve-made`)).body;
    const put = await admin.put(prov.links.update, { ...prov, metadata: { ...prov.metadata, annotations: { ...prov.metadata.annotations, 'field.cattle.io/description': 'edited through Steve' } } });

    expect(put.status).toBe(200);
    const after = (await admin.get(`/v1/${ MGMT }/${ id }`)).body;

    expect(after.spec.description).toBe(sourceOfTruth === 'provisioning' ? 'edited through Steve' : 'edited through Norman');
  });
});

// A cluster made through Norman: Rancher's provisioning-cluster-create generating handler keeps
// its provisioning cluster's labels and annotations those of the management cluster, without
// keys containing `cattle.io/` (`provider.cattle.io` has no slash and is kept;
// sim/controllers/legacy-provisioning-metadata.ts).
describe.each(['v2.10.6', 'v2.12.3'])('sim: labels of a Norman-made cluster on Rancher %s', (rancherVersion) => {
  let sim: Simulator;
  let admin: SimClient;
  let id: string;
  const provLabels = async() => (await admin.get(`/v1/${ PROV }/fleet-default/${ id }`)).body?.metadata?.labels;

  beforeAll(async() => {
    sim = await startTestSim({ rancherVersion });
    admin = await SimClient.bearerLogin(sim.url, 'admin');
    const created = await admin.post('/v3/clusters', {
      type: 'cluster', name: 'norman-made', labels: { env: 'lab', 'provider.cattle.io': 'harvester' }, annotations: { 'field.cattle.io/hidden': 'x', note: 'kept' },
    });

    expect(created.status).toBe(201);
    id = created.body.id;
    await waitFor('provisioning cluster', async() => (await admin.get(`/v1/${ PROV }/fleet-default/${ id }`)).status === 200);
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('the provisioning cluster is made with the labels, annotations and display name, not the cattle.io/ ones', async() => {
    const prov = (await admin.get(`/v1/${ PROV }/fleet-default/${ id }`)).body;

    expect(prov.metadata.labels).toEqual({ env: 'lab', 'provider.cattle.io': 'harvester' });
    expect(prov.metadata.annotations['provisioning.cattle.io/management-cluster-display-name']).toBe('norman-made');
    expect(prov.metadata.annotations.note).toBe('kept');
    expect(prov.metadata.annotations['field.cattle.io/hidden']).toBeUndefined();
  });

  it('labels saved through Norman reach the provisioning cluster, removed ones go, labels set there by others stay', async() => {
    const prov = (await admin.get(`/v1/${ PROV }/fleet-default/${ id }`)).body;

    expect((await admin.put(prov.links.update, { ...prov, metadata: { ...prov.metadata, labels: { ...prov.metadata.labels, 'set-on-prov': 'yes' } } })).status).toBe(200);
    const norman = (await admin.get(`/v3/clusters/${ id }`)).body;

    expect((await admin.put(`/v3/clusters/${ id }`, { ...norman, labels: { tier: 'gold' } })).status).toBe(200);
    await waitFor('labels applied', async() => (await provLabels())?.tier === 'gold');
    expect(await provLabels()).toEqual({ 'set-on-prov': 'yes', tier: 'gold' });
  });
});
