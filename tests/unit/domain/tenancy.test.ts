import {
  clusterMembers, pageQueryString, projectBindingNamespaces, projectMembersQuery, projectsQuery, projectsWithMembers, steveDialect, type Project, type RoleTemplateBinding,
} from '../../../pkg/harvester-manager/domain';

const CLUSTER = 'c-abcde';
const project = (name: string, extra: Partial<Project> = {}): Project => ({
  id: `${ CLUSTER }/${ name }`, metadata: { name, namespace: CLUSTER }, spec: { clusterName: CLUSTER, displayName: name.toUpperCase() }, ...extra,
});
const prtb = (name: string, projectName: string, fields: Partial<RoleTemplateBinding>): RoleTemplateBinding => ({
  id: `${ projectName.split(':')[1] }/${ name }`, metadata: { name, namespace: projectName.split(':')[1] }, projectName, ...fields,
});

describe('domain: tenancy', () => {
  it('a project\'s bindings live in its backing namespace and in the namespace named after it', () => {
    expect(projectBindingNamespaces(project('p-1'))).toEqual(['p-1']);
    expect(projectBindingNamespaces(project('p-1', { status: { backingNamespace: `${ CLUSTER }-p-1` } }))).toEqual([`${ CLUSTER }-p-1`, 'p-1']);
  });

  it('projects sort by display name only where this Steve can (2.12, or the cache off), always with the name as tiebreak', () => {
    const sortOf = (version: string, sql: boolean) => new URLSearchParams(pageQueryString(projectsQuery(1, 50, steveDialect(version, sql)), steveDialect(version, sql))).get('sort');

    expect(sortOf('v2.12.3', true)).toBe('spec.displayName,metadata.name');
    expect(sortOf('v2.11.4', false)).toBe('spec.displayName,metadata.name');
    expect(sortOf('v2.11.4', true)).toBe('metadata.name');
    expect(sortOf('v2.10.6', true)).toBe('metadata.name');
  });

  it('a project search is a contains filter on the display name where Steve can filter on it; elsewhere it says it could not be sent', () => {
    const search = (version: string, sql: boolean, text: string) => {
      const dialect = steveDialect(version, sql);
      const query = projectsQuery(1, 25, dialect, text);

      return [new URLSearchParams(pageQueryString(query, dialect)).get('filter'), query.searchAdjustedTo];
    };

    expect(search('v2.12.3', true, ' vm team ')).toEqual(['spec.displayName~"vm team"', undefined]);
    expect(search('v2.11.4', false, 'vm')).toEqual(['spec.displayName=vm', undefined]);
    expect(search('v2.10.6', false, 'vm,db')).toEqual(['spec.displayName=vm', 'vm']);
    expect(search('v2.11.4', true, 'vm')).toEqual([null, '']);
    expect(search('v2.12.3', true, '')).toEqual([null, undefined]);
  });

  it('the bindings of a page of projects are one request by namespace, never by projectName (not indexed on 2.12)', () => {
    const dialect = steveDialect('v2.12.3', true);
    const query = new URLSearchParams(pageQueryString(projectMembersQuery([project('p-1'), project('p-2', { status: { backingNamespace: 'c-abcde-p-2' } })], dialect), dialect));

    expect(query.getAll('filter')).toEqual(['metadata.namespace=p-1,metadata.namespace=c-abcde-p-2,metadata.namespace=p-2']);
    expect(query.toString()).not.toContain('projectName');
    expect(query.get('pagesize')).toBe('500'); // a project has any number of bindings
    expect(query.get('page')).toBe('1');
    expect(new URLSearchParams(pageQueryString(projectMembersQuery([project('p-1')], dialect, 3), dialect)).get('page')).toBe('3');
  });

  it('joins each project with its members and their roles; bindings of other clusters or without a subject are left out', () => {
    const joined = projectsWithMembers([project('p-1'), project('p-2')], [
      prtb('owner', `${ CLUSTER }:p-1`, { userName: 'u-owner', roleTemplateName: 'project-owner' }),
      prtb('viewer', `${ CLUSTER }:p-1`, { groupPrincipalName: 'github_team://7', roleTemplateName: 'read-only' }),
      prtb('custom', `${ CLUSTER }:p-2`, { userPrincipalName: 'local://u-dev', roleTemplateName: 'vm-operator' }),
      prtb('member', `${ CLUSTER }:p-2`, { userName: 'u-member', roleTemplateName: 'project-member' }),
      prtb('elsewhere', 'c-other:p-1', { userName: 'u-x', roleTemplateName: 'project-owner' }),
      prtb('nobody', `${ CLUSTER }:p-2`, { roleTemplateName: 'project-owner' }),
    ], CLUSTER);

    expect(joined.map((p) => [p.projectId, p.displayName, p.members.map((m) => `${ m.subject.kind }:${ m.subject.id }=${ m.role }`)])).toEqual([
      [`${ CLUSTER }:p-1`, 'P-1', ['user:u-owner=owner', 'group:github_team://7=readOnly']],
      [`${ CLUSTER }:p-2`, 'P-2', ['user:local://u-dev=custom', 'user:u-member=member']],
    ]);
  });

  it('the cluster\'s members are its own CRTBs only', () => {
    const members = clusterMembers([
      {
        id: `${ CLUSTER }/crtb-1`, clusterName: CLUSTER, userName: 'u-admin', roleTemplateName: 'cluster-owner'
      },
      {
        id: 'c-abcdef/crtb-2', clusterName: 'c-abcdef', userName: 'u-other', roleTemplateName: 'cluster-member'
      },
      {
        id: `${ CLUSTER }/crtb-3`, clusterName: CLUSTER, groupName: 'ops', roleTemplateName: 'nodes-view'
      },
    ], CLUSTER);

    expect(members).toEqual([
      {
        bindingId: `${ CLUSTER }/crtb-1`, subject: { kind: 'user', id: 'u-admin' }, roleTemplateName: 'cluster-owner', role: 'owner'
      },
      {
        bindingId: `${ CLUSTER }/crtb-3`, subject: { kind: 'group', id: 'ops' }, roleTemplateName: 'nodes-view', role: 'custom'
      },
    ]);
  });
});
