import { flushPromises, mount } from '@vue/test-utils';
import ProjectsMembers from '@pkg/harvester-manager/components/ProjectsMembers.vue';
import { adminSchemas } from './support/rancher';
import { fakeStore, type ActionHandler } from './support/store';
import { storeError } from './support/store-error';

// The shell's table, reduced to what the tab hands it: rows grouped as SortableTable groups them
// (groupBy, groupRef) with the group-by and cell slots the tab fills.
jest.mock('@shell/components/SortableTable', () => ({
  name:     'SortableTable',
  props:    ['rows', 'headers', 'noRowsKey', 'groupBy', 'groupRef', 'loading'],
  computed: {
    groups() {
      const groups = new Map();

      for (const row of this.rows) {
        const key = this.groupBy ? row[this.groupBy] : 'default';

        groups.set(key, groups.get(key) || {
          key, ref: this.groupRef ? row[this.groupRef] : key, rows: []
        });
        groups.get(key).rows.push(row);
      }

      return [...groups.values()];
    },
  },
  template: `<table><tbody v-for="g in groups" :key="g.key">
    <tr v-if="groupBy" class="group-row"><td><slot name="group-by" :group="g" /></td></tr>
    <tr v-for="row in g.rows" :key="row.id" class="main-row"><td v-for="h in headers" :key="h.name"><slot :name="'cell:' + h.name" :row="row" /></td></tr>
  </tbody></table>`,
}));
// the shell's principal search (SFCs with imported types the test compiler cannot resolve)
jest.mock('@shell/components/auth/SelectPrincipal', () => ({
  name: 'SelectPrincipal', emits: ['add'], template: '<div />'
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
    wrapper, table, requests, store
  };
}

/** The Steve reads the tab made so far. */
const readsOf = (store: ReturnType<typeof fakeStore>) => store.dispatch.mock.calls.filter((c) => c[0] === 'management/request' && c[1].url.startsWith('/v1/')).length;

type Row = { projectLabel?: string; principalId: string; kindLabel: string; roleLabel: string; empty?: boolean };
const rowsOf = (rows: Row[]) => rows.map((r) => [r.projectLabel, r.empty ? '(none)' : `${ r.principalId } ${ r.kindLabel } ${ r.roleLabel }`]);

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

describe('component: changing a project\'s members from the tab', () => {
  const LINK = 'https://rancher.test/v1/management.cattle.io.projectroletemplatebindings/p-1/prtb-2';
  /** The group's read-only binding carries the remove link Steve gives a user who may delete it. */
  const removable = () => [PRTBS[0], { ...PRTBS[1], links: { remove: LINK } }];
  const refusal = (verb: string) => storeError({
    type: 'error', status: 403, code: 'Forbidden', message: `projectroletemplatebindings.management.cattle.io is forbidden: User "u-ro" cannot ${ verb } resource`,
  });

  function withDelete(deleted: () => Promise<unknown>): ActionHandler {
    const read = answers({ prtbs: { data: removable() } });

    return async(opt: { url: string; method?: string }) => (opt.method === 'delete' ? deleted() : read(opt as never));
  }

  function modals(store: ReturnType<typeof fakeStore>) {
    return store.dispatch.mock.calls.filter((c) => c[0] === 'management/promptModal').map((c) => c[1]);
  }

  it('while the reads are on their way both tables show the shell\'s loading state', async() => {
    const store = fakeStore({ schemas: tenancySchemas(), actions: { 'management/request': answers() } });
    const wrapper = mount(ProjectsMembers, { props: { cluster }, global: { mocks: { $store: store } } });
    const loading = () => wrapper.findAllComponents({ name: 'SortableTable' }).map((t) => t.props('loading'));

    expect(loading()).toEqual([true, true]);
    await flushPromises();
    expect(loading()).toEqual([false, false]);
  });

  it('Add Member opens the shell\'s dialog for that project; each role is saved on its own, a refusal is shown and the tab reloads', async() => {
    const { wrapper, store } = await setup();
    const buttons = wrapper.findAll('[data-testid="harvester-tenancy-add-member"]');

    expect(buttons).toHaveLength(2);
    await buttons[0].trigger('click');
    const [dialog] = modals(store);

    expect(dialog.component).toBe('AddProjectMemberDialog');
    expect(dialog.componentProps.projectId).toBe(`${ CLUSTER }:p-1`);
    const accepted = { save: jest.fn(async() => ({})) };
    const refused = { save: jest.fn(() => Promise.reject(refusal('create'))) };

    await dialog.componentProps.onAdd([accepted, refused]);
    await flushPromises();
    expect(accepted.save).toHaveBeenCalled();
    expect(refused.save).toHaveBeenCalled();
    const banners = wrapper.findAll('[data-testid="harvester-tenancy-change-error"]');

    expect(banners).toHaveLength(1);
    expect(banners[0].text()).toContain('Rancher did not make this change. You are not allowed to do this');
    expect(banners[0].text()).toContain('cannot create resource');
    expect(readsOf(store)).toBe(6);
  });

  it('no POST on bindings: no Add Member; a binding without a remove link: no Remove and no Remove column', async() => {
    const schemas = tenancySchemas().map((s) => (s.id === PRTB ? { ...s, collectionMethods: ['GET'] } : s));
    const { wrapper, table } = await setup({ schemas });

    expect(wrapper.findAll('[data-testid="harvester-tenancy-add-member"]')).toHaveLength(0);
    expect(wrapper.findAll('[data-testid="harvester-tenancy-remove-member"]')).toHaveLength(0);
    expect(table('harvester-tenancy-projects')!.props('headers').map((h: { name: string }) => h.name)).toEqual(['member', 'kind', 'role']);
  });

  it('Remove asks first, naming member, role and project as text; confirming deletes through the binding\'s link and reloads', async() => {
    const { wrapper, store } = await setup({ request: withDelete(async() => ({})) });

    store.getters['rancher/byId'] = (_type: string, id: string) => (id === 'github_team://7' ? { displayName: '<img src=x onerror=alert(1)>' } : undefined);
    const buttons = wrapper.findAll('[data-testid="harvester-tenancy-remove-member"]');

    expect(buttons).toHaveLength(1);
    await buttons[0].trigger('click');
    const [prompt] = modals(store);

    expect(prompt.component).toBe('GenericPrompt');
    // GenericPrompt decodes the body once before rendering it as (sanitized) HTML: escaped twice it stays text
    expect(prompt.componentProps.body).toBe('Remove the Read-only role of &amp;lt;img src=x onerror=alert(1)&amp;gt; in project Default? They lose what that role lets them do there.');
    await prompt.componentProps.applyAction();
    await flushPromises();
    expect(store.dispatch).toHaveBeenCalledWith('management/request', { url: LINK, method: 'delete' });
    expect(readsOf(store)).toBe(6);
    expect(wrapper.find('[data-testid="harvester-tenancy-vanished"]').exists()).toBe(false);
  });

  it('Change role (for a removable member, when the user may add): our dialog with the member; a change that kept the old role says so and the tab reloads', async() => {
    const { wrapper, store } = await setup({ request: withDelete(async() => ({})) });
    const buttons = wrapper.findAll('[data-testid="harvester-tenancy-change-role"]');

    expect(buttons).toHaveLength(1);
    await buttons[0].trigger('click');
    const [dialog] = modals(store);

    expect(dialog.component).toBe('ChangeProjectMemberRoleDialog');
    expect(dialog.componentProps.member).toEqual({
      name: 'github_team://7', subject: { kind: 'group', id: 'github_team://7' }, roleTemplateName: 'read-only', projectId: `${ CLUSTER }:p-1`, projectName: 'Default', removeLink: LINK,
    });
    await dialog.componentProps.onDone({
      done: 1, errors: [{ key: 'harvesterManager.apiError.forbidden', args: { status: 403, detail: 'cannot delete resource' } }], vanished: false, oldRoleKept: true
    });
    await flushPromises();
    expect(wrapper.find('[data-testid="harvester-tenancy-change-error"]').text()).toContain('The new role was given, but Rancher did not remove the old one');
    expect(readsOf(store)).toBe(6);
  });

  it('no POST on bindings: no Change role, even on a member with a remove link', async() => {
    const schemas = tenancySchemas().map((s) => (s.id === PRTB ? { ...s, collectionMethods: ['GET'] } : s));
    const { wrapper } = await setup({ schemas, request: withDelete(async() => ({})) });

    expect(wrapper.findAll('[data-testid="harvester-tenancy-remove-member"]')).toHaveLength(1);
    expect(wrapper.findAll('[data-testid="harvester-tenancy-change-role"]')).toHaveLength(0);
  });

  it('a refused removal is shown in the dialog, which stays open; the tab does not reload', async() => {
    const { wrapper, store } = await setup({ request: withDelete(() => Promise.reject(refusal('delete'))) });

    await wrapper.find('[data-testid="harvester-tenancy-remove-member"]').trigger('click');
    const [prompt] = modals(store);

    await expect(prompt.componentProps.applyAction()).rejects.toEqual([expect.stringContaining('cannot delete resource')]);
    expect(readsOf(store)).toBe(3);
  });

  it('a binding that vanished meanwhile: removing it is no error; the tab says so and shows what Rancher holds now', async() => {
    const gone = storeError({
      type: 'error', status: 404, code: 'NotFound', message: 'projectroletemplatebindings.management.cattle.io "prtb-2" not found',
    });
    const { wrapper, store } = await setup({ request: withDelete(() => Promise.reject(gone)) });

    await wrapper.find('[data-testid="harvester-tenancy-remove-member"]').trigger('click');
    await modals(store)[0].componentProps.applyAction();
    await flushPromises();
    expect(wrapper.find('[data-testid="harvester-tenancy-vanished"]').text()).toBe('That membership had already been removed, perhaps by someone else. The list shows what Rancher holds now.');
    expect(readsOf(store)).toBe(6);
  });
});
