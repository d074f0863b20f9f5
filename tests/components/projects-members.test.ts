import { flushPromises, mount } from '@vue/test-utils';
import ProjectsMembers from '@pkg/harvester-manager/components/ProjectsMembers.vue';
import { adminSchemas } from './support/rancher';
import { fakeStore, type ActionHandler } from './support/store';
import { storeError } from './support/store-error';

jest.mock('@shell/components/SortableTable', () => ({
  name: 'SortableTable', props: ['rows', 'headers', 'noRowsKey', 'groupBy', 'loading'], template: '<table />',
}));
jest.mock('@shell/components/auth/Principal', () => ({
  name: 'Principal', props: ['value'], template: '<span />'
}));

// The Projects & Members tab (#tenancy): the cluster's members and each project with its members
// and roles, read through Steve in three requests; what Rancher does not let the user read is said.
const CLUSTER = 'c-abcde';
const PROJECT = 'management.cattle.io.project';
const CRTB = 'management.cattle.io.clusterroletemplatebinding';
const PRTB = 'management.cattle.io.projectroletemplatebinding';
const cluster = {
  joined: {
    id: 'fleet-default/harv1', managementId: CLUSTER, provisioning: {}
  }
};
const project = (name: string, displayName: string, description = '') => ({
  id:       `${ CLUSTER }/${ name }`,
  metadata: { name, namespace: CLUSTER },
  spec:     {
    clusterName: CLUSTER, displayName, description
  },
});
const PROJECTS = [project('p-1', 'Default', 'where VMs go'), project('p-2', 'System')];
const PRTBS = [
  {
    id: 'p-1/prtb-1', metadata: { name: 'prtb-1', namespace: 'p-1' }, projectName: `${ CLUSTER }:p-1`, userName: 'u-owner', roleTemplateName: 'project-owner',
  },
  {
    id: 'p-1/prtb-2', metadata: { name: 'prtb-2', namespace: 'p-1' }, projectName: `${ CLUSTER }:p-1`, groupPrincipalName: 'github_team://7', roleTemplateName: 'read-only',
  },
];
const CRTBS = [{
  id: `${ CLUSTER }/crtb-1`, clusterName: CLUSTER, userName: 'user-admin', roleTemplateName: 'cluster-owner'
}];

function answers(overrides: Partial<Record<'projects' | 'prtbs' | 'crtbs', unknown>> = {}): ActionHandler {
  return async(opt: { url: string }) => {
    const [path] = opt.url.split('?');

    if (path === `/v1/${ PROJECT }s/${ CLUSTER }`) {
      return overrides.projects ?? { data: PROJECTS, count: PROJECTS.length };
    }
    if (path === `/v1/${ PRTB }s`) {
      return overrides.prtbs ?? { data: PRTBS };
    }
    if (path === `/v1/${ CRTB }s/${ CLUSTER }`) {
      return overrides.crtbs ?? { data: CRTBS };
    }

    return { Version: 'v2.12.3' };
  };
}

/** An administrator's schemas, with the project and project binding types the tab reads. */
const tenancySchemas = () => [...adminSchemas(), {
  id: PROJECT, collectionMethods: ['GET', 'POST'], resourceMethods: ['GET', 'PUT', 'DELETE']
}, {
  id: PRTB, collectionMethods: ['GET', 'POST'], resourceMethods: ['GET', 'PUT', 'DELETE']
}];

async function setup(opts: { schemas?: ReturnType<typeof adminSchemas>; request?: ActionHandler } = {}) {
  const store = fakeStore({ schemas: opts.schemas || tenancySchemas(), actions: { 'management/request': opts.request || answers() } });
  const wrapper = mount(ProjectsMembers, { props: { cluster }, global: { mocks: { $store: store } } });

  await flushPromises();
  const tables = wrapper.findAllComponents({ name: 'SortableTable' });
  const table = (testId: string) => tables.find((t) => t.attributes('data-testid') === testId);
  const requests = store.dispatch.mock.calls.filter((c) => c[0] === 'management/request' && c[1].url.startsWith('/v1/')).map((c) => c[1].url as string);

  return {
    wrapper, table, requests
  };
}

type Row = { projectLabel?: string; principalId: string; kindLabel: string; roleLabel: string; empty?: boolean };
const rowsOf = (rows: Row[]) => rows.map((r) => [r.projectLabel, r.empty ? '(none)' : `${ r.principalId } ${ r.kindLabel } ${ r.roleLabel }`]);

describe('component: the Projects & Members tab', () => {
  it('shows the cluster\'s members, then each project with its members and roles, in three requests', async() => {
    const { table, requests } = await setup();

    expect(requests.length).toBe(3);
    expect(requests.some((url) => url.includes('projectName'))).toBe(false);
    expect(rowsOf(table('harvester-tenancy-cluster-members')!.props('rows'))).toEqual([[undefined, 'local://user-admin User Owner']]);
    const projects = table('harvester-tenancy-projects')!;

    expect(projects.props('groupBy')).toBe('projectLabel');
    expect(rowsOf(projects.props('rows'))).toEqual([
      ['Default — where VMs go', 'local://u-owner User Owner'],
      ['Default — where VMs go', 'github_team://7 Group Read-only'],
      ['System', '(none)'],
    ]);
  });

  it('a custom project role shows by its name', async() => {
    const custom = [{ ...PRTBS[0], roleTemplateName: 'vm-operator' }];
    const { table } = await setup({ request: answers({ prtbs: { data: custom } }) });

    expect(rowsOf(table('harvester-tenancy-projects')!.props('rows'))[0]).toEqual(['Default — where VMs go', 'local://u-owner User vm-operator']);
  });

  it('a cluster without projects says so, and asks for no bindings', async() => {
    const { table, requests } = await setup({ request: answers({ projects: { data: [], count: 0 } }) });

    expect(table('harvester-tenancy-projects')!.props('rows')).toEqual([]);
    expect(table('harvester-tenancy-projects')!.props('noRowsKey')).toBe('harvesterManager.detail.tenancy.noProjects');
    expect(requests.some((url) => url.startsWith(`/v1/${ PRTB }s`))).toBe(false);
  });

  it('a user Rancher gives no project schema sees why, and nothing is asked for', async() => {
    const schemas = tenancySchemas().filter((s) => s.id !== PROJECT);
    const { wrapper, requests } = await setup({ schemas });

    expect(wrapper.find('[data-testid="harvester-tenancy-no-permission"]').text()).toBe('Rancher does not let you see the projects of this cluster. Cluster owners and members can.');
    expect(wrapper.findAllComponents({ name: 'SortableTable' })).toHaveLength(0);
    expect(requests).toEqual([]);
  });

  it('a user who may not read cluster members sees the projects and why the members are missing', async() => {
    const schemas = tenancySchemas().filter((s) => s.id !== CRTB);
    const { wrapper, table, requests } = await setup({ schemas });

    expect(wrapper.find('[data-testid="harvester-tenancy-cluster-members-hidden"]').text()).toBe('Rancher does not let you see who the members of this cluster are.');
    expect(table('harvester-tenancy-projects')!.props('rows')).toHaveLength(3);
    expect(requests.some((url) => url.startsWith(`/v1/${ CRTB }s`))).toBe(false);
  });

  it('more projects than one page: says how many are shown', async() => {
    const { wrapper } = await setup({ request: answers({ projects: { data: PROJECTS, count: 250 } }) });

    expect(wrapper.find('[data-testid="harvester-tenancy-more-pages"]').text()).toBe('Showing the first 2 of 250 projects.');
  });

  it('a refused read says what Rancher said', async() => {
    const refused = storeError({
      type: 'error', status: 403, code: 'Forbidden', message: 'projects.management.cattle.io is forbidden',
    });
    const { wrapper } = await setup({ request: async(opt: { url: string }) => (opt.url.startsWith(`/v1/${ PROJECT }s`) ? Promise.reject(refused) : { Version: 'v2.12.3' }) });

    expect(wrapper.find('[data-testid="harvester-tenancy-error"]').text()).toContain('Could not load the projects and members of this cluster.');
    expect(wrapper.find('[data-testid="harvester-tenancy-error"]').text()).toContain('projects.management.cattle.io is forbidden');
  });
});
