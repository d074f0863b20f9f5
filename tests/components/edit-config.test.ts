import { flushPromises, mount } from '@vue/test-utils';
import Edit from '@pkg/harvester-manager/edit/harvesterhci.io.management.cluster.vue';
import { activePair, adminSchemas, normanPair } from './support/rancher';
import { fakeStore } from './support/store';

jest.mock('@components/RcButton', () => jest.requireActual('./support/rc-button'));
jest.mock('@shell/components/CruResource', () => jest.requireActual('./support/stubs').CruResourceStub);
jest.mock('@shell/components/Tabbed', () => jest.requireActual('./support/form-mocks').tabbed);
jest.mock('@shell/components/Tabbed/Tab', () => jest.requireActual('./support/form-mocks').tab);
jest.mock('@shell/edit/provisioning.cattle.io.cluster/AgentEnv', () => jest.requireActual('./support/form-mocks').agentEnv);
jest.mock('@shell/edit/provisioning.cattle.io.cluster/Labels', () => jest.requireActual('./support/form-mocks').labels);
jest.mock('@shell/components/form/Members/ClusterMembershipEditor', () => jest.requireActual('./support/form-mocks').membershipEditor);

/* eslint-disable @typescript-eslint/no-explicit-any */

function normanCluster(overrides: any = {}) {
  const data = {
    id:           'c-abcde',
    type:         'cluster',
    name:         'harv1',
    description:  'old text',
    labels:       { 'provider.cattle.io': 'harvester', team: 'virt' },
    annotations:  { note: 'keep' },
    agentEnvVars: [{ name: 'HTTP_PROXY', value: 'http://proxy:3128' }],
    links:        { self: '/v3/clusters/c-abcde', update: '/v3/clusters/c-abcde' },
    ...overrides,
  };

  return { ...data, toJSON: () => ({ ...data }) };
}

async function setup(pair = normanPair('harv1', 'c-abcde'), actions: Record<string, any> = {}) {
  const store = fakeStore({
    provs:   [pair.prov],
    mgmts:   [pair.mgmt],
    schemas: adminSchemas(),
    actions: {
      'rancher/find':    async() => normanCluster(),
      'rancher/request': jest.fn(async() => ({})),
      ...actions,
    },
  });
  const router = { replace: jest.fn(async() => undefined) };
  const value = store.cluster('fleet-default/c-abcde');
  const wrapper = mount(Edit, {
    props:  { mode: 'edit', value },
    // ResourceDetail binds its whole $data, including its own (empty) `errors`, onto the edit component
    attrs:  { errors: [], as: 'config', liveValue: value },
    global: {
      mocks: {
        $store: store, $router: router, $route: { name: 'c-cluster-product-resource-namespace-id', params: {}, query: { mode: 'edit' } }, $fetchState: { pending: false },
      },
      stubs:      { t: true, Loading: true },
      directives: { 'stripped-aria-label': {} },
    },
  });

  await (wrapper.vm.$options as any).fetch.call(wrapper.vm);
  await flushPromises();

  return {
    wrapper, store, router, value,
  };
}

const save = (w: any) => w.find('[data-testid="form-save"]');

describe('component: Edit Config', () => {
  it('loads the Norman cluster into the form; the name is shown but not editable', async() => {
    const { wrapper, value } = await setup();

    const name = wrapper.find('[data-testid="harvester-cluster-name"]').element as HTMLInputElement;

    expect(name.value).toBe('harv1');
    expect(name.disabled).toBe(true);
    expect((wrapper.find('[data-testid="harvester-cluster-description"]').element as HTMLInputElement).value).toBe('old text');
    expect(value.spec.agentEnvVars).toEqual([{ name: 'HTTP_PROXY', value: 'http://proxy:3128' }]);
    expect(value.metadata.labels).toEqual({ 'provider.cattle.io': 'harvester', team: 'virt' });
    expect(save(wrapper).attributes('disabled')).toBeUndefined();
  });

  it('saves through Norman PUT /v3/clusters/<id>, keeping the provider label, then returns to the detail page', async() => {
    const { wrapper, store, router, value } = await setup();

    await wrapper.find('[data-testid="harvester-cluster-description"]').setValue('new text');
    value.metadata.labels = { team: 'virt2' };
    await save(wrapper).trigger('click');
    await flushPromises();

    expect(store.dispatch).toHaveBeenCalledWith('rancher/request', {
      url:    '/v3/clusters/c-abcde',
      method: 'put',
      data:   expect.objectContaining({
        id: 'c-abcde', type: 'cluster', name: 'harv1', description: 'new text', labels: { team: 'virt2', 'provider.cattle.io': 'harvester' }, annotations: { note: 'keep' },
      }),
    });
    expect(router.replace).toHaveBeenCalledWith(expect.objectContaining({ name: 'c-cluster-product-resource-namespace-id', params: expect.objectContaining({ id: 'c-abcde' }) }));
  });

  it('a cluster administrated by its provisioning cluster is saved there (Steve), not through Norman', async() => {
    const pair = activePair('harv1', 'c-abcde');
    const saved: any[] = [];
    const { wrapper, store } = await setup(pair, {
      'management/clone': async({ resource }: any) => ({ ...JSON.parse(JSON.stringify(resource)), save: jest.fn(async function(this: any) { saved.push(this); }) }),
    });

    await wrapper.find('[data-testid="harvester-cluster-description"]').setValue('via steve');
    await save(wrapper).trigger('click');
    await flushPromises();

    expect(store.dispatch).not.toHaveBeenCalledWith('rancher/request', expect.objectContaining({ method: 'put' }));
    expect(saved).toHaveLength(1);
    expect(saved[0].metadata.annotations['field.cattle.io/description']).toBe('via steve');
    expect(saved[0].metadata.labels['provider.cattle.io']).toBe('harvester');
  });

  it('a 403 on save is shown, and the page stays', async() => {
    const { wrapper, router } = await setup(undefined, {
      'rancher/request': async() => Promise.reject({
        type: 'error', status: 403, code: 'Forbidden', message: 'cannot update clusters',
      }),
    });

    await save(wrapper).trigger('click');
    await flushPromises();

    expect(wrapper.find('[data-testid="cru-error"]').text()).toBe('Could not save the configuration of "harv1". You are not allowed to do this: Rancher refused the request (HTTP 403). Ask a Rancher administrator for the permission. (Rancher said: cannot update clusters)');
    expect(router.replace).not.toHaveBeenCalled();
  });
});
