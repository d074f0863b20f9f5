import type { Simulator } from '../../../sim/server';
import {
  control, expectRancherError, SimClient, startTestSim, waitFor
} from '../../integration/support/sim-client';

const PROV = 'provisioning.cattle.io.cluster';

/** Bad input gets Rancher's error shape and status, never a 500. */
describe('integration: bad input and faults', () => {
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

  const revision = async(): Promise<number> => (await sim$.get('/sim/state')).body.revision;

  describe('malformed bodies', () => {
    it.each([
      ['POST', `/v1/${ PROV }/fleet-default`],
      ['POST', '/v3/clusters'],
      ['PUT', `/v1/${ PROV }/fleet-default/harvester-prod`],
      ['POST', '/v1-public/login'],
      ['POST', '/v3/clusterregistrationtokens'],
    ])('%s %s with malformed JSON → 422 InvalidBodyContent', async(method, path) => {
      const res = await admin.request(method, path, { raw: '{"metadata": {"name": "x"' });

      expectRancherError(res, 422, 'InvalidBodyContent');
    });

    it.each([
      ['an array', []],
      ['a string', 'cluster'],
      ['null', null],
    ])('a body that is %s → 422', async(_what, body) => {
      expectRancherError(await admin.request('POST', `/v1/${ PROV }/fleet-default`, { raw: JSON.stringify(body) }), 422);
      expectRancherError(await admin.request('POST', '/v3/clusters', { raw: JSON.stringify(body) }), 422);
    });

    it('wrong field types → 422', async() => {
      expectRancherError(await admin.post(`/v1/${ PROV }/fleet-default`, { metadata: 'x' }), 422, 'InvalidBodyContent');
      expectRancherError(await admin.post(`/v1/${ PROV }/fleet-default`, { metadata: { name: 'typed', labels: { a: 1 } } }), 422, 'Invalid');
      expectRancherError(await admin.post(`/v1/${ PROV }/fleet-default`, { metadata: { name: 'typed', annotations: ['a'] } }), 422, 'Invalid');
      expectRancherError(await admin.post('/v3/clusters', { name: 'typed', labels: 'x' }), 422, 'InvalidFormat');
      expectRancherError(await admin.post('/v3/clusters', { name: 42 }), 422, 'InvalidFormat');
      expectRancherError(await admin.post('/v3/clusters', { name: 'ok', description: {} }), 422, 'InvalidFormat');
      expectRancherError(await admin.post('/v3/clusters', { type: 'cluster' }), 422, 'MissingRequired');
      expectRancherError(await admin.post('/v3/clusterregistrationtokens', {}), 422, 'MissingRequired');
      expectRancherError(await admin.post('/v3/clusterregistrationtokens', { clusterId: 'c-zzzzz' }), 404, 'NotFound');
    });

    it('a body over 1 MB → 413', async() => {
      const res = await admin.request('POST', `/v1/${ PROV }/fleet-default`, { raw: JSON.stringify({ metadata: { name: 'big' }, spec: { blob: 'x'.repeat(1_100_000) } }) });

      expectRancherError(res, 413);
    });
  });

  describe('CSRF', () => {
    it('a cookie-authenticated change with a wrong or missing x-api-csrf → 422 and nothing changes', async() => {
      const before = await revision();

      expectRancherError(await admin.post(`/v1/${ PROV }/fleet-default`, { metadata: { name: 'csrf-wrong' }, spec: {} }, { csrf: 'not-the-cookie' }), 422, 'InvalidCSRFToken');
      expectRancherError(await admin.post(`/v1/${ PROV }/fleet-default`, { metadata: { name: 'csrf-missing' }, spec: {} }, { csrf: false }), 422, 'InvalidCSRFToken');
      expectRancherError(await admin.delete(`/v1/${ PROV }/fleet-default/harvester-lab`, { csrf: false }), 422, 'InvalidCSRFToken');
      expectRancherError(await admin.post('/v3/clusters', { name: 'csrf-norman' }, { csrf: 'nope' }), 422, 'InvalidCSRFToken');
      expect(await revision()).toBe(before);
      expect((await admin.get(`/v1/${ PROV }/fleet-default/harvester-lab`)).body.metadata.state.name).toBe('active');
    });

    it('the CSRF cookie is handed out and the right header passes; bearer clients are exempt', async() => {
      expect(admin.cookies.get('CSRF')).toMatch(/^[0-9a-f]{10}$/);
      const ok = await admin.post(`/v1/${ PROV }/fleet-default`, { metadata: { name: 'csrf-ok' }, spec: {} });

      expect(ok.status).toBe(201);
      const bearer = await SimClient.bearerLogin(sim.url, 'admin');

      expect((await bearer.post(`/v1/${ PROV }/fleet-default`, { metadata: { name: 'csrf-bearer' }, spec: {} })).status).toBe(201);
    });
  });

  describe('unknown types and routes', () => {
    it.each([
      ['GET', '/v1/no.such.type'],
      ['GET', '/v1/no.such.type/ns/name'],
      ['POST', '/v1/no.such.type'],
      ['DELETE', '/v1/no.such.type/ns/name'],
      ['GET', '/v3/nosuchthings'],
      ['GET', '/v1/schemas/no.such.type'],
      ['GET', '/nothing/here'],
      ['GET', `/v1/${ PROV }/fleet-default/does-not-exist`],
      ['DELETE', `/v1/${ PROV }/fleet-default/does-not-exist`],
    ])('%s %s → 404 NotFound', async(method, path) => {
      expectRancherError(await admin.request(method, path, method === 'POST' ? { body: { metadata: { name: 'x' } } } : {}), 404, 'NotFound');
    });

    it('a namespace that does not exist → 404; a namespace mismatch → 400', async() => {
      expectRancherError(await admin.post(`/v1/${ PROV }/no-such-ns`, { metadata: { name: 'ns-missing' }, spec: {} }), 404, 'NotFound');
      expectRancherError(await admin.post(`/v1/${ PROV }/fleet-default`, { metadata: { name: 'ns-mismatch', namespace: 'fleet-local' }, spec: {} }), 400, 'BadRequest');
      expectRancherError(await admin.post(`/v1/${ PROV }`, { metadata: { name: 'ns-none' }, spec: {} }), 422, 'Invalid');
    });
  });

  describe('cluster names', () => {
    it.each([
      ['My.Cluster'],
      ['Upper'],
      ['a'.repeat(64)],
      ['-leading-dash'],
      ['trailing-dash-'],
      ['has space'],
      ['under_score'],
    ])('Steve refuses %j with 422 Invalid', async(name) => {
      const res = await admin.post(`/v1/${ PROV }/fleet-default`, {
        type: PROV, metadata: { name }, spec: {}
      });

      expectRancherError(res, 422, 'Invalid');
      expect(res.body.message).toContain('metadata.name');
    });

    it('Steve accepts a 63-character name', async() => {
      expect((await admin.post(`/v1/${ PROV }/fleet-default`, {
        type: PROV, metadata: { name: 'a'.repeat(63) }, spec: {}
      })).status).toBe(201);
    });

    it('a missing name → 422', async() => {
      expectRancherError(await admin.post(`/v1/${ PROV }/fleet-default`, {
        type: PROV, metadata: {}, spec: {}
      }), 422, 'Invalid');
    });

    it('Norman refuses a control character and an over-long name', async() => {
      expectRancherError(await admin.post('/v3/clusters', { name: 'bad\nname' }), 422, 'InvalidFormat');
      expectRancherError(await admin.post('/v3/clusters', { name: 'c1\u009b2J' }), 422, 'InvalidFormat');
      expectRancherError(await admin.post('/v3/clusters', { name: 'x'.repeat(254) }), 422, 'InvalidFormat');
    });

    it('Norman checks a rename (PUT) as a create: control characters and over-long names are refused, the name stays', async() => {
      // Rancher: the schema's `name` is a dnsLabel, checked by norman's builder on Update too (sim/FIDELITY.md).
      const lab = (await admin.get('/v3/clusters?name=harvester-lab')).body.data[0];

      for (const name of ['esc\u001b[2J\u001b]0;pwned\u0007…', 'del\u007f', 'c1\u009d0;t\u009c', 'x'.repeat(254)]) {
        const res = await admin.put(`/v3/clusters/${ lab.id }`, { ...lab, name });

        expectRancherError(res, 422, 'InvalidFormat');
        expect(res.body.fieldName).toBe('name');
      }
      expectRancherError(await admin.put(`/v3/clusters/${ lab.id }`, { ...lab, name: 42 }), 422, 'InvalidFormat');
      expect((await admin.get(`/v3/clusters/${ lab.id }`)).body.name).toBe('harvester-lab');
    });

    it('a duplicate name → 409 AlreadyExists on Steve, 422 NotUnique on Norman', async() => {
      const first = await admin.post(`/v1/${ PROV }/fleet-default`, {
        type: PROV, metadata: { name: 'dup-steve' }, spec: {}
      });

      expect(first.status).toBe(201);
      expectRancherError(await admin.post(`/v1/${ PROV }/fleet-default`, {
        type: PROV, metadata: { name: 'dup-steve' }, spec: {}
      }), 409, 'AlreadyExists');
      expectRancherError(await admin.post(`/v1/${ PROV }/fleet-default`, {
        type: PROV, metadata: { name: 'harvester-prod' }, spec: {}
      }), 409, 'AlreadyExists');

      const norman = await admin.post('/v3/clusters', { type: 'cluster', name: 'dup-norman' });

      expect(norman.status).toBe(201);
      const again = await admin.post('/v3/clusters', { type: 'cluster', name: 'dup-norman' });

      expectRancherError(again, 422, 'NotUnique');
      // exactly Norman's body: NewFieldAPIError(NotUnique, "Cluster name", "") (cluster_store.go canUseClusterName)
      expect(again.body).toEqual({
        type: 'error', baseType: 'error', status: 422, code: 'NotUnique', fieldName: 'Cluster name', message: '',
      });
      // compared with strings.EqualFold
      expectRancherError(await admin.post('/v3/clusters', { type: 'cluster', name: 'DUP-Norman' }), 422, 'NotUnique');
      expectRancherError(await admin.post('/v3/clusters', { type: 'cluster', name: 'harvester-lab' }), 422, 'NotUnique');
      // Norman compares management clusters only: the Steve-made one counts once Rancher made its management cluster
      await waitFor('adoption', async() => (await admin.get(`/v1/${ PROV }/fleet-default/dup-steve`)).body?.status?.clusterName);
      expectRancherError(await admin.post('/v3/clusters', { type: 'cluster', name: 'dup-steve' }), 422, 'NotUnique');
      expect((await admin.get('/v3/clusters?name=dup-norman')).body.data).toHaveLength(1);
      // Steve has no display-name check: only the same namespace/name is refused (AlreadyExists)
      const sameDisplayName = await admin.post(`/v1/${ PROV }/fleet-default`, {
        type: PROV, metadata: { name: 'dup-norman' }, spec: {}
      });

      expect(sameDisplayName.status).toBe(201);
      // a rename is checked too, but not a change of case of the cluster's own name
      const lab = (await admin.get('/v3/clusters?name=harvester-lab')).body.data[0];

      expectRancherError(await admin.put(`/v3/clusters/${ lab.id }`, { ...lab, name: 'harvester-prod' }), 422, 'NotUnique');
      expect((await admin.put(`/v3/clusters/${ lab.id }`, { ...lab, name: 'Harvester-Lab' })).status).toBe(200);
      expect((await admin.put(`/v3/clusters/${ lab.id }`, { ...lab, name: 'harvester-lab' })).status).toBe(200);
      expectRancherError(await admin.put(`/v3/clusters/${ lab.id }`, { ...lab, name: '' }), 422, 'MissingRequired');
    });

    it('a stale resourceVersion on update → 409 Conflict', async() => {
      const current = (await admin.get(`/v1/${ PROV }/fleet-default/harvester-lab`)).body;
      const stale = {
        ...current,
        metadata: {
          ...current.metadata, resourceVersion: '1', labels: { ...current.metadata.labels, x: 'y' }
        }
      };

      expectRancherError(await admin.put(current.links.update, stale), 409, 'Conflict');
      const fresh = await admin.put(current.links.update, { ...current, metadata: { ...current.metadata, labels: { ...current.metadata.labels, x: 'y' } } });

      expect(fresh.status).toBe(200);
      expect(fresh.body.metadata.labels.x).toBe('y');
      expect(fresh.body.status.clusterName).toBe(current.status.clusterName);
    });
  });

  describe('labels and annotations', () => {
    /** Neither API knows a cluster of that name (nothing half-made by a refused create). */
    const nothingNamed = async(name: string) => (await admin.get(`/v1/${ PROV }/fleet-default/${ name }`)).status === 404 &&
      (await admin.get(`/v3/clusters?name=${ name }`)).body.data.length === 0;
    const BAD_LABELS: [string, Record<string, string>, RegExp][] = [
      ['an HTML label value', { team: '<img src=x onerror=alert(1)>' }, /metadata\.labels: Invalid value: "<img src=x onerror=alert\(1\)>": a valid label must be an empty string or consist of alphanumeric characters/],
      ['a label value with a space', { team: 'virt team' }, /metadata\.labels: Invalid value: "virt team"/],
      ['a 64-character label value', { team: 'v'.repeat(64) }, /must be no more than 63 characters/],
      ['a label key with two slashes', { 'a/b/c': 'x' }, /metadata\.labels: Invalid value: "a\/b\/c": a qualified name must consist of/],
      ['a label key with an uppercase prefix', { 'Example.com/team': 'x' }, /prefix part a lowercase RFC 1123 subdomain/],
      ['an empty label key', { '': 'x' }, /name part must be non-empty/],
    ];

    it.each(BAD_LABELS)('Steve refuses %s (422 Invalid, the API server\'s words) and creates nothing', async(_what, labels, message) => {
      const res = await admin.post(`/v1/${ PROV }/fleet-default`, {
        type: PROV, metadata: { name: 'bad-labels', labels }, spec: {}
      });

      expectRancherError(res, 422, 'Invalid');
      expect(res.body.message).toMatch(message);
      expect(await nothingNamed('bad-labels')).toBe(true);
    });

    it.each(BAD_LABELS)('Norman refuses %s (422 InvalidFormat on labels) and creates nothing', async(_what, labels, message) => {
      const res = await admin.post('/v3/clusters', {
        type: 'cluster', name: 'bad-labels', labels
      });

      expectRancherError(res, 422, 'InvalidFormat');
      expect(res.body.fieldName).toBe('labels');
      expect(res.body.message).toMatch(message);
      expect(await nothingNamed('bad-labels')).toBe(true);
    });

    it('an update with a bad label is refused and changes nothing; annotation values may hold any text, their keys may not', async() => {
      const current = (await admin.get(`/v1/${ PROV }/fleet-default/harvester-lab`)).body;

      expectRancherError(await admin.put(current.links.update, { ...current, metadata: { ...current.metadata, labels: { ...current.metadata.labels, x: 'no good' } } }), 422, 'Invalid');
      expectRancherError(await admin.put(current.links.update, { ...current, metadata: { ...current.metadata, annotations: { 'bad key!': 'x' } } }), 422, 'Invalid');
      expect((await admin.get(`/v1/${ PROV }/fleet-default/harvester-lab`)).body.metadata).toEqual(current.metadata);

      const note = '<b>any</b> text, spaces and "quotes"';
      const ok = await admin.put(current.links.update, { ...current, metadata: { ...current.metadata, annotations: { ...current.metadata.annotations, 'example.com/note': note } } });

      expect(ok.status).toBe(200);
      expect(ok.body.metadata.annotations['example.com/note']).toBe(note);
      const norman = await admin.post('/v3/clusters', {
        type: 'cluster', name: 'note-ok', annotations: { 'example.com/note': note }, labels: { 'example.com/team': 'Virt_1.x-y', empty: '' }
      });

      expect(norman.status).toBe(201);
    });
  });

  describe('registration tokens and manifests', () => {
    it('an unknown token → Rancher\'s 400 text for the manifest, 404 for apply; a non-registration URL → 422', async() => {
      const created = await admin.post('/v3/clusters', { type: 'cluster', name: 'token-checks' });
      const id: string = created.body.id;
      const token = await waitFor('token', async() => (await admin.get(`/v3/clusterregistrationtokens?clusterId=${ id }`)).body.data[0]);
      const unknown = `${ sim.url }/v3/import/${ 'b'.repeat(54) }_${ id }.yaml`;

      // rancher import.go (release/v2.11, v2.12): text/plain 400 for an unknown token or cluster
      const refused = { status: 400, body: 'cluster not found or invalid token' };

      expect(await new SimClient(sim.url).get(new URL(unknown).pathname)).toMatchObject(refused);
      expect(await new SimClient(sim.url).get(`/v3/import/${ token.token }_c-zzzzz.yaml`)).toMatchObject(refused);
      expect((await new SimClient(sim.url).get('/v3/import/not-a-manifest')).status).toBe(404);
      expect((await fetch(token.manifestUrl)).status).toBe(200);

      expectRancherError(await sim$.post('/sim/harvester/apply', { manifestUrl: unknown }), 404, 'NotFound');
      expectRancherError(await sim$.post('/sim/harvester/apply', { manifestUrl: 'https://example.com/not/a/registration' }), 422, 'InvalidFormat');
      expectRancherError(await sim$.post('/sim/harvester/apply', { manifestUrl: 'not a url' }), 422, 'InvalidFormat');
      expectRancherError(await sim$.post('/sim/harvester/apply', {}), 422, 'MissingRequired');
      expectRancherError(await sim$.post('/sim/harvester/apply', { manifestUrl: token.manifestUrl, harvester: 'no-such-harvester' }), 404);
      expectRancherError(await sim$.post('/sim/harvester/delete-manifest', { manifestUrl: token.manifestUrl }), 404);
      expectRancherError(await sim$.get('/sim/harvester/no-such-harvester'), 404);
      expectRancherError(await sim$.post('/sim/harvester', { name: 'Bad.Name' }), 422, 'InvalidFormat');
      expectRancherError(await sim$.post('/sim/harvester', { name: 'fine', version: '1.2' }), 422, 'InvalidFormat');
      expect((await admin.get(`/v1/management.cattle.io.clusters/${ id }`)).body.metadata.state.name).toBe('pending');
    });
  });

  describe('login', () => {
    it('rejects bad credentials and unknown providers with Rancher errors', async() => {
      const anon = new SimClient(sim.url);

      expectRancherError(await anon.post('/v1-public/login', {
        type: 'localProvider', username: 'nobody', password: 'x'
      }), 401);
      expectRancherError(await anon.post('/v1-public/login', { type: 'localProvider', username: 'admin' }), 401);
      expectRancherError(await anon.post('/v1-public/login', {
        type: 'githubProvider', username: 'admin', password: 'password1234'
      }), 400);
      expectRancherError(await anon.post('/v3-public/localProviders/local?action=nope', { username: 'admin', password: 'password1234' }), 405);
      expect((await anon.post('/v3-public/localProviders/local?action=login', { username: 'admin', password: 'password1234' })).status).toBe(201);
    });

    it('logout revokes the session', async() => {
      const client = await SimClient.cookieLogin(sim.url, 'project-owner');
      const session = client.cookies.get('R_SESS') as string;

      expect((await client.post('/v1/logout')).status).toBe(200);
      const stale = new SimClient(sim.url);

      stale.cookies.set('R_SESS', session);
      expectRancherError(await stale.get(`/v1/${ PROV }`), 401);
    });
  });

  it('a barrage of odd requests never produces a 500', async() => {
    const anon = new SimClient(sim.url);
    const cases: Array<[SimClient, string, string, string | undefined]> = [
      [admin, 'GET', `/v1/${ PROV }?sort=&page=&pagesize=`, undefined],
      [admin, 'GET', `/v1/${ PROV }?filter=status.conditions[99].type=Ready`, undefined],
      [admin, 'GET', `/v1/${ PROV }?filter=${ encodeURIComponent('metadata.name > (5)') }`, undefined],
      [admin, 'GET', '/v1/%E0%A4%A', undefined],
      [admin, 'GET', '/v3/clusters/%', undefined],
      [admin, 'POST', `/v1/${ PROV }/fleet-default`, '{"metadata":{"name":{"nested":true}}}'],
      [admin, 'POST', `/v1/${ PROV }/fleet-default`, '{"metadata":{"generateName":7}}'],
      [admin, 'POST', `/v1/${ PROV }/fleet-default`, '{"metadata":null}'],
      [admin, 'PATCH', `/v1/${ PROV }/fleet-default/harvester-lab`, '[1,2,3]'],
      [admin, 'PATCH', `/v1/${ PROV }/fleet-default/harvester-lab`, '{"metadata":{"name":"renamed"}}'],
      [admin, 'PUT', `/v1/${ PROV }/fleet-default/harvester-lab`, '{"metadata":{"labels":"x"}}'],
      [admin, 'PUT', '/v3/clusters/local', '{"name":""}'],
      [admin, 'PUT', '/v3/clusters/local', '{"labels":[1]}'],
      [admin, 'POST', '/v3/clusterroletemplatebindings', '{"roleTemplateId":"nope"}'],
      [admin, 'POST', '/v3/projectroletemplatebindings', '{"roleTemplateId":"read-only","userId":"user-admin","projectId":"x"}'],
      [admin, 'PUT', '/v1/userpreferences/user-admin', '{"data":{"a":1}}'],
      [admin, 'DELETE', '/v3/settings/server-url', undefined],
      [admin, 'POST', '/v3/principals?action=search', '"x"'],
      [anon, 'POST', '/v1/ext.cattle.io.selfuser', undefined],
      [anon, 'GET', '/v3/clusters', undefined],
      [anon, 'GET', '/k8s/clusters/local/v1/harvesterhci.io.settings/server-version', undefined],
      [admin, 'GET', '/k8s/clusters/local/v1/harvesterhci.io.settings/server-version', undefined],
      [admin, 'GET', '/k8s/clusters/c-zzzzz/v1/harvesterhci.io.settings/server-version', undefined],
      [admin, 'GET', '/k8s/clusters/local/api/v1/pods', undefined],
      [anon, 'POST', '/sim/faults', '{"kind":"nope"}'],
      [anon, 'POST', '/sim/faults', '{"path":"re:(unclosed","status":500}'],
      [anon, 'POST', '/sim/faults', '{"path":"/x"}'],
      [anon, 'POST', '/sim/faults', '{"path":"/x","status":99}'],
      [anon, 'PUT', '/sim/config', '{"harvesterDelayMs":-5}'],
      [anon, 'POST', '/sim/reset', '{"seedClusters":"many"}'],
      [anon, 'POST', '/sim/seed', '{"count":0}'],
      [anon, 'PATCH', '/sim/harvester/harvester-prod/k8s/apis/harvesterhci.io/v1beta1/settings/server-version', '{"value":"v9.9.9"}'],
      [anon, 'PATCH', '/sim/harvester/harvester-prod/k8s/apis/harvesterhci.io/v1beta1/settings/cluster-registration-url', '[{"op":"remove","path":"/value"}]'],
    ];

    for (const [client, method, path, raw] of cases) {
      const res = await client.request(method, path, { raw });

      // 503 is legitimate for the downstream proxy (cluster not connected); 500 never is
      expect({
        method, path, serverError: res.status === 500 || res.status > 503
      }).toEqual({
        method, path, serverError: false
      });
      if (res.status >= 400 && !path.startsWith('/sim/harvester/')) {
        expect(res.body).toMatchObject({
          type: 'error', status: res.status, code: expect.any(String)
        });
      }
    }
    // the simulator is still healthy
    expect((await admin.get(`/v1/${ PROV }/fleet-default/harvester-lab`)).status).toBe(200);
  });

  describe('faults', () => {
    afterEach(async() => {
      await sim$.delete('/sim/faults');
    });

    it('an http status fault answers that status on the matching method and path until cleared', async() => {
      const fault = await sim$.post('/sim/faults', {
        kind: 'http', method: 'GET', path: `/v1/${ PROV }`, status: 503, message: 'injected outage'
      });

      expect(fault.status).toBe(201);
      expect(fault.body).toMatchObject({
        kind: 'http', status: 503, path: `/v1/${ PROV }`
      });
      const failed = await admin.get(`/v1/${ PROV }`);

      expectRancherError(failed, 503, 'ServiceUnavailable');
      expect(failed.body.message).toBe('injected outage');
      expectRancherError(await admin.get(`/v1/${ PROV }`), 503);
      // other paths and methods are unaffected; so is the control API
      expect((await admin.get('/v1/management.cattle.io.clusters')).status).toBe(200);
      expect((await sim$.get('/sim/faults')).body.data).toEqual([expect.objectContaining({ hits: 2 })]);

      expect((await sim$.delete('/sim/faults')).status).toBe(200);
      expect((await sim$.get('/sim/faults')).body.data).toEqual([]);
      expect((await admin.get(`/v1/${ PROV }`)).status).toBe(200);
    });

    it('a prefix fault with times expires after that many hits', async() => {
      await sim$.post('/sim/faults', {
        path: '/v3/cluster*', status: 500, code: 'Boom', times: 2
      });
      expectRancherError(await admin.get('/v3/clusters'), 500, 'Boom');
      expectRancherError(await admin.get('/v3/clusterregistrationtokens'), 500, 'Boom');
      expect((await admin.get('/v3/clusters')).status).toBe(200);
      expect((await sim$.get('/sim/faults')).body.data).toEqual([]);
    });

    it('a delay fault stalls the request, then is cleared', async() => {
      await sim$.post('/sim/faults', {
        method: 'GET', path: 're:^/v1/management\\.cattle\\.io\\.clusters$', delayMs: 400
      });
      let started = Date.now();
      const slow = await admin.get('/v1/management.cattle.io.clusters');

      expect(slow.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
      await sim$.delete('/sim/faults');
      expect((await sim$.get('/sim/faults')).body.data).toEqual([]);
      started = Date.now();
      expect((await admin.get('/v1/management.cattle.io.clusters')).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(400);
    });

    it('PUT /sim/config changes controller delays', async() => {
      const res = await sim$.put('/sim/config', { harvesterDelayMs: 10, deleteDelayMs: 10 });

      expect(res.body).toMatchObject({ harvesterDelayMs: 10, deleteDelayMs: 10 });
      expect(sim.state.config.harvesterDelayMs).toBe(10);
    });
  });
});
