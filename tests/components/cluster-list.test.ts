import { flushPromises } from '@vue/test-utils';
import { resetHarvesterVersions } from '@pkg/harvester-manager/adapters/harvester-versions';
import {
  activePair, adminSchemas, pendingPair, readOnly, readOnlySchemas, rke2Pair,
} from './support/rancher';
import { fakeStore, type FakeStore, type StoreObject } from './support/store';
import { tooltipOf } from './support/wrappers';
import type { ManagementCluster } from '@pkg/harvester-manager/domain';
import { changeNotice, mountClusterList } from './support/cluster-list';
import { firstPageEvent, MastheadStub, ResourceTableStub } from './support/stubs';
import { noteRemovalRequested, resetRemovalRequests } from '@pkg/harvester-manager/adapters/removal-requests';
import { STATE, NAME, AGE } from '@shell/config/table-headers';
import { listHeaders } from '@pkg/harvester-manager/config/table-headers';

jest.mock('@components/RcButton', () => jest.requireActual('./support/rc-button'));
jest.mock('@shell/components/ResourceList/Masthead', () => jest.requireActual('./support/stubs').MastheadStub);
jest.mock('@shell/components/ResourceTable', () => jest.requireActual('./support/stubs').ResourceTableStub);
jest.mock('@shell/components/BrandImage', () => ({ name: 'BrandImage', template: '<img />' }));
jest.mock('@pkg/harvester-manager/components/HarvesterExtensionPanel', () => ({ name: 'HarvesterExtensionPanel', template: '<div />' }));
jest.mock('@pkg/harvester-manager/adapters/harvester-extension', () => ({
  harvesterRouteAvailable:         jest.fn(() => true),
  loadedHarvesterExtensionVersion: jest.fn(() => '1.6.0'),
}));

/** What ResourceTableStub keeps on its instance: how often the list cleared its selection. */
const selectionCleared = (table: { vm: unknown }) => (table.vm as { selectionCleared: number }).selectionCleared;

/** A management cluster whose agent is not connected (Ready and Connected False). */
function disconnectedCopy(mgmt: ManagementCluster): ManagementCluster {
  const disconnected: ManagementCluster = JSON.parse(JSON.stringify(mgmt));

  disconnected.status!.conditions = disconnected.status!.conditions!.map((c) => (['Ready', 'Connected'].includes(c.type as string) ? { ...c, status: 'False' } : c));

  return disconnected;
}

const LIST_HEADERS = listHeaders({
  STATE, NAME, AGE
});

const render = mountClusterList;

/** The Steve list requests the page made (path and query), in order. */
function listRequests(store: FakeStore): { path: string, params: URLSearchParams }[] {
  return store.dispatch.mock.calls
    .filter((c) => c[0] === 'management/request' && c[1].url.startsWith('/v1/'))
    .map((c) => {
      const [path, query] = c[1].url.split('?');

      return { path, params: new URLSearchParams(query) };
    });
}

function adminStore() {
  const a = activePair('harv-prod', 'c-aaaaa');
  const p = pendingPair('harv-new', 'c-bbbbb');
  const r = rke2Pair();

  return fakeStore({
    serverOnly: true,
    provs:      [a.prov, p.prov, r.prov],
    mgmts:      [a.mgmt, p.mgmt, r.mgmt],
    schemas:    adminSchemas(),
    headers:    LIST_HEADERS,
    actions:    { 'management/request': async() => ({ value: 'v1.4.1' }) },
  });
}

describe('component: Harvester cluster list', () => {
  beforeEach(() => resetHarvesterVersions());

  it('asks the server for one page of Harvester management clusters, then their provisioning clusters only', async() => {
    const store = adminStore();

    await render(store);
    const [mgmts, provs, ...others] = listRequests(store);

    expect(mgmts.path).toBe('/v1/management.cattle.io.clusters');
    expect(mgmts.params.getAll('filter')).toEqual(['metadata.labels[provider.cattle.io]=harvester,status.provider=harvester']);
    expect(mgmts.params.get('sort')).toBe('spec.displayName,metadata.name');
    expect([mgmts.params.get('page'), mgmts.params.get('pagesize')]).toEqual(['1', '10']);
    expect(provs.path).toBe('/v1/provisioning.cattle.io.clusters');
    expect(provs.params.get('filter')).toBe('status.clusterName=c-bbbbb,status.clusterName=c-aaaaa');
    expect(others).toEqual([]);
    // never everything: no findAll of clusters, nodes or the virtual type
    expect(store.dispatch.mock.calls.filter((c) => c[0] === 'management/findAll')).toEqual([]);
    // nothing goes into the store's caches (the shell keeps its own pages there)
    expect(store.dispatch.mock.calls.filter((c) => ['management/loadMulti', 'management/load', 'management/watch'].includes(c[0]))).toEqual([]);
  });

  it('clusters just deleted are no longer selected (they stay listed, Removing, until Rancher is done)', async() => {
    const wrapper = await render(adminStore());
    const table = wrapper.findComponent(ResourceTableStub);

    expect(selectionCleared(table)).toBe(0);
    try {
      noteRemovalRequested(['fleet-default/c-aaaaa']);
      await flushPromises();
      expect(selectionCleared(table)).toBe(1);
    } finally {
      resetRemovalRequests();
    }
  });

  it('tells the table each page arrived, so its Age column ticks (the shell does it for its own paged lists)', async() => {
    const store = adminStore();
    const wrapper = await render(store);
    const table = wrapper.findComponent(ResourceTableStub);
    const first = table.props('forceUpdateLiveAndDelayed');

    expect(first).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    table.vm.$emit('pagination-changed', { ...firstPageEvent(LIST_HEADERS), page: 1 });
    await flushPromises();
    expect(table.props('forceUpdateLiveAndDelayed')).toBeGreaterThan(first);
  });

  it('sends the table\'s page, sort and search to the server and shows what it answers', async() => {
    const store = adminStore();
    const wrapper = await render(store);
    const table = wrapper.findComponent(ResourceTableStub);

    expect(table.props('externalPaginationResult')).toEqual({ count: 2, pages: 1 });

    table.vm.$emit('pagination-changed', {
      ...firstPageEvent(LIST_HEADERS), perPage: 1, page: 2, descending: true,
    });
    await flushPromises();
    const last = listRequests(store).filter((r) => r.path.includes('management')).pop();

    expect(last?.params.get('sort')).toBe('-spec.displayName,metadata.name');
    expect([last?.params.get('page'), last?.params.get('pagesize')]).toEqual(['2', '1']);
    expect(wrapper.findAll('tr.main-row td.col-link-detail').map((td) => td.text())).toEqual(['harv-new']);
    expect(table.props('externalPaginationResult')).toEqual({ count: 2, pages: 2 });

    table.vm.$emit('pagination-changed', { ...firstPageEvent(LIST_HEADERS), filter: { searchFields: ['spec.displayName', 'nameDisplay'], searchQuery: 'prod' } });
    await flushPromises();
    expect(listRequests(store).pop()?.params.getAll('filter')).toEqual(['status.clusterName=c-aaaaa']);
    expect(wrapper.findAll('tr.main-row td.col-link-detail').map((td) => td.text())).toEqual(['harv-prod']);
    expect(wrapper.find('[data-testid="harvester-cluster-list-empty-state"]').exists()).toBe(false);
  });

  it('an answer that arrives after a newer request is dropped', async() => {
    const store = adminStore();
    const wrapper = await render(store);
    const table = wrapper.findComponent(ResourceTableStub);

    table.vm.$emit('pagination-changed', { ...firstPageEvent(LIST_HEADERS), filter: { searchFields: ['spec.displayName'], searchQuery: 'new' } });
    table.vm.$emit('pagination-changed', { ...firstPageEvent(LIST_HEADERS), filter: { searchFields: ['spec.displayName'], searchQuery: 'prod' } });
    await flushPromises();
    expect(wrapper.findAll('tr.main-row td.col-link-detail').map((td) => td.text())).toEqual(['harv-prod']);
  });

  it('shows only Harvester clusters (sorted by name), with state and the Import Existing button for admins', async() => {
    const wrapper = await render(adminStore());

    expect(wrapper.findAll('tr.main-row td.col-link-detail').map((td) => td.text())).toEqual(['harv-new', 'harv-prod']);
    expect(wrapper.findAll('tr.main-row td.col-state').map((td) => td.text())).toEqual(['Pending', 'Active']);
    expect(wrapper.find('[data-testid="masthead-create"]').text()).toBe('Import Existing');
    expect(wrapper.findComponent(MastheadStub).props('createLocation')).toEqual({
      name:   'c-cluster-product-resource-create',
      params: {
        cluster: '_', product: 'harvesterManager', resource: 'harvesterhci.io.management.cluster'
      },
    });
    expect(wrapper.find('[data-testid="harvester-cluster-list-readonly"]').exists()).toBe(false);
    expect(wrapper.findComponent(ResourceTableStub).props('tableActions')).toBe(true);
    expect(wrapper.findComponent(ResourceTableStub).props('rowActions')).toBe(true);
  });

  it('a cluster imported through Norman (provisioning cluster c-xxxxx) is listed by the name users gave it', async() => {
    const p = pendingPair('harv-norman', 'c-bbbbb');

    p.prov.metadata!.name = 'c-bbbbb';
    p.prov.id = 'fleet-default/c-bbbbb';
    const wrapper = await render(fakeStore({
      serverOnly: true, provs: [p.prov], mgmts: [p.mgmt], schemas: adminSchemas()
    }));

    expect(wrapper.findAll('tr.main-row td.col-link-detail').map((td) => td.text())).toEqual(['harv-norman']);
    expect(wrapper.find('tr.main-row').attributes('data-id')).toBe('fleet-default/c-bbbbb');
  });

  it('Manage is enabled only for Active clusters', async() => {
    const wrapper = await render(adminStore());
    const buttons = wrapper.findAll('[data-testid="harvester-cluster-manage"]');

    expect(buttons.map((b) => b.attributes('disabled') !== undefined)).toEqual([true, false]);
    expect(buttons[1].text()).toBe('Manage');
    // a disabled Manage says why on hover (on its wrapper: a disabled button gets no hover)
    const reasons = wrapper.findAll('[data-testid="harvester-cluster-manage-reason"]').map((r) => tooltipOf(r));

    expect(reasons[0]).toMatch(/opens in the Harvester UI once it is Active\.$/);
    expect(reasons[1]).toBeNull();
  });

  it('reads the Harvester version of visible Active rows only', async() => {
    const store = adminStore();
    const wrapper = await render(store);

    await flushPromises();
    const urls = store.dispatch.mock.calls.filter((c) => c[0] === 'management/request' && c[1].url.startsWith('/k8s/')).map((c) => c[1].url);

    expect(urls).toEqual(['/k8s/clusters/c-aaaaa/v1/harvesterhci.io.settings/server-version']);
    expect(wrapper.findAll('td.col-harvester-version').map((td) => td.text())).toEqual(['—', 'v1.4.1']);
  });

  it('leaving the list aborts its version reads at once (a query change on the list does not)', async() => {
    const signals: AbortSignal[] = [];
    const a = activePair('harv-prod', 'c-aaaaa');
    const store = fakeStore({
      serverOnly: true,
      provs:      [a.prov],
      mgmts:      [a.mgmt],
      schemas:    adminSchemas(),
      headers:    LIST_HEADERS,
      actions:    {
        'management/request': (opt: { url: string; signal?: AbortSignal }) => {
          if (!opt.url.startsWith('/k8s/')) {
            return Promise.resolve({});
          }
          signals.push(opt.signal as AbortSignal);

          return new Promise(() => undefined); // Harvester answers slowly
        },
      },
    });
    const hooks: ((to: { path: string }, from: { path: string }) => void)[] = [];
    const removed = jest.fn();
    const wrapper = await render(store, { push: jest.fn(), beforeEach: (hook) => hooks.push(hook) && removed });
    const list = '/c/_/harvesterManager/harvesterhci.io.management.cluster';

    await flushPromises();
    expect(signals).toHaveLength(1);
    hooks.forEach((hook) => hook({ path: list }, { path: list }));
    expect(signals[0].aborted).toBe(false);
    hooks.forEach((hook) => hook({ path: `${ list }/fleet-default/harv-prod` }, { path: list }));
    expect(signals[0].aborted).toBe(true);
    wrapper.unmount();
    expect(removed).toHaveBeenCalled();
  });

  it('a read-only user sees the banner and no mutating control', async() => {
    const a = activePair('harv-prod', 'c-aaaaa');
    const store = fakeStore({
      serverOnly: true, provs: [readOnly(a.prov)], mgmts: [a.mgmt], schemas: readOnlySchemas()
    });
    const wrapper = await render(store);

    expect(wrapper.findAll('tr.main-row td.col-link-detail').map((td) => td.text())).toEqual(['harv-prod']);

    expect(wrapper.find('[data-testid="harvester-cluster-list-readonly"]').text()).toBe('You have read-only access to Virtualization Management: you can view Harvester clusters but not import, edit or delete them.');
    expect(wrapper.find('[data-testid="masthead-create"]').exists()).toBe(false);
    expect(wrapper.findComponent(ResourceTableStub).props('tableActions')).toBe(false);
    expect(wrapper.findComponent(ResourceTableStub).props('rowActions')).toBe(false);
  });

  it('empty: the tagline that says what to do, once, with Import Existing and Learn more; hidden once a cluster exists', async() => {
    const store = fakeStore({ serverOnly: true, schemas: adminSchemas() });
    const wrapper = await render(store);
    const empty = wrapper.find('[data-testid="harvester-cluster-list-empty-state"]');

    expect(empty.text()).toContain('choose Import Existing');
    // said once: no "no clusters" row under the empty state
    expect(wrapper.find('[data-testid="harvester-cluster-list-empty"]').exists()).toBe(false);
    expect(empty.find('[data-testid="harvester-cluster-list-empty-import"]').text()).toBe('Import Existing');
    expect(empty.find('[data-testid="harvester-cluster-list-learn-more"]').attributes()).toMatchObject({
      href: 'https://docs.harvesterhci.io/latest/rancher/virtualization-management', target: '_blank', rel: 'noopener noreferrer nofollow',
    });

    const a = activePair('harv-prod', 'c-aaaaa');

    // a Harvester cluster arrives: Rancher reports a change, the page is fetched again
    store.load([a.prov], [a.mgmt]);
    await changeNotice(store);
    expect(wrapper.find('[data-testid="harvester-cluster-list-empty-state"]').exists()).toBe(false);
    expect(wrapper.findAll('tr.main-row td.col-link-detail').map((td) => td.text())).toEqual(['harv-prod']);
  });

  it('follows Rancher\'s change notices for both cluster types: a row changes after one, and unmounting stops following', async() => {
    const a = activePair('harv-prod', 'c-aaaaa');
    const store = fakeStore({
      serverOnly: true, provs: [a.prov], mgmts: [a.mgmt], schemas: adminSchemas()
    });
    const wrapper = await render(store);
    const watched = store.dispatch.mock.calls.filter((c) => c[0] === 'management/watchEvent').map((c) => [c[1].params.type, c[1].params.mode]);

    expect(watched).toEqual([['management.cattle.io.cluster', 'resource.changes'], ['provisioning.cattle.io.cluster', 'resource.changes']]);
    expect(wrapper.find('tr.main-row td.col-state').text()).toBe('Active');
    const disconnected = disconnectedCopy(a.mgmt);

    store.load([a.prov], [disconnected]);
    await flushPromises();
    expect(wrapper.find('tr.main-row td.col-state').text()).toBe('Active'); // the page shows what it fetched
    await changeNotice(store);
    expect(wrapper.find('tr.main-row td.col-state').text()).not.toBe('Active');

    wrapper.unmount();
    expect(store.dispatch.mock.calls.filter((c) => c[0] === 'management/unwatchEvent').map((c) => c[1].params.type)).toEqual(['management.cattle.io.cluster', 'provisioning.cattle.io.cluster']);
  });

  it('a page fetched again keeps its row objects, so the table keeps the user\'s selection, with what Rancher answered', async() => {
    const a = activePair('harv-prod', 'c-aaaaa');
    const b = activePair('harv-lab', 'c-bbbbb');
    const store = fakeStore({
      serverOnly: true, provs: [a.prov, b.prov], mgmts: [a.mgmt, b.mgmt], schemas: adminSchemas()
    });
    const wrapper = await render(store);
    const before = wrapper.findComponent(ResourceTableStub).props('rows') as StoreObject[];
    const disconnected = disconnectedCopy(a.mgmt);

    store.load([a.prov, b.prov], [disconnected, b.mgmt]);
    await changeNotice(store);
    const after = wrapper.findComponent(ResourceTableStub).props('rows') as StoreObject[];

    // the shell's selection keeps rows by identity (SortableTable/selection.js pageChanged)
    expect(after.map((row) => before.includes(row))).toEqual([true, true]);
    expect(after.find((row) => row.id === a.prov.id)?.state).not.toBe('active');
  });

  it('without import permission the tagline does not promise an Import button', async() => {
    const wrapper = await render(fakeStore({ serverOnly: true, schemas: readOnlySchemas() }));

    const empty = wrapper.find('[data-testid="harvester-cluster-list-empty-state"]');

    expect(empty.text()).toContain('Harvester clusters that a Rancher administrator imports and shares with you appear here.');
    expect(empty.text()).not.toContain('imported yet');
    expect(empty.find('[data-testid="harvester-cluster-list-empty-import"]').exists()).toBe(false);
    expect(empty.find('[data-testid="harvester-cluster-list-learn-more"]').exists()).toBe(true);
  });

  it('a failed load says so', async() => {
    const store = fakeStore({
      serverOnly: true,
      listError:  {
        status: 500, code: 'ServerError', message: 'etcd down'
      }
    });
    const wrapper = await render(store);

    expect(wrapper.find('[data-testid="harvester-cluster-list-error"]').text()).toBe('Could not load the Harvester clusters. Rancher failed with an internal error (HTTP 500): etcd down. Try again; if it keeps failing, check the Rancher server logs.');
  });
});
