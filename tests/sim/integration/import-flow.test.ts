import type { Simulator } from '../../../sim/server';
import {
  control, expectRancherError, SimClient, startTestSim, waitFor, type Json,
} from '../../integration/support/sim-client';

const PROV = 'provisioning.cattle.io.cluster';
const MGMT = 'management.cattle.io.cluster';
const HARVESTER_LABELS = { 'provider.cattle.io': 'harvester' };

/**
 * The whole import walk over HTTP, both create paths: login → schemas → create → token →
 * manifest → apply on the simulated Harvester → active → version → delete, and the
 * `kubectl delete -f` contrast.
 */
describe('integration: import and removal of a Harvester cluster', () => {
  let sim: Simulator;
  let admin: SimClient;
  let sim$: SimClient;

  beforeAll(async() => {
    sim = await startTestSim();
    admin = await SimClient.cookieLogin(sim.url, 'admin');
    sim$ = control(sim.url);
  });
  afterAll(async() => {
    await sim?.close();
  });

  async function tokenFor(clusterId: string): Promise<{ id: string, token: string, manifestUrl: string, command: string, insecureCommand: string, clusterId: string }> {
    return waitFor(`registration token of ${ clusterId }`, async() => {
      const res = await admin.get(`/v3/clusterregistrationtokens?clusterId=${ clusterId }`);

      expect(res.status).toBe(200);

      return res.body.data[0];
    });
  }

  async function waitForState(type: string, id: string, state: string): Promise<Json> {
    return waitFor(`${ type } ${ id } to be ${ state }`, async() => {
      const res = await admin.get(`/v1/${ type }/${ id }`);

      return res.status === 200 && res.body.metadata.state.name === state ? res.body : undefined;
    });
  }

  async function waitForGone(path: string): Promise<void> {
    await waitFor(`${ path } to be gone`, async() => (await admin.get(path)).status === 404);
  }

  async function createHarvester(name: string, version: string): Promise<void> {
    const res = await sim$.post('/sim/harvester', { name, version });

    expect(res.status).toBe(201);
    // Harvester runs its own Rancher in cattle-system from installation on
    expect(res.body.namespaces).toContain('cattle-system');
    expect(res.body.agent).toBeNull();
  }

  /** The headers of a kubectl-like client of simulated Harvester `name`, with its kubeconfig's token. */
  async function kubeHeaders(name: string, contentType?: string): Promise<Record<string, string>> {
    const kubeconfig = await sim$.get(`/sim/harvester/${ name }/kubeconfig`);
    const token = /token: (\S+)/.exec(String(kubeconfig.body))?.[1];

    return { authorization: `Bearer ${ token }`, ...(contentType ? { 'content-type': contentType } : {}) };
  }

  async function harvester(name: string) {
    return (await sim$.get(`/sim/harvester/${ name }`)).body;
  }

  describe('login and per-user schemas', () => {
    it('logs in with a cookie session; wrong password is a 401 in Rancher\'s error shape', async() => {
      const bad = await new SimClient(sim.url).post('/v1-public/login', {
        type: 'localProvider', username: 'admin', password: 'wrong', responseType: 'cookie'
      });

      expectRancherError(bad, 401);
      expect(bad.headers.getSetCookie().some((c) => c.startsWith('R_SESS='))).toBe(false);
      expect(admin.cookies.get('R_SESS')).toMatch(/^token-[a-z0-9]+:[a-z0-9]+$/);
      const setCookie = (await new SimClient(sim.url).post('/v1-public/login', {
        type: 'localProvider', username: 'admin', password: 'password1234', responseType: 'cookie'
      })).headers.getSetCookie().find((c) => c.startsWith('R_SESS='));

      expect(setCookie).toMatch(/HttpOnly/);
      const me = await admin.get('/v3/principals');

      expect(me.status).toBe(200);
      expect(me.headers.get('x-api-cattle-auth')).toBe('true');
      expect(me.body.data[0]).toMatchObject({ me: true, loginName: 'admin' });
      expectRancherError(await new SimClient(sim.url).get('/v1/provisioning.cattle.io.clusters'), 401);
    });

    it('schemas reflect each user\'s RBAC: admin may POST clusters, project-readonly and no-access may only list', async() => {
      const schemaOf = async(username: string, id: string) => {
        const client = await SimClient.cookieLogin(sim.url, username);
        const res = await client.get('/v1/schemas');

        expect(res.status).toBe(200);
        expect(res.body.data.find((s: { id: string }) => s.id === 'management.cattle.io.project' || s.id === 'management.cattle.io.setting')).toBeDefined();

        return res.body.data.find((s: { id: string }) => s.id === id);
      };
      const adminProv = await schemaOf('admin', PROV);

      expect(adminProv.collectionMethods).toEqual(expect.arrayContaining(['GET', 'POST']));
      expect(adminProv.resourceMethods).toEqual(expect.arrayContaining(['GET', 'PUT', 'DELETE']));
      expect(adminProv.attributes).toMatchObject({ group: 'provisioning.cattle.io', namespaced: true });
      expect(adminProv.links.collection).toBe(`${ sim.url }/v1/${ PROV }s`);
      expect((await schemaOf('admin', 'management.cattle.io.project'))).toBeDefined();

      const roProv = await schemaOf('project-readonly', PROV);

      expect(roProv.collectionMethods).toEqual(['GET']);
      expect(roProv.resourceMethods).toEqual(['GET']);
      expect(roProv.attributes.verbs).toEqual(['get', 'list', 'watch']);

      const ownerProv = await schemaOf('project-owner', PROV);

      expect(ownerProv.collectionMethods).toEqual(['GET', 'POST']);
      expect(ownerProv.resourceMethods).not.toContain('DELETE');

      // steve schemasForSubject: User-Base has no verb on clusters → no schema; a Standard User
      // (role_data.go addUserRules: create only) a POST-only one
      expect(await schemaOf('no-access', PROV)).toBeUndefined();
      expect(await schemaOf('standard-user', PROV)).toMatchObject({ collectionMethods: ['POST'], resourceMethods: [] });
      expect(await schemaOf('no-access', 'management.cattle.io.clusterregistrationtoken')).toBeUndefined();
      // rancher pkg/api/steve/clusters/clusters.go: everybody may list management clusters and projects (maybe empty)
      expect(await schemaOf('no-access', 'management.cattle.io.project')).toMatchObject({ collectionMethods: ['GET'], resourceMethods: [] });
      expect(await schemaOf('no-access', MGMT)).toMatchObject({ collectionMethods: ['GET'], resourceMethods: [] });
    });

    it('cluster lists per user: admin sees all three, project-readonly only harvester-prod, no-access none', async() => {
      const names = async(username: string) => {
        const client = await SimClient.cookieLogin(sim.url, username);
        const res = await client.get(`/v1/${ PROV }?filter=metadata.name!=nothing&sort=metadata.name`);

        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ type: 'collection', resourceType: PROV });
        expect(res.body.count ?? 0).toBe(res.body.data.length); // count is omitempty

        return res.body.data.map((p: { metadata: { name: string } }) => p.metadata.name);
      };

      expect(await names('admin')).toEqual(expect.arrayContaining(['harvester-lab', 'harvester-prod', 'local']));
      expect(await names('project-readonly')).toEqual(['harvester-prod']);
      expect(await names('project-owner')).toEqual(['harvester-prod']);
      expect(await names('standard-user')).toEqual([]);
      const noAccess = await SimClient.cookieLogin(sim.url, 'no-access');

      expect((await noAccess.get('/v3/clusters')).body.data).toEqual([]);
      // no schema: Steve answers 404 without a body (apiserver handleOp)…
      const noSchema = await noAccess.get(`/v1/${ PROV }`);

      expect({ status: noSchema.status, body: noSchema.body || undefined }).toEqual({ status: 404, body: undefined });
      // …but management clusters are listable by everyone (clusters.go schema template): an empty list
      const everyone = await noAccess.get(`/v1/${ MGMT }`);

      expect({ status: everyone.status, data: everyone.body.data }).toEqual({ status: 200, data: [] });
    });
  });

  describe('Norman create path (POST /v3/clusters)', () => {
    it('create → token → manifest → apply → active → Harvester version → delete keeps cattle-system', async() => {
      await createHarvester('h-norman', 'v1.6.1');
      const created = await admin.post('/v3/clusters', {
        type: 'cluster', name: 'imported-norman', description: 'from the test', labels: HARVESTER_LABELS, annotations: { 'test/annotation': 'yes' }, agentEnvVars: [],
      });

      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        type: 'cluster', name: 'imported-norman', description: 'from the test', state: 'pending', labels: HARVESTER_LABELS,
      });
      const id: string = created.body.id;

      expect(id).toMatch(/^c-[a-z0-9]{5}$/);
      expect(created.body.links.self).toBe(`${ sim.url }/v3/clusters/${ id }`);

      // Rancher follows with the provisioning cluster fleet-default/<c-id>
      const prov = await waitFor('provisioning cluster', async() => {
        const res = await admin.get(`/v1/${ PROV }/fleet-default/${ id }`);

        return res.status === 200 ? res.body : undefined;
      });

      expect(prov).toMatchObject({ id: `fleet-default/${ id }`, status: { clusterName: id } });
      const mgmt = (await admin.get(`/v1/${ MGMT }/${ id }`)).body;

      expect(mgmt.spec).toMatchObject({ displayName: 'imported-norman', fleetWorkspaceName: 'fleet-default' });
      // rancher pkg/tunnelserver/mcmauthorizer/tunnel.go: the driver is set when an agent first registers
      expect(mgmt.status.driver).toBeUndefined();
      expect(mgmt.metadata.state).toMatchObject({
        name: 'pending', error: false, transitioning: true
      });
      expect(mgmt.metadata.annotations['test/annotation']).toBe('yes');
      // rancher pkg/api/steve/disallow/disallow.go: Steve writes to management clusters are blocked
      expect(mgmt.links.remove).toBe('blocked');
      expect(prov.links.self).toBe(`${ sim.url }/v1/${ PROV }s/fleet-default/${ id }`);

      // the Harvester version endpoint answers 503 while nothing is connected
      expectRancherError(await admin.get(`/k8s/clusters/${ id }/v1/harvesterhci.io.settings/server-version`), 503);

      const token = await tokenFor(id);

      expect(token).toMatchObject({
        id: `${ id }:default-token`, type: 'clusterRegistrationToken', clusterId: id
      });
      expect(token.manifestUrl).toBe(`${ sim.url }/v3/import/${ token.token }_${ id }.yaml`);
      expect(token.command).toBe(`kubectl apply -f ${ token.manifestUrl }`);
      expect(token.insecureCommand).toBe(`curl --insecure -sfL ${ token.manifestUrl } | kubectl apply -f -`);

      // the manifest needs no login: the token is the credential
      const manifest = await fetch(token.manifestUrl);
      const yaml = await manifest.text();

      expect(manifest.status).toBe(200);
      expect(manifest.headers.get('content-type')).toMatch(/^text\/plain/); // rancher import.go answers text/plain
      expect(yaml).toMatch(/kind: Namespace\nmetadata:\n {2}name: cattle-system/);
      expect(yaml).toContain('name: cattle-cluster-agent');
      expect(yaml).toContain(`value: ${ sim.url }`);

      const applied = await sim$.post('/sim/harvester/apply', { manifestUrl: token.manifestUrl, harvester: 'h-norman' });

      expect(applied.status).toBe(201);
      expect(applied.body.namespaces).toContain('cattle-system');
      expect(applied.body.agent).toMatchObject({ clusterId: id, installedBy: 'kubectl-apply' });

      const active = await waitForState(MGMT, id, 'active');

      expect(active.status.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Connected', status: 'True' }), expect.objectContaining({ type: 'Ready', status: 'True' })]));
      expect(active.status.provider).toBe('harvester');
      await waitForState(PROV, `fleet-default/${ id }`, 'active');
      const norman = (await admin.get(`/v3/clusters/${ id }`)).body;

      expect(norman).toMatchObject({ state: 'active', transitioning: 'no' });

      // what happened is recorded as Kubernetes events about the management cluster
      const events = await admin.get(`/v1/events?filter=involvedObject.uid=${ active.metadata.uid }`);

      expect(events.status).toBe(200);
      expect(events.body.data.map((e: { reason: string }) => e.reason).sort()).toEqual(['AgentConnected', 'Ready', 'Registering']);
      expect(events.body.data[0]).toMatchObject({
        _type: 'Normal', involvedObject: { kind: 'Cluster', name: id }, metadata: { namespace: 'default' }
      });

      const version = await admin.get(`/k8s/clusters/${ id }/v1/harvesterhci.io.settings/server-version`);

      expect(version.status).toBe(200);
      expect(version.body.value).toBe('v1.6.1');

      // delete through the provisioning cluster's links.self
      const removing = await admin.delete(prov.links.self);

      expect(removing.status).toBe(200);
      expect(removing.body.metadata.state.name).toBe('removing');
      await waitForGone(`/v1/${ PROV }/fleet-default/${ id }`);
      await waitForGone(`/v1/${ MGMT }/${ id }`);
      expect((await admin.get(`/v1/${ PROV }`)).body.data.map((p: { id: string }) => p.id)).not.toContain(`fleet-default/${ id }`);
      expect((await admin.get('/v3/clusters')).body.data.map((c: { id: string }) => c.id)).not.toContain(id);
      expect((await admin.get(`/v3/clusterregistrationtokens?clusterId=${ id }`)).body.data).toEqual([]);
      expect((await admin.get(`/v1/management.cattle.io.projects/${ id }`)).body.data).toEqual([]);
      expect((await fetch(token.manifestUrl)).status).toBe(400); // cluster not found or invalid token
      expectRancherError(await admin.get(`/k8s/clusters/${ id }/v1/harvesterhci.io.settings/server-version`), 404);

      // the Harvester side: the agent left, cattle-system stays, Harvester is healthy
      const harvester = await sim$.get('/sim/harvester/h-norman');

      expect(harvester.status).toBe(200);
      expect(harvester.body.namespaces).toContain('cattle-system');
      expect(harvester.body.agent).toBeNull();
      expect(harvester.body.broken).toBeNull();
    });
  });

  describe('Steve create path (POST /v1/provisioning.cattle.io.clusters)', () => {
    it('create → c-m- management cluster → apply → active → delete keeps cattle-system', async() => {
      const created = await admin.post(`/v1/${ PROV }/fleet-default`, {
        type:     PROV,
        metadata: {
          name: 'imported-steve', namespace: 'fleet-default', labels: HARVESTER_LABELS
        },
        spec: {},
      });

      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: 'fleet-default/imported-steve', type: PROV });
      const prov = await waitFor('management cluster assignment', async() => {
        const res = await admin.get(`/v1/${ PROV }/fleet-default/imported-steve`);

        return res.body?.status?.clusterName ? res.body : undefined;
      });
      const id: string = prov.status.clusterName;

      expect(id).toMatch(/^c-m-[a-z0-9]{8}$/);
      const mgmt = (await admin.get(`/v1/${ MGMT }/${ id }`)).body;

      expect(mgmt.metadata.annotations).toMatchObject({
        'objectset.rio.cattle.io/owner-name':      'imported-steve',
        'objectset.rio.cattle.io/owner-namespace': 'fleet-default',
        'provisioning.cattle.io/administrated':    'false', // FormatBool(RKEConfig != nil), controller.go
      });
      expect(mgmt.links).toMatchObject({ update: 'blocked', remove: 'blocked' });
      expect(mgmt.spec).toMatchObject({ displayName: 'imported-steve', fleetWorkspaceName: 'fleet-default' });
      // the provisioning cluster's labels are copied at creation (controller.go createNewCluster, every release)
      expect(mgmt.metadata.labels['provider.cattle.io']).toBe('harvester');
      // and Steve refuses to remove it directly (disallow.go: apiserver PermissionDenied)
      expectRancherError(await admin.delete(`/v1/${ MGMT }/${ id }`), 403, 'PermissionDenied');

      const token = await tokenFor(id);
      const applied = await sim$.post('/sim/harvester/apply', { manifestUrl: token.manifestUrl });

      expect(applied.status).toBe(201);
      const harvesterName: string = applied.body.name;

      expect(harvesterName).toBe('imported-steve');
      const active = await waitForState(MGMT, id, 'active');

      expect(active.metadata.labels['provider.cattle.io']).toBe('harvester');
      await waitForState(PROV, 'fleet-default/imported-steve', 'active');
      expect((await admin.get(`/k8s/clusters/${ id }/v1/harvesterhci.io.settings/server-version`)).body.value).toMatch(/^v1\.\d+\.\d+$/);

      // both objects are found by the Harvester filters the UI uses
      const byProvLabel = await admin.get(`/v1/${ PROV }?filter=metadata.labels[provider.cattle.io]=harvester&filter=metadata.name=imported-steve`);

      expect(byProvLabel.body.count).toBe(1);
      const byStatus = await admin.get(`/v1/${ MGMT }?filter=status.provider=harvester&filter=spec.displayName=imported-steve`);

      expect(byStatus.body.data.map((m: { id: string }) => m.id)).toEqual([id]);

      const removing = await admin.delete(prov.links.self);

      expect(removing.status).toBe(200);
      expect(removing.body.metadata.state.name).toBe('removing');
      await waitForGone(`/v1/${ PROV }/fleet-default/imported-steve`);
      await waitForGone(`/v1/${ MGMT }/${ id }`);
      expect((await admin.get(`/v3/clusterregistrationtokens?clusterId=${ id }`)).body.data).toEqual([]);
      const harvester = (await sim$.get(`/sim/harvester/${ harvesterName }`)).body;

      expect(harvester.namespaces).toContain('cattle-system');
      expect(harvester.agent).toBeNull();
      expect(harvester.broken).toBeNull();
    });

    it('also accepts the bare collection URL with metadata.namespace', async() => {
      const created = await admin.post(`/v1/${ PROV }s`, {
        type: PROV, metadata: { name: 'bare-url', namespace: 'fleet-default' }, spec: {}
      });

      expect(created.status).toBe(201);
      expect(created.body.id).toBe('fleet-default/bare-url');
      await waitFor('adoption', async() => (await admin.get(`/v1/${ PROV }/fleet-default/bare-url`)).body?.status?.clusterName);
    });
  });

  describe('kubectl delete -f (the mistake the product guards against)', () => {
    it('deletes cattle-system, breaks Harvester and the Rancher cluster goes unavailable', async() => {
      const created = await admin.post('/v3/clusters', {
        type: 'cluster', name: 'deleted-the-wrong-way', labels: HARVESTER_LABELS
      });
      const id: string = created.body.id;
      const token = await tokenFor(id);
      const applied = await sim$.post('/sim/harvester/apply', { manifestUrl: token.manifestUrl });

      await waitForState(MGMT, id, 'active');
      const broken = await sim$.post('/sim/harvester/delete-manifest', { manifestUrl: token.manifestUrl });

      expect(broken.status).toBe(200);
      expect(broken.body.agent).toBeNull();
      // the namespace is Terminating until the namespace controller has emptied it
      const gone = await waitFor('cattle-system to be deleted', async() => {
        const h = await harvester(applied.body.name);

        return h.broken ? h : undefined;
      });

      expect(gone.namespaces).not.toContain('cattle-system');
      expect(gone.broken).toEqual(expect.stringContaining('cattle-system'));
      const unavailable = await waitForState(MGMT, id, 'unavailable');

      // wrangler summary: Ready=False is "unavailable", transitioning, not an error (clusterconnected.go sets it once Provisioned=True)
      expect(unavailable.metadata.state).toMatchObject({
        error: false, transitioning: true, message: 'Cluster agent is not connected'
      });
      expect(unavailable.status.driver).toBe('imported');
      expect(unavailable.status.conditions).toEqual(expect.arrayContaining([
        expect.objectContaining({ type: 'Connected', status: 'False' }),
        expect.objectContaining({
          type: 'Ready', status: 'False', reason: 'Disconnected'
        }),
      ]));
      expectRancherError(await admin.get(`/k8s/clusters/${ id }/v1/harvesterhci.io.settings/server-version`), 503);
      const state = (await sim$.get(`/sim/harvester/${ applied.body.name }`)).body;

      expect(state.namespaces).not.toContain('cattle-system');
      // a broken Harvester cannot run the agent again
      expectRancherError(await sim$.post('/sim/harvester/apply', { manifestUrl: token.manifestUrl, harvester: applied.body.name }), 422);
    });
  });

  describe('cluster-registration-url through the simulated Harvester Kubernetes API', () => {
    const settingPath = (h: string) => `/sim/harvester/${ h }/k8s/apis/harvesterhci.io/v1beta1/settings/cluster-registration-url`;

    async function newCluster(name: string): Promise<{ id: string, manifestUrl: string }> {
      const created = await admin.post('/v3/clusters', {
        type: 'cluster', name, labels: HARVESTER_LABELS
      });

      expect(created.status).toBe(201);
      const token = await tokenFor(created.body.id);

      return { id: created.body.id, manifestUrl: token.manifestUrl };
    }

    it('a v1.8+ Harvester takes the JSON value, fetches the manifest and registers', async() => {
      await createHarvester('h-18', 'v1.8.0');
      const { id, manifestUrl } = await newCluster('via-setting-json');
      const value = JSON.stringify({ url: manifestUrl, insecureSkipTLSVerify: true });
      const res = await sim$.request('PATCH', settingPath('h-18'), { body: { value }, headers: await kubeHeaders('h-18', 'application/merge-patch+json') });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        kind: 'Setting', metadata: { name: 'cluster-registration-url' }, value
      });
      expect((await sim$.get(settingPath('h-18'), { headers: await kubeHeaders('h-18') })).body.value).toBe(value);
      const h = await waitFor('the agent', async() => ((await harvester('h-18')).agent ? harvester('h-18') : undefined));

      expect(h.agent).toMatchObject({ clusterId: id, installedBy: 'registration-url' });
      await waitForState(MGMT, id, 'active');
      expect((await admin.get(`/k8s/clusters/${ id }/v1/harvesterhci.io.settings/server-version`)).body.value).toBe('v1.8.0');
      const configured = (await sim$.get(settingPath('h-18'), { headers: await kubeHeaders('h-18') })).body.status.conditions;

      expect(configured).toEqual([expect.objectContaining({ type: 'configured', status: 'True' })]);
    });

    it('an older Harvester fails on the JSON value (no URL to it) and registers with the plain URL (JSON patch form)', async() => {
      await createHarvester('h-14', 'v1.4.1');
      const { id, manifestUrl } = await newCluster('via-setting-plain');
      const json = await sim$.request('PATCH', settingPath('h-14'), {
        body:    { value: JSON.stringify({ url: manifestUrl }) },
        headers: await kubeHeaders('h-14', 'application/merge-patch+json'),
      });

      // no webhook checks the value: the controller fails and says so in the setting's condition
      expect(json.status).toBe(200);
      const failed = await waitFor('the failed condition', async() => {
        const setting = (await sim$.get(settingPath('h-14'), { headers: await kubeHeaders('h-14') })).body;

        return setting.status?.conditions?.[0]?.status === 'False' ? setting : undefined;
      });

      expect(failed.status.conditions[0].message).toEqual(expect.stringContaining('v1.7.2'));
      expect((await harvester('h-14')).agent).toBeNull();

      const accepted = await sim$.request('PATCH', settingPath('h-14'), {
        body: [{
          op: 'replace', path: '/value', value: manifestUrl
        }],
        headers: await kubeHeaders('h-14', 'application/json-patch+json'),
      });

      expect(accepted.status).toBe(200);
      expect(accepted.body.value).toBe(manifestUrl);
      await waitForState(MGMT, id, 'active');
      expect((await harvester('h-14')).agent).toMatchObject({ clusterId: id, installedBy: 'registration-url' });
    });

    it('answers Kubernetes Status errors: unknown cluster, no token, unknown setting, a value that is not a string', async() => {
      await createHarvester('h-errors', 'v1.5.0');
      const unknown = await sim$.get('/sim/harvester/nope/k8s/apis/harvesterhci.io/v1beta1/settings/cluster-registration-url');

      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ kind: 'Status', code: 404 });
      const anonymous = await sim$.get(settingPath('h-errors'));

      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({
        kind: 'Status', reason: 'Unauthorized', code: 401
      });
      const auth = await kubeHeaders('h-errors', 'application/merge-patch+json');
      const missing = await sim$.get('/sim/harvester/h-errors/k8s/apis/harvesterhci.io/v1beta1/settings/nope', { headers: auth });

      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ reason: 'NotFound', message: 'settings.harvesterhci.io "nope" not found' });
      const notString = await sim$.request('PATCH', settingPath('h-errors'), { body: { value: 42 }, headers: auth });

      expect(notString.status).toBe(422);
      expect(notString.body).toMatchObject({ kind: 'Status', reason: 'Invalid' });
      // a registration URL with an unknown token is accepted by the setting; Rancher refuses the manifest
      const wrongToken = `${ sim.url }/v3/import/${ 'x'.repeat(54) }_c-zzzzz.yaml`;
      const accepted = await sim$.request('PATCH', settingPath('h-errors'), { body: { value: wrongToken }, headers: auth });

      expect(accepted.status).toBe(200);
      const h = await waitFor('the failure', async() => {
        const found = await harvester('h-errors');

        return found.history.some((line: string) => line.includes('registration failed')) ? found : undefined;
      });

      expect(h.agent).toBeNull();
      expect(h.history.join('\n')).toContain('cluster not found or invalid token');
      expect(h.history.join('\n')).not.toContain('x'.repeat(54));
    });
  });
});

describe('integration: Steve create path on Rancher 2.10 (SQL cache off) copies labels to the management cluster', () => {
  let sim: Simulator;

  beforeAll(async() => {
    sim = await startTestSim({ rancherVersion: 'v2.10.6' });
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('the pending management cluster already carries provider.cattle.io=harvester', async() => {
    const admin = await SimClient.bearerLogin(sim.url, 'admin');

    expect((await admin.get('/rancherversion')).body.Version).toBe('v2.10.6');
    const created = await admin.post(`/v1/${ PROV }/fleet-default`, {
      type: PROV, metadata: { name: 'old-rancher', labels: { ...HARVESTER_LABELS, team: 'blue' } }, spec: {},
    });

    expect(created.status).toBe(201);
    const id = await waitFor('adoption', async() => (await admin.get(`/v1/${ PROV }/fleet-default/old-rancher`)).body?.status?.clusterName);
    const mgmt = (await admin.get(`/v1/${ MGMT }/${ id }`)).body;

    expect(mgmt.metadata.state.name).toBe('pending');
    expect(mgmt.metadata.labels).toEqual({ ...HARVESTER_LABELS, team: 'blue' });
    // The list processor splits fields on "." (steve pkg/stores/partition/listprocessor): a label filter never matches…
    const filtered = await admin.get(`/v1/${ MGMT }?filter=metadata.labels[provider.cattle.io]=harvester`);

    expect(filtered.body.data).toEqual([]);
    // …but labelSelector goes to the Kubernetes list.
    const selected = await admin.get(`/v1/${ MGMT }?labelSelector=provider.cattle.io%3Dharvester,team%3Dblue`);

    expect(selected.body.data.map((m: { id: string }) => m.id)).toEqual([id]);
  });
});
