import { flushPromises } from '@vue/test-utils';
import { resetHarvesterVersions } from '@pkg/harvester-manager/adapters/harvester-versions';
import { prefetchOnNavigation, resetPrefetched, takePrefetched, defaultListRequest } from '@pkg/harvester-manager/adapters/list-prefetch';
import { firstRowsRequest, LATEST_DIALECT } from '@pkg/harvester-manager/domain';
import { activePair, adminSchemas } from './support/rancher';
import { fakeStore, type FakeStore } from './support/store';
import { mountClusterList } from './support/cluster-list';
import { STATE, NAME, AGE } from '@shell/config/table-headers';
import { listHeaders } from '@pkg/harvester-manager/config/table-headers';
import type { ShellStore } from '@pkg/harvester-manager/adapters/shell-store';
import { init } from '@pkg/harvester-manager/product';

jest.mock('@components/RcButton', () => jest.requireActual('./support/rc-button'));
jest.mock('@shell/components/ResourceList/Masthead', () => jest.requireActual('./support/stubs').MastheadStub);
jest.mock('@shell/components/ResourceTable', () => jest.requireActual('./support/stubs').ResourceTableStub);
jest.mock('@shell/components/BrandImage', () => ({ name: 'BrandImage', template: '<img />' }));
jest.mock('@pkg/harvester-manager/components/HarvesterExtensionPanel', () => ({ name: 'HarvesterExtensionPanel', template: '<div />' }));
jest.mock('@pkg/harvester-manager/adapters/harvester-extension', () => ({
  harvesterRouteAvailable:         jest.fn(() => true),
  loadedHarvesterExtensionVersion: jest.fn(() => '1.6.0'),
}));

// Navigating to the list asks for its first rows at once; the table's own first request then
// takes that answer instead of asking again, and only when it is the very same request.

type Hook = (to: object, from: object) => void;

const LIST = {
  name:   'c-cluster-product-resource',
  params: {
    cluster: '_', product: 'harvesterManager', resource: 'harvesterhci.io.management.cluster'
  },
  query: {}
};
const HOME = {
  name: 'home', params: {}, query: {}
};

function fleet(n: number, perPage?: number, rancherVersion: string | null = 'v2.12.3'): { store: FakeStore; hooks: Hook[] } {
  const pairs = Array.from({ length: n }, (_, i) => activePair(`h-${ String(i).padStart(3, '0') }`, `c-m-${ String(i).padStart(8, '0') }`));
  const hooks: Hook[] = [];
  const store = fakeStore({
    serverOnly: true,
    provs:      pairs.map((p) => p.prov),
    mgmts:      pairs.map((p) => p.mgmt),
    schemas:    adminSchemas(),
    headers:    listHeaders({
      STATE, NAME, AGE
    }),
    actions:  { 'management/request': async() => ({ value: 'v1.4.1' }) },
    settings: rancherVersion ? { 'server-version': rancherVersion } : {},
  });

  Object.assign(store, { $router: { beforeEach: (hook: Hook) => hooks.push(hook) } });
  Object.assign(store.getters, { 'prefs/get': (key: string) => (key === 'per-page' ? perPage : undefined) });

  return { store, hooks };
}

const managementRequests = (store: FakeStore) => store.dispatch.mock.calls
  .filter((c) => c[0] === 'management/request' && c[1].url.startsWith('/v1/management.cattle.io.clusters?'))
  .map((c) => new URLSearchParams(c[1].url.split('?')[1]).get('pagesize'));

describe('Harvester cluster list: first rows prefetched on navigation', () => {
  beforeEach(() => {
    resetHarvesterVersions();
    resetPrefetched();
  });

  it('asks for the default page\'s first rows when the user navigates to the list, once per router', async() => {
    const { store, hooks } = fleet(60);

    prefetchOnNavigation(store as unknown as ShellStore);
    prefetchOnNavigation(store as unknown as ShellStore);
    expect(hooks).toHaveLength(1);

    hooks[0](HOME, LIST); // leaving the list
    hooks[0]({ ...LIST, query: { q: 'prod' } }, HOME); // a search in the URL: the table asks for something else
    await flushPromises();
    expect(managementRequests(store)).toEqual([]);

    hooks[0](LIST, HOME);
    await flushPromises();
    expect(managementRequests(store)).toEqual(['20']);
  });

  it('is set up with the product', async() => {
    const { store, hooks } = fleet(60);
    const dsl = new Proxy({}, { get: () => () => undefined });

    init({ DSL: () => dsl } as unknown as Parameters<typeof init>[0], store as unknown as ShellStore);
    expect(hooks).toHaveLength(1);
    hooks[0](LIST, HOME);
    await flushPromises();
    expect(managementRequests(store)).toEqual(['20']);
  });

  it('waits for the table when the dashboard has not loaded Rancher\'s version (which Steve answers is not known yet)', async() => {
    const { store, hooks } = fleet(60, 100, null);

    prefetchOnNavigation(store as unknown as ShellStore);
    hooks[0](LIST, HOME);
    await flushPromises();
    expect(managementRequests(store)).toEqual([]);
  });

  it('gives its answer to that request only, once', async() => {
    const { store, hooks } = fleet(60, 50);

    prefetchOnNavigation(store as unknown as ShellStore);
    hooks[0](LIST, HOME);
    await flushPromises();
    const first = firstRowsRequest(defaultListRequest(50))!;

    expect(takePrefetched({ ...first, sortFields: ['metadata.creationTimestamp'] }, LATEST_DIALECT)).toBeUndefined();

    hooks[0](LIST, HOME);
    await flushPromises();
    const page = await takePrefetched(first, LATEST_DIALECT);

    expect(page?.rows).toHaveLength(20);
    expect(takePrefetched(first, LATEST_DIALECT)).toBeUndefined();
  });

  it('is not used once it is a few seconds old', async() => {
    const { store, hooks } = fleet(60);
    const now = jest.spyOn(Date, 'now');

    try {
      now.mockReturnValue(1_000_000);
      prefetchOnNavigation(store as unknown as ShellStore);
      hooks[0](LIST, HOME);
      await flushPromises();
      now.mockReturnValue(1_000_000 + 11_000);
      expect(takePrefetched(firstRowsRequest(defaultListRequest(100))!, LATEST_DIALECT)).toBeUndefined();
    } finally {
      now.mockRestore();
    }
  });

  it('the list then shows the prefetched rows without asking for them again', async() => {
    const { store, hooks } = fleet(60, 100);

    prefetchOnNavigation(store as unknown as ShellStore);
    hooks[0](LIST, HOME);
    await flushPromises();
    expect(managementRequests(store)).toEqual(['20']);

    const wrapper = await mountClusterList(store);

    wrapper.findComponent({ name: 'ResourceTable' }).vm.$emit('pagination-changed', {
      page: 1, perPage: 100, filter: { searchFields: ['spec.displayName'], searchQuery: '' }, sort: ['spec.displayName'], descending: false,
    });
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await flushPromises();

    // the stub's own first request (10 a page) and then the page of 100: the first rows came from the prefetch
    expect(managementRequests(store)).toEqual(['20', '10', '100']);
    expect(wrapper.findAll('tr.main-row')).toHaveLength(60);
  });
});
