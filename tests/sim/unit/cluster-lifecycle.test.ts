import { ApiError } from '../../../sim/core/api-error';
import { namespacesOf } from '../../../sim/harvester/harvester-fleet';
import {
  CREATOR_ANNOTATION, FLEET_DEFAULT, OWNER_NAME_ANNOTATION, OWNER_NAMESPACE_ANNOTATION, REGISTRATION_TOKEN_NAME
} from '../../../sim/controllers/cluster-objects';
import { ADMINISTRATED_ANNOTATION } from '../../../sim/steve/render';
import { TYPES } from '../../../sim/steve/type-catalog';
import { KubeObject } from '../../../sim/store/kube-object';
import { buildInMemorySim, InMemorySim, SERVER_URL, storeIndex } from './support/in-memory-sim';

const HARVESTER_LABELS = { 'provider.cattle.io': 'harvester' };

function caught(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) {
      return e;
    }
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('sim: cluster lifecycle (import controller and delete cascade)', () => {
  let sim: InMemorySim;

  const store = () => sim.state.store;
  const tick = (ms: number) => jest.advanceTimersByTime(ms);
  const mgmt = (id: string) => store().get(TYPES.MGMT_CLUSTER, id);
  const prov = (name: string) => store().get(TYPES.PROV_CLUSTER, `${ FLEET_DEFAULT }/${ name }`);
  const token = (clusterId: string) => store().get(TYPES.REGISTRATION_TOKEN, `${ clusterId }/${ REGISTRATION_TOKEN_NAME }`);
  const projectsOf = (clusterId: string) => store().list(TYPES.PROJECT).filter((p) => p.metadata.namespace === clusterId);
  const crtbsOf = (clusterId: string) => store().list(TYPES.CRTB).filter((b) => b.clusterName === clusterId);
  const manifestUrl = (clusterId: string) => `${ SERVER_URL }/v3/import/${ token(clusterId)?.status.token }_${ clusterId }.yaml`;

  /** What the Steve POST route does after validation and authorization. */
  function steveCreate(name: string, username: string, labels: Record<string, string> = HARVESTER_LABELS): KubeObject {
    const draft: KubeObject = {
      metadata: {
        name, namespace: FLEET_DEFAULT, labels
      },
      spec: {}
    };

    sim.hooks.for(TYPES.PROV_CLUSTER).beforeCreate?.(draft, sim.ctx(username));

    return store().create(TYPES.PROV_CLUSTER, draft);
  }

  function normanCreate(name: string, username: string): KubeObject {
    return sim.lifecycle.createFromNorman({
      name, description: 'made by a test', labels: HARVESTER_LABELS
    }, sim.userId(username));
  }

  function build(rancherVersion = 'v2.12.3'): void {
    sim = buildInMemorySim({
      rancherVersion, harvesterDelayMs: 20, deleteDelayMs: 20
    });
  }

  beforeEach(() => {
    jest.useFakeTimers();
    build();
  });
  afterEach(() => {
    sim.close();
    jest.useRealTimers();
  });

  describe('Norman path (POST /v3/clusters, Rancher >= 2.11)', () => {
    it('creates the management cluster c-xxxxx now and the provisioning cluster fleet-default/c-xxxxx shortly after', () => {
      const created = normanCreate('norman-one', 'admin');
      const id = created.metadata.name;

      expect(id).toMatch(/^c-[a-z0-9]{5}$/);
      expect(created.spec).toMatchObject({
        displayName: 'norman-one', description: 'made by a test', fleetWorkspaceName: FLEET_DEFAULT
      });
      // no driver until an agent registers (rancher pkg/tunnelserver/mcmauthorizer/tunnel.go)
      expect(created.status.driver).toBeUndefined();
      expect(created.metadata.labels).toEqual(HARVESTER_LABELS);
      expect(created.metadata.annotations?.[CREATOR_ANNOTATION]).toBe('user-admin');
      expect(created.metadata.annotations?.[ADMINISTRATED_ANNOTATION]).toBeUndefined();
      expect(created.metadata.state?.name).toBe('pending');
      expect(prov(id)).toBeUndefined();

      tick(50);
      const p = prov(id) as KubeObject;

      expect(p).toBeDefined();
      expect(p.metadata.name).toBe(id);
      expect(p.status.clusterName).toBe(id);
      expect(p.metadata.annotations?.[CREATOR_ANNOTATION]).toBe('user-admin');
      // the management cluster's labels without keys containing `cattle.io/` (provider.cattle.io has no slash):
      // rancher generateProvisioningClusterFromLegacyCluster, wrangler CleanAnnotationsForExport
      expect(p.metadata.labels).toEqual(HARVESTER_LABELS);
      expect(p.metadata.relationships).toEqual([expect.objectContaining({ toId: id, toType: TYPES.MGMT_CLUSTER })]);
      expect(mgmt(id)?.metadata.relationships).toEqual([expect.objectContaining({
        fromId: `${ FLEET_DEFAULT }/${ id }`, fromType: TYPES.PROV_CLUSTER, rel: 'owner'
      })]);
      // exactly one provisioning cluster for it, no c-m- cluster adopted on top
      expect(store().list(TYPES.PROV_CLUSTER).filter((x) => x.status?.clusterName === id)).toHaveLength(1);
      expect(store().list(TYPES.MGMT_CLUSTER).filter((m) => m.metadata.annotations?.[OWNER_NAME_ANNOTATION] === id)).toHaveLength(0);
    });

    it('scaffolds the cluster namespace, Default and System projects and the default-token', () => {
      const id = normanCreate('norman-two', 'admin').metadata.name;

      expect(store().has(TYPES.NAMESPACE, id)).toBe(true);
      expect(projectsOf(id).map((p) => p.spec.displayName).sort()).toEqual(['Default', 'System']);
      for (const p of projectsOf(id)) {
        expect(p.metadata.name).toMatch(/^p-[a-z0-9]{5}$/);
        expect(store().has(TYPES.NAMESPACE, p.metadata.name)).toBe(true);
      }
      expect(token(id)).toBeUndefined();
      tick(20);
      expect(token(id)?.status.token).toMatch(/^[a-z0-9]{54}$/);
      expect(token(id)?.spec.clusterName).toBe(id);
      // any creator, an administrator too, is made cluster owner (cluster_handler.go reconcileClusterCreatorRTB)
      expect(crtbsOf(id)).toEqual([expect.objectContaining({
        metadata: expect.objectContaining({ name: 'creator-cluster-owner' }), userName: sim.userId('admin'), roleTemplateName: 'cluster-owner'
      })]);
    });

    it('a non-admin creator becomes cluster owner', () => {
      const owner = sim.userId('project-owner');
      const id = normanCreate('owned', 'project-owner').metadata.name;

      // Rancher's auth controller binds the creator after the create (cluster_handler.go), not the request.
      expect(crtbsOf(id)).toEqual([]);
      tick(20);
      expect(crtbsOf(id)).toEqual([expect.objectContaining({
        userName: owner, roleTemplateName: 'cluster-owner', metadata: expect.objectContaining({ namespace: id })
      })]);
      expect(crtbsOf(id)[0].metadata.annotations).toMatchObject({ 'authz.management.cattle.io/creator-owner-binding': 'true' });
      tick(50);
      const access = sim.state.authorizer.accessFor(owner);

      expect(sim.state.authorizer.can(access, 'delete', TYPES.PROV_CLUSTER, prov(id) as KubeObject)).toBe(true);
      expect(sim.state.authorizer.can(access, 'get', TYPES.REGISTRATION_TOKEN, token(id) as KubeObject)).toBe(true);
      // still nothing on harvester-lab
      expect(sim.state.authorizer.canSee(access, TYPES.PROV_CLUSTER, prov('harvester-lab') as KubeObject)).toBe(false);
    });

    it('refuses a display name used by a listable cluster, in any case (422 NotUnique, Norman canUseClusterName)', () => {
      normanCreate('dup', 'admin');
      tick(50);
      const all = store().list(TYPES.MGMT_CLUSTER);

      for (const name of ['dup', 'DUP', 'Harvester-Prod', 'local']) {
        const err = caught(() => sim.lifecycle.assertUniqueDisplayName(name, all));

        expect(err.toBody()).toEqual({
          type: 'error', baseType: 'error', status: 422, code: 'NotUnique', fieldName: 'Cluster name', message: '',
        });
      }
      // only clusters the caller can list count, and none being removed
      expect(() => sim.lifecycle.assertUniqueDisplayName('dup', [])).not.toThrow();
      const removing = all.map((m) => ({ ...m, metadata: { ...m.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } }));

      expect(() => sim.lifecycle.assertUniqueDisplayName('dup', removing)).not.toThrow();
    });
  });

  describe('Steve path (POST /v1/provisioning.cattle.io.clusters, Rancher 2.6-2.10)', () => {
    it('adopts the provisioning cluster with a c-m-xxxxxxxx management cluster pointing back at it', () => {
      const created = steveCreate('steve-one', 'admin');

      expect(created.metadata.state?.name).toBe('pending');
      expect(created.status).toBeUndefined();
      tick(50);
      const p = prov('steve-one') as KubeObject;
      const id = p.status.clusterName;

      expect(id).toMatch(/^c-m-[a-z0-9]{8}$/);
      const m = mgmt(id) as KubeObject;

      expect(m.metadata.annotations).toMatchObject({
        [OWNER_NAME_ANNOTATION]:      'steve-one',
        [OWNER_NAMESPACE_ANNOTATION]: FLEET_DEFAULT,
        // strconv.FormatBool(RKEConfig != nil): "false" for an imported cluster (controller.go)
        [ADMINISTRATED_ANNOTATION]:   'false',
        [CREATOR_ANNOTATION]:         'user-admin',
      });
      expect(m.spec).toMatchObject({ displayName: 'steve-one', fleetWorkspaceName: FLEET_DEFAULT });
      expect(m.status.driver).toBeUndefined();
      expect(p.metadata.annotations?.[CREATOR_ANNOTATION]).toBe('user-admin');
      expect(p.metadata.relationships).toEqual([expect.objectContaining({ toId: id, toType: TYPES.MGMT_CLUSTER })]);
      expect(store().has(TYPES.NAMESPACE, id)).toBe(true);
      expect(projectsOf(id)).toHaveLength(2);
      tick(20);
      expect(token(id)?.status.token).toMatch(/^[a-z0-9]{54}$/);
      // one management cluster per provisioning cluster, even after more time passes
      tick(1000);
      expect(store().list(TYPES.MGMT_CLUSTER).filter((x) => x.metadata.annotations?.[OWNER_NAME_ANNOTATION] === 'steve-one')).toHaveLength(1);
    });

    // rancher pkg/controllers/provisioningv2/cluster/controller.go createNewCluster: `Labels: cluster.Labels` on every release
    it.each([['v2.12.3'], ['v2.11.0'], ['v2.10.5']])('copies labels to the management cluster at creation on Rancher %s', (version) => {
      sim.close();
      build(version);
      steveCreate('copy', 'admin', { ...HARVESTER_LABELS, team: 'blue' });
      tick(50);
      const id = prov('copy')?.status.clusterName;

      expect(mgmt(id)?.metadata.labels).toEqual({ ...HARVESTER_LABELS, team: 'blue' });
    });

    it('a non-admin creator becomes cluster owner of the adopted cluster', () => {
      steveCreate('po-cluster', 'project-owner');
      tick(50);
      const id = prov('po-cluster')?.status.clusterName;

      tick(20); // the creator binding follows the management cluster

      expect(crtbsOf(id)).toEqual([expect.objectContaining({ userName: sim.userId('project-owner'), roleTemplateName: 'cluster-owner' })]);
    });

    it('has no display-name check: Steve refuses only the same namespace/name (AlreadyExists, in the route)', () => {
      normanCreate('taken', 'admin');
      expect(() => steveCreate('taken', 'admin')).not.toThrow();
    });

    it('refuses direct creation of management clusters', () => {
      expect(caught(() => sim.hooks.for(TYPES.MGMT_CLUSTER).beforeCreate?.({ metadata: { name: 'c-abcde' } }, sim.ctx('admin')))).toMatchObject({ status: 405 });
    });
  });

  describe('registration token', () => {
    it('is created once (ensureRegistrationToken is idempotent) and only for existing clusters', () => {
      const id = normanCreate('tok', 'admin').metadata.name;
      const first = sim.lifecycle.ensureRegistrationToken(id);

      expect(first?.metadata.name).toBe(REGISTRATION_TOKEN_NAME);
      expect(sim.lifecycle.ensureRegistrationToken(id)).toBe(first);
      tick(20);
      expect(token(id)?.status.token).toBe(first?.status.token);
      expect(sim.lifecycle.ensureRegistrationToken('c-zzzzz')).toBeUndefined();
      expect(sim.lifecycle.findTokenBySecret(first?.status.token, id)).toBe(token(id));
      expect(sim.lifecycle.findTokenBySecret(first?.status.token, 'c-zzzzz')).toBeUndefined();
      expect(sim.lifecycle.findTokenBySecret('nope', id)).toBeUndefined();
    });

    it('the token-never-created fault suppresses it', () => {
      sim.state.faults.add({ kind: 'token-never-created', times: 1 });
      const id = normanCreate('no-token', 'admin').metadata.name;

      tick(500);
      expect(token(id)).toBeUndefined();
      expect(sim.lifecycle.ensureRegistrationToken(id)).toBeDefined();
    });
  });

  describe('agent connection', () => {
    it('pending → waiting (Connected) → active (Ready) after the manifest is applied', () => {
      const id = normanCreate('connect-me', 'admin').metadata.name;

      tick(50);
      const harvester = sim.registration.apply(manifestUrl(id));

      expect(namespacesOf(harvester)).toContain('cattle-system');
      expect(harvester.agent).toMatchObject({
        clusterId: id, installedBy: 'kubectl-apply', serverUrl: SERVER_URL
      });
      expect(mgmt(id)?.metadata.state?.name).toBe('pending');

      tick(20);
      const waiting = mgmt(id) as KubeObject;

      expect(waiting.metadata.state).toMatchObject({ name: 'waiting', message: 'Waiting for API to be available' });
      expect(waiting.status.conditions).toEqual(expect.arrayContaining([
        expect.objectContaining({ type: 'Connected', status: 'True' }), expect.objectContaining({ type: 'Provisioned', status: 'True' }),
      ]));
      expect(waiting.status).toMatchObject({ driver: 'imported', apiEndpoint: expect.stringMatching(/^https:\/\//) });
      // kubernetesprovider runs only once Ready=True
      expect(waiting.status.provider).toBeUndefined();
      expect(prov(id)?.metadata.state?.name).toBe('waiting');

      tick(20);
      const active = mgmt(id) as KubeObject;

      expect(active.metadata.state).toMatchObject({
        name: 'active', error: false, transitioning: false
      });
      expect(active.status.conditions).toEqual(expect.arrayContaining([
        expect.objectContaining({ type: 'Ready', status: 'True' }),
        expect.objectContaining({ type: 'Connected', status: 'True' }),
      ]));
      expect(active.status.version.gitVersion).toMatch(/^v1\./);
      expect(active.status.provider).toBe('harvester');
      expect(active.metadata.labels?.['provider.cattle.io']).toBe('harvester');
      // Rancher <= 2.12 has no status.info
      expect(active.status.info).toBeUndefined();
      expect(prov(id)?.status).toMatchObject({ ready: true, clusterName: id });
      expect(prov(id)?.metadata.state?.name).toBe('active');
    });

    it('an unknown token is refused with 404 and changes nothing on the Harvester side', () => {
      const id = normanCreate('wrong-token', 'admin').metadata.name;

      tick(50);
      const err = caught(() => sim.registration.apply(`${ SERVER_URL }/v3/import/${ 'x'.repeat(54) }_${ id }.yaml`));

      expect(err.status).toBe(404);
      expect(sim.state.fleet.byClusterId(id)).toBeUndefined();
      tick(100);
      expect(mgmt(id)?.metadata.state?.name).toBe('pending');
    });

    it('agent-never-connects keeps the cluster pending', () => {
      const id = normanCreate('never', 'admin').metadata.name;

      tick(50);
      sim.state.faults.add({ kind: 'agent-never-connects' });
      sim.registration.apply(manifestUrl(id));
      tick(500);
      expect(mgmt(id)?.metadata.state?.name).toBe('pending');
    });

    it('delete-manifest removes cattle-system, breaks Harvester and makes the cluster unavailable', () => {
      const id = normanCreate('broken', 'admin').metadata.name;

      tick(50);
      sim.registration.apply(manifestUrl(id));
      tick(40);
      expect(mgmt(id)?.metadata.state?.name).toBe('active');
      const h = sim.registration.deleteManifest(manifestUrl(id));

      expect(h.agent).toBeNull();
      tick(500); // the namespace controller empties and removes the Terminating namespace (never sooner than 0.5 s)
      expect(namespacesOf(h)).not.toContain('cattle-system');
      expect(h.broken).toEqual(expect.any(String));
      expect(mgmt(id)?.metadata.state).toMatchObject({
        name: 'unavailable', error: false, transitioning: true, message: 'Cluster agent is not connected'
      });
      expect(prov(id)?.metadata.state?.name).toBe('unavailable');
    });
  });

  // rancher pkg/controllers/management/clusterconnected/clusterconnected.go (release/v2.10–v2.12)
  describe('cluster-connected checker', () => {
    const conditionOf = (id: string, type: string) => mgmt(id)?.status.conditions.find((c: { type: string }) => c.type === type);

    it('a new import whose agent never came reads Connected=False, still pending, Ready untouched', () => {
      const id = normanCreate('never-connected', 'admin').metadata.name;

      expect(conditionOf(id, 'Connected')).toBeUndefined();
      const revision = store().revision;

      sim.lifecycle.connected.checkAll();
      expect(conditionOf(id, 'Connected')).toMatchObject({
        status: 'False', reason: '', message: ''
      });
      expect(conditionOf(id, 'Ready')).toBeUndefined();
      expect(mgmt(id)?.metadata.state).toMatchObject({
        name: 'pending', error: false, transitioning: true, message: ''
      });
      // the next tick finds nothing to change and writes nothing
      const after = store().revision;

      sim.lifecycle.connected.checkAll();
      expect(store().revision).toBe(after);
      expect(after).toBeGreaterThan(revision);
    });

    it('only a provisioned cluster gets Ready=False Disconnected when its session closes', () => {
      const id = normanCreate('lost-agent', 'admin').metadata.name;

      tick(50);
      sim.registration.apply(manifestUrl(id));
      tick(40);
      expect(mgmt(id)?.metadata.state?.name).toBe('active');
      sim.lifecycle.connected.closeSession(id);
      expect(conditionOf(id, 'Connected')).toMatchObject({ status: 'False' });
      expect(conditionOf(id, 'Ready')).toMatchObject({
        status: 'False', reason: 'Disconnected', message: 'Cluster agent is not connected'
      });
      expect(mgmt(id)?.metadata.state).toMatchObject({
        name: 'unavailable', error: false, transitioning: true
      });
      sim.lifecycle.connected.openSession(id);
      expect(conditionOf(id, 'Connected')).toMatchObject({ status: 'True' });
    });

    it('leaves the local cluster alone', () => {
      const before = JSON.stringify(mgmt('local')?.status?.conditions);

      sim.lifecycle.connected.checkAll();
      expect(JSON.stringify(mgmt('local')?.status?.conditions)).toBe(before);
    });
  });

  describe('delete cascade', () => {
    // Bindings on another cluster and its project, which no cascade may touch.
    beforeEach(() => {
      const labId = prov('harvester-lab')?.status.clusterName as string;
      const labDefault = projectsOf(labId).find((p) => p.spec.displayName === 'Default') as KubeObject;

      store().create(TYPES.CRTB, {
        metadata: { name: 'crtb-lab', namespace: labId }, clusterName: labId, userName: sim.userId('no-access'), roleTemplateName: 'cluster-member',
      });
      store().create(TYPES.PRTB, {
        metadata: { name: 'prtb-lab', namespace: labDefault.metadata.name }, projectName: `${ labId }:${ labDefault.metadata.name }`, userName: sim.userId('no-access'), roleTemplateName: 'read-only',
      });
    });

    /** Create, bind extra members, register and activate a cluster; returns its ids. */
    function activeCluster(path: 'norman' | 'steve', name: string, creator: string): { id: string, provName: string, secret: string } {
      let provName: string;

      if (path === 'norman') {
        provName = normanCreate(name, creator).metadata.name;
      } else {
        steveCreate(name, creator);
        provName = name;
      }
      tick(50);
      const id = prov(provName)?.status.clusterName as string;

      tick(20);
      expect(token(id)).toBeDefined();
      // extra members of the new cluster and of its Default project
      const def = projectsOf(id).find((p) => p.spec.displayName === 'Default') as KubeObject;

      store().create(TYPES.PRTB, {
        metadata: { name: 'prtb-extra', namespace: def.metadata.name }, projectName: `${ id }:${ def.metadata.name }`, userName: sim.userId('no-access'), roleTemplateName: 'read-only',
      });
      store().create(TYPES.CRTB, {
        metadata: { name: 'crtb-extra', namespace: id }, clusterName: id, userName: sim.userId('project-readonly'), roleTemplateName: 'cluster-member',
      });
      sim.registration.apply(manifestUrl(id));
      tick(40);
      expect(mgmt(id)?.metadata.state?.name).toBe('active');

      return {
        id, provName, secret: token(id)?.status.token
      };
    }

    it.each([
      ['norman', 'admin'],
      ['norman', 'project-owner'],
      ['steve', 'admin'],
      ['steve', 'project-owner'],
    ] as const)('%s path, created by %s: removes exactly what the cluster owns and nothing else', (path, creator) => {
      const before = storeIndex(sim.state);
      const { id, provName, secret } = activeCluster(path, `del-${ path }-${ creator }`, creator);
      const during = storeIndex(sim.state);
      const added = [...during.keys()].filter((k) => !before.has(k)).sort();
      const projects = projectsOf(id).map((p) => p.metadata.name);

      expect(projects).toHaveLength(2);
      expect(added).toEqual(expect.arrayContaining([
        `${ TYPES.PROV_CLUSTER }|${ FLEET_DEFAULT }/${ provName }`,
        `${ TYPES.MGMT_CLUSTER }|${ id }`,
        `${ TYPES.NAMESPACE }|${ id }`,
        `${ TYPES.REGISTRATION_TOKEN }|${ id }/default-token`,
        `${ TYPES.CRTB }|${ id }/crtb-extra`,
        ...projects.map((p) => `${ TYPES.PROJECT }|${ id }/${ p }`),
        ...projects.map((p) => `${ TYPES.NAMESPACE }|${ p }`),
      ]));
      expect(added.some((k) => k.endsWith('/prtb-extra'))).toBe(true);
      // the node syncer's machines, one per Harvester node, in the cluster's namespace
      expect(added.filter((k) => k.startsWith(`${ TYPES.MGMT_NODE }|${ id }/machine-`))).toHaveLength(3);
      // the creator's creator-cluster-owner (administrators too) and the test's extra binding
      expect(added.filter((k) => k.startsWith(`${ TYPES.CRTB }|`))).toHaveLength(2);

      const removing = sim.hooks.for(TYPES.PROV_CLUSTER).delete?.(prov(provName) as KubeObject, sim.ctx(creator));

      expect(removing?.metadata.state?.name).toBe('removing');
      expect(removing?.metadata.deletionTimestamp).toEqual(expect.any(String));
      expect(mgmt(id)?.metadata.state?.name).toBe('removing');
      // nothing is gone before the controller finishes
      expect(storeIndex(sim.state).size).toBe(during.size);

      tick(20);
      const after = storeIndex(sim.state);

      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [key, obj] of before) {
        expect(after.get(key)).toEqual(obj);
      }

      // Rancher told the agent to uninstall itself; cattle-system stays and Harvester is healthy
      const harvester = sim.state.fleet.get(`del-${ path }-${ creator }`) || sim.state.fleet.list().find((h) => h.history.some((line) => line.includes(id)));

      expect(harvester).toBeDefined();
      expect(harvester?.agent).toBeNull();
      expect(harvester && namespacesOf(harvester)).toContain('cattle-system');
      expect(harvester?.broken).toBeUndefined();
      // the manifest is no longer served
      expect(secret).toMatch(/^[a-z0-9]{54}$/);
      expect(sim.lifecycle.findTokenBySecret(secret, id)).toBeUndefined();
    });

    it('deleting seeded harvester-prod removes its projects and the project members\' bindings, keeps harvester-lab\'s', () => {
      const prodId = prov('harvester-prod')?.status.clusterName as string;
      const labId = prov('harvester-lab')?.status.clusterName as string;
      const before = storeIndex(sim.state);
      const labBefore = [...before.keys()].filter((k) => k.includes(labId));
      const prodPrtbs = store().list(TYPES.PRTB).filter((b) => String(b.projectName).startsWith(`${ prodId }:`));
      const prodProjects = projectsOf(prodId).map((p) => p.metadata.name);
      const prodUid = store().get(TYPES.MGMT_CLUSTER, prodId)?.metadata.uid;
      const prodEvents = store().list(TYPES.EVENT).filter((e) => e.involvedObject?.uid === prodUid);
      const prodMachines = store().list(TYPES.MGMT_NODE).filter((m) => m.metadata.namespace === prodId);

      expect(prodEvents.map((e) => e.reason).sort()).toEqual(['Ready', 'Registering']);
      expect(prodPrtbs).toHaveLength(2);
      expect(labBefore.length).toBeGreaterThan(3);
      sim.hooks.for(TYPES.PROV_CLUSTER).delete?.(prov('harvester-prod') as KubeObject, sim.ctx('admin'));
      tick(20);
      const after = storeIndex(sim.state);
      const removed = [...before.keys()].filter((k) => !after.has(k)).sort();

      expect(prodProjects).toHaveLength(2);
      expect(removed).toEqual([
        `${ TYPES.MGMT_CLUSTER }|${ prodId }`,
        `${ TYPES.REGISTRATION_TOKEN }|${ prodId }/default-token`,
        ...prodProjects.map((p) => `${ TYPES.PROJECT }|${ prodId }/${ p }`),
        ...prodPrtbs.map((b) => `${ TYPES.PRTB }|${ b.metadata.namespace }/${ b.metadata.name }`),
        `${ TYPES.NAMESPACE }|${ prodId }`,
        ...prodProjects.map((p) => `${ TYPES.NAMESPACE }|${ p }`),
        `${ TYPES.PROV_CLUSTER }|${ FLEET_DEFAULT }/harvester-prod`,
        ...prodEvents.map((e) => `${ TYPES.EVENT }|${ e.metadata.namespace }/${ e.metadata.name }`),
        ...prodMachines.map((m) => `${ TYPES.MGMT_NODE }|${ prodId }/${ m.metadata.name }`),
      ].sort());
      expect(prodMachines).toHaveLength(3);
      for (const [key, obj] of after) {
        expect(obj).toEqual(before.get(key));
      }
      for (const key of labBefore) {
        expect(after.has(key)).toBe(true);
      }
      // the project users lost their access with the bindings
      const ownerAccess = sim.state.authorizer.accessFor(sim.userId('project-owner'));

      expect(sim.state.authorizer.visible(ownerAccess, TYPES.PROV_CLUSTER, store().list(TYPES.PROV_CLUSTER))).toEqual([]);
    });

    it('deleting the management cluster of a Steve-made imported cluster removes its provisioning cluster (remove.go OnMgmtClusterRemove)', () => {
      steveCreate('steve-made', 'admin');
      tick(50);
      const id = prov('steve-made')?.status.clusterName as string;

      sim.hooks.for(TYPES.MGMT_CLUSTER).delete?.(mgmt(id) as KubeObject, sim.ctx('admin'));
      expect(prov('steve-made')?.metadata.deletionTimestamp).toBeDefined();
      tick(1000);
      expect(mgmt(id)).toBeUndefined();
      expect(prov('steve-made')).toBeUndefined();
    });

    it('deleting a Norman-created management cluster goes through its provisioning cluster and cascades', () => {
      const before = storeIndex(sim.state);
      const id = normanCreate('via-mgmt', 'admin').metadata.name;

      tick(50);
      const result = sim.hooks.for(TYPES.MGMT_CLUSTER).delete?.(mgmt(id) as KubeObject, sim.ctx('admin'));

      expect(result?.metadata.state?.name).toBe('removing');
      expect(prov(id)?.metadata.state?.name).toBe('removing');
      tick(20);
      expect(prov(id)).toBeUndefined();
      expect(mgmt(id)).toBeUndefined();
      expect([...storeIndex(sim.state).keys()].sort()).toEqual([...before.keys()].sort());
    });

    it('a second delete while removing is a no-op; delete-stuck keeps it removing', () => {
      const id = normanCreate('stuck', 'admin').metadata.name;

      tick(50);
      sim.state.faults.add({ kind: 'delete-stuck', times: 1 });
      const first = sim.lifecycle.beginDelete(prov(id) as KubeObject);
      const again = sim.lifecycle.beginDelete(prov(id) as KubeObject);

      expect(again?.metadata.resourceVersion).toBe(first?.metadata.resourceVersion);
      tick(20);
      expect(prov(id)?.metadata.state?.name).toBe('removing');
      expect(mgmt(id)?.metadata.state?.name).toBe('removing');
      expect(sim.state.scheduler.pending).toBe(0);
    });
  });
});
