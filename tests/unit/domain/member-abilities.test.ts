import {
  abilityOf, bindingIsFor, memberAbilities, pageQueryString, principalBindingsQuery, rulesOf, steveDialect, verbsOn, type RoleTemplate,
} from '../../../pkg/harvester-manager/domain';

const CLUSTER = 'c-abcde';
const TEMPLATES: RoleTemplate[] = [
  {
    metadata: { name: 'cluster-owner' },
    rules:    [{
      apiGroups: ['*'], resources: ['*'], verbs: ['*']
    }]
  },
  {
    metadata: { name: 'read-only' },
    rules:    [{
      apiGroups: ['kubevirt.io', 'harvesterhci.io'], resources: ['*'], verbs: ['get', 'list', 'watch']
    }]
  },
  {
    metadata:          { name: 'vm-operator' },
    roleTemplateNames: ['read-only', 'vm-operator'],
    rules:             [{
      apiGroups: ['kubevirt.io'], resources: ['virtualmachines'], verbs: ['update']
    }]
  },
];
const prtb = (project: string, role: string, subject: Record<string, string>) => ({
  projectName: `${ CLUSTER }:${ project }`, roleTemplateName: role, ...subject
});

describe('domain: what a user or group may do on a cluster', () => {
  it('a binding is for a principal by its principal id, or a local user by name, or a group', () => {
    expect(bindingIsFor({ userName: 'u-1' }, 'local://u-1')).toBe(true);
    expect(bindingIsFor({ userPrincipalName: 'github_user://9' }, 'github_user://9')).toBe(true);
    expect(bindingIsFor({ groupPrincipalName: 'github_team://7' }, 'github_team://7')).toBe(true);
    expect(bindingIsFor({ userName: 'u-10' }, 'local://u-1')).toBe(false);
  });

  it('a role template\'s rules include those it inherits, once, whatever the cycles', () => {
    expect(rulesOf(['vm-operator'], TEMPLATES)).toHaveLength(2);
    expect([...verbsOn(rulesOf(['vm-operator'], TEMPLATES), 'kubevirt.io', 'virtualmachines')].sort()).toEqual(['get', 'list', 'update', 'watch']);
    expect(verbsOn(rulesOf(['vm-operator'], TEMPLATES), 'harvesterhci.io', 'settings').size).toBe(3);
    expect(verbsOn(rulesOf(['unknown'], TEMPLATES), 'kubevirt.io', 'virtualmachines').size).toBe(0);
  });

  it('verbs in plain words: everything, change, view only, nothing', () => {
    expect(abilityOf(new Set(['*']))).toBe('manage');
    expect(abilityOf(new Set(['get', 'list', 'create', 'update', 'delete']))).toBe('manage');
    expect(abilityOf(new Set(['get', 'list', 'update']))).toBe('change');
    expect(abilityOf(new Set(['get', 'list', 'watch']))).toBe('view');
    expect(abilityOf(new Set(['get']))).toBe('none');
  });

  it('joins the principal\'s cluster and project roles on this cluster, with what they allow; other principals and clusters are left out', () => {
    const abilities = memberAbilities('local://u-1', [
      {
        clusterName: CLUSTER, userName: 'u-1', roleTemplateName: 'cluster-owner'
      },
      {
        clusterName: 'c-other', userName: 'u-1', roleTemplateName: 'cluster-owner'
      },
    ], [
      prtb('p-1', 'read-only', { userName: 'u-1' }),
      prtb('p-1', 'vm-operator', { userPrincipalName: 'local://u-1' }),
      prtb('p-2', 'read-only', { userName: 'u-2' }),
      {
        projectName: 'c-other:p-9', roleTemplateName: 'read-only', userName: 'u-1'
      },
    ], TEMPLATES, CLUSTER);

    expect(abilities.cluster).toEqual({ roles: ['cluster-owner'], abilities: { virtualMachines: 'manage', images: 'manage' } });
    expect(abilities.projects).toEqual({ [`${ CLUSTER }:p-1`]: { roles: ['read-only', 'vm-operator'], abilities: { virtualMachines: 'change', images: 'view' } } });
  });

  it('asks Steve for the principal\'s bindings where it can filter on them, else leaves it to the caller', () => {
    const on212 = steveDialect('v2.12.3', true);
    const query = principalBindingsQuery('local://u-1', on212);

    expect(new URLSearchParams(pageQueryString(query!, on212)).get('filter')).toBe('userPrincipalName=local://u-1,userName=u-1');
    expect(principalBindingsQuery('github_team://7', on212)).toBeUndefined(); // group principals are not indexed
    expect(principalBindingsQuery('local://u-1', steveDialect('v2.11.4', true))).toBeUndefined();
    expect(principalBindingsQuery('github_team://7', steveDialect('v2.10.6', false))).toBeDefined();
  });
});
