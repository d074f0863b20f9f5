import './support/mock-tenancy-parts';
import { flushPromises, mount } from '@vue/test-utils';
import ProjectsMembers from '@pkg/harvester-manager/components/ProjectsMembers.vue';
import {
  answers, cluster, rowsOf, setup, tenancySchemas, CLUSTER, CRTB, CRTBS, PROJECT, PROJECTS, PRTB, PRTBS,
} from './support/tenancy-tab';
import { fakeStore } from './support/store';
import { storeError } from './support/store-error';

// The Projects & Members tab (#tenancy): the cluster's members and each project with its members
// and roles, read through Steve in a few requests; what Rancher does not let the user read is said.
describe('component: the Projects & Members tab', () => {
  it('shows the cluster\'s members, then each project with its members and roles, in three requests', async() => {
    const { table, requests } = await setup();

    expect(requests.length).toBe(3);
    expect(requests.some((url) => url.includes('projectName'))).toBe(false);
    expect(rowsOf(table('harvester-tenancy-cluster-members')!.props('rows'))).toEqual([[undefined, 'local://user-admin User Owner']]);
    const projects = table('harvester-tenancy-projects')!;

    expect(projects.props('groupBy')).toBe('projectId');
    expect(projects.findAll('tr.group-row').map((r) => r.find('.group-tab').text())).toEqual(['Default — where VMs go', 'System']);
    expect(rowsOf(projects.props('rows'))).toEqual([
      ['Default — where VMs go', 'local://u-owner User Owner'],
      ['Default — where VMs go', 'github_team://7 Group Read-only'],
      ['System', '(none)'],
    ]);
  });

  it('bindings on more than one page: every page is read (the rest at once) and every member shows', async() => {
    const byPage = (page: number) => ({
      data: [PRTBS[page - 1] || {
        ...PRTBS[0], id: 'p-1/prtb-3', userName: 'u-third'
      }],
      pages: 3
    });
    const read = answers();
    const { table, requests } = await setup({ request: async(opt: { url: string }) => (opt.url.startsWith(`/v1/${ PRTB }s?`) ? byPage(Number(new URLSearchParams(opt.url.split('?')[1]).get('page'))) : read(opt as never)) });

    expect(requests.filter((url) => url.startsWith(`/v1/${ PRTB }s?`))).toHaveLength(3);
    expect(rowsOf(table('harvester-tenancy-projects')!.props('rows')).map(([, member]) => member)).toEqual([
      'local://u-owner User Owner', 'github_team://7 Group Read-only', 'local://u-third User Owner', '(none)',
    ]);
  });

  it('each project shows what lives in it on the Harvester cluster, from its counts and namespaces (two requests there)', async() => {
    const read = answers();
    const namespaces = [['default', 'p-1'], ['team', 'p-1'], ['harvester-system', 'p-2'], ['loose', '']].map(([name, p]) => ({ metadata: { name, annotations: p ? { 'field.cattle.io/projectId': `${ CLUSTER }:${ p }` } : {} } }));
    const perNamespace = (counts: Record<string, number>) => ({ namespaces: Object.fromEntries(Object.entries(counts).map(([ns, count]) => [ns, { count }])) });
    const counts = {
      'kubevirt.io.virtualmachine': perNamespace({
        default: 1, team: 1, loose: 5
      }),
      'harvesterhci.io.virtualmachineimage': perNamespace({ default: 1 }),
      persistentvolumeclaim:                 perNamespace({
        default: 2, team: 1, 'harvester-system': 1
      }),
    };
    const downstream: string[] = [];
    const { wrapper } = await setup({
      request: async(opt: { url: string }) => {
        if (opt.url.startsWith(`/k8s/clusters/${ CLUSTER }/v1/`)) {
          downstream.push(opt.url.split('?')[0]);

          return opt.url.includes('/counts') ? { data: [{ id: 'count', counts }] } : { data: namespaces };
        }

        return read(opt as never);
      },
    });

    expect(downstream.sort()).toEqual([`/k8s/clusters/${ CLUSTER }/v1/counts`, `/k8s/clusters/${ CLUSTER }/v1/namespaces`]);
    expect(wrapper.findAll('[data-testid="harvester-tenancy-workloads"]').map((w) => w.text())).toEqual([
      '2 virtual machines · 1 image · 3 volumes',
      '0 virtual machines · 0 images · 1 volume',
    ]);
  });

  it('when the Harvester cluster cannot be read the tab says so and still shows the members', async() => {
    const read = answers();
    const unavailable = storeError({
      type: 'error', status: 503, code: 'ServiceUnavailable', message: 'cluster agent disconnected'
    });
    const { wrapper, table } = await setup({ request: async(opt: { url: string }) => (opt.url.startsWith('/k8s/') ? Promise.reject(unavailable) : read(opt as never)) });

    expect(wrapper.find('[data-testid="harvester-tenancy-workloads-error"]').text()).toContain('could not be read from the Harvester cluster');
    expect(wrapper.find('[data-testid="harvester-tenancy-workloads-error"]').text()).toContain('cluster agent disconnected');
    expect(wrapper.findAll('[data-testid="harvester-tenancy-workloads"]')).toHaveLength(0);
    expect(table('harvester-tenancy-projects')!.props('rows')).toHaveLength(3);
  });

  it('cluster members on more than one page: every page is read', async() => {
    const read = answers();
    const crtbPage = (page: number) => ({
      data: [{
        ...CRTBS[0], id: `${ CLUSTER }/crtb-${ page }`, userName: `u-${ page }`
      }],
      pages: 2
    });
    const { table, requests } = await setup({ request: async(opt: { url: string }) => (opt.url.startsWith(`/v1/${ CRTB }s/`) ? crtbPage(Number(new URLSearchParams(opt.url.split('?')[1]).get('page'))) : read(opt as never)) });

    expect(requests.filter((url) => url.startsWith(`/v1/${ CRTB }s/`))).toHaveLength(2);
    expect(rowsOf(table('harvester-tenancy-cluster-members')!.props('rows')).map(([, m]) => m)).toEqual(['local://u-1 User Owner', 'local://u-2 User Owner']);
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

  it('more projects than one page: says which are shown, and Next / Previous read the other pages on the server', async() => {
    const { wrapper, requests, store } = await setup({ request: answers({ projects: { data: PROJECTS, count: 60 } }) });
    const pages = () => wrapper.find('[data-testid="harvester-tenancy-pages"]');
    const projectPages = () => store.dispatch.mock.calls.filter((c) => c[0] === 'management/request' && c[1].url.startsWith(`/v1/${ PROJECT }s/`)).map((c) => new URLSearchParams(c[1].url.split('?')[1]));

    expect(requests.length).toBe(3);
    expect(projectPages().map((q) => [q.get('page'), q.get('pagesize')])).toEqual([['1', '25']]);
    expect(pages().text()).toContain('Projects 1–25 of 60');
    expect(wrapper.find('[data-testid="harvester-tenancy-page-previous"]').attributes('disabled')).toBeDefined();
    await wrapper.find('[data-testid="harvester-tenancy-page-next"]').trigger('click');
    await flushPromises();
    await wrapper.find('[data-testid="harvester-tenancy-page-next"]').trigger('click');
    await flushPromises();
    expect(projectPages().map((q) => q.get('page'))).toEqual(['1', '2', '3']);
    expect(pages().text()).toContain('Projects 51–60 of 60');
    expect(wrapper.find('[data-testid="harvester-tenancy-page-next"]').attributes('disabled')).toBeDefined();
    await wrapper.find('[data-testid="harvester-tenancy-page-previous"]').trigger('click');
    await flushPromises();
    expect(projectPages().map((q) => q.get('page'))).toEqual(['1', '2', '3', '2']);
  });

  it('the search box asks Steve for projects whose name contains the text, from the first page', async() => {
    jest.useFakeTimers();
    try {
      const { wrapper, store } = await setup({ request: answers({ projects: { data: PROJECTS, count: 60 } }) });
      const projectPages = () => store.dispatch.mock.calls.filter((c) => c[0] === 'management/request' && c[1].url.startsWith(`/v1/${ PROJECT }s/`)).map((c) => new URLSearchParams(c[1].url.split('?')[1]));

      await wrapper.find('[data-testid="harvester-tenancy-page-next"]').trigger('click');
      await flushPromises();
      await wrapper.find('[data-testid="harvester-tenancy-search"]').setValue('team');
      jest.advanceTimersByTime(300);
      await flushPromises();
      const last = projectPages().pop()!;

      expect([last.get('filter'), last.get('page')]).toEqual(['spec.displayName~team', '1']);
      expect(wrapper.find('[data-testid="harvester-tenancy-search-adjusted"]').exists()).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });

  it('where Steve cannot search projects by name (2.11\'s SQL cache) the search says so and lists them all', async() => {
    jest.useFakeTimers();
    try {
      const store = fakeStore({
        schemas: tenancySchemas(), settings: { 'server-version': 'v2.11.4' }, actions: { 'management/request': answers() }
      });

      store.state['management.cattle.io.feature'] = [{
        id: 'ui-sql-cache', spec: { value: true }, status: { default: false }
      }];
      const wrapper = mount(ProjectsMembers, { props: { cluster }, global: { mocks: { $store: store } } });

      await flushPromises();
      await wrapper.find('[data-testid="harvester-tenancy-search"]').setValue('team');
      jest.advanceTimersByTime(300);
      await flushPromises();
      expect(wrapper.find('[data-testid="harvester-tenancy-search-adjusted"]').text()).toBe('This Rancher cannot search projects by name (its SQL cache does not index it); all projects are shown.');
    } finally {
      jest.useRealTimers();
    }
  });

  it('one page of projects: no pager', async() => {
    const { wrapper } = await setup();

    expect(wrapper.find('[data-testid="harvester-tenancy-pages"]').exists()).toBe(false);
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
