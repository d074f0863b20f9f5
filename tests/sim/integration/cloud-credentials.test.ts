import type { Simulator } from '../../../sim/server';
import {
  control, expectRancherError, SimClient, startTestSim, waitFor
} from '../../integration/support/sim-client';

/**
 * Norman's cloud credentials over HTTP (sim/norman/cloud-credentials.ts): what the delete dialog
 * reads (`rancher/findAll` cloudcredential) and what Rancher's cred store does on writes.
 */
const KUBECONFIG = 'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: harvester-admin-token\n';
const GLOBAL_DATA = 'cattle-global-data';

/** An object of the simulator's store as `/sim/objects` lists it: the fields these tests read. */
interface StoredObject {
  metadata: { name: string; namespace?: string; [field: string]: unknown };
  data?: Record<string, string>;
  rules?: unknown[];
  subjects?: unknown[];
  [field: string]: unknown;
}

interface StoredObjects { objects: Record<string, StoredObject[]> }

const harvesterCredential = (name: string, clusterId: string, extra: Record<string, unknown> = {}) => ({
  type:                      'cloudCredential',
  name,
  harvestercredentialConfig: {
    clusterId, clusterType: 'imported', kubeconfigContent: KUBECONFIG
  },
  ...extra,
});

describe('integration: Norman cloud credentials (/v3/cloudcredentials)', () => {
  let sim: Simulator;
  let admin: SimClient;
  let standard: SimClient;
  let owner: SimClient;
  let noAccess: SimClient;
  let readonly: SimClient;

  const anonymous = () => new SimClient(sim.url);
  const stored = async(type: string) => ((await control(sim.url).get('/sim/objects')).body as StoredObjects).objects[type] || [];
  const names = async(client: SimClient) => {
    const res = await client.get('/v3/cloudcredentials');

    expect(res.status).toBe(200);

    return res.body.data.map((c: { name: string }) => c.name).sort();
  };
  const create = async(client: SimClient, body: unknown) => {
    const res = await client.post('/v3/cloudcredentials', body);

    expect(res.status).toBe(201);

    return res.body;
  };

  beforeAll(async() => {
    sim = await startTestSim();
    [admin, standard, owner, noAccess, readonly] = await Promise.all(['admin', 'standard-user', 'project-owner', 'no-access', 'project-readonly']
      .map((u) => SimClient.cookieLogin(sim.url, u)));
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('every logged-in user gets the cloudCredential schema (POST, GET / PUT, DELETE, GET) with the harvester config field', async() => {
    for (const client of [admin, standard, noAccess]) {
      const schema = (await client.get('/v3/schemas/cloudcredential')).body;

      expect(schema).toMatchObject({
        id: 'cloudCredential', collectionMethods: ['POST', 'GET'], resourceMethods: ['PUT', 'DELETE', 'GET'], links: { collection: `${ sim.url }/v3/cloudCredentials` },
      });
      expect(schema.resourceFields.harvestercredentialConfig.type).toBe('harvestercredentialconfig');
      const list = (await client.get('/v3/schemas')).body.data.map((s: { id: string }) => s.id);

      expect(list).toEqual(expect.arrayContaining(['cloudCredential', 'harvestercredentialconfig']));
    }
    const config = (await admin.get('/v3/schemas/harvestercredentialconfig')).body.resourceFields;

    expect(config.kubeconfigContent.type).toBe('password');
    expect(config.clusterType.default).toBe('imported');
    expect((await anonymous().get('/v3/cloudcredentials')).status).toBe(401);
  });

  it('a credential is a Secret cc-xxxxx in cattle-global-data with Rancher\'s labels, annotations and data keys; its creator gets a Role', async() => {
    const made = await create(standard, harvesterCredential(' std-cred ', 'c-m-std00001', { description: 'mine', labels: { team: 'a', 'cattle.io/creator': 'me' } }));
    const [namespace, name] = made.id.split(':');
    const secret = (await stored('secret')).find((s) => s.metadata.name === name);
    const standardId = (await standard.get('/v3/users?me=true')).body.data[0].id;

    expect(namespace).toBe(GLOBAL_DATA);
    expect(name).toMatch(/^cc-[a-z0-9]{5}$/);
    expect(secret?.metadata).toMatchObject({
      namespace:    GLOBAL_DATA,
      generateName: 'cc-',
      labels:       { team: 'a', 'cattle.io/creator': 'norman' },
      annotations:  {
        'field.cattle.io/name': 'std-cred', 'field.cattle.io/description': 'mine', 'field.cattle.io/creatorId': standardId
      },
    });
    expect(Object.keys(secret?.data || {}).sort()).toEqual(['harvestercredentialConfig-clusterId', 'harvestercredentialConfig-clusterType', 'harvestercredentialConfig-kubeconfigContent']);
    expect(Buffer.from(secret?.data?.['harvestercredentialConfig-kubeconfigContent'] as string, 'base64').toString()).toBe(KUBECONFIG.trim()); // norman convert.ToString trims
    expect(made).toMatchObject({
      type: 'cloudCredential', name: 'std-cred', description: 'mine', creatorId: standardId, annotations: {}, harvestercredentialConfig: { clusterId: 'c-m-std00001', clusterType: 'imported' },
    });
    const role = (await stored('rbac.authorization.k8s.io.role')).find((r) => r.metadata.name === `${ name }-secrets-a`);
    const binding = (await stored('rbac.authorization.k8s.io.rolebinding')).find((r) => r.metadata.name === `${ name }-secrets-a`);

    expect(role?.rules).toEqual([{
      apiGroups: ['*'], resources: ['secrets'], resourceNames: [name], verbs: ['*']
    }]);
    expect(binding?.subjects).toEqual([{
      kind: 'User', name: standardId, apiGroup: 'rbac.authorization.k8s.io'
    }]);
  });

  it('admin lists every credential, a Standard User only their own, User-Base users none; the list is always 200', async() => {
    await create(admin, harvesterCredential('admin-cred', 'c-m-adm00001'));
    await create(owner, harvesterCredential('owner-cred', 'c-m-own00001'));

    expect(await names(admin)).toEqual(expect.arrayContaining(['admin-cred', 'owner-cred', 'std-cred']));
    expect(await names(standard)).toEqual(['std-cred']);
    expect(await names(owner)).toEqual(['owner-cred']);
    expect(await names(noAccess)).toEqual([]);
    expect(await names(readonly)).toEqual([]);
  });

  it('someone else\'s credential is Kubernetes\' 403 (impersonated get), a missing one 404 for admin', async() => {
    const adminCred = (await admin.get('/v3/cloudcredentials?name=admin-cred')).body.data[0];

    expect(adminCred.name).toBe('admin-cred');
    for (const client of [standard, noAccess]) {
      const res = await client.get(`/v3/cloudcredentials/${ adminCred.id }`);

      expectRancherError(res, 403, 'Forbidden');
      expect(res.body.message).toMatch(/^secrets "cc-[a-z0-9]{5}" is forbidden: User "[^"]+" cannot get resource "secrets" in API group "" in the namespace "cattle-global-data"$/);
    }
    expect((await admin.get(adminCred.links.self)).body.id).toBe(adminCred.id);
    expectRancherError(await admin.get(`/v3/cloudcredentials/${ GLOBAL_DATA }:cc-zzzzz`), 404, 'NotFound');
    expectRancherError(await admin.get('/v3/cloudcredentials/cc-zzzzz'), 404, 'NotFound');
  });

  it('kubeconfigContent (a password field) is never in an answer: create, list, get, update', async() => {
    const made = await admin.post('/v3/cloudcredentials', harvesterCredential('secret-check', 'c-m-sec00001'));
    const answers = [
      made,
      await admin.get('/v3/cloudcredentials'),
      await admin.get(`/v3/cloudcredentials/${ made.body.id }`),
      await admin.put(`/v3/cloudcredentials/${ made.body.id }`, { harvestercredentialConfig: { kubeconfigContent: `${ KUBECONFIG }# rotated\n` } }),
    ];

    for (const res of answers) {
      expect(res.status).toBeLessThan(300);
      expect(res.text).not.toContain('kubeconfigContent');
      expect(res.text).not.toContain('harvester-admin-token');
    }
  });

  it('POST validation as Norman\'s builder and cred.Validator', async() => {
    expectRancherError(await admin.post('/v3/cloudcredentials', { name: 'no-config' }), 422, 'MissingRequired');
    expect((await admin.post('/v3/cloudcredentials', { name: 'x', harvestercredentialConfig: null })).body.message).toBe('a Config field must be set');
    expect((await admin.post('/v3/cloudcredentials', { name: 'x', digitaloceancredentialConfig: { accessToken: 't' } })).body.code).toBe('MissingRequired');
    const notObject = await admin.post('/v3/cloudcredentials', { harvestercredentialConfig: 'c-m-1' });

    expectRancherError(notObject, 422, 'InvalidFormat');
    expect(notObject.body.fieldName).toBe('harvestercredentialConfig');
    expectRancherError(await admin.request('POST', '/v3/cloudcredentials', { raw: '[]' }), 422);
    // A Rancher kubeconfig token the simulated Rancher does not have: 500, cred/store.go's plain error (2.12 wording).
    const token = await admin.post('/v3/cloudcredentials', { harvestercredentialConfig: { kubeconfigContent: 'users:\n- user:\n    token: kubeconfig-u-abcde:xyz\n' } });

    expectRancherError(token, 500, 'ServerError');
    expect(token.body.message).toBe('failed to process harvester cloud credential: failed to get token: tokens.management.cattle.io "kubeconfig-u-abcde" not found');
    // Nothing else is required: clusterType defaults to imported, kubeconfigContent and clusterId to "".
    const minimal = await create(admin, { harvestercredentialConfig: {} });

    expect(minimal.harvestercredentialConfig).toEqual({ clusterId: '', clusterType: 'imported' });
    expect(minimal.name).toMatch(/^cc-/);
    // User-Base may not create Secrets in cattle-global-data.
    const refused = await noAccess.post('/v3/cloudcredentials', harvesterCredential('base', 'c-m-1'));

    expectRancherError(refused, 403, 'Forbidden');
    expect(refused.body.message).toMatch(/cannot create resource "secrets" in API group "" in the namespace "cattle-global-data"$/);
  });

  it('PUT: the creator changes fields, the kubeconfig not sent stays; others get 403', async() => {
    const made = await create(standard, harvesterCredential('to-edit', 'c-m-old00001'));
    const edited = await standard.put(`/v3/cloudcredentials/${ made.id }`, { name: 'edited', harvestercredentialConfig: { clusterId: 'c-m-new00001' } });

    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'edited', harvestercredentialConfig: { clusterId: 'c-m-new00001', clusterType: 'imported' } });
    const secret = (await stored('secret')).find((s) => `${ s.metadata.namespace }:${ s.metadata.name }` === made.id);

    expect(Buffer.from(secret?.data?.['harvestercredentialConfig-kubeconfigContent'] as string, 'base64').toString()).toBe(KUBECONFIG.trim()); // norman convert.ToString trims
    expectRancherError(await owner.put(`/v3/cloudcredentials/${ made.id }`, { harvestercredentialConfig: { clusterId: 'x' } }), 403, 'Forbidden');
    expectRancherError(await standard.put(`/v3/cloudcredentials/${ made.id }`, { name: 'no-config' }), 422, 'MissingRequired');
  });

  it('DELETE: refused while a provisioning cluster uses it, 403 for others, 2.12 answers 200 while the harvester finalizer holds it, then it and its Role are gone', async() => {
    const made = await create(standard, harvesterCredential('to-delete', 'c-m-del00001'));
    const [, name] = made.id.split(':');
    const guest = await admin.post('/v1/provisioning.cattle.io.clusters', { metadata: { name: 'guest-of-prod', namespace: 'fleet-default' }, spec: { cloudCredentialSecretName: made.id } });

    expect(guest.status).toBe(201);
    const inUse = await noAccess.delete(`/v3/cloudcredentials/${ made.id }`);

    expectRancherError(inUse, 422, 'InvalidAction');
    expect(inUse.body.message).toBe('Cloud credential is currently referenced by provisioning cluster guest-of-prod');
    expect((await admin.request('PATCH', '/v1/provisioning.cattle.io.clusters/fleet-default/guest-of-prod', { body: { spec: { cloudCredentialSecretName: null } } })).status).toBe(200);
    expectRancherError(await owner.delete(`/v3/cloudcredentials/${ made.id }`), 403, 'Forbidden');

    const deleted = await standard.delete(`/v3/cloudcredentials/${ made.id }`);

    expect(deleted.status).toBe(200);
    expect(deleted.body.removed).toEqual(expect.any(String));
    await waitFor('the credential is gone', async() => (await standard.get(`/v3/cloudcredentials/${ made.id }`)).status === 403);
    expectRancherError(await admin.get(`/v3/cloudcredentials/${ made.id }`), 404, 'NotFound');
    expect((await stored('rbac.authorization.k8s.io.role')).map((r) => r.metadata.name)).not.toContain(`${ name }-secrets-a`);
    expect((await stored('rbac.authorization.k8s.io.rolebinding')).map((r) => r.metadata.name)).not.toContain(`${ name }-secrets-a`);
    // Without a kubeconfig there is no finalizer: 204.
    const bare = await create(admin, { harvestercredentialConfig: { clusterId: 'c-m-bare0001' } });

    expect((await admin.delete(`/v3/cloudcredentials/${ bare.id }`)).status).toBe(204);
  });
});

describe('integration: Norman cloud credentials on Rancher 2.10', () => {
  let sim: Simulator;
  let admin: SimClient;

  beforeAll(async() => {
    sim = await startTestSim({ rancherVersion: 'v2.10.5' });
    admin = await SimClient.cookieLogin(sim.url, 'admin');
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('no harvester token finalizer (DELETE is 204 at once) and the 2.10 wording for a missing kubeconfig token', async() => {
    const made = await admin.post('/v3/cloudcredentials', harvesterCredential('old', 'c-m-old00001'));

    expect(made.status).toBe(201);
    expect(made.body.annotations).toEqual({});
    expect((await admin.delete(`/v3/cloudcredentials/${ made.body.id }`)).status).toBe(204);
    const token = await admin.post('/v3/cloudcredentials', { harvestercredentialConfig: { kubeconfigContent: 'users:\n- user:\n    token: kubeconfig-user-abcde:xyz\n' } });

    expectRancherError(token, 500, 'ServerError');
    expect(token.body.message).toMatch(/^failed to process harvester cloud credential expiration: .*: tokens\.management\.cattle\.io "kubeconfig-user-abcde" not found$/);
  });
});
