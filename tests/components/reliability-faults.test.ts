// Reliability matrix (docs/reliability.md), faults as the components see them: malformed cluster
// objects in the list and the detail page, a cluster that vanishes (404) under an open delete
// guard or detail page, and a 503 / slow answer while the list loads a page.
import './support/mock-dialog-parts';
import { flushPromises, mount } from '@vue/test-utils';
import DeleteDialog from '@pkg/harvester-manager/dialog/HarvesterClusterDeleteDialog.vue';
import { resetHarvesterVersions } from '@pkg/harvester-manager/adapters/harvester-versions';
import { STATE, NAME, AGE } from '@shell/config/table-headers';
import { listHeaders } from '@pkg/harvester-manager/config/table-headers';
import { activePair, adminSchemas, pendingPair, type Pair } from './support/rancher';
import { fakeStore, type ActionHandler, type FakeStore, type FakeStoreOptions } from './support/store';
import { storeError } from './support/store-error';
import { runFetch, type Wrapper } from './support/wrappers';
import { mountClusterDetail, unmountDetails } from './support/cluster-detail';
import { mountClusterList } from './support/cluster-list';
import { firstPageEvent } from './support/stubs';

jest.mock('@components/RcButton', () => jest.requireActual('./support/rc-button'));
// the shell's principal search (SFCs with imported types the test compiler cannot resolve)
jest.mock('@shell/components/auth/SelectPrincipal', () => ({
  name: 'SelectPrincipal', emits: ['add'], template: '<div />'
}));
jest.mock('@shell/utils/clipboard', () => ({ copyTextToClipboard: jest.fn(() => Promise.resolve()) }));
jest.mock('@shell/components/ResourceList/Masthead', () => jest.requireActual('./support/stubs').MastheadStub);
jest.mock('@shell/components/BrandImage', () => ({ name: 'BrandImage', template: '<img />' }));
jest.mock('@pkg/harvester-manager/components/HarvesterExtensionPanel', () => ({ name: 'HarvesterExtensionPanel', template: '<div />' }));
jest.mock('@pkg/harvester-manager/adapters/harvester-extension', () => ({
  harvesterRouteAvailable:         jest.fn(() => true),
  loadedHarvesterExtensionVersion: jest.fn(() => '1.6.0'),
}));
// The list's table: every column of every row as text (what SortableTable shows for a column
// without a slot is the row's `value` field), our cell slots, and page 1 asked for on mount.
jest.mock('@shell/components/ResourceTable', () => {
  const { ResourceTableStub } = jest.requireActual('./support/stubs');

  return {
    ...ResourceTableStub,
    methods: {
      cell(row: Record<string, unknown>, path: string) {
        return path.split('.').reduce<unknown>((o, k) => (o === null || o === undefined ? o : (o as Record<string, unknown>)[k]), row);
      },
    },
    template: `
      <table>
        <tbody>
          <tr v-for="row in rows" :key="row.id" class="main-row" :data-id="row.id">
            <td v-for="h in headers" :key="h.name" :class="'col-' + h.name">
              <slot v-if="$slots['cell:' + h.name]" :name="'cell:' + h.name" :row="row" />
              <template v-else>{{ cell(row, h.value) }}</template>
            </td>
            <td class="col-description">{{ row.stateDescription }}</td>
          </tr>
          <slot v-if="!rows.length" name="no-rows" />
        </tbody>
      </table>`,
  };
});
jest.mock('@shell/components/Tabbed', () => jest.requireActual('./support/form-mocks').tabbed);
jest.mock('@shell/components/Tabbed/Tab', () => jest.requireActual('./support/form-mocks').tab);
jest.mock('@shell/components/form/Conditions', () => ({
  name: 'Conditions', props: ['value'], template: '<div data-testid="conditions-table" />'
}));
jest.mock('@shell/components/SortableTable', () => jest.requireActual('./support/form-mocks').sortableTable);

const LIST_HEADERS = listHeaders({
  STATE, NAME, AGE
});
const HOST = 'https://rancher.example.com';
const TOKEN = {
  id: 'c-ooooo:default-token', clusterId: 'c-ooooo', manifestUrl: `${ HOST }/v3/import/secret_c-ooooo.yaml`, created: '2024-03-07T15:45:27Z',
};
const clone = <T>(o: T): T => JSON.parse(JSON.stringify(o));

/** Text a user must never see: a field that was not there, or a number that was not one. */
const BROKEN_TEXT = /undefined|NaN|\[object Object\]|null/;

// ---------------------------------------------------------------------------------------------
// Malformed objects: an Active Harvester cluster, then one field broken the way a misbehaving
// (or older/newer) Rancher could send it.

type Breakage = [string, (p: Pair) => void];

/** A part of a cluster object, to give it a value its type does not allow (what a broken Rancher sends). */
const untyped = (part: object | undefined) => part as Record<string, unknown>;

const MALFORMED: Breakage[] = [
  ['management cluster without status', (p) => {
    delete p.mgmt.status;
  }],
  ['management cluster without metadata.state', (p) => {
    delete p.mgmt.metadata?.state;
  }],
  ['provisioning cluster without metadata.state', (p) => {
    delete p.prov.metadata?.state;
  }],
  ['status.conditions null, with conditions holding null and a string', (p) => {
    untyped(p.mgmt.status).conditions = null;
    untyped(p.prov.status).conditions = [null, 'Ready'];
  }],
  ['management conditions missing, provisioning conditions a string', (p) => {
    delete p.mgmt.status?.conditions;
    untyped(p.prov.status).conditions = 'Ready';
  }],
  ['status.nodeCount a string', (p) => {
    untyped(p.mgmt.status).nodeCount = 'three';
  }],
  ['management cluster without spec', (p) => {
    delete p.mgmt.spec;
  }],
  ['provisioning cluster without spec', (p) => {
    delete p.prov.spec;
  }],
  ['metadata.state.name not a string', (p) => {
    untyped(p.mgmt.metadata).state = { name: 42, message: { text: 'x' } };
  }],
  // domain/conditions.ts findCondition() used to call .find on these and break the whole list
  ['management conditions a string', (p) => {
    untyped(p.mgmt.status).conditions = 'Ready';
  }],
  ['management conditions an object', (p) => {
    untyped(p.mgmt.status).conditions = { Ready: 'True' };
  }],
];

function brokenPair(breakIt: (p: Pair) => void): Pair {
  const p = clone(activePair('harv-odd', 'c-ooooo'));

  breakIt(p);

  return p;
}

const mounted: { unmount(): void }[] = [];

async function renderList(store: FakeStore) {
  const wrapper = await mountClusterList(store);

  mounted.push(wrapper);
  await flushPromises();

  return wrapper;
}

const rowText = (w: Wrapper, id: string) => w.find(`tr.main-row[data-id="${ id }"]`);


const renderDetail = (pair: Pair, actions: Record<string, ActionHandler> = {}) => mountClusterDetail(pair, { actions, token: TOKEN });

describe('reliability: malformed cluster objects', () => {
  beforeEach(() => resetHarvesterVersions());
  afterEach(() => {
    mounted.splice(0).forEach((w) => w.unmount());
    unmountDetails();
  });

  const listCase = async(_: string, breakIt: (p: Pair) => void) => {
    const odd = brokenPair(breakIt);
    const good = activePair('harv-good', 'c-ggggg');
    const store = fakeStore({
      serverOnly: true, provs: [odd.prov, good.prov], mgmts: [odd.mgmt, good.mgmt], schemas: adminSchemas(), headers: LIST_HEADERS, actions: { 'management/request': async() => ({ value: 'v1.4.1' }) },
    });
    const wrapper = await renderList(store);

    expect(wrapper.find('[data-testid="harvester-cluster-list-error"]').exists()).toBe(false);
    // (in the server's order: a cluster without spec has no display name to sort by)
    expect(wrapper.findAll('tr.main-row').map((tr) => tr.attributes('data-id')).sort()).toEqual(['fleet-default/c-ggggg', 'fleet-default/c-ooooo']);
    const row = rowText(wrapper, 'fleet-default/c-ooooo');

    expect(row.find('td.col-state').text()).toMatch(/^[A-Z][a-z]+( [a-z]+)*$/); // a state word, e.g. Active, Pending, Unavailable
    expect(row.text()).not.toMatch(BROKEN_TEXT);
    expect(rowText(wrapper, 'fleet-default/c-ggggg').find('td.col-state').text()).toBe('Active');
    expect(wrapper.text()).not.toMatch(BROKEN_TEXT);
  };

  const detailCase = async(_: string, breakIt: (p: Pair) => void) => {
    const { wrapper } = await renderDetail(brokenPair(breakIt));

    expect(wrapper.find('[data-testid="harvester-cluster-detail"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="harvester-cluster-state"]').text()).toMatch(/^[A-Z][a-z]+( [a-z]+)*$/);
    expect(wrapper.text()).not.toMatch(BROKEN_TEXT);
  };

  it.each(MALFORMED)('list: %s — the row is shown with a state, the other row is intact, no undefined/NaN', listCase);
  it.each(MALFORMED)('detail: %s — the page renders a state and no undefined/NaN', detailCase);
});


// ---------------------------------------------------------------------------------------------
// 404 after a concurrent delete: the cluster is removed by someone else while the delete guard
// or the detail page is open.

function guard(pairs: Pair[], selected: string[], request: (opt: { url: string }) => Promise<unknown>) {
  const store = fakeStore({
    provs:   pairs.map((p) => p.prov),
    mgmts:   pairs.map((p) => p.mgmt),
    actions: { 'rancher/findAll': async() => [], request: jest.fn(request) },
  });
  const router = { push: jest.fn() };
  const wrapper = mount(DeleteDialog, {
    props:  { resources: selected.map((id) => store.cluster(id)) },
    global: {
      mocks: {
        $store: store, $fetchState: { pending: false }, $route: { params: { namespace: 'fleet-default', id: 'c-aaaaa' } }, $router: router,
      },
      stubs:      { t: true },
      directives: { 'clean-tooltip': {}, 'stripped-aria-label': {} },
    },
  });

  mounted.push(wrapper);

  return {
    wrapper, store, router
  };
}

const notFound = (name: string) => storeError({
  type: 'error', status: 404, code: 'NotFound', message: `clusters.provisioning.cattle.io "${ name }" not found`,
});
const confirmInput = (w: Wrapper) => w.find('[data-testid="harvester-delete-confirm-input"]');
const confirm = (w: Wrapper) => w.find('[data-testid="harvester-delete-confirm"]');
/** Every request the guard sent (the shell's models DELETE through the root `request` action). */
const sent = (store: FakeStore) => store.dispatch.mock.calls.filter((c) => ['request', 'rancher/request', 'management/request'].includes(c[0])).map((c) => `${ c[1].method || 'get' } ${ c[1].url }`);

describe('reliability: a cluster removed by someone else (404)', () => {
  afterEach(() => {
    mounted.splice(0).forEach((w) => w.unmount());
    unmountDetails();
  });

  it('delete guard: its DELETE answers 404 → says it is already gone, not a failure; nothing else is deleted; the guard closes', async() => {
    const { wrapper, store, router } = guard([activePair('harv-prod', 'c-aaaaa'), activePair('harv-lab', 'c-bbbbb')], ['fleet-default/c-aaaaa'], async() => Promise.reject(notFound('c-aaaaa')));

    await runFetch(wrapper);
    await flushPromises();
    await confirmInput(wrapper).setValue('harv-prod');
    await confirm(wrapper).trigger('click');
    await flushPromises();

    expect(sent(store)).toEqual([`delete ${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/c-aaaaa`]);
    expect(wrapper.find('[data-testid="harvester-delete-failure"]').exists()).toBe(false);
    expect(store.dispatch).toHaveBeenCalledWith('growl/info', { title: 'Already removed', message: 'harv-prod: already gone from Rancher (removed meanwhile), so there was nothing left to delete.' }, { root: true });
    expect(store.dispatch).not.toHaveBeenCalledWith('growl/success', expect.anything(), expect.anything());
    expect(confirm(wrapper).attributes('data-result')).toBe('true');
    expect(wrapper.emitted('close')).toHaveLength(1);
    // its detail page was open: back to the list, which no longer has it
    expect(router.push).toHaveBeenCalledWith(expect.objectContaining({ name: 'c-cluster-product-resource' }));
  });

  it('bulk: one already gone (404), one refused (403) → the gone one is said to be gone, only the other is a failure; a retry sends only that one', async() => {
    const { wrapper, store } = guard([activePair('harv-prod', 'c-aaaaa'), activePair('harv-lab', 'c-bbbbb'), activePair('harv-other', 'c-ccccc')], ['fleet-default/c-aaaaa', 'fleet-default/c-bbbbb'], async(opt) => Promise.reject(opt.url.endsWith('/c-aaaaa') ? notFound('c-aaaaa') : storeError({
      type: 'error', status: 403, code: 'Forbidden', message: 'forbidden',
    })));

    await runFetch(wrapper);
    await flushPromises();
    await confirmInput(wrapper).setValue('2');
    await confirm(wrapper).trigger('click');
    await flushPromises();

    expect(wrapper.find('[data-testid="harvester-delete-gone"]').text()).toBe('harv-prod: already gone from Rancher (removed meanwhile), so there was nothing left to delete.');
    expect(wrapper.findAll('[data-testid="harvester-delete-failure"]').map((b) => b.text())).toEqual([expect.stringMatching(/^harv-lab was not deleted\. You are not allowed/)]);
    expect(wrapper.emitted('close')).toBeUndefined();

    await confirm(wrapper).trigger('click');
    await flushPromises();
    expect(sent(store).sort()).toEqual([
      `delete ${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/c-aaaaa`,
      `delete ${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/c-bbbbb`,
      `delete ${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/c-bbbbb`,
    ]);
  });

  it('detail page: the cluster disappears while it is open → a clear message, no more registration requests, no undefined', async() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const pair = pendingPair('harv-new', 'c-ooooo');
      const create = jest.fn(async() => Promise.reject(storeError({
        status: 500, code: 'ServerError', message: 'token controller busy'
      })));
      const { wrapper, store } = await renderDetail(pair, { 'rancher/findAll': async() => [], 'rancher/create': create });

      expect(wrapper.find('[data-testid="registration-url-text"]').exists()).toBe(false);
      const tokenRequests = () => store.dispatch.mock.calls.filter((c) => c[0].startsWith('rancher/')).length;

      store.load([], []); // Rancher reports both objects removed
      await flushPromises();
      const before = tokenRequests();

      await jest.advanceTimersByTimeAsync(20_000);
      await flushPromises();

      expect(wrapper.find('[data-testid="harvester-cluster-gone"]').text()).toBe('harv-new no longer exists in Rancher: it was removed, perhaps by someone else. Go back to the list of Harvester clusters.');
      expect(tokenRequests()).toBe(before);
      expect(wrapper.find('[data-testid="harvester-cluster-detail-manage"]').attributes('disabled')).toBeDefined();
      expect(wrapper.text()).not.toMatch(BROKEN_TEXT);
      await wrapper.find('[data-testid="harvester-cluster-gone-list"]').trigger('click');
      expect((wrapper.vm as unknown as { $router: { push: jest.Mock } }).$router.push).toHaveBeenCalledWith(expect.objectContaining({ name: 'c-cluster-product-resource' }));
    } finally {
      jest.useRealTimers();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 503 and slow answers while the list loads its page.

describe('reliability: the list under 503 and slow answers', () => {
  beforeEach(() => resetHarvesterVersions());
  afterEach(() => {
    mounted.splice(0).forEach((w) => w.unmount());
    unmountDetails();
  });

  const UNAVAILABLE = storeError({
    type: 'error', status: 503, code: 'ServiceUnavailable', message: 'the server is currently unable to handle the request',
  });

  it('a 503 on the page load shows the load-error banner with Rancher\'s answer; the table stays, and the next page change loads it', async() => {
    const a = activePair('harv-prod', 'c-aaaaa');
    const opts: FakeStoreOptions = {
      serverOnly: true, provs: [a.prov], mgmts: [a.mgmt], schemas: adminSchemas(), headers: LIST_HEADERS, listError: UNAVAILABLE, actions: { 'management/request': async() => ({ value: 'v1.4.1' }) },
    };
    const store = fakeStore(opts);
    const wrapper = await renderList(store);
    const table = wrapper.findComponent({ name: 'ResourceTable' });

    expect(wrapper.find('[data-testid="harvester-cluster-list-error"]').text()).toBe('Could not load the Harvester clusters. Rancher failed with an internal error (HTTP 503): the server is currently unable to handle the request. Try again; if it keeps failing, check the Rancher server logs.');
    expect(table.exists()).toBe(true);
    expect(table.props('loading')).toBe(false);
    expect(wrapper.findAll('tr.main-row')).toHaveLength(0);
    // no "nothing imported yet" while the truth is unknown
    expect(wrapper.find('[data-testid="harvester-cluster-list-empty-state"]').exists()).toBe(false);

    delete opts.listError; // Rancher is back
    table.vm.$emit('pagination-changed', firstPageEvent(LIST_HEADERS));
    await flushPromises();
    await flushPromises();

    expect(wrapper.find('[data-testid="harvester-cluster-list-error"]').exists()).toBe(false);
    expect(wrapper.findAll('tr.main-row td.col-state').map((td) => td.text())).toEqual(['Active']);
  });

  it('a page that takes 10 s: the table shows it is loading (no empty state, no error), then the rows', async() => {
    const a = activePair('harv-prod', 'c-aaaaa');
    const store = fakeStore({
      serverOnly: true, provs: [a.prov], mgmts: [a.mgmt], schemas: adminSchemas(), headers: LIST_HEADERS, actions: { 'management/request': async() => ({ value: 'v1.4.1' }) },
    });
    const answer = store.dispatch.getMockImplementation() as (action: string, payload?: unknown) => Promise<unknown>;

    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      // every Steve list answers after 10 s
      store.dispatch.mockImplementation((action: string, payload?: { url?: string }) => (action === 'management/request' && payload?.url?.startsWith('/v1/') ? new Promise((resolve) => setTimeout(() => resolve(answer(action, payload)), 10_000)) : answer(action, payload)));
      const wrapper = await renderList(store);
      const table = wrapper.findComponent({ name: 'ResourceTable' });

      await jest.advanceTimersByTimeAsync(9_000);
      expect(table.props('loading')).toBe(true);
      expect(wrapper.find('[data-testid="harvester-cluster-list-empty-state"]').exists()).toBe(false);
      expect(wrapper.find('[data-testid="harvester-cluster-list-error"]').exists()).toBe(false);

      await jest.advanceTimersByTimeAsync(11_000); // management page, then its provisioning clusters
      await flushPromises();
      expect(table.props('loading')).toBe(false);
      expect(wrapper.findAll('tr.main-row td.col-name').map((td) => td.text())).toEqual(['harv-prod']);
    } finally {
      jest.useRealTimers();
    }
  });
});
