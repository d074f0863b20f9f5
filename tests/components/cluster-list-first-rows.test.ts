import { flushPromises } from '@vue/test-utils';
import { resetHarvesterVersions } from '@pkg/harvester-manager/adapters/harvester-versions';
import { activePair, adminSchemas } from './support/rancher';
import { fakeStore, type FakeStore } from './support/store';
import { changeNotice, mountClusterList } from './support/cluster-list';
import { firstPageEvent } from './support/stubs';
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

// A new page shows the rows a screen holds first (a page of 20 of its own), and asks for the
// whole page only once they are on screen; a refresh of the page shown asks for it at once.

const HEADERS = listHeaders({
  STATE, NAME, AGE
});

/** A fleet of `n` Active Harvester clusters, h-000 … (sorted by name as the list sorts them). */
function fleet(n: number): FakeStore {
  const pairs = Array.from({ length: n }, (_, i) => activePair(`h-${ String(i).padStart(3, '0') }`, `c-m-${ String(i).padStart(8, '0') }`));

  return fakeStore({
    serverOnly: true,
    provs:      pairs.map((p) => p.prov),
    mgmts:      pairs.map((p) => p.mgmt),
    schemas:    adminSchemas(),
    headers:    HEADERS,
    actions:    { 'management/request': async() => ({ value: 'v1.4.1' }) },
  });
}

/** Management cluster page requests, as [page, pagesize]. */
function managementPages(store: FakeStore): string[][] {
  return store.dispatch.mock.calls
    .filter((c) => c[0] === 'management/request' && c[1].url.startsWith('/v1/management.cattle.io.clusters?'))
    .map((c) => {
      const params = new URLSearchParams(c[1].url.split('?')[1]);

      return [params.get('page') || '', params.get('pagesize') || ''];
    });
}

/** Holds every request whose URL matches until released. */
function holdRequests(store: FakeStore, matches: (url: string) => boolean) {
  const answer = store.dispatch.getMockImplementation() as (action: string, payload?: unknown) => Promise<unknown>;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });

  store.dispatch.mockImplementation(async(action: string, payload?: { url?: string }) => {
    if (action === 'management/request' && matches(payload?.url || '')) {
      await released;
    }

    return answer(action, payload);
  });

  return release;
}

const names = (wrapper: Awaited<ReturnType<typeof mountClusterList>>) => wrapper.findAll('tr.main-row td.col-link-detail').map((td) => td.text());

async function askForPage(wrapper: Awaited<ReturnType<typeof mountClusterList>>, page: number, perPage: number) {
  wrapper.findComponent({ name: 'ResourceTable' }).vm.$emit('pagination-changed', {
    ...firstPageEvent(HEADERS), page, perPage
  });
  await flushPromises();
  await new Promise((resolve) => setTimeout(resolve, 30)); // the paint the list waits for
  await flushPromises();
}

describe('Harvester cluster list: first rows first', () => {
  beforeEach(() => resetHarvesterVersions());

  it('shows the first 20 rows of a 100-row page before it asks for the page, then the page', async() => {
    const store = fleet(130);
    const wrapper = await mountClusterList(store);
    const release = holdRequests(store, (url) => url.includes('pagesize=100'));

    await askForPage(wrapper, 1, 100);

    expect(managementPages(store).slice(-2)).toEqual([['1', '20'], ['1', '100']]);
    expect(names(wrapper)).toHaveLength(20);
    expect(names(wrapper)[0]).toBe('h-000');
    // the pager already counts pages of 100
    expect(wrapper.findComponent({ name: 'ResourceTable' }).props('externalPaginationResult')).toEqual({ count: 130, pages: 2 });

    release();
    await flushPromises();

    expect(names(wrapper)).toHaveLength(100);
    expect(names(wrapper).slice(19, 21)).toEqual(['h-019', 'h-020']);
  });

  it('asks page 2 of 100 for its first rows as page 6 of 20', async() => {
    const store = fleet(130);
    const wrapper = await mountClusterList(store);

    await askForPage(wrapper, 2, 100);

    expect(managementPages(store).slice(-2)).toEqual([['6', '20'], ['2', '100']]);
    expect(names(wrapper)).toHaveLength(30);
    expect(names(wrapper)[0]).toBe('h-100');
  });

  it('asks once when the first rows are the whole page', async() => {
    const store = fleet(18);
    const wrapper = await mountClusterList(store);
    const before = managementPages(store).length;

    await askForPage(wrapper, 1, 100);

    expect(managementPages(store).slice(before)).toEqual([['1', '20']]);
    expect(names(wrapper)).toHaveLength(18);
  });

  it('keeps the first rows\' objects when the page arrives (a selection made meanwhile survives)', async() => {
    const store = fleet(60);
    const wrapper = await mountClusterList(store);
    const release = holdRequests(store, (url) => url.includes('pagesize=100'));

    await askForPage(wrapper, 1, 100);
    const firstRows = (wrapper.findComponent({ name: 'ResourceTable' }).props('rows') as object[]).slice();

    release();
    await flushPromises();
    const rows = wrapper.findComponent({ name: 'ResourceTable' }).props('rows') as object[];

    expect(rows).toHaveLength(60);
    firstRows.forEach((row, i) => expect(rows[i]).toBe(row));
  });

  it('shows the page when its first rows could not be read, and says so when the page cannot be either', async() => {
    const store = fleet(60);
    const wrapper = await mountClusterList(store);
    const answer = store.dispatch.getMockImplementation() as (action: string, payload?: unknown) => Promise<unknown>;
    let pageFails = false;

    store.dispatch.mockImplementation(async(action: string, payload?: { url?: string }) => {
      const url = payload?.url || '';

      if (url.startsWith('/v1/management.cattle.io.clusters?') && (url.includes('pagesize=20') || pageFails)) {
        return Promise.reject(Object.assign(new Error('Service Unavailable'), { _status: 503 }));
      }

      return answer(action, payload);
    });

    await askForPage(wrapper, 1, 100);
    expect(names(wrapper)).toHaveLength(60);
    expect(wrapper.find('[data-testid="harvester-cluster-list-error"]').exists()).toBe(false);

    pageFails = true;
    await askForPage(wrapper, 1, 50);
    expect(wrapper.find('[data-testid="harvester-cluster-list-error"]').exists()).toBe(true);
  });

  it('a refresh of the page shown asks for the whole page at once', async() => {
    const store = fleet(60);
    const wrapper = await mountClusterList(store);

    await askForPage(wrapper, 1, 100);
    const before = managementPages(store).length;

    await changeNotice(store);

    expect(managementPages(store).slice(before)).toEqual([['1', '100']]);
  });

  it('drops first rows that arrive after the user asked for another page', async() => {
    const store = fleet(130);
    const wrapper = await mountClusterList(store);
    const release = holdRequests(store, (url) => url.startsWith('/v1/management.cattle.io.clusters?') && url.includes('page=1&pagesize=20'));

    wrapper.findComponent({ name: 'ResourceTable' }).vm.$emit('pagination-changed', {
      ...firstPageEvent(HEADERS), page: 1, perPage: 100
    });
    await flushPromises();
    await askForPage(wrapper, 2, 100);
    release();
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await flushPromises();

    expect(names(wrapper)[0]).toBe('h-100');
    expect(names(wrapper)).toHaveLength(30);
  });
});
