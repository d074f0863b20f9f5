import { syncCloudCredential } from '../../../sim/controllers/cloud-credentials';
import { CORE_TYPES } from '../../../sim/store/core-types';
import { KubeObject } from '../../../sim/store/kube-object';
import { buildInMemorySim, InMemorySim } from './support/in-memory-sim';

/**
 * Kubernetes RBAC per namespace and name (sim/rbac/namespaced-rules.ts) as the authorizer applies
 * it to cloud-credential Secrets: the creator's `cc-xxxxx-secrets-a` Role, Standard User's
 * namespaced `create secrets`, nothing for User-Base.
 */
describe('sim: namespaced RBAC rules (Roles, RoleBindings, GlobalRole namespacedRules)', () => {
  let sim: InMemorySim;

  const access = (username: string) => sim.state.authorizer.accessFor(sim.userId(username));
  const can = (username: string, verb: string, obj: KubeObject) => sim.state.authorizer.can(access(username), verb, CORE_TYPES.SECRET, obj);
  const secret = (name: string, creator: string, namespace = 'cattle-global-data'): KubeObject => sim.state.store.create(CORE_TYPES.SECRET, {
    metadata: {
      name, namespace, annotations: { 'field.cattle.io/creatorId': sim.userId(creator) }
    },
    data: { 'harvestercredentialConfig-clusterId': Buffer.from('c-m-1').toString('base64') },
  });
  const draft = (namespace: string): KubeObject => ({ metadata: { name: '', namespace } });

  beforeEach(() => {
    sim = buildInMemorySim();
  });
  afterEach(() => sim.close());

  it('Standard User may create Secrets in cattle-global-data and fleet-default only; User-Base nowhere; admin everywhere', () => {
    expect(can('standard-user', 'create', draft('cattle-global-data'))).toBe(true);
    expect(can('standard-user', 'create', draft('fleet-default'))).toBe(true);
    expect(can('standard-user', 'create', draft('cattle-system'))).toBe(false);
    expect(can('no-access', 'create', draft('cattle-global-data'))).toBe(false);
    expect(can('admin', 'create', draft('cattle-system'))).toBe(true);
  });

  it('the creator\'s Role grants every verb on that one Secret, not on others, not create; a binding change reaches the access set', () => {
    const mine = syncCloudCredential(sim.state, secret('cc-mine1', 'standard-user'));
    const theirs = syncCloudCredential(sim.state, secret('cc-other', 'project-owner'));

    for (const verb of ['get', 'list', 'update', 'delete']) {
      expect(can('standard-user', verb, mine)).toBe(true);
      expect(can('standard-user', verb, theirs)).toBe(false);
      expect(can('no-access', verb, mine)).toBe(false);
    }
    expect(can('project-owner', 'get', theirs)).toBe(true);

    const binding = sim.state.store.get(CORE_TYPES.ROLE_BINDING, 'cattle-global-data/cc-mine1-secrets-a') as KubeObject;

    sim.state.store.patch(CORE_TYPES.ROLE_BINDING, 'cattle-global-data/cc-mine1-secrets-a', (b) => {
      b.subjects = [...binding.subjects, {
        kind: 'User', name: sim.userId('no-access'), apiGroup: 'rbac.authorization.k8s.io'
      }];
    });
    expect(can('no-access', 'get', mine)).toBe(true);
  });

  it('a Role in another namespace, or a binding to a Group, grants nothing on cattle-global-data', () => {
    const mine = secret('cc-mine2', 'standard-user');

    sim.state.store.create(CORE_TYPES.ROLE, {
      metadata: { name: 'r', namespace: 'fleet-default' },
      rules:    [{
        apiGroups: [''], resources: ['secrets'], verbs: ['get']
      }]
    });
    sim.state.store.create(CORE_TYPES.ROLE_BINDING, {
      metadata: { name: 'r', namespace: 'fleet-default' }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: sim.userId('no-access') }],
    });
    sim.state.store.create(CORE_TYPES.ROLE, {
      metadata: { name: 'g', namespace: 'cattle-global-data' },
      rules:    [{
        apiGroups: [''], resources: ['secrets'], verbs: ['get']
      }]
    });
    sim.state.store.create(CORE_TYPES.ROLE_BINDING, {
      metadata: { name: 'g', namespace: 'cattle-global-data' }, roleRef: { kind: 'Role', name: 'g' }, subjects: [{ kind: 'Group', name: sim.userId('no-access') }],
    });
    expect(can('no-access', 'get', mine)).toBe(false);
    expect(can('no-access', 'get', { metadata: { name: 'x', namespace: 'fleet-default' } })).toBe(true);
  });

  it('a rule with resourceNames never allows create (Kubernetes has no name to match yet)', () => {
    const mine = secret('cc-mine3', 'standard-user');

    sim.state.store.create(CORE_TYPES.ROLE, {
      metadata: { name: 'n', namespace: 'cattle-global-data' },
      rules:    [{
        apiGroups: ['*'], resources: ['secrets'], resourceNames: ['cc-mine3'], verbs: ['*']
      }]
    });
    sim.state.store.create(CORE_TYPES.ROLE_BINDING, {
      metadata: { name: 'n', namespace: 'cattle-global-data' }, roleRef: { kind: 'Role', name: 'n' }, subjects: [{ kind: 'User', name: sim.userId('no-access') }],
    });
    expect(can('no-access', 'delete', mine)).toBe(true);
    expect(can('no-access', 'create', draft('cattle-global-data'))).toBe(false);
  });
});
