import './support/mock-dialog-parts';
import { flushPromises, mount } from '@vue/test-utils';
import DeleteDialog from '@pkg/harvester-manager/dialog/HarvesterClusterDeleteDialog.vue';
import {
  activePair, guestCluster, normanCredential, pendingPair, readOnly, type Pair,
} from './support/rancher';
import { fakeStore, type ActionHandler, type FakeStore } from './support/store';
import { storeError } from './support/store-error';
import { runFetch, type Wrapper } from './support/wrappers';
import type { HookRoute } from './support/cluster-form';
import { resetRemovalRequests } from '@pkg/harvester-manager/adapters/removal-requests';

jest.mock('@components/RcButton', () => jest.requireActual('./support/rc-button'));
jest.mock('@shell/utils/clipboard', () => ({ copyTextToClipboard: jest.fn(() => Promise.resolve()) }));

const HOST = 'https://rancher.example.com';

function setup(pairs: Pair[], selected: string[], actions: Record<string, ActionHandler> = {}, route: HookRoute = { params: {} }) {
  const guest = guestCluster('guest1', 'cattle-global-data:cc-harv');
  const store = fakeStore({
    provs:   [...pairs.map((p) => p.prov), guest],
    mgmts:   pairs.map((p) => p.mgmt),
    actions: {
      'rancher/findAll': async() => [normanCredential('cc-harv', 'c-aaaaa', 'harv-credential')],
      request:           jest.fn(async() => ({})),
      ...actions,
    },
  });
  const router = { push: jest.fn() };
  const wrapper = mount(DeleteDialog, {
    props:  { resources: selected.map((id) => store.cluster(id)) },
    global: {
      mocks: {
        $store: store, $fetchState: { pending: false }, $route: route, $router: router,
      },
      stubs:      { t: true },
      directives: { 'clean-tooltip': {}, 'stripped-aria-label': {} },
    },
  });

  return {
    wrapper, store, router
  };
}

async function loaded(s: ReturnType<typeof setup>) {
  await runFetch(s.wrapper);
  await flushPromises();

  return s;
}

const confirmInput = (w: Wrapper) => w.find('[data-testid="harvester-delete-confirm-input"]');
const confirm = (w: Wrapper) => w.find('[data-testid="harvester-delete-confirm"]');
const deletes = (store: FakeStore) => store.dispatch.mock.calls.filter((c) => c[0] === 'request' && c[1]?.method === 'delete').map((c) => c[1].url);

describe('component: delete guard', () => {
  beforeEach(() => resetRemovalRequests());

  it('loads the provisioning clusters (to find guest clusters) only when a selected cluster has a credential', async() => {
    const withCredential = await loaded(setup([activePair('harv-prod', 'c-aaaaa')], ['fleet-default/c-aaaaa']));
    const findAllTypes = (store: FakeStore) => store.dispatch.mock.calls.filter(([action]) => action === 'management/findAll').map(([, p]) => p.type);

    expect(findAllTypes(withCredential.store)).toEqual(['provisioning.cattle.io.cluster']);
    expect(withCredential.wrapper.text()).toContain('Guest cluster guest1 (loses its infrastructure)');

    const without = await loaded(setup([activePair('harv-lab', 'c-bbbbb')], ['fleet-default/c-bbbbb']));

    expect(findAllTypes(without.store)).toEqual([]);
    expect(without.wrapper.text()).not.toContain('guest1');
  });

  it('shows the plan: what goes, what stays, the kubectl delete -f warning, what to do after, dependants', async() => {
    const { wrapper } = await loaded(setup([activePair('harv-prod', 'c-aaaaa')], ['fleet-default/c-aaaaa']));
    const text = wrapper.text();

    expect(wrapper.find('[data-testid="delete-plan-warning"]').text()).toBe('Never run kubectl delete -f with the registration manifest on Harvester: it deletes the cattle-system namespace and breaks Harvester. Remove the cluster here only.');
    expect(wrapper.findAll('[data-testid="delete-plan-removes"] li').map((li) => li.text())).toEqual([
      'The cluster in Rancher (provisioning cluster) fleet-default/c-aaaaa',
      'Its management cluster; Rancher tells the agent on Harvester to uninstall itself c-aaaaa',
      'Its registration token (the registration URL stops working) c-aaaaa:default-token',
    ]);
    expect(wrapper.findAll('[data-testid="delete-plan-stays"] li').map((li) => li.text())).toEqual([
      'The cattle-system namespace on Harvester, which Harvester needs',
      'Virtual machines, volumes and images on Harvester: they keep running',
    ]);
    expect(wrapper.find('[data-testid="delete-plan-after"]').text()).toContain('clear the cluster-registration-url setting in Harvester');
    expect(wrapper.find('[data-testid="delete-plan-after-command-0-text"]').text()).toBe('kubectl patch settings.harvesterhci.io cluster-registration-url --type merge -p \'{"value":""}\'');
    expect(wrapper.find('[data-testid="delete-plan-after-command-0-copy"]').exists()).toBe(true);
    expect(wrapper.findAll('[data-testid="delete-plan-dependants"] li').map((li) => li.text())).toEqual([
      'Cloud credential harv-credential (stops working)',
      'Guest cluster guest1 (loses its infrastructure)',
    ]);
    expect(text).toContain('Enter harv-prod below to confirm:');
  });

  it('when credentials cannot be read, says dependants are unknown rather than none', async() => {
    const { wrapper } = await loaded(setup([activePair('harv-prod', 'c-aaaaa')], ['fleet-default/c-aaaaa'], { 'rancher/findAll': async() => Promise.reject(storeError({ status: 403 })) }));

    expect(wrapper.find('[data-testid="delete-plan-dependants-unknown"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="delete-plan-dependants-none"]').exists()).toBe(false);
  });

  it('Delete stays disabled until the exact name is typed; a near miss does not count', async() => {
    const { wrapper, store } = await loaded(setup([activePair('harv-prod', 'c-aaaaa')], ['fleet-default/c-aaaaa']));

    expect(confirm(wrapper).attributes('disabled')).toBeDefined();
    await confirmInput(wrapper).setValue('harv-pro');
    expect(confirm(wrapper).attributes('disabled')).toBeDefined();
    await confirmInput(wrapper).setValue('Harv-prod');
    expect(confirm(wrapper).attributes('disabled')).toBeDefined();
    await confirmInput(wrapper).setValue('harv-prod ');
    expect(confirm(wrapper).attributes('disabled')).toBeDefined();
    await confirm(wrapper).trigger('click');
    expect(deletes(store)).toEqual([]);
  });

  it('deletes exactly the selected provisioning cluster through its links.remove, then closes', async() => {
    const { wrapper, store } = await loaded(setup([activePair('harv-prod', 'c-aaaaa'), activePair('harv-lab', 'c-bbbbb')], ['fleet-default/c-aaaaa']));

    await confirmInput(wrapper).setValue('harv-prod');
    await confirm(wrapper).trigger('click');
    await flushPromises();

    expect(deletes(store)).toEqual([`${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/c-aaaaa`]);
    expect(store.dispatch.mock.calls.filter((c) => c[0] === 'request' || c[0] === 'rancher/request' || c[0] === 'management/request')).toHaveLength(1);
    expect(store.dispatch).toHaveBeenCalledWith('growl/success', expect.objectContaining({ message: 'Rancher is removing harv-prod.' }), { root: true });
    expect(wrapper.emitted('close')).toHaveLength(1);
  });

  it('a cluster whose DELETE Rancher accepted reads Removing at once and offers no second Delete; the others stay as they were', async() => {
    const { wrapper, store } = await loaded(setup([activePair('harv-prod', 'c-aaaaa'), activePair('harv-lab', 'c-bbbbb')], ['fleet-default/c-aaaaa']));
    const [deleted, other] = [store.cluster('fleet-default/c-aaaaa'), store.cluster('fleet-default/c-bbbbb')];

    expect([deleted.state, deleted.canDelete]).toEqual(['active', true]);
    await confirmInput(wrapper).setValue('harv-prod');
    await confirm(wrapper).trigger('click');
    await flushPromises();

    expect([deleted.state, deleted.stateDisplay, deleted.canDelete]).toEqual(['removing', 'Removing', false]);
    expect(deleted._availableActions.find((a) => a.action === 'promptRemove')?.enabled).toBe(false);
    expect([other.state, other.canDelete]).toEqual(['active', true]);
  });

  it('bulk: asks for the number of clusters and deletes each selected one once', async() => {
    const { wrapper, store } = await loaded(setup([activePair('harv-prod', 'c-aaaaa'), pendingPair('harv-lab', 'c-bbbbb'), activePair('harv-other', 'c-ccccc')], ['fleet-default/c-aaaaa', 'fleet-default/c-bbbbb']));

    expect(wrapper.text()).toContain('Enter the number of selected clusters (2) below to confirm:');
    await confirmInput(wrapper).setValue('harv-prod');
    expect(confirm(wrapper).attributes('disabled')).toBeDefined();
    await confirmInput(wrapper).setValue('2');
    await confirm(wrapper).trigger('click');
    await flushPromises();

    expect(deletes(store).sort()).toEqual([
      `${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/c-aaaaa`,
      `${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/c-bbbbb`,
    ]);
  });

  it('a 403 on delete is shown for that cluster and the dialog stays open', async() => {
    const { wrapper } = await loaded(setup([activePair('harv-prod', 'c-aaaaa')], ['fleet-default/c-aaaaa'], {
      request: async() => Promise.reject(storeError({
        type: 'error', status: 403, code: 'Forbidden', message: 'clusters.provisioning.cattle.io "c-aaaaa" is forbidden',
      })),
    }));

    await confirmInput(wrapper).setValue('harv-prod');
    await confirm(wrapper).trigger('click');
    await flushPromises();

    expect(wrapper.find('[data-testid="harvester-delete-failure"]').text()).toBe('harv-prod was not deleted. You are not allowed to do this: Rancher refused the request (HTTP 403). Ask a Rancher administrator for the permission. (Rancher said: clusters.provisioning.cattle.io "c-aaaaa" is forbidden)');
    expect(wrapper.emitted('close')).toBeUndefined();
    expect(confirm(wrapper).attributes('data-result')).toBe('false');
  });

  it('a cluster the user may not delete is shown as blocked and nothing is sent', async() => {
    const a = activePair('harv-prod', 'c-aaaaa');
    const { wrapper, store } = await loaded(setup([{ prov: readOnly(a.prov), mgmt: a.mgmt }], ['fleet-default/c-aaaaa']));

    expect(wrapper.find('[data-testid="delete-plan-blocked"]').text()).toBe('You are not allowed to delete harv-prod.');
    expect(confirmInput(wrapper).exists()).toBe(false);
    expect(confirm(wrapper).attributes('disabled')).toBeDefined();
    await confirm(wrapper).trigger('click');
    expect(deletes(store)).toEqual([]);
  });

  it('deleting the cluster whose detail page is open goes back to the list', async() => {
    const { wrapper, router } = await loaded(setup([activePair('harv-prod', 'c-aaaaa')], ['fleet-default/c-aaaaa'], {}, { params: { namespace: 'fleet-default', id: 'c-aaaaa' } }));

    await confirmInput(wrapper).setValue('harv-prod');
    await confirm(wrapper).trigger('click');
    await flushPromises();

    expect(router.push).toHaveBeenCalledWith(expect.objectContaining({ name: 'c-cluster-product-resource' }));
  });
});
