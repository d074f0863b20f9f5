import type { Simulator } from '../../../sim/server';
import {
  control, expectRancherError, SimClient, startTestSim, waitFor
} from '../../integration/support/sim-client';

const PROV = 'provisioning.cattle.io.cluster';
const MGMT = 'management.cattle.io.cluster';

interface SimStateView {
  revision: number;
  managementClusters: string[];
  tokens: string[];
  clusters: Array<{ id: string, clusterId: string, state: string }>;
  counts: Record<string, number>;
}

describe('integration: RBAC over HTTP', () => {
  let sim: Simulator;
  let admin: SimClient;
  let prodId: string;
  let labId: string;

  const simState = async(): Promise<SimStateView> => (await control(sim.url).get('/sim/state')).body;

  beforeAll(async() => {
    sim = await startTestSim({ seedClusters: 12 });
    admin = await SimClient.cookieLogin(sim.url, 'admin');
    const clusters = (await simState()).clusters;

    prodId = clusters.find((c) => c.id === 'fleet-default/harvester-prod')?.clusterId as string;
    labId = clusters.find((c) => c.id === 'fleet-default/harvester-lab')?.clusterId as string;
    expect(prodId).toMatch(/^c-m-/);
    expect(labId).toMatch(/^c-m-/);
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('only an administrator reads the local cluster\'s events: no events schema for standard users', async() => {
    const adminEvents = await admin.get('/v1/events');

    expect(adminEvents.status).toBe(200);
    expect(adminEvents.body.data.length).toBeGreaterThan(0);
    for (const username of ['project-owner', 'project-readonly', 'no-access']) {
      const user = await SimClient.cookieLogin(sim.url, username);
      const schemas = (await user.get('/v1/schemas')).body.data.map((s: { id: string }) => s.id);

      const events = await user.get('/v1/events');

      expect(schemas).not.toContain('event');
      expectNoSchema(events);
    }
  });

  describe('project-readonly', () => {
    it('every write attempt is refused (403 on what it sees, 404 on what it does not) and changes nothing', async() => {
      const ro = await SimClient.cookieLogin(sim.url, 'project-readonly');
      const before = await simState();
      const prov = await ro.get(`/v1/${ PROV }/fleet-default/harvester-prod`);

      expect(prov.status).toBe(200);
      expect(prov.body.links.remove).toBeUndefined();
      expect(prov.body.links.update).toBeUndefined();

      const attempts: Array<[string, string, unknown, number]> = [
        ['DELETE', `/v1/${ PROV }/fleet-default/harvester-prod`, undefined, 403],
        ['PUT', `/v1/${ PROV }/fleet-default/harvester-prod`, { ...prov.body, metadata: { ...prov.body.metadata, labels: { hacked: 'yes' } } }, 403],
        ['PATCH', `/v1/${ PROV }/fleet-default/harvester-prod`, { metadata: { labels: { hacked: 'yes' } } }, 403],
        ['POST', `/v1/${ PROV }/fleet-default`, {
          type: PROV, metadata: { name: 'ro-cluster' }, spec: {}
        }, 403],
        ['POST', `/v1/${ PROV }`, {
          type: PROV, metadata: { name: 'ro-cluster', namespace: 'fleet-default' }, spec: {}
        }, 403],
        ['DELETE', `/v1/${ MGMT }/${ prodId }`, undefined, 403],
        ['PUT', `/v1/${ MGMT }/${ prodId }`, { metadata: { name: prodId }, spec: { displayName: 'renamed' } }, 403],
        ['POST', '/v3/clusters', { type: 'cluster', name: 'ro-norman' }, 403],
        // authorization comes before validation: no 422 hints for a caller who may not create
        ['POST', `/v1/${ PROV }/fleet-default`, {
          type: PROV, metadata: { name: 'My.Cluster' }, spec: {}
        }, 403],
        ['POST', `/v1/${ PROV }/fleet-default`, {
          type: PROV, metadata: { name: 'harvester-prod' }, spec: {}
        }, 403],
        ['POST', '/v3/clusters', { type: 'cluster' }, 403],
        ['POST', '/v3/clusters', { type: 'cluster', name: 'harvester-prod' }, 403],
        ['PUT', `/v3/clusters/${ prodId }`, { name: 'renamed' }, 403],
        ['DELETE', `/v3/clusters/${ prodId }`, undefined, 403],
        ['POST', '/v3/clusterregistrationtokens', { type: 'clusterRegistrationToken', clusterId: prodId }, 403],
        ['PUT', '/v1/management.cattle.io.settings/server-url', { metadata: { name: 'server-url' }, value: 'https://evil.example' }, 403],
        ['PUT', '/v3/settings/server-url', { value: 'https://evil.example' }, 403],
        ['DELETE', `/v1/${ PROV }/fleet-default/harvester-lab`, undefined, 404],
        ['DELETE', `/v1/${ PROV }/fleet-local/local`, undefined, 404],
        ['DELETE', `/v3/clusters/${ labId }`, undefined, 404],
        ['PUT', `/v3/clusters/${ labId }`, { name: 'renamed' }, 404],
        ['POST', '/v3/clusterregistrationtokens', { type: 'clusterRegistrationToken', clusterId: labId }, 404],
      ];

      for (const [method, path, body, status] of attempts) {
        const res = await ro.request(method, path, { body });

        expect({
          method, path, status: res.status
        }).toEqual({
          method, path, status
        });
        // Steve writes to management clusters are disallowed outright (disallow.go → apiserver PermissionDenied)
        const blocked = method !== 'GET' && path.startsWith(`/v1/${ MGMT }/`);

        expectRancherError(res, status, status === 403 ? (blocked ? 'PermissionDenied' : 'Forbidden') : 'NotFound');
      }
      // the same with a bearer token (no CSRF involved)
      const roBearer = await SimClient.bearerLogin(sim.url, 'project-readonly');

      expectRancherError(await roBearer.delete(`/v1/${ PROV }/fleet-default/harvester-prod`), 403, 'Forbidden');
      expectRancherError(await roBearer.post('/v3/clusters', { type: 'cluster', name: 'ro-norman' }), 403, 'Forbidden');

      const after = await simState();

      expect(after.revision).toBe(before.revision);
      expect(after.managementClusters).toEqual(before.managementClusters);
      expect(after.tokens).toEqual(before.tokens);
      expect((await admin.get('/v1/management.cattle.io.settings/server-url')).body.value).toBe(sim.url);
      expect((await admin.get(`/v1/${ PROV }/fleet-default/harvester-prod`)).body.metadata.state.name).toBe('active');
    });

    it('does not see the registration token or other clusters\' objects', async() => {
      const ro = await SimClient.cookieLogin(sim.url, 'project-readonly');

      expect((await ro.get(`/v3/clusterregistrationtokens?clusterId=${ prodId }`)).body.data).toEqual([]);
      expectNoSchema(await ro.get(`/v1/management.cattle.io.clusterregistrationtokens/${ prodId }/default-token`));
      expectRancherError(await ro.get(`/v1/${ MGMT }/${ labId }`), 404);
      expectRancherError(await ro.get(`/v3/clusters/${ labId }`), 404);
      expect((await ro.get('/v3/clusters')).body.data.map((c: { id: string }) => c.id)).toEqual([prodId]);
      expect((await ro.get(`/v1/${ MGMT }`)).body.data.map((c: { id: string }) => c.id)).toEqual([prodId]);
    });
  });

  describe('project-owner', () => {
    it('may create clusters on both paths and becomes their owner', async() => {
      const owner = await SimClient.cookieLogin(sim.url, 'project-owner');
      const ownerId = (await owner.get('/v3/principals')).body.data[0].id.replace('local://', '');

      const steve = await owner.post(`/v1/${ PROV }/fleet-default`, {
        type: PROV, metadata: { name: 'owner-steve' }, spec: {}
      });

      expect(steve.status).toBe(201);
      expect(steve.body.metadata.annotations['field.cattle.io/creatorId']).toBe(ownerId);
      const steveId = await waitFor('adoption', async() => (await owner.get(`/v1/${ PROV }/fleet-default/owner-steve`)).body?.status?.clusterName);
      const norman = await owner.post('/v3/clusters', { type: 'cluster', name: 'owner-norman' });

      expect(norman.status).toBe(201);
      expect(norman.body.creatorId).toBe(ownerId);
      const normanId: string = norman.body.id;

      for (const id of [steveId, normanId]) {
        // Rancher's auth controller binds the creator a moment after the create (cluster_handler.go).
        const crtbs = await waitFor('creator binding', async() => {
          const found = await admin.get(`/v3/clusterroletemplatebindings?clusterId=${ id }`);

          return found.body.data.length ? found : undefined;
        });

        expect(crtbs.body.data).toEqual([expect.objectContaining({
          clusterId: id, userId: ownerId, roleTemplateId: 'cluster-owner'
        })]);
        const token = await waitFor('token', async() => (await owner.get(`/v3/clusterregistrationtokens?clusterId=${ id }`)).body.data[0]);

        expect(token.manifestUrl).toContain(`_${ id }.yaml`);
      }
      await waitFor('norman provisioning cluster', async() => (await owner.get(`/v1/${ PROV }/fleet-default/${ normanId }`)).status === 200);
      const list = await owner.get(`/v1/${ PROV }?sort=metadata.name`);

      expect(list.body.data.map((p: { id: string }) => p.id)).toEqual([`fleet-default/${ normanId }`, 'fleet-default/harvester-prod', 'fleet-default/owner-steve']);
      const mine = list.body.data.find((p: { id: string }) => p.id === 'fleet-default/owner-steve');
      const prod = list.body.data.find((p: { id: string }) => p.id === 'fleet-default/harvester-prod');

      expect(mine.links.remove).toBe(mine.links.self);
      expect(prod.links.remove).toBeUndefined();

      // may delete what it owns
      expect((await owner.delete(mine.links.self)).status).toBe(200);
      await waitFor('owner-steve removal', async() => (await owner.get(`/v1/${ PROV }/fleet-default/owner-steve`)).status === 404);
      expect((await admin.get(`/v3/clusterroletemplatebindings?clusterId=${ steveId }`)).body.data).toEqual([]);
    });

    it('cannot delete harvester-lab (404, invisible) or harvester-prod (403), nothing changes', async() => {
      const owner = await SimClient.cookieLogin(sim.url, 'project-owner');
      const before = await simState();

      expectRancherError(await owner.delete(`/v1/${ PROV }/fleet-default/harvester-lab`), 404, 'NotFound');
      expectRancherError(await owner.delete(`/v1/${ PROV }/fleet-default/harvester-prod`), 403, 'Forbidden');
      // disallow.go: Steve never deletes management clusters (apiserver PermissionDenied)
      expectRancherError(await owner.delete(`/v1/${ MGMT }/${ prodId }`), 403, 'PermissionDenied');
      expectRancherError(await owner.delete(`/v3/clusters/${ prodId }`), 403, 'Forbidden');
      expectRancherError(await owner.delete(`/v3/clusters/${ labId }`), 404, 'NotFound');
      expectRancherError(await owner.get(`/v1/${ PROV }/fleet-default/harvester-lab`), 404, 'NotFound');
      const after = await simState();

      expect(after.revision).toBe(before.revision);
      expect(after.clusters.filter((c) => c.id.endsWith('harvester-lab') || c.id.endsWith('harvester-prod')).map((c) => c.state)).toEqual(['active', 'active']);
    });

    it('may edit its project but not the cluster', async() => {
      const owner = await SimClient.cookieLogin(sim.url, 'project-owner');
      const projects = await owner.get(`/v1/management.cattle.io.projects/${ prodId }`);

      expect(projects.body.data).toHaveLength(1);
      const project = projects.body.data[0];

      expect(project.spec.displayName).toBe('Default');
      const edited = await owner.put(project.links.update, { ...project, spec: { ...project.spec, description: 'edited by owner' } });

      expect(edited.status).toBe(200);
      expect(edited.body.spec.description).toBe('edited by owner');
      expectRancherError(await owner.delete(project.links.self), 403, 'Forbidden');
    });
  });

  describe('no-access', () => {
    it('cannot create or see anything cluster-related', async() => {
      const none = await SimClient.cookieLogin(sim.url, 'no-access');

      // User-Base has no verb on clusters, so no schema: Steve answers every method 404 without a body (apiserver handleOp).
      expectNoSchema(await none.post(`/v1/${ PROV }/fleet-default`, {
        type: PROV, metadata: { name: 'na' }, spec: {}
      }));
      expectRancherError(await none.post('/v3/clusters', { type: 'cluster', name: 'na' }), 403, 'Forbidden');
      expectNoSchema(await none.get(`/v1/${ PROV }/fleet-default/harvester-prod`));
      expectNoSchema(await none.delete(`/v1/${ PROV }/fleet-default/harvester-prod`));
      const counts = (await none.get('/v1/counts')).body.data[0].counts;

      expect(counts[PROV]?.summary.count ?? 0).toBe(0);
      expect(counts[MGMT]?.summary.count ?? 0).toBe(0);
      expectNoSchema(await none.get(`/v1/${ PROV }`));
    });
  });

  describe('standard-user (Standard User, no clusters)', () => {
    it('lists 200 empty, is refused GET by id (403 PermissionDenied), may create and then owns it', async() => {
      const std = await SimClient.cookieLogin(sim.url, 'standard-user');
      const list = await std.get(`/v1/${ PROV }`);

      expect(list.status).toBe(200);
      expect(list.body.data).toEqual([]);
      expectRancherError(await std.get(`/v1/${ PROV }/fleet-default/harvester-prod`), 403, 'PermissionDenied');
      expect((await std.get(`/v1/${ MGMT }`)).body.data).toEqual([]);
      const created = await std.post('/v3/clusters', { type: 'cluster', name: 'std-made' });

      expect(created.status).toBe(201);
      const id: string = created.body.id;
      const prov = await waitFor('owner access', async() => {
        const res = await std.get(`/v1/${ PROV }/fleet-default/${ id }`);

        return res.status === 200 ? res : undefined;
      });

      expect(prov.body.links.remove).toEqual(expect.any(String));
      // now that a cluster is theirs, others are simply not found
      expectRancherError(await std.get(`/v1/${ PROV }/fleet-default/harvester-prod`), 404);
    });
  });

  it('a new binding shows in the very next list (no stale cached lists), and its removal too', async() => {
    const none = await SimClient.cookieLogin(sim.url, 'no-access');
    const noneId = (await none.get('/v3/principals')).body.data[0].id;
    // Without a binding User-Base has no schema (404, no body); the binding brings it.
    const list = async() => ((await none.get(`/v1/${ PROV }?sort=metadata.name&pagesize=10`)).body?.data || []).map((p: { metadata: { name: string } }) => p.metadata.name);

    expect(await list()).toEqual([]);
    const binding = await admin.post('/v3/clusterroletemplatebindings', {
      clusterId: labId, userPrincipalId: noneId, roleTemplateId: 'cluster-member'
    });

    expect(binding.status).toBe(201);
    expect(await list()).toEqual(['harvester-lab']);
    expect((await none.get(`/v1/${ PROV }/fleet-default/harvester-lab`)).body.links.remove).toBeUndefined();
    expectRancherError(await none.delete(`/v1/${ PROV }/fleet-default/harvester-lab`), 403, 'Forbidden');
    expect((await admin.delete(`/v3/clusterroletemplatebindings/${ binding.body.id }`)).status).toBe(200);
    expect(await list()).toEqual([]);
  });

  describe('pagination applies after RBAC', () => {
    const harvesterQuery = 'filter=metadata.labels[provider.cattle.io]=harvester&sort=metadata.name';

    it('admin pages through all Harvester clusters', async() => {
      const all = await admin.get(`/v1/${ PROV }?${ harvesterQuery }`);
      const total = all.body.count;

      expect(total).toBeGreaterThanOrEqual(14); // 2 seeded + 12 scale clusters
      expect(all.body.data.every((p: { metadata: { labels: Record<string, string> } }) => p.metadata.labels['provider.cattle.io'] === 'harvester')).toBe(true);
      const pages = Math.ceil(total / 5);
      const seen: string[] = [];

      for (let page = 1; page <= pages; page++) {
        const res = await admin.get(`/v1/${ PROV }?${ harvesterQuery }&pagesize=5&page=${ page }`);

        // the SQL cache never sets `pages` (steve sqlpartition/store.go); count is the filtered total
        expect(res.body).toMatchObject({ count: total, revision: expect.any(String) });
        expect(res.body.pages).toBeUndefined();
        expect(res.body.data.length).toBe(page < pages ? 5 : total - 5 * (pages - 1));
        seen.push(...res.body.data.map((p: { metadata: { name: string } }) => p.metadata.name));
      }
      expect(seen).toEqual(all.body.data.map((p: { metadata: { name: string } }) => p.metadata.name));
      expect([...seen].sort()).toEqual(seen);

      const desc = await admin.get(`/v1/${ PROV }?filter=metadata.name~scale&sort=-metadata.name&pagesize=3`);

      expect(desc.body).toMatchObject({ count: 12 });
      expect(desc.body.data.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(['harvester-scale-0012', 'harvester-scale-0011', 'harvester-scale-0010']);
      const orNotIn = await admin.get(`/v1/${ PROV }?filter=metadata.name=local,metadata.name=harvester-lab&filter=metadata.name NOTIN (local)`);

      expect(orNotIn.body.data.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(['harvester-lab']);
    });

    it('project-readonly counts only what it may see', async() => {
      const ro = await SimClient.cookieLogin(sim.url, 'project-readonly');
      const res = await ro.get(`/v1/${ PROV }?${ harvesterQuery }&pagesize=5&page=1`);

      expect(res.body).toMatchObject({ count: 1 });
      expect(res.body.data.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(['harvester-prod']);
    });

    it('a malformed query is a 400 in Rancher\'s error shape', async() => {
      for (const query of ['pagesize=abc', 'page=-1', 'filter=', 'filter==x', 'filter=metadata.labels[oops=1', 'sort=metadata.labels[x', `filter=${ encodeURIComponent('metadata.name IN (a,b') }`]) {
        const res = await admin.get(`/v1/${ PROV }?${ query }`);

        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expectRancherError(res, 400, 'BadRequest');
      }
    });
  });
});

/** Steve without a schema for the type for this user: 404 and no body (apiserver handleOp). */
function expectNoSchema(res: { status: number, body?: unknown }): void {
  expect({ status: res.status, body: res.body || undefined }).toEqual({ status: 404, body: undefined });
}
