import { flushPromises, mount } from '@vue/test-utils';
import MemberAbilities from '@pkg/harvester-manager/components/MemberAbilities.vue';
import { adminSchemas } from './support/rancher';
import { fakeStore, type ActionHandler } from './support/store';
import { storeError } from './support/store-error';

jest.mock('@shell/components/SortableTable', () => ({
  name: 'SortableTable', props: ['rows', 'headers', 'loading'], template: '<table />',
}));
jest.mock('@shell/components/auth/SelectPrincipal', () => ({
  name: 'SelectPrincipal', props: ['retainSelection'], emits: ['add'], template: '<div />',
}));

// "What can this user do here?": a principal's roles on one cluster and, from the role templates'
// rules, what they allow on virtual machines and images; read with a few requests, filtered on the
// server where that Steve can.
const CLUSTER = 'c-abcde';
const CRTB = 'management.cattle.io.clusterroletemplatebinding';
const PRTB = 'management.cattle.io.projectroletemplatebinding';
const PROJECT = 'management.cattle.io.project';
const ROLE_TEMPLATE = 'management.cattle.io.roletemplate';
const cluster = { joined: { id: 'fleet-default/harv1', managementId: CLUSTER } };
const TEMPLATES = [
  {
    id:          'read-only',
    displayName: 'Read-only',
    rules:       [{
      apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch']
    }]
  },
  {
    id:          'project-owner',
    displayName: 'Project Owner',
    rules:       [{
      apiGroups: ['*'], resources: ['*'], verbs: ['*']
    }]
  },
];
const PRTBS = [
  {
    id: 'p-1/prtb-1', metadata: { namespace: 'p-1' }, projectName: `${ CLUSTER }:p-1`, userName: 'u-ro', userPrincipalName: 'local://u-ro', roleTemplateName: 'read-only'
  },
  {
    id: 'p-2/prtb-2', metadata: { namespace: 'p-2' }, projectName: `${ CLUSTER }:p-2`, groupPrincipalName: 'github_team://7', roleTemplateName: 'project-owner'
  },
];
const PROJECTS = [
  {
    id: `${ CLUSTER }/p-1`, metadata: { name: 'p-1', namespace: CLUSTER }, spec: { displayName: 'Default' }
  },
  {
    id: `${ CLUSTER }/p-2`, metadata: { name: 'p-2', namespace: CLUSTER }, spec: { displayName: 'Lab' }
  },
];
const schemas = () => [...adminSchemas(), { id: PROJECT }, { id: PRTB }, { id: ROLE_TEMPLATE }];

function answers(overrides: { prtbs?: () => unknown } = {}): ActionHandler {
  return async(opt: { url: string }) => {
    const [path] = opt.url.split('?');

    if (path === `/v1/${ CRTB }s/${ CLUSTER }`) {
      return { data: [] };
    }
    if (path === `/v1/${ PRTB }s`) {
      return overrides.prtbs ? overrides.prtbs() : { data: PRTBS };
    }
    if (path === `/v1/${ ROLE_TEMPLATE }s`) {
      return { data: TEMPLATES };
    }
    if (path === `/v1/${ PROJECT }s/${ CLUSTER }`) {
      return { data: PROJECTS };
    }

    return undefined;
  };
}

async function pick(principalId: string, opts: { version?: string; schemas?: ReturnType<typeof schemas>; request?: ActionHandler } = {}) {
  const store = fakeStore({
    schemas: opts.schemas || schemas(), settings: { 'server-version': opts.version || 'v2.12.3' }, actions: { 'management/request': opts.request || answers() }
  });
  const wrapper = mount(MemberAbilities, { props: { cluster }, global: { mocks: { $store: store } } });

  wrapper.findComponent({ name: 'SelectPrincipal' }).vm.$emit('add', principalId);
  await flushPromises();
  const urls = store.dispatch.mock.calls.filter((c) => c[0] === 'management/request').map((c) => c[1].url as string);
  const table = wrapper.findComponent({ name: 'SortableTable' });

  return {
    wrapper, urls, rows: table.exists() ? table.props('rows').map((r: Record<string, string>) => [r.scope, r.roles, r.virtualMachines, r.images]) : []
  };
}

describe('component: what a user or group can do on the cluster', () => {
  it('a user on 2.12: their bindings asked for by principal on the server, four requests; their project role in plain words', async() => {
    const { urls, rows } = await pick('local://u-ro');

    expect(urls).toHaveLength(4);
    expect(decodeURIComponent(urls.find((u) => u.startsWith(`/v1/${ PRTB }s?`)) as string)).toContain('filter=userPrincipalName=local://u-ro,userName=u-ro');
    expect(rows).toEqual([['Project Default', 'Read-only', 'View only', 'View only']]);
  });

  it('a group on 2.12 (its principal is not indexed): the bindings of every project of the cluster are read instead', async() => {
    const { urls, rows } = await pick('github_team://7');

    expect(urls.some((u) => u.includes('groupPrincipalName'))).toBe(false);
    expect(decodeURIComponent(urls.find((u) => u.startsWith(`/v1/${ PRTB }s?`)) as string)).toContain('metadata.namespace=p-1,metadata.namespace=p-2');
    expect(rows).toEqual([['Project Lab', 'Project Owner', 'Create, change, delete and view', 'Create, change, delete and view']]);
  });

  it('someone without a role here is told so', async() => {
    const { wrapper } = await pick('local://u-nobody', { request: answers({ prtbs: () => ({ data: [] }) }) });

    expect(wrapper.find('[data-testid="harvester-tenancy-who-none"]').text()).toContain('No role on this cluster that you can see');
  });

  it('a viewer who may not read role templates sees the roles, and that what they allow is unknown', async() => {
    const { rows } = await pick('local://u-ro', { schemas: schemas().filter((s) => s.id !== ROLE_TEMPLATE) });

    expect(rows).toEqual([['Project Default', 'read-only', 'Unknown (Rancher does not let you read the role templates)', 'Unknown (Rancher does not let you read the role templates)']]);
  });

  it('a refused read says what Rancher said', async() => {
    const refused = storeError({
      type: 'error', status: 403, code: 'Forbidden', message: 'projectroletemplatebindings.management.cattle.io is forbidden'
    });
    const { wrapper } = await pick('local://u-ro', { request: answers({ prtbs: () => Promise.reject(refused) }) });

    expect(wrapper.find('[data-testid="harvester-tenancy-who-error"]').text()).toContain('Could not read their roles on this cluster.');
    expect(wrapper.find('[data-testid="harvester-tenancy-who-error"]').text()).toContain('is forbidden');
  });
});
