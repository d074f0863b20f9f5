import type { PolicyRule } from '../../../sim/rbac/policy';
import { TYPES } from '../../../sim/steve/type-catalog';
import { KubeObject } from '../../../sim/store/kube-object';
import {
  admitBinding, BindingLookups, clusterAndProjectID, Denial, crtbCreateDenial, crtbUpdateError, escalationDenial, GRB_OWNER_LABEL,
  prtbCreateDenial, prtbUpdateError, rulesFromTemplate, storeLookups, toApiError, PRTB_WEBHOOK
} from '../../../sim/webhook/role-template-bindings';
import {
  breakdownRule, compactRules, compactString, escalationMessage, ruleCovers, uncoveredRules
} from '../../../sim/webhook/rule-coverage';
import { buildInMemorySim, InMemorySim } from './support/in-memory-sim';

const rule = (apiGroups: string[], resources: string[], verbs: string[]): PolicyRule => ({
  apiGroups, resources, verbs
});

describe('sim webhook: Kubernetes rule coverage (k8s pkg/registry/rbac/validation)', () => {
  it('breaks rules down per group × resource × verb', () => {
    expect(breakdownRule(rule(['', 'apps'], ['pods'], ['get', 'list']))).toEqual([
      rule([''], ['pods'], ['get']), rule([''], ['pods'], ['list']), rule(['apps'], ['pods'], ['get']), rule(['apps'], ['pods'], ['list']),
    ]);
  });

  it('a servant `*` is covered only by an owner `*`', () => {
    expect(ruleCovers(rule(['*'], ['*'], ['*']), rule(['*'], ['*'], ['*']))).toBe(true);
    expect(ruleCovers(rule(['', 'apps'], ['*'], ['*']), rule(['*'], ['*'], ['get']))).toBe(false);
    expect(ruleCovers(rule([''], ['*'], ['*']), rule([''], ['pods'], ['get']))).toBe(true);
    expect(ruleCovers(rule([''], ['pods/*'], ['get']), rule([''], ['pods/log'], ['get']))).toBe(true);
    expect(ruleCovers({ ...rule([''], ['pods'], ['get']), resourceNames: ['a'] }, rule([''], ['pods'], ['get']))).toBe(false);
    expect(uncoveredRules([rule([''], ['pods'], ['get'])], [rule([''], ['pods'], ['get', 'delete'])])).toEqual([rule([''], ['pods'], ['delete'])]);
  });

  it('prints the missing rules as k8s does: compacted per group/resource, sorted, Go-quoted', () => {
    expect(compactString(rule(['*'], ['*'], ['*']))).toBe('{APIGroups:["*"], Resources:["*"], Verbs:["*"]}');
    expect(compactRules([rule([''], ['pods'], ['get']), rule([''], ['pods'], ['list'])])).toEqual([rule([''], ['pods'], ['get', 'list'])]);
    expect(escalationMessage('u-abcde', ['system:authenticated', 'g'], [rule(['b'], ['x'], ['get']), rule(['a'], ['y'], ['get']), rule(['a'], ['y'], ['list'])]))
      .toBe('user "u-abcde" (groups=["system:authenticated" "g"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:["a"], Resources:["y"], Verbs:["get" "list"]}\n{APIGroups:["b"], Resources:["x"], Verbs:["get"]}');
    expect(escalationMessage('u-x', [], [rule(['*'], ['*'], ['*'])]))
      .toBe('user "u-x" (groups=[]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["*"], Resources:["*"], Verbs:["*"]}');
  });
});

/** Lookups over a few fixed objects: the pure validators need nothing else. */
function lookups(extra: { roleTemplates?: KubeObject[], grbs?: KubeObject[] } = {}): BindingLookups {
  const rts: KubeObject[] = [
    {
      metadata: { name: 'project-member' }, displayName: 'Project Member', context: 'project', locked: false
    },
    {
      metadata: { name: 'cluster-owner' }, displayName: 'Cluster Owner', context: 'cluster', locked: false
    },
    {
      metadata: { name: 'old-project' }, displayName: 'Old Project Role', context: 'project', locked: true
    },
    {
      metadata: { name: 'old-cluster' }, displayName: 'Old Cluster Role', context: 'cluster', locked: true
    },
    ...(extra.roleTemplates || []),
  ];
  const projects: KubeObject[] = [
    { metadata: { name: 'p-aaaaa', namespace: 'c-m-11111111' }, spec: { clusterName: 'c-m-11111111' } },
    { metadata: { name: 'p-bbbbb', namespace: 'c-m-22222222' }, spec: { clusterName: 'c-m-99999999' } }, // a project whose spec disagrees
  ];

  return {
    roleTemplate:      (name) => rts.find((r) => r.metadata.name === name),
    cluster:           (name) => (['c-m-11111111', 'c-m-22222222'].includes(name) ? { metadata: { name } } : undefined),
    project:           (c, p) => projects.find((x) => x.metadata.namespace === c && x.metadata.name === p),
    globalRoleBinding: (name) => (extra.grbs || []).find((g) => g.metadata.name === name),
  };
}

const prtb = (fields: Record<string, unknown>): KubeObject => ({
  metadata: { name: 'prtb-x', namespace: 'p-aaaaa' }, projectName: 'c-m-11111111:p-aaaaa', roleTemplateName: 'project-member', userName: 'u-1', ...fields,
});
const crtb = (fields: Record<string, unknown>, namespace = 'c-m-11111111'): KubeObject => ({
  metadata: { name: 'crtb-x', namespace }, clusterName: 'c-m-11111111', roleTemplateName: 'cluster-owner', userName: 'u-1', ...fields,
});
const bad = (message: string): Denial => ({
  status: 400, reason: 'BadRequest', message
});

describe('sim webhook: PRTB create fields (projectroletemplatebinding/validator.go validateCreateFields)', () => {
  const L = lookups();

  it.each([
    ['no subject', { userName: undefined }, 'projectroletemplatebinding: Forbidden: binding must target only a user [userName]/[userPrincipalName] OR a group [groupName]/[groupPrincipalName] OR a [serviceAccount]'],
    ['user and group', { groupName: 'g-1' }, 'projectroletemplatebinding: Forbidden: binding must target only a user [userName]/[userPrincipalName] OR a group [groupName]/[groupPrincipalName] OR a [serviceAccount]'],
    ['user and service account', { serviceAccount: 'ns:sa' }, 'projectroletemplatebinding: Forbidden: binding must target only a user [userName]/[userPrincipalName] OR a group [groupName]/[groupPrincipalName] OR a [serviceAccount]'],
    ['no projectName', { projectName: '' }, 'projectroletemplatebinding.projectName: Required value'],
    ['no roleTemplateName', { roleTemplateName: undefined }, 'projectroletemplatebinding.roleTemplateName: Required value'],
    ['a locked role template', { roleTemplateName: 'old-project' }, 'projectroletemplatebinding.roleTemplate: Forbidden: referenced role \'Old Project Role\' is locked and cannot be assigned'],
    ['a cluster role template', { roleTemplateName: 'cluster-owner' }, 'projectroletemplatebinding.roleTemplate.context: Unsupported value: "cluster": supported values: "project"'],
    ['projectName without a cluster', { projectName: 'p-aaaaa' }, 'projectroletemplatebinding.projectName: Invalid value: "p-aaaaa": projectName must be of the form cluster.metadata.name:project.metadata.name, and both must refer to an existing object'],
    ['projectName with an empty part', { projectName: 'c-m-11111111:' }, 'projectroletemplatebinding.projectName: Invalid value: "c-m-11111111:": projectName must be of the form cluster.metadata.name:project.metadata.name, and both must refer to an existing object'],
    ['an unknown cluster', { projectName: 'c-zzzzz:p-aaaaa' }, 'projectroletemplatebinding.projectName: Invalid value: "c-zzzzz:p-aaaaa": specified cluster c-zzzzz not found'],
    ['an unknown project', { projectName: 'c-m-11111111:p-zzzzz' }, 'projectroletemplatebinding.projectName: Invalid value: "c-m-11111111:p-zzzzz": specified project p-zzzzz not found in c-m-11111111'],
    ['a project of another cluster', { projectName: 'c-m-22222222:p-bbbbb' }, 'projectroletemplatebinding.projectName: Invalid value: "c-m-22222222:p-bbbbb": project p-bbbbb is for cluster c-m-99999999, prtb specified cluster c-m-22222222'],
  ])('refuses %s (400)', (_name, fields, message) => {
    expect(prtbCreateDenial(prtb(fields), L)).toEqual(bad(message));
  });

  it('an unknown role template is the webhook failing (500), not a field error', () => {
    expect(prtbCreateDenial(prtb({ roleTemplateName: 'nope' }), L)).toEqual({
      status: 500, reason: 'InternalError', message: 'failed to validate fields on create: roletemplates.management.cattle.io "nope" not found',
    });
  });

  it('accepts one subject of each kind', () => {
    expect(prtbCreateDenial(prtb({}), L)).toBeUndefined();
    expect(prtbCreateDenial(prtb({ userName: undefined, userPrincipalName: 'local://u-1' }), L)).toBeUndefined();
    expect(prtbCreateDenial(prtb({ userName: undefined, groupPrincipalName: 'github_team://1' }), L)).toBeUndefined();
    expect(prtbCreateDenial(prtb({ userName: undefined, serviceAccount: 'ns:sa' }), L)).toBeUndefined();
  });

  it('splits projectName as the webhook does', () => {
    expect(clusterAndProjectID('c:p')).toEqual(['c', 'p']);
    expect(clusterAndProjectID('c:p:x')).toEqual(['c', 'p']);
    expect(clusterAndProjectID('cp')).toEqual(['', '']);
  });
});

describe('sim webhook: CRTB create fields (clusterroletemplatebinding/validator.go validateCreateFields)', () => {
  const L = lookups({ grbs: [{ metadata: { name: 'grb-live' } }, { metadata: { name: 'grb-gone', deletionTimestamp: '2025-01-01T00:00:00Z' } }] });

  it.each([
    ['no subject', { userName: '' }, 'clusterroletemplatebinding: Forbidden: binding must target either a user [userName]/[userPrincipalName] OR a group [groupName]/[groupPrincipalName]'],
    ['user and group', { groupPrincipalName: 'g' }, 'clusterroletemplatebinding: Forbidden: binding must target either a user [userName]/[userPrincipalName] OR a group [groupName]/[groupPrincipalName]'],
    ['no clusterName', { clusterName: undefined }, 'clusterroletemplatebinding.clusterName: Required value: field is required'],
    ['clusterName other than the namespace', { clusterName: 'c-m-22222222' }, 'clusterroletemplatebinding: Forbidden: clusterName and namespace must be the same value'],
    ['no roleTemplateName', { roleTemplateName: '' }, 'clusterroletemplatebinding.roleTemplateName: Required value: field is required'],
    ['an unknown role template', { roleTemplateName: 'nope' }, 'clusterroletemplatebinding.roleTemplateName: Invalid value: "nope": the referenced role template was not found'],
    ['a locked role template', { roleTemplateName: 'old-cluster' }, 'clusterroletemplatebinding.roleTemplate: Forbidden: referenced role Old Cluster Role is locked and cannot be assigned'],
    ['a project role template', { roleTemplateName: 'project-member' }, 'clusterroletemplatebinding.roleTemplate.context: Unsupported value: "project": supported values: "cluster"'],
  ])('refuses %s (400)', (_name, fields, message) => {
    expect(crtbCreateDenial(crtb(fields), L)).toEqual(bad(message));
  });

  it('refuses an unknown cluster', () => {
    expect(crtbCreateDenial(crtb({ clusterName: 'c-zzzzz' }, 'c-zzzzz'), L)).toEqual(bad('clusterroletemplatebinding.clusterName: Invalid value: "c-zzzzz": specified cluster c-zzzzz not found'));
  });

  it('a locked template is allowed for a live owning GlobalRoleBinding only', () => {
    const locked = crtb({ roleTemplateName: 'old-cluster' });
    const withLabel = (grb: string) => ({ ...locked, metadata: { ...locked.metadata, labels: { [GRB_OWNER_LABEL]: grb } } });

    expect(crtbCreateDenial(withLabel('grb-live'), L)).toBeUndefined();
    expect(crtbCreateDenial(withLabel('grb-gone'), L)).toEqual(bad('clusterroletemplatebinding.roleTemplate: Forbidden: referenced role Old Cluster Role is locked and cannot be assigned'));
    expect(crtbCreateDenial(withLabel('grb-none'), L)).toEqual(bad('clusterroletemplatebinding.labels: Invalid value: "grb-none": label grb-none refers to a global role that doesn\'t exist'));
  });

  it('accepts a user or a group binding to a cluster template in its own cluster namespace', () => {
    expect(crtbCreateDenial(crtb({}), L)).toBeUndefined();
    expect(crtbCreateDenial(crtb({ userName: '', groupPrincipalName: 'github_team://1' }), L)).toBeUndefined();
  });
});

describe('sim webhook: immutable fields on update (validateUpdateFields)', () => {
  it.each([
    ['roleTemplateName', { roleTemplateName: 'project-owner' }, 'projectroletemplatebinding.roleTemplateName: Invalid value: "project-owner": field is immutable'],
    ['projectName', { projectName: 'c-m-11111111:p-ccccc' }, 'projectroletemplatebinding.projectName: Invalid value: "c-m-11111111:p-ccccc": field is immutable'],
    ['userName', { userName: 'u-2' }, 'projectroletemplatebinding.userName: Invalid value: "u-2": field is immutable'],
    ['userName removed', { userName: undefined }, 'projectroletemplatebinding.userName: Invalid value: "": field is immutable'],
    ['serviceAccount', { serviceAccount: 'ns:sa' }, 'projectroletemplatebinding.serviceAccount: Forbidden: update is not allowed'],
  ])('PRTB: %s', (_name, fields, message) => {
    expect(prtbUpdateError(prtb({}), prtb(fields))).toBe(message);
  });

  it('PRTB: a subject field empty before may be set; labels may change', () => {
    expect(prtbUpdateError(prtb({}), prtb({ userPrincipalName: 'local://u-1' }))).toBeUndefined();
    expect(prtbUpdateError(prtb({}), { ...prtb({}), metadata: { name: 'prtb-x', labels: { a: 'b' } } })).toBeUndefined();
    expect(prtbUpdateError(prtb({}), prtb({ groupName: 'g' }))).toBe('projectroletemplatebinding: Forbidden: binding must target either a user [userName]/[userPrincipalName] OR a group [groupName]/[groupPrincipalName]');
  });

  it.each([
    ['roleTemplateName', { roleTemplateName: 'cluster-member' }, 'clusterroletemplatebinding.roleTemplateName: Invalid value: "cluster-member": field is immutable'],
    ['clusterName', { clusterName: 'c-m-22222222' }, 'clusterroletemplatebinding.clusterName: Invalid value: "c-m-22222222": field is immutable'],
    ['userPrincipalName', { userPrincipalName: 'local://u-2' }, 'clusterroletemplatebinding.userPrincipalName: Invalid value: "local://u-2": field is immutable'],
  ])('CRTB: %s', (_name, fields, message) => {
    expect(crtbUpdateError(crtb({ userPrincipalName: 'local://u-1' }), crtb({ userPrincipalName: 'local://u-1', ...fields }))).toBe(message);
  });

  it('CRTB: the grb-owner label is immutable', () => {
    const labelled = { ...crtb({}), metadata: { ...crtb({}).metadata, labels: { [GRB_OWNER_LABEL]: 'grb-1' } } };

    expect(crtbUpdateError(crtb({}), labelled)).toBe(`clusterroletemplatebinding.labels: Forbidden: label ${ GRB_OWNER_LABEL } is immutable after creation`);
  });
});

describe('sim webhook: escalation against the seeded simulator', () => {
  let sim: InMemorySim;
  let prodId: string;
  let projectKey: string;
  let ownerId: string;

  const store = () => sim.state.store;
  const caller = (username: string) => ({ name: sim.userId(username), groups: [] });
  const projectPrtb = (roleTemplateName: string, userName = sim.userId('no-access')): KubeObject => ({
    metadata: { name: 'prtb-new', namespace: projectKey.split(':')[1] }, projectName: projectKey, roleTemplateName, userName,
  });
  const clusterCrtb = (roleTemplateName: string, userName: string): KubeObject => ({
    metadata: { name: 'crtb-new', namespace: prodId }, clusterName: prodId, roleTemplateName, userName,
  });
  const customRt = (name: string, context: 'cluster' | 'project', rules: PolicyRule[]) => store().create(TYPES.ROLE_TEMPLATE, {
    metadata: { name }, displayName: name, context, locked: false, rules,
  });

  beforeEach(() => {
    sim = buildInMemorySim();
    prodId = sim.clusterId('harvester-prod');
    const project = store().list(TYPES.PROJECT).find((p) => p.metadata.namespace === prodId && p.spec.displayName === 'Default') as KubeObject;

    projectKey = `${ prodId }:${ project.metadata.name }`;
    ownerId = sim.userId('project-owner');
  });
  afterEach(() => sim.close());

  it('a project owner may not make themself cluster owner (422, the first rule they lack)', () => {
    expect(escalationDenial(store(), caller('project-owner'), clusterCrtb('cluster-owner', ownerId), 'cluster')).toEqual({
      status:  422,
      reason:  'Invalid',
      message: `user "${ ownerId }" (groups=[]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["*"], Resources:["*"], Verbs:["*"]}`,
    });
  });

  it('a project owner may grant the project roles they hold in their project (as in Rancher, where project-owner inherits admin ⊇ edit ⊇ view)', () => {
    for (const rt of ['project-owner', 'project-member', 'read-only']) {
      expect({ rt, denial: escalationDenial(store(), caller('project-owner'), projectPrtb(rt), 'project') }).toEqual({ rt, denial: undefined });
    }
  });

  it('…but not rules beyond them, nor anything in a project they are not bound to', () => {
    customRt('rbac-admin', 'project', [rule(['rbac.authorization.k8s.io'], ['roles', 'rolebindings'], ['*'])]);
    customRt('everything', 'project', [rule(['*'], ['*'], ['*'])]);
    expect(escalationDenial(store(), caller('project-owner'), projectPrtb('rbac-admin'), 'project')?.message)
      .toBe(`user "${ ownerId }" (groups=[]) is attempting to grant RBAC permissions not currently held:\n` +
        '{APIGroups:["rbac.authorization.k8s.io"], Resources:["rolebindings"], Verbs:["*"]}\n{APIGroups:["rbac.authorization.k8s.io"], Resources:["roles"], Verbs:["*"]}');
    // a custom template's rules act upstream too in the simulator: users, settings… the owner lacks
    expect(escalationDenial(store(), caller('project-owner'), projectPrtb('everything'), 'project')?.status).toBe(422);
    const lab = sim.clusterId('harvester-lab');
    const labProject = store().list(TYPES.PROJECT).find((p) => p.metadata.namespace === lab && p.spec.displayName === 'Default') as KubeObject;
    const elsewhere = { ...projectPrtb('read-only'), projectName: `${ lab }:${ labProject.metadata.name }` };

    expect(escalationDenial(store(), caller('project-owner'), elsewhere, 'project')?.status).toBe(422);
  });

  it('admins hold everything; a cluster owner holds everything in their cluster', () => {
    customRt('everything-c', 'cluster', [rule(['*'], ['*'], ['*'])]);
    expect(escalationDenial(store(), caller('admin'), clusterCrtb('everything-c', ownerId), 'cluster')).toBeUndefined();
    store().create(TYPES.CRTB, {
      metadata: { name: 'crtb-own', namespace: prodId }, clusterName: prodId, roleTemplateName: 'cluster-owner', userName: ownerId
    });
    expect(escalationDenial(store(), caller('project-owner'), clusterCrtb('everything-c', sim.userId('no-access')), 'cluster')).toBeUndefined();
    // the cluster check passes for a PRTB too (the webhook tries the cluster before the project)
    customRt('everything-p', 'project', [rule(['*'], ['*'], ['*'])]);
    expect(escalationDenial(store(), caller('project-owner'), projectPrtb('everything-p'), 'project')).toBeUndefined();
  });

  it('resolves inherited role templates (roleTemplateNames) like RulesFromTemplate', () => {
    customRt('base', 'project', [rule([''], ['secrets'], ['get'])]);
    const top = customRt('top', 'project', [rule([''], ['configmaps'], ['get'])]);

    store().patch(TYPES.ROLE_TEMPLATE, 'top', (t) => {
      t.roleTemplateNames = ['base', 'top'];
    });
    expect(rulesFromTemplate(store().get(TYPES.ROLE_TEMPLATE, 'top') as KubeObject, (n) => store().get(TYPES.ROLE_TEMPLATE, n))).toEqual([
      rule([''], ['configmaps'], ['get']), rule([''], ['secrets'], ['get']),
    ]);
    expect(top.metadata.name).toBe('top');
  });

  it('Admit: update checks immutables first, then escalation; create checks fields first', () => {
    const seeded = store().list(TYPES.PRTB).find((b) => b.userName === ownerId) as KubeObject;
    const L = storeLookups(store());

    expect(admitBinding('project', {
      operation: 'UPDATE', oldObject: seeded, object: { ...seeded, roleTemplateName: 'read-only' }, caller: caller('admin'),
    }, store(), L)).toEqual(bad('projectroletemplatebinding.roleTemplateName: Invalid value: "read-only": field is immutable'));
    // a label edit by the read-only member: the binding's template (project-owner) is more than they hold
    expect(admitBinding('project', {
      operation: 'UPDATE', oldObject: seeded, object: { ...seeded, metadata: { ...seeded.metadata, labels: { x: 'y' } } }, caller: caller('project-readonly'),
    }, store(), L)?.status).toBe(422);
    expect(admitBinding('project', {
      operation: 'UPDATE', oldObject: seeded, object: { ...seeded, metadata: { ...seeded.metadata, labels: { x: 'y' } } }, caller: caller('admin'),
    }, store(), L)).toBeUndefined();
    expect(admitBinding('project', {
      operation: 'CREATE', object: projectPrtb('cluster-owner'), caller: caller('admin')
    }, store(), L))
      .toEqual(bad('projectroletemplatebinding.roleTemplate.context: Unsupported value: "cluster": supported values: "project"'));
    expect(admitBinding('project', {
      operation: 'CREATE', object: { ...projectPrtb('read-only'), projectName: 7 }, caller: caller('admin')
    }, store(), L)).toEqual({
      status: 500, reason: 'InternalError', message: 'failed to decode PRTB object from request: json: cannot unmarshal number into Go struct field ProjectRoleTemplateBinding.projectName of type string',
    });
  });

  it('every seeded binding passes the webhook as the admin who made it', () => {
    const L = storeLookups(store());

    for (const b of store().list(TYPES.PRTB)) {
      expect(admitBinding('project', {
        operation: 'CREATE', object: { ...b, metadata: { ...b.metadata, name: 'copy' } }, caller: caller('admin')
      }, store(), L)).toBeUndefined();
    }
    for (const b of store().list(TYPES.CRTB)) {
      expect(admitBinding('cluster', {
        operation: 'CREATE', object: { ...b, metadata: { ...b.metadata, name: 'copy' } }, caller: caller('admin')
      }, store(), L)).toBeUndefined();
    }
  });

  it('renders denials as kube-apiserver relays them', () => {
    expect(toApiError(PRTB_WEBHOOK, bad('x: Required value')).toBody()).toMatchObject({
      status: 400, code: 'BadRequest', message: 'admission webhook "rancher.cattle.io.projectroletemplatebindings.management.cattle.io" denied the request: x: Required value',
    });
  });
});
