import { flushPromises, mount } from '@vue/test-utils';
import List from '@pkg/harvester-manager/list/harvesterhci.io.management.cluster.vue';
import { resetHarvesterVersions } from '@pkg/harvester-manager/adapters/harvester-versions';
import {
  activePair, adminSchemas, pendingPair, readOnly, readOnlySchemas, rke2Pair,
} from './support/rancher';
import { fakeStore, type FakeStore } from './support/store';
import { MastheadStub, ResourceTableStub, stub } from './support/stubs';

jest.mock('@components/RcButton', () => jest.requireActual('./support/rc-button'));
jest.mock('@shell/components/ResourceList/Masthead', () => jest.requireActual('./support/stubs').MastheadStub);
jest.mock('@shell/components/ResourceTable', () => jest.requireActual('./support/stubs').ResourceTableStub);
jest.mock('@shell/components/BrandImage', () => ({ name: 'BrandImage', template: '<img />' }));
jest.mock('@pkg/harvester-manager/components/HarvesterExtensionPanel', () => ({ name: 'HarvesterExtensionPanel', template: '<div />' }));
jest.mock('@pkg/harvester-manager/adapters/harvester-extension', () => ({
  harvesterRouteAvailable:         jest.fn(() => true),
  loadedHarvesterExtensionVersion: jest.fn(() => '1.6.0'),
}));

/* eslint-disable @typescript-eslint/no-explicit-any */

const SCHEMA = { id: 'harvesterhci.io.management.cluster' };

function render(store: FakeStore) {
  return mount(List, {
    props:  { schema: SCHEMA },
    global: {
      mocks: {
        $store: store, $fetchState: { pending: false }, $router: { push: jest.fn() }, $route: { params: {}, query: {} },
      },
      stubs: {
        Masthead: MastheadStub, ResourceTable: ResourceTableStub, BrandImage: stub('BrandImage'), HarvesterExtensionPanel: stub('HarvesterExtensionPanel'), Loading: stub('Loading'), t: true,
      },
    },
  });
}

function adminStore() {
  const a = activePair('harv-prod', 'c-aaaaa');
  const p = pendingPair('harv-new', 'c-bbbbb');
  const r = rke2Pair();

  return fakeStore({
    provs: [a.prov, p.prov, r.prov], mgmts: [a.mgmt, p.mgmt, r.mgmt], schemas: adminSchemas(), actions: { 'management/request': async() => ({ value: 'v1.4.1' }) },
  });
}

describe('component: Harvester cluster list', () => {
  beforeEach(() => resetHarvesterVersions());

  it('loads provisioning and management clusters, then the virtual type', async() => {
    const store = adminStore();
    const wrapper = render(store);

    await (wrapper.vm.$options as any).fetch.call(wrapper.vm);
    const actions = store.dispatch.mock.calls.map((c) => `${ c[0] } ${ c[1]?.type }`);

    expect(actions).toEqual(expect.arrayContaining([
      'management/findAll provisioning.cattle.io.cluster', 'management/findAll management.cattle.io.cluster', 'management/findAll harvesterhci.io.management.cluster',
    ]));
  });

  it('shows only Harvester clusters, with state and the Import Existing button for admins', () => {
    const wrapper = render(adminStore());

    expect(wrapper.findAll('tr.main-row td.col-link-detail').map((td) => td.text())).toEqual(['harv-prod', 'harv-new']);
    expect(wrapper.findAll('tr.main-row td.col-state').map((td) => td.text())).toEqual(['Active', 'Pending']);
    expect(wrapper.find('[data-testid="masthead-create"]').text()).toBe('Import Existing');
    expect(wrapper.findComponent(MastheadStub).props('createLocation')).toEqual({
      name: 'c-cluster-product-resource-create', params: { cluster: '_', product: 'harvesterManager', resource: 'harvesterhci.io.management.cluster' },
    });
    expect(wrapper.find('[data-testid="harvester-cluster-list-readonly"]').exists()).toBe(false);
    expect(wrapper.findComponent(ResourceTableStub).props('tableActions')).toBe(true);
    expect(wrapper.findComponent(ResourceTableStub).props('rowActions')).toBe(true);
  });

  it('Manage is enabled only for Active clusters', () => {
    const wrapper = render(adminStore());
    const buttons = wrapper.findAll('[data-testid="harvester-cluster-manage"]');

    expect(buttons.map((b) => b.attributes('disabled') !== undefined)).toEqual([false, true]);
    expect(buttons[0].text()).toBe('Manage');
  });

  it('reads the Harvester version of visible Active rows only', async() => {
    const store = adminStore();
    const wrapper = render(store);

    await flushPromises();
    const urls = store.dispatch.mock.calls.filter((c) => c[0] === 'management/request').map((c) => c[1].url);

    expect(urls).toEqual(['/k8s/clusters/c-aaaaa/v1/harvesterhci.io.settings/server-version']);
    expect(wrapper.findAll('td.col-harvester-version').map((td) => td.text())).toEqual(['v1.4.1', '—']);
  });

  it('a read-only user sees the banner and no mutating control', () => {
    const a = activePair('harv-prod', 'c-aaaaa');
    const store = fakeStore({ provs: [readOnly(a.prov)], mgmts: [a.mgmt], schemas: readOnlySchemas() });
    const wrapper = render(store);

    expect(wrapper.find('[data-testid="harvester-cluster-list-readonly"]').text()).toBe('You have read-only access to Virtualization Management: you can view Harvester clusters but not import, edit or delete them.');
    expect(wrapper.find('[data-testid="masthead-create"]').exists()).toBe(false);
    expect(wrapper.findComponent(ResourceTableStub).props('tableActions')).toBe(false);
    expect(wrapper.findComponent(ResourceTableStub).props('rowActions')).toBe(false);
  });

  it('empty: the no-rows cell and the tagline that says what to do; hidden once a cluster exists', async() => {
    const store = fakeStore({ schemas: adminSchemas() });
    const wrapper = render(store);

    expect(wrapper.find('[data-testid="harvester-cluster-list-empty"]').text()).toBe('No Harvester clusters are imported yet.');
    expect(wrapper.find('[data-testid="harvester-cluster-list-empty-state"]').text()).toContain('choose Import Existing');

    const a = activePair('harv-prod', 'c-aaaaa');

    store.load([a.prov], [a.mgmt]);
    await flushPromises();
    expect(wrapper.find('[data-testid="harvester-cluster-list-empty-state"]').exists()).toBe(false);
    expect(wrapper.findAll('tr.main-row td.col-link-detail').map((td) => td.text())).toEqual(['harv-prod']);
    // the virtual type's cache is refreshed when a Harvester cluster appears
    expect(store.dispatch).toHaveBeenCalledWith('management/findAll', { type: 'harvesterhci.io.management.cluster', opt: { force: true } });
  });

  it('without import permission the tagline does not promise an Import button', () => {
    const wrapper = render(fakeStore({ schemas: readOnlySchemas() }));

    expect(wrapper.find('[data-testid="harvester-cluster-list-empty-state"]').text()).toBe('Harvester clusters that a Rancher administrator imports and shares with you appear here.');
  });

  it('a failed load says so', async() => {
    const store = fakeStore({ actions: { 'management/findAll': async() => Promise.reject({ status: 500, code: 'ServerError', message: 'etcd down' }) } });
    const wrapper = render(store);

    await (wrapper.vm.$options as any).fetch.call(wrapper.vm);
    await flushPromises();
    expect(wrapper.find('[data-testid="harvester-cluster-list-error"]').text()).toBe('Could not load the Harvester clusters. Rancher failed with an internal error (HTTP 500): etcd down. Try again; if it keeps failing, check the Rancher server logs.');
  });
});
