// Reliability matrix (docs/reliability.md): HTML payloads are rendered as text in the delete
// guard and the detail view, and a bulk delete with one failure in the middle deletes exactly
// the others and names the failed one.
import './support/mock-dialog-parts';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import DeleteDialog from '@pkg/harvester-manager/dialog/HarvesterClusterDeleteDialog.vue';
import { resetHarvesterVersions } from '@pkg/harvester-manager/adapters/harvester-versions';
import { activePair, pendingPair, type Pair } from './support/rancher';
import { fakeStore, type ActionHandler, type FakeStore } from './support/store';
import { storeError } from './support/store-error';
import { runFetch, type Wrapper } from './support/wrappers';
import { mountClusterDetail, SERVER_URL } from './support/cluster-detail';

jest.mock('@components/RcButton', () => jest.requireActual('./support/rc-button'));
// the shell's principal search (SFCs with imported types the test compiler cannot resolve)
jest.mock('@shell/components/auth/SelectPrincipal', () => ({
  name: 'SelectPrincipal', emits: ['add'], template: '<div />'
}));
jest.mock('@shell/utils/clipboard', () => ({ copyTextToClipboard: jest.fn(() => Promise.resolve()) }));
jest.mock('@shell/components/Tabbed', () => jest.requireActual('./support/form-mocks').tabbed);
jest.mock('@shell/components/Tabbed/Tab', () => jest.requireActual('./support/form-mocks').tab);
jest.mock('@shell/components/SortableTable', () => jest.requireActual('./support/form-mocks').sortableTable);
jest.mock('@shell/components/form/Conditions', () => ({
  name: 'Conditions', props: ['value'], template: '<div data-testid="conditions-table" />'
}));

const HOST = SERVER_URL;
const PAYLOAD = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>window.__pwned = 1</script>';

/** The page's `window`, where an injected script would leave its mark. */
const page = window as unknown as { __pwned?: unknown };

function dialog(pairs: Pair[], selected: string[], actions: Record<string, ActionHandler> = {}) {
  const store = fakeStore({
    provs:   pairs.map((p) => p.prov),
    mgmts:   pairs.map((p) => p.mgmt),
    actions: {
      'rancher/findAll': async() => [],
      request:           jest.fn(async() => ({})),
      ...actions,
    },
  });
  const wrapper = mount(DeleteDialog, {
    props:  { resources: selected.map((id) => store.cluster(id)) },
    global: {
      mocks: {
        $store: store, $fetchState: { pending: false }, $route: { params: {} }, $router: { push: jest.fn() },
      },
      stubs:      { t: true },
      directives: { 'clean-tooltip': {}, 'stripped-aria-label': {} },
    },
  });

  return { wrapper, store };
}

async function loaded<T extends { wrapper: VueWrapper }>(s: T): Promise<T> {
  await runFetch(s.wrapper);
  await flushPromises();

  return s;
}

const confirmInput = (w: Wrapper) => w.find('[data-testid="harvester-delete-confirm-input"]');
const confirm = (w: Wrapper) => w.find('[data-testid="harvester-delete-confirm"]');
const deletes = (store: FakeStore) => store.dispatch.mock.calls.filter((c) => c[0] === 'request' && c[1]?.method === 'delete').map((c) => c[1].url);

describe('reliability: HTML payloads are shown as text', () => {
  afterEach(() => {
    delete page.__pwned;
  });

  it('delete guard: a display name with <img onerror> and <script> is shown literally; no element is created', async() => {
    const { wrapper, store } = await loaded(dialog([activePair(`${ PAYLOAD }${ SCRIPT }`, 'c-aaaaa')], ['fleet-default/c-aaaaa']));

    expect(wrapper.text()).toContain(`Enter ${ PAYLOAD }${ SCRIPT } below to confirm:`);
    expect(wrapper.find('img').exists()).toBe(false);
    expect(wrapper.find('script').exists()).toBe(false);
    expect(wrapper.html()).not.toContain('<img src');

    // The typed name must match the payload exactly; the success message shows it as text too.
    await confirmInput(wrapper).setValue(`${ PAYLOAD }${ SCRIPT }`);
    await confirm(wrapper).trigger('click');
    await flushPromises();
    expect(deletes(store)).toEqual([`${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/c-aaaaa`]);
    expect(page.__pwned).toBeUndefined();
  });

  it('delete guard: a failure message from Rancher carrying HTML is shown as text', async() => {
    const { wrapper } = await loaded(dialog([activePair('harv-prod', 'c-aaaaa')], ['fleet-default/c-aaaaa'], {
      request: async() => Promise.reject(storeError({
        type: 'error', status: 500, code: 'ServerError', message: `boom ${ PAYLOAD }`,
      })),
    }));

    await confirmInput(wrapper).setValue('harv-prod');
    await confirm(wrapper).trigger('click');
    await flushPromises();

    const failure = wrapper.find('[data-testid="harvester-delete-failure"]');

    expect(failure.text()).toContain(PAYLOAD);
    expect(failure.find('img').exists()).toBe(false);
  });

  it('detail view (registration status): Rancher condition messages with HTML are shown as text', async() => {
    resetHarvesterVersions();
    const pair = pendingPair(PAYLOAD, 'c-abcde');
    const ready = pair.mgmt.status?.conditions?.find((c) => c.type === 'Ready');

    ready!.message = `agent ${ PAYLOAD }${ SCRIPT }`;
    // the page as every detail test mounts it (server-url and token on HOST)
    const { wrapper } = await mountClusterDetail(pair);

    try {
      expect(wrapper.text()).toContain(`Ready: agent ${ PAYLOAD }${ SCRIPT }`);
      expect(wrapper.html()).not.toContain('<img src');
      expect(wrapper.find('img').exists()).toBe(false);
      expect(wrapper.find('script').exists()).toBe(false);
    } finally {
      wrapper.unmount();
    }
  });
});

describe('reliability: bulk delete with one failure in the middle', () => {
  it('deletes exactly the others, names the failed one, and keeps the dialog open', async() => {
    const request = jest.fn(async(opts?: { url?: string }) => {
      if (String(opts?.url).endsWith('/c-bbbbb')) {
        return Promise.reject(storeError({
          type: 'error', status: 500, code: 'ServerError', message: 'etcd timeout',
        }));
      }

      return {};
    });
    const { wrapper, store } = await loaded(dialog(
      [activePair('harv-a', 'c-aaaaa'), activePair('harv-b', 'c-bbbbb'), activePair('harv-c', 'c-ccccc'), activePair('harv-untouched', 'c-ddddd')],
      ['fleet-default/c-aaaaa', 'fleet-default/c-bbbbb', 'fleet-default/c-ccccc'],
      { request },
    ));

    await confirmInput(wrapper).setValue('3');
    await confirm(wrapper).trigger('click');
    await flushPromises();

    // Exactly one DELETE per selected cluster (the failed one included, once), none for the unselected.
    expect(deletes(store).sort()).toEqual([
      `${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/c-aaaaa`,
      `${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/c-bbbbb`,
      `${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/c-ccccc`,
    ]);
    const failures = wrapper.findAll('[data-testid="harvester-delete-failure"]').map((f) => f.text());

    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('harv-b was not deleted');
    expect(failures[0]).not.toContain('harv-a');
    expect(failures[0]).not.toContain('harv-c');
    expect(wrapper.emitted('close')).toBeUndefined();
    expect(confirm(wrapper).attributes('data-result')).toBe('false');
  });

  it('a retry after the partial failure sends only the failed DELETE again, then closes', async() => {
    let failing = true;
    const request = jest.fn(async(opts?: { url?: string }) => {
      if (failing && String(opts?.url).endsWith('/c-bbbbb')) {
        return Promise.reject(storeError({
          type: 'error', status: 500, code: 'ServerError', message: 'etcd timeout',
        }));
      }

      return {};
    });
    const { wrapper, store } = await loaded(dialog(
      [activePair('harv-a', 'c-aaaaa'), activePair('harv-b', 'c-bbbbb'), activePair('harv-c', 'c-ccccc')],
      ['fleet-default/c-aaaaa', 'fleet-default/c-bbbbb', 'fleet-default/c-ccccc'],
      { request },
    ));

    await confirmInput(wrapper).setValue('3');
    await confirm(wrapper).trigger('click');
    await flushPromises();
    expect(deletes(store)).toHaveLength(3);

    failing = false;
    await confirm(wrapper).trigger('click');
    await flushPromises();

    // the two Rancher already accepted are not sent again (they would answer 404 and read as failures)
    expect(deletes(store).slice(3)).toEqual([`${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/c-bbbbb`]);
    expect(wrapper.findAll('[data-testid="harvester-delete-failure"]')).toHaveLength(0);
    expect(wrapper.emitted('close')).toHaveLength(1);
  });
});
