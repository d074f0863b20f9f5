import { flushPromises, mount } from '@vue/test-utils';
import Detail from '@pkg/harvester-manager/detail/harvesterhci.io.management.cluster.vue';
import { missingClusterInstance } from '@pkg/harvester-manager/adapters/virtual-type';
import { resetHarvesterVersions } from '@pkg/harvester-manager/adapters/harvester-versions';
import {
  activePair, adminSchemas, normanPair, pendingPair, readOnly, type Pair,
} from './support/rancher';
import { mountClusterDetail, unmountDetails } from './support/cluster-detail';
import { fakeStore, type ActionHandler, type FakeStore } from './support/store';
import { storeError } from './support/store-error';
import { runFetch, tooltipOf, type Wrapper } from './support/wrappers';
import type { Schema } from '@pkg/harvester-manager/domain';

jest.mock('@components/RcButton', () => jest.requireActual('./support/rc-button'));
jest.mock('@shell/components/Tabbed', () => jest.requireActual('./support/form-mocks').tabbed);
jest.mock('@shell/components/Tabbed/Tab', () => jest.requireActual('./support/form-mocks').tab);
jest.mock('@shell/components/form/Conditions', () => ({
  name: 'Conditions', props: ['value'], template: '<div data-testid="conditions-table" />'
}));
// the shell's principal search (SFCs with imported types the test compiler cannot resolve)
jest.mock('@shell/components/auth/SelectPrincipal', () => ({
  name: 'SelectPrincipal', emits: ['add'], template: '<div />'
}));
jest.mock('@shell/utils/clipboard', () => ({ copyTextToClipboard: jest.fn(() => Promise.resolve()) }));
jest.mock('@shell/components/SortableTable', () => jest.requireActual('./support/form-mocks').sortableTable);
jest.mock('@pkg/harvester-manager/components/HarvesterExtensionPanel', () => ({
  name: 'HarvesterExtensionPanel', emits: ['state'], template: '<div data-testid="extension-panel-stub" />'
}));
// the Harvester UI extension as the browser loaded it (a test may say it is not there)
const extension = { version: '1.6.0' as string | null };

jest.mock('@pkg/harvester-manager/adapters/harvester-extension', () => ({
  harvesterRouteAvailable:         jest.fn(() => !!extension.version),
  loadedHarvesterExtensionVersion: jest.fn(() => extension.version),
}));

const MANIFEST = 'https://rancher.example.com/v3/import/secret_c-abcde.yaml';
const TOKEN = {
  id: 'c-abcde:default-token', clusterId: 'c-abcde', manifestUrl: MANIFEST, created: '2024-03-07T15:45:27Z',
};

const setup = (pair: Pair, actions: Record<string, ActionHandler> = {}, schemas: Schema[] = adminSchemas()) => mountClusterDetail(pair, {
  actions, schemas, token: TOKEN
});

const tab = (w: Wrapper, name: string) => w.find(`[data-tab="${ name }"]`);

describe('component: Harvester cluster detail', () => {
  beforeEach(() => {
    resetHarvesterVersions();
    extension.version = '1.6.0';
  });
  afterEach(() => {
    unmountDetails(); // stops the registration view's tick
  });

  it('fetches only its own cluster and that cluster\'s machines, however many clusters Rancher has', async() => {
    const { store } = await setup(activePair('harv1', 'c-abcde'), {}, [...adminSchemas(), { id: 'management.cattle.io.node' }]);
    const calls = store.dispatch.mock.calls.map(([action, payload]) => [action, payload?.type, payload?.id ?? payload?.opt?.namespaced]);

    expect(calls.filter(([action]) => action === 'management/findAll')).toEqual([['management/findAll', 'management.cattle.io.node', 'c-abcde']]);
    expect(calls).toEqual(expect.arrayContaining([
      ['management/find', 'provisioning.cattle.io.cluster', 'fleet-default/c-abcde'],
      ['management/find', 'management.cattle.io.cluster', 'c-abcde'],
    ]));
  });

  it('the Projects & Members tab reads nothing until it is first opened', async() => {
    const { wrapper, store } = await setup(activePair('harv1', 'c-abcde'), {}, [...adminSchemas(), { id: 'management.cattle.io.project', collectionMethods: ['GET'] }]);
    const tenancyReads = () => store.dispatch.mock.calls.filter(([action, payload]) => action === 'management/request' && String(payload?.url).includes('projects'));

    expect(wrapper.findComponent({ name: 'ProjectsMembers' }).exists()).toBe(false);
    expect(tenancyReads()).toEqual([]);
    wrapper.findAllComponents({ name: 'Tab' }).find((t) => t.props('name') === 'tenancy')!.vm.$emit('active');
    await flushPromises();
    expect(wrapper.findComponent({ name: 'ProjectsMembers' }).exists()).toBe(true);
    expect(tenancyReads().length).toBeGreaterThan(0);
  });

  it('a cluster that is not Active opens on the registration view with the URL and commands', async() => {
    const { wrapper, store } = await setup(normanPair('harv1', 'c-abcde'));

    expect(tab(wrapper, 'registration').exists()).toBe(true);
    expect(store.dispatch).toHaveBeenCalledWith('rancher/findAll', { type: 'clusterregistrationtoken', opt: { url: '/v3/clusterregistrationtokens?clusterId=c-abcde', force: true } });
    expect(wrapper.find('[data-testid="registration-url-text"]').text()).toBe(MANIFEST);
    expect(wrapper.find('[data-testid="registration-apply-text"]').text()).toBe(`kubectl apply -f ${ MANIFEST }`);
    expect(wrapper.find('[data-testid="registration-status-state"]').text()).toBe('Pending');
    expect(wrapper.find('[data-testid="harvester-cluster-detail-manage"]').attributes('disabled')).toBeDefined();
  });

  it('follows the cluster live: when the agent connects the status turns Active without reload', async() => {
    const { wrapper, store } = await setup(normanPair('harv1', 'c-abcde'));
    const active = activePair('harv1', 'c-abcde');

    delete active.mgmt.metadata!.annotations!['provisioning.cattle.io/administrated'];
    store.load([active.prov], [active.mgmt]);
    await flushPromises();

    expect(wrapper.find('[data-testid="registration-status-state"]').text()).toBe('Active');
    expect(wrapper.find('[data-testid="registration-active"]').exists()).toBe(true);
    // the registration view stays while the user watches it
    expect(tab(wrapper, 'registration').exists()).toBe(true);
    expect(wrapper.find('[data-testid="harvester-cluster-detail-manage"]').attributes('disabled')).toBeUndefined();
    expect(wrapper.find('[data-testid="harvester-cluster-harvester-version"]').text()).toContain('v1.4.1');
    // …with its job done: the commands and "keep this page open" fold away, one click brings the commands back
    expect(wrapper.find('[data-testid="registration-commands"]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('Keep this page open');
    await wrapper.find('[data-testid="registration-commands-toggle"]').trigger('click');
    expect(wrapper.find('[data-testid="registration-url-text"]').text()).toBe(MANIFEST);
    expect(wrapper.find('ul.ways').exists()).toBe(false);
  });

  it('reads the machines again when the cluster turns Active while the page is open (Rancher records them then)', async() => {
    const { store } = await setup(normanPair('harv1', 'c-abcde'), {}, [...adminSchemas(), { id: 'management.cattle.io.node' }]);
    const nodeReads = () => store.dispatch.mock.calls.filter(([action, payload]) => action === 'management/findAll' && payload?.type === 'management.cattle.io.node').map(([, payload]) => payload.opt);

    expect(nodeReads()).toEqual([{ namespaced: 'c-abcde', force: false }]);
    const active = activePair('harv1', 'c-abcde');

    store.load([active.prov], [active.mgmt]);
    await flushPromises();
    expect(nodeReads()).toEqual([{ namespaced: 'c-abcde', force: false }, { namespaced: 'c-abcde', force: true }]);
  });

  it('labels that reach the provisioning cluster after the page opened (Edit Config, Rancher) show on it', async() => {
    const { store, value } = await setup(activePair('harv1', 'c-abcde'));
    const later = activePair('harv1', 'c-abcde');

    later.prov.metadata!.labels = { ...later.prov.metadata!.labels, team: 'virt' };
    store.load([later.prov], [later.mgmt]);
    await flushPromises();

    expect(value.labels).toEqual(expect.objectContaining({ team: 'virt' }));
  });

  it('Age keeps ticking while the page is open', async() => {
    jest.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z') });
    try {
      const pair = activePair('harv1', 'c-abcde');

      pair.prov.metadata!.creationTimestamp = '2026-12-01T09:59:58Z';
      const { wrapper } = await setup(pair);
      const age = () => wrapper.find('[data-testid="harvester-cluster-age"]').text();

      expect(age()).toContain('2');
      jest.advanceTimersByTime(5_000);
      await flushPromises();
      expect(age()).toContain('7');
    } finally {
      jest.useRealTimers();
    }
  });

  it('an Active cluster shows no registration tab, its versions and the Manage button', async() => {
    const { wrapper } = await setup(activePair('harv1', 'c-abcde'));

    expect(tab(wrapper, 'registration').exists()).toBe(false);
    expect(tab(wrapper, 'conditions').exists()).toBe(true);
    expect(wrapper.find('[data-testid="harvester-cluster-machines"]').text()).toContain('3');
    expect(wrapper.find('[data-testid="harvester-cluster-detail-manage"]').attributes('disabled')).toBeUndefined();
  });

  it('without the Harvester UI extension Manage is disabled and says why, and the page offers the extension panel (its Install)', async() => {
    extension.version = null;
    const { wrapper } = await setup(activePair('harv1', 'c-abcde'));
    const reason = wrapper.find('[data-testid="harvester-cluster-detail-manage-reason"]');

    wrapper.findComponent({ name: 'HarvesterExtensionPanel' }).vm.$emit('state', { state: 'install', visible: true });
    await flushPromises();
    expect(wrapper.find('[data-testid="harvester-cluster-detail-manage"]').attributes('disabled')).toBeDefined();
    expect(tooltipOf(reason)).toMatch(/^harv1 cannot be opened: the Harvester UI extension.*is not installed/);
    expect(wrapper.find('[data-testid="extension-panel-stub"]').exists()).toBe(true);
  });

  it('a cluster that is not Active has a disabled Manage that says it opens once Active', async() => {
    const { wrapper } = await setup(pendingPair('harv1', 'c-abcde'));

    expect(wrapper.find('[data-testid="harvester-cluster-detail-manage"]').attributes('disabled')).toBeDefined();
    expect(tooltipOf(wrapper.find('[data-testid="harvester-cluster-detail-manage-reason"]'))).toBe('harv1 opens in the Harvester UI once it is Active.');
  });

  it('creates the token when there is none and the user may (links.update)', async() => {
    const created = { ...TOKEN, save: jest.fn(async() => TOKEN) };
    const { store } = await setup(normanPair(), { 'rancher/findAll': async() => [], 'rancher/create': async() => created });

    expect(store.dispatch).toHaveBeenCalledWith('rancher/create', { type: 'clusterregistrationtoken', clusterId: 'c-abcde' });
    expect(created.save).toHaveBeenCalled();
  });

  it('a read-only user never creates a token; the view says it is waiting for one', async() => {
    const pair = normanPair();
    const { wrapper, store } = await setup({ prov: readOnly(pair.prov), mgmt: pair.mgmt }, { 'rancher/findAll': async() => [] });

    expect(store.dispatch).not.toHaveBeenCalledWith('rancher/create', expect.anything());
    expect(wrapper.find('[data-testid="registration-token-waiting"]').text()).toBe('Rancher has not created the registration token for this cluster yet.');
  });

  it('a token that cannot be read (403) says so', async() => {
    const { wrapper } = await setup(normanPair(), {
      'rancher/findAll': async() => Promise.reject(storeError({
        type: 'error', status: 403, code: 'Forbidden', message: 'clusterregistrationtokens is forbidden',
      })),
    });

    expect(wrapper.find('[data-testid="registration-token-error"]').text()).toBe('The registration URL could not be loaded. You are not allowed to do this: Rancher refused the request (HTTP 403). Ask a Rancher administrator for the permission. (Rancher said: clusterregistrationtokens is forbidden)');
  });

  describe('events tab', () => {
    const EVENTS = [
      {
        id: 'default/c-abcde.1', _type: 'Normal', reason: 'Registering', message: 'Waiting for the cluster agent', lastTimestamp: '2026-11-26T09:00:00Z', involvedObject: { kind: 'Cluster', name: 'c-abcde' },
      },
      {
        id: 'default/c-abcde.2', _type: 'Warning', reason: 'Disconnected', message: '<img src=x onerror=alert(1)>', lastTimestamp: '2026-11-26T09:10:00Z', involvedObject: { kind: 'Cluster', name: 'c-abcde' },
      },
    ];
    const eventsRequest = (store: FakeStore) => store.dispatch.mock.calls.filter((c) => c[0] === 'management/request' && c[1].url.startsWith('/v1/events'));

    it('an administrator sees the events of the cluster\'s objects, newest first, as text', async() => {
      const pair = activePair('harv1', 'c-abcde');
      const { wrapper, store } = await setup(pair, { 'management/request': async(opt: { url: string }) => (opt.url.startsWith('/v1/events') ? { data: EVENTS } : { value: 'v1.4.1' }) });
      const [[, { url }]] = eventsRequest(store);

      expect(tab(wrapper, 'events').exists()).toBe(true);
      expect(new URLSearchParams(url.split('?')[1]).get('filter')).toBe(`involvedObject.uid=${ pair.mgmt.metadata?.uid },involvedObject.uid=${ pair.prov.metadata?.uid }`);
      expect(wrapper.findAll('.event-row .reason').map((td) => td.text())).toEqual(['Disconnected', 'Registering']);
      expect(wrapper.find('.event-row .message').text()).toBe('<img src=x onerror=alert(1)>');
      expect(wrapper.find('.event-row img').exists()).toBe(false);
    });

    it('reads the events again after the cluster changes (websocket), not before', async() => {
      jest.useFakeTimers();
      try {
        const pair = normanPair('harv1', 'c-abcde');
        const { store } = await setup(pair, { 'management/request': async(opt: { url: string }) => (opt.url.startsWith('/v1/events') ? { data: [] } : { value: 'v1.4.1' }) });
        const before = eventsRequest(store).length;
        const active = activePair('harv1', 'c-abcde');

        active.mgmt.metadata!.resourceVersion = '999';
        store.load([active.prov], [active.mgmt]);
        await flushPromises();
        expect(eventsRequest(store).length).toBe(before);
        jest.advanceTimersByTime(1000);
        await flushPromises();
        expect(eventsRequest(store).length).toBe(before + 1);
      } finally {
        jest.useRealTimers();
      }
    });

    it('a failed read says so; no events says so', async() => {
      const failed = await setup(activePair(), {
        'management/request': async(opt: { url: string }) => (opt.url.startsWith('/v1/events') ? Promise.reject(storeError({
          status: 503, code: 'ServiceUnavailable', message: 'cache not ready'
        })) : { value: 'v1.4.1' })
      });

      expect(failed.wrapper.find('[data-testid="harvester-cluster-events-error"]').text()).toContain('Could not load the events of this cluster.');
      const empty = await setup(activePair(), { 'management/request': async(opt: { url: string }) => (opt.url.startsWith('/v1/events') ? { data: [] } : { value: 'v1.4.1' }) });

      expect(empty.wrapper.find('.no-rows').text()).toBe('Rancher has recorded no events for this cluster yet.');
    });

    it('a user who cannot read events gets no events tab and no request', async() => {
      const { wrapper, store } = await setup(activePair(), {}, adminSchemas().filter((s) => s.id !== 'event'));

      expect(tab(wrapper, 'events').exists()).toBe(false);
      expect(eventsRequest(store)).toEqual([]);
    });
  });
});

describe('component: the page of a Harvester cluster that is not there', () => {
  it('says it does not exist or is not shared, links back to the list, offers no action and asks Rancher nothing', async() => {
    const store = fakeStore({
      provs: [], mgmts: [], schemas: adminSchemas()
    });
    const value = store.newModel(missingClusterInstance('fleet-default/c-gone1'));
    const wrapper = mount(Detail, {
      props:  { value, mode: 'view' },
      global: {
        mocks: {
          $store:      store,
          $fetchState: { pending: false },
          $route:      {
            params: {}, query: {}, hash: ''
          },
          $router: { push: jest.fn() }
        },
        stubs: {
          t: true, Loading: true, RouterLink: { props: ['to'], template: '<a :data-to="JSON.stringify(to)"><slot /></a>' }
        },
        directives: { 'clean-tooltip': {} },
      },
    });

    await runFetch(wrapper);
    await flushPromises();
    expect(wrapper.find('[data-testid="harvester-cluster-detail"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="harvester-cluster-not-found"]').text()).toContain('The Harvester cluster c-gone1 does not exist or is not shared with you');
    expect(JSON.parse(wrapper.find('[data-testid="harvester-cluster-not-found-back"]').attributes('data-to') as string)).toMatchObject({ params: { resource: 'harvesterhci.io.management.cluster' } });
    expect(value._availableActions).toEqual([]);
    expect(value.stateDisplay).toBe('Not Found');
    expect(store.dispatch).not.toHaveBeenCalled();
    wrapper.unmount();
  });
});
