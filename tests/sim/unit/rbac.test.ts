import { FLEET_DEFAULT } from '../../../sim/controllers/cluster-objects';
import { AccessSet, ANONYMOUS } from '../../../sim/rbac/access-set';
import { renderResource } from '../../../sim/steve/render';
import { schemasFor } from '../../../sim/steve/schemas';
import { TYPES } from '../../../sim/steve/type-catalog';
import { KubeObject } from '../../../sim/store/kube-object';
import { buildInMemorySim, InMemorySim } from './support/in-memory-sim';

const WRITE_VERBS = ['create', 'update', 'patch', 'delete'];

describe('sim: RBAC (access sets and authorizer) for the seeded users', () => {
  let sim: InMemorySim;
  let prodId: string;
  let labId: string;

  const store = () => sim.state.store;
  const authz = () => sim.state.authorizer;
  const access = (username: string): AccessSet => authz().accessFor(sim.userId(username));
  const get = (type: string, id: string): KubeObject => {
    const obj = store().get(type, id);

    if (!obj) {
      throw new Error(`missing ${ type } ${ id }`);
    }

    return obj;
  };
  const project = (clusterId: string, displayName: string): KubeObject => {
    const found = store().list(TYPES.PROJECT).find((p) => p.metadata.namespace === clusterId && p.spec.displayName === displayName);

    if (!found) {
      throw new Error(`no project ${ displayName } in ${ clusterId }`);
    }

    return found;
  };
  const visibleNames = (username: string, type: string) => authz().visible(access(username), type, store().list(type)).map((o) => o.metadata.name).sort();
  const provDraft = (name: string): KubeObject => ({ metadata: { name, namespace: FLEET_DEFAULT }, spec: {} });

  beforeEach(() => {
    sim = buildInMemorySim();
    prodId = sim.clusterId('harvester-prod');
    labId = sim.clusterId('harvester-lab');
  });
  afterEach(() => sim.close());

  it('seeds the documented clusters: local (not Harvester) and two Active Harvester clusters', () => {
    expect(prodId).toMatch(/^c-m-[a-z0-9]{8}$/);
    expect(labId).toMatch(/^c-m-[a-z0-9]{8}$/);
    expect(store().list(TYPES.MGMT_CLUSTER).map((c) => c.metadata.name).sort()).toEqual([labId, prodId, 'local'].sort());
    expect(get(TYPES.MGMT_CLUSTER, 'local').metadata.labels?.['provider.cattle.io']).not.toBe('harvester');
    for (const id of [prodId, labId]) {
      expect(get(TYPES.MGMT_CLUSTER, id).metadata.state?.name).toBe('active');
      expect(get(TYPES.MGMT_CLUSTER, id).metadata.labels?.['provider.cattle.io']).toBe('harvester');
    }
  });

  describe('admin', () => {
    it('is a global admin who may do everything everywhere', () => {
      const a = access('admin');

      expect(a.admin).toBe(true);
      for (const verb of [...WRITE_VERBS, 'get']) {
        expect(authz().can(a, verb, TYPES.PROV_CLUSTER, get(TYPES.PROV_CLUSTER, `${ FLEET_DEFAULT }/harvester-lab`))).toBe(true);
        expect(authz().can(a, verb, TYPES.MGMT_CLUSTER, get(TYPES.MGMT_CLUSTER, 'local'))).toBe(true);
      }
      expect(visibleNames('admin', TYPES.MGMT_CLUSTER)).toEqual([labId, prodId, 'local'].sort());
      expect(visibleNames('admin', TYPES.USER)).toHaveLength(5);
    });
  });

  describe('project-owner (Standard User, project owner on harvester-prod/Default)', () => {
    it('sees harvester-prod only, read-only at the cluster level', () => {
      const a = access('project-owner');
      const prodProv = get(TYPES.PROV_CLUSTER, `${ FLEET_DEFAULT }/harvester-prod`);
      const prodMgmt = get(TYPES.MGMT_CLUSTER, prodId);

      expect(a.admin).toBe(false);
      expect(visibleNames('project-owner', TYPES.MGMT_CLUSTER)).toEqual([prodId]);
      expect(visibleNames('project-owner', TYPES.PROV_CLUSTER)).toEqual(['harvester-prod']);
      for (const verb of ['get', 'list', 'watch']) {
        expect(authz().can(a, verb, TYPES.PROV_CLUSTER, prodProv)).toBe(true);
        expect(authz().can(a, verb, TYPES.MGMT_CLUSTER, prodMgmt)).toBe(true);
      }
      for (const verb of ['update', 'patch', 'delete']) {
        expect(authz().can(a, verb, TYPES.PROV_CLUSTER, prodProv)).toBe(false);
        expect(authz().can(a, verb, TYPES.MGMT_CLUSTER, prodMgmt)).toBe(false);
      }
      expect(authz().canSee(a, TYPES.PROV_CLUSTER, get(TYPES.PROV_CLUSTER, `${ FLEET_DEFAULT }/harvester-lab`))).toBe(false);
      expect(authz().canSee(a, TYPES.PROV_CLUSTER, get(TYPES.PROV_CLUSTER, 'fleet-local/local'))).toBe(false);
      expect(authz().canSee(a, TYPES.MGMT_CLUSTER, get(TYPES.MGMT_CLUSTER, labId))).toBe(false);
    });

    it('may create clusters (global role user) but not registration tokens or cluster members of harvester-prod', () => {
      const a = access('project-owner');

      expect(authz().can(a, 'create', TYPES.PROV_CLUSTER, provDraft('new-one'))).toBe(true);
      expect(authz().can(a, 'create', TYPES.MGMT_CLUSTER, { metadata: { name: '' } })).toBe(true);
      expect(authz().can(a, 'create', TYPES.REGISTRATION_TOKEN, { metadata: { name: 'default-token', namespace: prodId } })).toBe(false);
      expect(authz().canSee(a, TYPES.REGISTRATION_TOKEN, get(TYPES.REGISTRATION_TOKEN, `${ prodId }/default-token`))).toBe(false);
      expect(authz().can(a, 'create', TYPES.CRTB, {
        metadata: { name: 'x', namespace: prodId }, clusterName: prodId, userName: 'u-x', roleTemplateName: 'cluster-owner'
      })).toBe(false);
    });

    it('owns its project: may edit it and manage its members, but not the System project or other clusters\' projects', () => {
      const a = access('project-owner');
      const def = project(prodId, 'Default');
      const sys = project(prodId, 'System');
      const labDefault = project(labId, 'Default');
      const prtb = (p: KubeObject): KubeObject => ({
        metadata: { name: 'prtb-new', namespace: p.metadata.name }, projectName: `${ p.metadata.namespace }:${ p.metadata.name }`, userName: sim.userId('no-access'), roleTemplateName: 'read-only',
      });

      expect(authz().can(a, 'get', TYPES.PROJECT, def)).toBe(true);
      expect(authz().can(a, 'update', TYPES.PROJECT, def)).toBe(true);
      expect(authz().can(a, 'delete', TYPES.PROJECT, def)).toBe(false);
      expect(authz().canSee(a, TYPES.PROJECT, sys)).toBe(false);
      expect(authz().canSee(a, TYPES.PROJECT, labDefault)).toBe(false);
      expect(authz().can(a, 'create', TYPES.PRTB, prtb(def))).toBe(true);
      expect(authz().can(a, 'create', TYPES.PRTB, prtb(sys))).toBe(false);
      expect(authz().can(a, 'create', TYPES.PRTB, prtb(labDefault))).toBe(false);
      expect(authz().can(a, 'create', TYPES.NAMESPACE, { metadata: { name: 'ns1', annotations: { 'field.cattle.io/projectId': `${ prodId }:${ def.metadata.name }` } } })).toBe(true);
      expect(authz().can(a, 'create', TYPES.NAMESPACE, { metadata: { name: 'ns2', annotations: { 'field.cattle.io/projectId': `${ prodId }:${ sys.metadata.name }` } } })).toBe(false);
      expect(visibleNames('project-owner', TYPES.PROJECT)).toEqual([def.metadata.name]);
    });

    it('reads its own user, not the others; reads settings but cannot change them', () => {
      const a = access('project-owner');

      expect(visibleNames('project-owner', TYPES.USER)).toEqual([sim.userId('project-owner')]);
      expect(authz().can(a, 'update', TYPES.USER, get(TYPES.USER, sim.userId('project-owner')))).toBe(false);
      expect(authz().can(a, 'get', TYPES.SETTING, get(TYPES.SETTING, 'server-url'))).toBe(true);
      expect(authz().can(a, 'update', TYPES.SETTING, get(TYPES.SETTING, 'server-url'))).toBe(false);
    });

    it('schema verbs: create on provisioning clusters, no delete', () => {
      const verbs = authz().typeVerbs(access('project-owner'), TYPES.PROV_CLUSTER);

      expect(verbs).toEqual(expect.arrayContaining(['create', 'get', 'list', 'watch']));
      expect(verbs).not.toContain('delete');
      expect(verbs).not.toContain('update');
    });
  });

  describe('project-readonly (User-Base, read-only on harvester-prod/Default)', () => {
    it('sees harvester-prod and its Default project, changes nothing', () => {
      const a = access('project-readonly');
      const prodProv = get(TYPES.PROV_CLUSTER, `${ FLEET_DEFAULT }/harvester-prod`);
      const def = project(prodId, 'Default');

      expect(visibleNames('project-readonly', TYPES.PROV_CLUSTER)).toEqual(['harvester-prod']);
      expect(visibleNames('project-readonly', TYPES.MGMT_CLUSTER)).toEqual([prodId]);
      expect(visibleNames('project-readonly', TYPES.PROJECT)).toEqual([def.metadata.name]);
      expect(authz().canSee(a, TYPES.PROV_CLUSTER, prodProv)).toBe(true);
      for (const verb of WRITE_VERBS) {
        expect(authz().can(a, verb, TYPES.PROV_CLUSTER, prodProv)).toBe(false);
        expect(authz().can(a, verb, TYPES.MGMT_CLUSTER, get(TYPES.MGMT_CLUSTER, prodId))).toBe(false);
        expect(authz().can(a, verb, TYPES.PROJECT, def)).toBe(false);
      }
      expect(authz().can(a, 'create', TYPES.PROV_CLUSTER, provDraft('mine'))).toBe(false);
      expect(authz().can(a, 'create', TYPES.MGMT_CLUSTER, { metadata: { name: '' } })).toBe(false);
      expect(authz().can(a, 'create', TYPES.PRTB, {
        metadata: { name: 'p', namespace: def.metadata.name }, projectName: `${ prodId }:${ def.metadata.name }`, userName: 'x', roleTemplateName: 'read-only',
      })).toBe(false);
      // it can list the project's members
      const members = authz().visible(a, TYPES.PRTB, store().list(TYPES.PRTB));

      expect(members.map((b) => b.userName).sort()).toEqual([sim.userId('project-owner'), sim.userId('project-readonly')].sort());
    });

    it('schema verbs: read-only on provisioning clusters', () => {
      expect(authz().typeVerbs(access('project-readonly'), TYPES.PROV_CLUSTER)).toEqual(['get', 'list', 'watch']);
      expect(authz().typeVerbs(access('project-readonly'), TYPES.MGMT_CLUSTER)).toEqual(['get', 'list', 'watch']);
    });
  });

  describe('no-access (User-Base, no bindings)', () => {
    it('sees no clusters, projects or bindings and may create nothing', () => {
      const a = access('no-access');

      for (const type of [TYPES.MGMT_CLUSTER, TYPES.PROV_CLUSTER, TYPES.PROJECT, TYPES.PRTB, TYPES.CRTB, TYPES.REGISTRATION_TOKEN, TYPES.NAMESPACE]) {
        expect(visibleNames('no-access', type)).toEqual([]);
        expect(authz().typeVerbs(a, type)).toEqual([]);
      }
      expect(authz().can(a, 'create', TYPES.PROV_CLUSTER, provDraft('x'))).toBe(false);
      expect(visibleNames('no-access', TYPES.USER)).toEqual([sim.userId('no-access')]);
    });
  });

  it('anonymous callers may do nothing', () => {
    expect(authz().accessFor(undefined)).toBe(ANONYMOUS);
    expect(authz().can(ANONYMOUS, 'get', TYPES.PROV_CLUSTER, get(TYPES.PROV_CLUSTER, `${ FLEET_DEFAULT }/harvester-prod`))).toBe(false);
    expect(authz().visible(ANONYMOUS, TYPES.MGMT_CLUSTER, store().list(TYPES.MGMT_CLUSTER))).toEqual([]);
    expect(authz().typeVerbs(ANONYMOUS, TYPES.PROV_CLUSTER)).toEqual([]);
  });

  it('binding changes take effect immediately (the access-set cache is invalidated)', () => {
    const lab = get(TYPES.PROV_CLUSTER, `${ FLEET_DEFAULT }/harvester-lab`);
    const noAccess = sim.userId('no-access');

    expect(authz().canSee(access('no-access'), TYPES.PROV_CLUSTER, lab)).toBe(false);
    const crtb = store().create(TYPES.CRTB, {
      metadata: { name: 'crtb-test1', namespace: labId }, clusterName: labId, userName: noAccess, roleTemplateName: 'cluster-owner',
    });

    expect(authz().canSee(access('no-access'), TYPES.PROV_CLUSTER, lab)).toBe(true);
    expect(authz().can(access('no-access'), 'delete', TYPES.PROV_CLUSTER, lab)).toBe(true);
    expect(authz().canSee(access('no-access'), TYPES.REGISTRATION_TOKEN, get(TYPES.REGISTRATION_TOKEN, `${ labId }/default-token`))).toBe(true);
    // cluster owner of lab, still nothing on prod
    expect(authz().canSee(access('no-access'), TYPES.PROV_CLUSTER, get(TYPES.PROV_CLUSTER, `${ FLEET_DEFAULT }/harvester-prod`))).toBe(false);

    store().remove(TYPES.CRTB, `${ labId }/${ crtb.metadata.name }`);
    expect(authz().canSee(access('no-access'), TYPES.PROV_CLUSTER, lab)).toBe(false);
  });

  it('a disabled user loses all access', () => {
    const id = sim.userId('project-owner');

    expect(visibleNames('project-owner', TYPES.PROV_CLUSTER)).toEqual(['harvester-prod']);
    store().patch(TYPES.USER, id, (u) => {
      u.enabled = false;
    });
    expect(visibleNames('project-owner', TYPES.PROV_CLUSTER)).toEqual([]);
    expect(authz().can(access('project-owner'), 'create', TYPES.PROV_CLUSTER, provDraft('x'))).toBe(false);
  });

  it('a custom role template applies its rules to the bound cluster only', () => {
    store().create(TYPES.ROLE_TEMPLATE, {
      metadata: { name: 'mgmt-viewer' },
      context:  'cluster',
      rules:    [{
        apiGroups: ['management.cattle.io'], resources: ['clusters'], verbs: ['get', 'list']
      }],
    });
    store().create(TYPES.CRTB, {
      metadata: { name: 'crtb-test2', namespace: labId }, clusterName: labId, userName: sim.userId('no-access'), roleTemplateName: 'mgmt-viewer',
    });
    const a = access('no-access');

    expect(authz().canSee(a, TYPES.MGMT_CLUSTER, get(TYPES.MGMT_CLUSTER, labId))).toBe(true);
    expect(authz().can(a, 'delete', TYPES.MGMT_CLUSTER, get(TYPES.MGMT_CLUSTER, labId))).toBe(false);
    expect(authz().canSee(a, TYPES.MGMT_CLUSTER, get(TYPES.MGMT_CLUSTER, prodId))).toBe(false);
    expect(authz().canSee(a, TYPES.PROV_CLUSTER, get(TYPES.PROV_CLUSTER, `${ FLEET_DEFAULT }/harvester-lab`))).toBe(false);
  });

  describe('what the API renders from these decisions', () => {
    const schema = (username: string, id: string) => schemasFor('http://sim.test', access(username), authz()).find((s) => s.id === id);

    it('schemas: admin may POST provisioning clusters, project-readonly only GET, standard-user only POST, no-access none', () => {
      expect(schema('admin', TYPES.PROV_CLUSTER)?.collectionMethods).toEqual(['GET', 'POST']);
      expect(schema('admin', TYPES.PROV_CLUSTER)?.resourceMethods).toEqual(expect.arrayContaining(['GET', 'PUT', 'DELETE']));
      expect(schema('project-owner', TYPES.PROV_CLUSTER)?.collectionMethods).toEqual(['GET', 'POST']);
      expect(schema('project-owner', TYPES.PROV_CLUSTER)?.resourceMethods).toEqual(['GET']);
      expect(schema('project-readonly', TYPES.PROV_CLUSTER)?.collectionMethods).toEqual(['GET']);
      expect(schema('project-readonly', TYPES.PROV_CLUSTER)?.resourceMethods).toEqual(['GET']);
      // steve schemasForSubject: no verb, no schema (User-Base); create only → POST only (Standard User)
      expect(schema('no-access', TYPES.PROV_CLUSTER)).toBeUndefined();
      // clusters.go: management clusters listable by everyone; disallow.go: Steve's POST on them is blocked
      expect(schema('no-access', TYPES.MGMT_CLUSTER)).toMatchObject({ collectionMethods: ['GET'], resourceMethods: [] });
      expect(schema('standard-user', TYPES.PROV_CLUSTER)).toMatchObject({ collectionMethods: ['POST'], resourceMethods: [] });
      expect(schema('standard-user', TYPES.MGMT_CLUSTER)).toMatchObject({ collectionMethods: ['GET', 'blocked-POST'], resourceMethods: [] });
      expect(schema('no-access', TYPES.REGISTRATION_TOKEN)).toBeUndefined();
      expect(schema('no-access', TYPES.CRTB)).toBeUndefined();
      // every logged-in user gets what the shell needs to boot
      for (const user of ['admin', 'project-owner', 'project-readonly', 'no-access']) {
        expect(schema(user, TYPES.SETTING)).toBeDefined();
        expect(schema(user, TYPES.COUNT)).toBeDefined();
      }
      expect(schema('no-access', TYPES.PROJECT)).toMatchObject({ collectionMethods: ['GET'], resourceMethods: [] }); // clusters.go template
      expect(schema('admin', TYPES.PROJECT)).toBeDefined();
    });

    it('links: update/remove only when allowed, "blocked" on every management cluster (disallow.go)', () => {
      const prov = get(TYPES.PROV_CLUSTER, `${ FLEET_DEFAULT }/harvester-prod`);
      const mgmt = get(TYPES.MGMT_CLUSTER, prodId);
      const links = (username: string, type: string, obj: KubeObject) => renderResource('http://sim.test', type, obj, access(username), authz()).links as Record<string, string>;

      expect(links('admin', TYPES.PROV_CLUSTER, prov)).toMatchObject({
        self: 'http://sim.test/v1/provisioning.cattle.io.clusters/fleet-default/harvester-prod', update: expect.any(String), remove: expect.any(String)
      });
      expect(links('admin', TYPES.MGMT_CLUSTER, mgmt)).toMatchObject({ update: 'blocked', remove: 'blocked' });
      expect(links('project-readonly', TYPES.PROV_CLUSTER, prov)).not.toHaveProperty('remove');
      expect(links('project-readonly', TYPES.PROV_CLUSTER, prov)).not.toHaveProperty('update');
      expect(links('project-owner', TYPES.MGMT_CLUSTER, mgmt)).not.toHaveProperty('remove');
    });
  });
});
