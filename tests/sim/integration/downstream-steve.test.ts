import type { Simulator } from '../../../sim/server';
import { control, expectRancherError, SimClient, startTestSim } from '../../integration/support/sim-client';
import { seededClusters } from './support/seeded-clusters';

interface Named { id: string, metadata: { name: string, annotations?: Record<string, string> }, links: Record<string, string> }

const ALL_SCHEMAS = ['count', 'harvesterhci.io.setting', 'harvesterhci.io.virtualmachineimage', 'kubevirt.io.virtualmachine', 'namespace', 'persistentvolumeclaim', 'schema'];

describe('integration: Steve inside a downstream Harvester cluster (/k8s/clusters/<id>/v1)', () => {
  let sim: Simulator;
  let admin: SimClient;
  let prodId: string;
  let labId: string;
  let projects: Record<string, string>;

  const ids = (list: { data: Named[] }) => list.data.map((o) => o.id).sort();
  const schemaIds = async(client: SimClient, clusterId: string) => ((await client.get(`/k8s/clusters/${ clusterId }/v1/schemas`)).body.data as Named[]).map((s) => s.id).sort();
  const verbsOf = async(client: SimClient, clusterId: string, type: string) => (await client.get(`/k8s/clusters/${ clusterId }/v1/schemas/${ type }`)).body.attributes?.verbs;

  beforeAll(async() => {
    sim = await startTestSim();
    admin = await SimClient.cookieLogin(sim.url, 'admin');
    ({ prodId, labId, projects } = await seededClusters(sim.url, admin));
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('admin: schemas, namespaces filed into the Default and System projects, counts and Harvester settings, with links in the cluster', async() => {
    const base = `${ sim.url }/k8s/clusters/${ labId }/v1`;
    const schemas = await admin.get(`/k8s/clusters/${ labId }/v1/schemas`);

    expect(schemas.status).toBe(200);
    expect(schemas.body.data.map((s: Named) => s.id).sort()).toEqual(ALL_SCHEMAS);
    expect(schemas.body.data.find((s: Named) => s.id === 'namespace').links.collection).toBe(`${ base }/namespaces`);

    const namespaces = (await admin.get(`/k8s/clusters/${ labId }/v1/namespaces`)).body;

    expect(ids(namespaces)).toEqual(['cattle-system', 'default', 'harvester-system', 'kube-node-lease', 'kube-public', 'kube-system', 'lab-ci', 'longhorn-system', 'sandbox']);
    const byName = Object.fromEntries(namespaces.data.map((n: Named) => [n.id, n]));

    expect(byName.default.metadata.annotations['field.cattle.io/projectId']).toBe(projects[`${ labId }/Default`]);
    expect(byName['kube-system'].metadata.annotations['field.cattle.io/projectId']).toBe(projects[`${ labId }/System`]);
    expect(byName.default.links).toMatchObject({
      self: `${ base }/namespaces/default`, update: `${ base }/namespaces/default`, remove: `${ base }/namespaces/default`
    });

    const count = (await admin.get(`/k8s/clusters/${ labId }/v1/counts`)).body.data[0];

    expect(count.counts.namespace.summary.count).toBe(9);
    const settings = (await admin.get(`/k8s/clusters/${ labId }/v1/harvesterhci.io.settings`)).body;

    expect(settings.data.find((s: Named & { value: string }) => s.id === 'server-version').value).toBe('v1.5.0');
    // Steve's list query works here too.
    const sorted = (await admin.get(`/k8s/clusters/${ labId }/v1/namespaces?sort=-metadata.name&pagesize=2`)).body;

    expect(sorted.data.map((n: Named) => n.id)).toEqual(['sandbox', 'longhorn-system']);
    expect(sorted.count).toBe(9);
  });

  it('project-owner of harvester-prod\'s Default project: only that project\'s namespaces, editable; Harvester settings read-only', async() => {
    const owner = await SimClient.cookieLogin(sim.url, 'project-owner');

    expect(await schemaIds(owner, prodId)).toEqual(ALL_SCHEMAS);
    expect((await verbsOf(owner, prodId, 'harvesterhci.io.setting')).sort()).toEqual(['get', 'list', 'watch']);
    expect(await verbsOf(owner, prodId, 'namespace')).toEqual(expect.arrayContaining(['create', 'delete', 'get', 'list', 'update']));
    const namespaces = (await owner.get(`/k8s/clusters/${ prodId }/v1/namespaces`)).body;

    expect(ids(namespaces)).toEqual(['default', 'prod-db']);
    expect(namespaces.data[0].links.update).toBeDefined();
    expectRancherError(await owner.get(`/k8s/clusters/${ prodId }/v1/namespaces/kube-system`), 404);
    const settings = (await owner.get(`/k8s/clusters/${ prodId }/v1/harvesterhci.io.settings`)).body.data;

    expect(settings.length).toBeGreaterThan(0);
    expect(settings[0].links.update).toBeUndefined();
    // Steve's JSON (omitempty): no `namespaces` map for a cluster-scoped type.
    expect((await owner.get(`/k8s/clusters/${ prodId }/v1/counts`)).body.data[0].counts.namespace).toEqual({ summary: { count: 2 } });
    // The list's Harvester version column still reads the one setting it needs.
    expect((await owner.get(`/k8s/clusters/${ prodId }/v1/harvesterhci.io.settings/server-version`)).body.value).toBe('v1.4.1');
  });

  it('project-readonly: the project\'s namespace without update or remove links, read verbs only', async() => {
    const ro = await SimClient.cookieLogin(sim.url, 'project-readonly');

    expect((await verbsOf(ro, prodId, 'namespace')).sort()).toEqual(['get', 'list', 'watch']);
    const [ns] = (await ro.get(`/k8s/clusters/${ prodId }/v1/namespaces`)).body.data;

    expect(ns.id).toBe('default');
    expect(ns.links.update).toBeUndefined();
    expect(ns.links.remove).toBeUndefined();
  });

  it('a cluster the user is no member of is not found; a project binding opens it, its removal closes it again', async() => {
    const owner = await SimClient.cookieLogin(sim.url, 'project-owner');
    const noAccess = await SimClient.cookieLogin(sim.url, 'no-access');

    expectRancherError(await owner.get(`/k8s/clusters/${ labId }/v1/schemas`), 404);
    expectRancherError(await noAccess.get(`/k8s/clusters/${ prodId }/v1/namespaces`), 404);
    const ownerId = (await admin.get('/v1/management.cattle.io.users')).body.data.find((u: { username: string }) => u.username === 'project-owner').id;
    const created = await admin.post('/v3/projectroletemplatebindings', {
      type: 'projectRoleTemplateBinding', projectId: projects[`${ labId }/Default`], userPrincipalId: `local://${ ownerId }`, roleTemplateId: 'read-only',
    });

    expect(created.status).toBe(201);
    expect(await schemaIds(owner, labId)).toEqual(ALL_SCHEMAS);
    expect(ids((await owner.get(`/k8s/clusters/${ labId }/v1/namespaces`)).body)).toEqual(['default', 'lab-ci']);
    expect((await verbsOf(owner, labId, 'namespace')).sort()).toEqual(['get', 'list', 'watch']);

    expect((await admin.delete(`/v3/projectroletemplatebindings/${ created.body.id }`)).status).toBe(200);
    expectRancherError(await owner.get(`/k8s/clusters/${ labId }/v1/namespaces`), 404);
  });

  it('answers 503 while the cluster\'s agent is disconnected, and anonymous callers 401', async() => {
    expectRancherError(await new SimClient(sim.url).get(`/k8s/clusters/${ prodId }/v1/schemas`), 401);
    expect((await control(sim.url).post('/sim/harvester/harvester-lab/disconnect')).status).toBe(200);
    expectRancherError(await admin.get(`/k8s/clusters/${ labId }/v1/namespaces`), 503, 'ClusterUnavailable');
  });
});

describe('integration: Norman PUT /v3/projects/<id> (the dashboard\'s project form)', () => {
  let sim: Simulator;
  let prodDefault: string;

  beforeAll(async() => {
    sim = await startTestSim();
    const admin = await SimClient.cookieLogin(sim.url, 'admin');
    const prodId = ((await control(sim.url).get('/sim/state')).body.clusters as Array<{ id: string, clusterId: string }>).find((c) => c.id === 'fleet-default/harvester-prod')?.clusterId;
    const project = (await admin.get(`/v1/management.cattle.io.projects/${ prodId }`)).body.data.find((p: { spec: { displayName: string } }) => p.spec.displayName === 'Default');

    prodDefault = `${ prodId }:${ project.metadata.name }`;
  });
  afterAll(async() => {
    await sim?.close();
  });

  const put = async(username: string, body: Record<string, unknown>) => {
    const client = await SimClient.cookieLogin(sim.url, username);

    return { client, res: await client.put(`/v3/projects/${ prodDefault }?_replace=true`, body) };
  };

  it('the project owner saves name, description and labels; Steve shows the change', async() => {
    const { client, res } = await put('project-owner', {
      type: 'project', name: 'Default', description: 'VMs of the prod team', labels: { team: 'prod' }, containerDefaultResourceLimit: {},
    });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: prodDefault, type: 'project', description: 'VMs of the prod team'
    });
    const steve = (await client.get(`/v1/management.cattle.io.projects/${ prodDefault.replace(':', '/') }`)).body;

    expect(steve.spec.description).toBe('VMs of the prod team');
    expect(steve.metadata.labels).toEqual({ team: 'prod' });
  });

  it('a read-only member is refused (403), a stranger does not find it (404), bad input is 422; nothing changes', async() => {
    const before = (await put('admin', { description: 'kept' })).res.body.description;

    expect(before).toBe('kept');
    expectRancherError((await put('project-readonly', { description: 'forged' })).res, 403, 'Forbidden');
    expectRancherError((await put('no-access', { description: 'forged' })).res, 404);
    expectRancherError((await put('admin', { name: '' })).res, 422);
    expectRancherError((await put('admin', { labels: { a: 1 } })).res, 422);
    expect((await put('admin', {})).res.body.description).toBe('kept');
  });
});
