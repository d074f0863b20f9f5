import './support/mock-form-parts';
import { flushPromises } from '@vue/test-utils';
import { editRoute, mountClusterForm, runFetch } from './support/cluster-form';
import { adminSchemas, normanPair, readOnly, steveMadePair } from './support/rancher';
import { fakeStore, type ActionHandler } from './support/store';
import { storeError } from './support/store-error';
import type { Wrapper } from './support/wrappers';
import { draftKey, editForm, openDraftRoute } from '@pkg/harvester-manager/login-resume';
import type { ProvisioningCluster } from '@pkg/harvester-manager/domain';

// Rancher's server-version setting as the dashboard loaded it; each test sets the version it models.
const rancherVersion: { Version?: string } = {};

beforeEach(() => {
  rancherVersion.Version = 'v2.12.3';
});

const EDIT_ROUTE = editRoute('c-abcde');

function normanCluster(overrides: Record<string, unknown> = {}) {
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

async function setup(pair = normanPair('harv1', 'c-abcde'), actions: Record<string, ActionHandler> = {}) {
  const store = fakeStore({
    provs:    [pair.prov],
    mgmts:    [pair.mgmt],
    schemas:  adminSchemas(),
    settings: { 'server-version': rancherVersion.Version as string },
    actions:  {
      'rancher/find':    async() => normanCluster(),
      'rancher/request': jest.fn(async() => ({})),
      ...actions,
    },
  });
  const value = store.cluster('fleet-default/c-abcde');
  const { wrapper, router } = mountClusterForm({
    store, value, mode: 'edit', route: EDIT_ROUTE,
  });

  await runFetch(wrapper);
  await flushPromises();

  return {
    wrapper, store, router, value,
  };
}

const save = (w: Wrapper) => w.find('[data-testid="form-save"]');

describe('component: Edit Config', () => {
  it('loads the Norman cluster into the form; the name is shown but not editable', async() => {
    const { wrapper, value } = await setup();

    const name = wrapper.find('[data-testid="name-ns-description-name"] input').element as HTMLInputElement;

    expect(name.value).toBe('harv1');
    expect(name.disabled).toBe(true);
    expect((wrapper.find('[data-testid="name-ns-description-description"] input').element as HTMLInputElement).value).toBe('old text');
    expect(value.spec.agentEnvVars).toEqual([{ name: 'HTTP_PROXY', value: 'http://proxy:3128' }]);
    expect(value.metadata.labels).toEqual({ 'provider.cattle.io': 'harvester', team: 'virt' });
    expect(save(wrapper).attributes('disabled')).toBeUndefined();
  });

  it('saves through Norman PUT /v3/clusters/<id>, keeping the provider label, then returns to the detail page', async() => {
    const {
      wrapper, store, router, value
    } = await setup();

    await wrapper.find('[data-testid="name-ns-description-description"] input').setValue('new text');
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

  it('on Rancher 2.10 a cluster imported through Steve is saved on its provisioning cluster, not through Norman', async() => {
    rancherVersion.Version = 'v2.10.6';
    const pair = steveMadePair('harv1', 'c-abcde');
    const saved: ProvisioningCluster[] = [];
    const { wrapper, store } = await setup(pair, {
      'management/clone': async({ resource }: { resource: ProvisioningCluster }) => ({
        ...JSON.parse(JSON.stringify(resource)),
        save: jest.fn(async function(this: ProvisioningCluster) {
          saved.push(this);
        })
      })
    });

    await wrapper.find('[data-testid="name-ns-description-description"] input').setValue('via steve');
    await save(wrapper).trigger('click');
    await flushPromises();

    expect(store.dispatch).not.toHaveBeenCalledWith('rancher/request', expect.objectContaining({ method: 'put' }));
    expect(saved).toHaveLength(1);
    expect(saved[0].metadata?.annotations?.['field.cattle.io/description']).toBe('via steve');
    expect(saved[0].metadata?.labels?.['provider.cattle.io']).toBe('harvester');
  });

  it('from Rancher 2.11 the same cluster is saved through Norman: the management cluster is the source of truth', async() => {
    rancherVersion.Version = 'v2.11.2';
    const { wrapper, store } = await setup(steveMadePair('harv1', 'c-abcde'));

    await wrapper.find('[data-testid="name-ns-description-description"] input').setValue('via norman');
    await save(wrapper).trigger('click');
    await flushPromises();

    expect(store.dispatch).toHaveBeenCalledWith('rancher/request', expect.objectContaining({ method: 'put', data: expect.objectContaining({ description: 'via norman' }) }));
  });

  it('a 403 on save is shown, and the page stays', async() => {
    const { wrapper, router } = await setup(undefined, {
      'rancher/request': async() => Promise.reject(storeError({
        type: 'error', status: 403, code: 'Forbidden', message: 'cannot update clusters',
      })),
    });

    await save(wrapper).trigger('click');
    await flushPromises();

    expect(wrapper.find('[data-testid="cru-error"]').text()).toBe('Could not save the configuration of "harv1". You are not allowed to do this: Rancher refused the request (HTTP 403). Ask a Rancher administrator for the permission. (Rancher said: cannot update clusters)');
    expect(router.replace).not.toHaveBeenCalled();
  });
});

// Reliability matrix, 401 mid-session: what was changed in Edit Config survives the shell's reload
// into the login page, comes back (with a notice) over the config loaded again, and the login
// goes back to this form (login-resume/, tested in form-draft.test.ts).
describe('component: Edit Config keeps a draft of what was changed', () => {
  const DRAFT = draftKey(editForm('fleet-default/c-abcde'));
  const stored = () => JSON.parse(window.sessionStorage.getItem(DRAFT) || 'null');
  const notice = (w: Wrapper) => w.find('[data-testid="harvester-draft-restored"]');
  const unauthorized = async() => Promise.reject(storeError({
    type: 'error', status: 401, code: 'Unauthorized', message: 'must authenticate',
  }));

  beforeEach(() => window.sessionStorage.clear());

  it('loading the config is no change: nothing is kept, no notice', async() => {
    const { wrapper } = await setup();

    expect(stored()).toBeNull();
    expect(notice(wrapper).exists()).toBe(false);
  });

  it('a 401 on Save keeps the changes; Edit Config opened again shows them over the loaded config; Save sends them and forgets them', async() => {
    const first = await setup(undefined, { 'rancher/request': unauthorized });

    await first.wrapper.find('[data-testid="name-ns-description-description"] input').setValue('changed before the session ended');
    first.value.metadata.labels = { team: 'virt2' };
    await flushPromises();
    await save(first.wrapper).trigger('click');
    await flushPromises();
    expect(first.wrapper.find('[data-testid="cru-error"]').text()).toContain('Could not save the configuration of "harv1".');
    expect(stored()).toMatchObject({
      description: 'changed before the session ended', labels: { team: 'virt2' }, open: true, route: EDIT_ROUTE,
    });
    expect(openDraftRoute('local://user-admin')).toEqual(EDIT_ROUTE);
    first.wrapper.unmount(); // the shell reloads the tab into its login page

    const again = await setup();
    const description = again.wrapper.find('[data-testid="name-ns-description-description"] input').element as HTMLInputElement;

    expect(description.value).toBe('changed before the session ended');
    expect(again.value.metadata.labels).toEqual({ team: 'virt2' });
    expect(again.value.metadata.annotations).toEqual({ note: 'keep' });
    expect(notice(again.wrapper).text()).toBe('Restored the changes you made in this tab before leaving Edit Config without saving (for example when your session expired). Cancel discards them.');

    await save(again.wrapper).trigger('click');
    await flushPromises();
    expect(again.store.dispatch).toHaveBeenCalledWith('rancher/request', expect.objectContaining({ method: 'put', data: expect.objectContaining({ description: 'changed before the session ended', labels: { team: 'virt2', 'provider.cattle.io': 'harvester' } }) }));
    expect(again.router.replace).toHaveBeenCalled();
    expect(stored()).toBeNull();
  });

  it('Cancel discards the changes: the next Edit Config shows the saved config', async() => {
    const first = await setup();

    await first.wrapper.find('[data-testid="name-ns-description-description"] input').setValue('never mind');
    await flushPromises();
    expect(stored()?.description).toBe('never mind');
    first.wrapper.findComponent({ name: 'CruResource' }).vm.$emit('cancel');
    await flushPromises();
    expect(stored()).toBeNull();

    const again = await setup();

    expect((again.wrapper.find('[data-testid="name-ns-description-description"] input').element as HTMLInputElement).value).toBe('old text');
    expect(notice(again.wrapper).exists()).toBe(false);
  });
});

describe('component: Edit Config for a user who may not update the cluster (a typed ?mode=edit URL)', () => {
  it('shows the configuration read-only with the reason and Save disabled', async() => {
    const pair = normanPair('harv1', 'c-abcde');
    const { wrapper } = await setup({ ...pair, prov: readOnly(pair.prov) });

    expect(wrapper.find('[data-testid="harvester-cluster-form-denied"]').text()).toBe('You may view this configuration, but not change it: Rancher gives you no permission to update this cluster.');
    expect(wrapper.find('[data-testid="form-save"]').attributes('disabled')).toBeDefined();
    const description = wrapper.find('[data-testid="name-ns-description-description"] input').element as HTMLInputElement;

    expect(description.disabled || description.readOnly).toBe(true);
  });

  it('still shows who the members are (the creator is owner), read-only', async() => {
    const pair = normanPair('harv1', 'c-abcde');
    const { wrapper } = await setup({ ...pair, prov: readOnly(pair.prov) });
    const editor = wrapper.findComponent({ name: 'ClusterMembershipEditor' });

    expect(editor.exists()).toBe(true);
    expect(editor.props('mode')).toBe('view');
    expect(editor.props('parentId')).toBe('c-abcde');
  });
});
