import './support/mock-form-parts';
import { flushPromises } from '@vue/test-utils';
import { mountClusterForm } from './support/cluster-form';
import {
  activePair, adminSchemas, prov as provFixture, mgmt as mgmtFixture, readOnlySchemas,
} from './support/rancher';
import { fakeStore, type ClusterModel } from './support/store';
import { storeError } from './support/store-error';
import { CruResourceStub } from './support/stubs';
import type { Wrapper } from './support/wrappers';

const MANIFEST = 'https://rancher.example.com/v3/import/secret_c-x7k2q.yaml';

function rancherError(status: number, code: string, message: string) {
  return storeError({
    type: 'error', status, code, message
  });
}

/** The Norman body the form creates the cluster with. */
interface CreateBody {
  name: string;
  labels?: Record<string, string>;
  [field: string]: unknown;
}

interface Options {
  /** what the Norman POST does */
  save?: (body: CreateBody) => Promise<{ id?: string }>;
  /** does Rancher create the provisioning cluster after the POST? */
  provisions?: boolean;
}

function setup(opts: Options = {}) {
  const existing = activePair('harv-prod', 'c-aaaaa');
  const created: CreateBody[] = [];
  const actions = {
    'rancher/create': (body: CreateBody) => ({
      ...body,
      save: jest.fn(async() => {
        created.push(body);
        const out = await (opts.save ? opts.save(body) : { id: 'c-x7k2q' });

        if (opts.provisions !== false && out?.id) {
          const p = provFixture({ name: out.id });
          const m = mgmtFixture({
            id: out.id, displayName: body.name, labels: body.labels
          });

          store.load([existing.prov, p], [existing.mgmt, m]);
        }

        return out;
      }),
    }),
    'rancher/findAll': async() => [{
      id: 'c-x7k2q:default-token', clusterId: 'c-x7k2q', manifestUrl: MANIFEST
    }],
    'rancher/request': jest.fn(async() => ({})),
  };

  const store = fakeStore({
    // the server-version setting is what the dashboard loaded at login: the name check writes its queries for that Rancher
    provs: [existing.prov], mgmts: [existing.mgmt], schemas: adminSchemas(), normanSchemas: [{ id: 'principal' }], settings: { 'server-version': 'v2.12.3' }, actions,
  });
  const value = store.newModel({ metadata: { namespace: 'fleet-default' }, spec: { agentEnvVars: [] } });
  const { wrapper, router } = mountClusterForm({
    store, value, mode: 'create'
  });

  return {
    wrapper, store, router, created, actions,
  };
}

const nameInput = (w: Wrapper) => w.find('[data-testid="name-ns-description-name"] input');
const nameError = (w: Wrapper) => w.find('[data-testid="harvester-cluster-name-error"]');
const save = (w: Wrapper) => w.find('[data-testid="form-save"]');

async function typeName(w: Wrapper, name: string) {
  await nameInput(w).setValue(name);
  await nameInput(w).trigger('blur');
}

/** The form asks Rancher about a typed name after a short pause. */
async function nameChecked() {
  await new Promise((resolve) => setTimeout(resolve, 300));
  await flushPromises();
}

describe('component: Import Existing form', () => {
  // the form keeps a draft of what was typed in sessionStorage (tests/components/form-draft.test.ts)
  beforeEach(() => window.sessionStorage.clear());
  afterEach(() => jest.useRealTimers());

  it.each([
    ['My.Cluster', 'Name must not contain dots: Fleet cannot handle cluster names with dots. Name must be lowercase.'],
    ['x'.repeat(64), 'Name must be at most 63 characters (it has 64).'],
    ['harv-prod', 'A Harvester cluster named "harv-prod" already exists.'],
    ['Harv1', 'Name must be lowercase.'],
    ['<b>x</b>', 'Name may only contain lowercase letters (a-z), digits (0-9) and "-"; not allowed: < > /'],
  ])('rejects %p before Create, with the reason as text', async(name, message) => {
    const { wrapper, store } = setup();

    await typeName(wrapper, name);
    await nameChecked();

    expect(nameError(wrapper).text()).toBe(message);
    expect(nameError(wrapper).find('b').exists()).toBe(false);
    expect(save(wrapper).attributes('disabled')).toBeDefined();
    expect(wrapper.findComponent(CruResourceStub).props('validationPassed')).toBe(false);
    expect(store.dispatch).not.toHaveBeenCalledWith('rancher/create', expect.anything());
  });

  it('the name\'s message line is there before any message, so a message appearing does not move the form', async() => {
    const { wrapper } = setup();
    const line = () => wrapper.find('.name-error-line');

    expect(line().exists()).toBe(true);
    expect(nameError(wrapper).exists()).toBe(false);
    await typeName(wrapper, 'Bad.Name');
    await nameChecked();
    expect(line().find('[data-testid="harvester-cluster-name-error"]').exists()).toBe(true);
    expect(wrapper.find('.name-invalid').exists()).toBe(true);
  });

  it('checks a typed name with Rancher for that name only (no list of every cluster), once typing pauses', async() => {
    const { wrapper, store } = setup();

    await nameInput(wrapper).setValue('harv');
    await nameInput(wrapper).setValue('harv-pro');
    await nameInput(wrapper).setValue('harv-prod');
    await nameChecked();

    const requests = store.dispatch.mock.calls.filter(([action]) => action === 'management/request').map(([, opt]) => decodeURIComponent(opt.url));

    expect(requests).toEqual([
      expect.stringMatching(/^\/v1\/provisioning\.cattle\.io\.clusters\?filter=metadata\.name=harv-prod&/),
      expect.stringMatching(/^\/v1\/management\.cattle\.io\.clusters\?filter=spec\.displayName=harv-prod&/),
    ]);
    expect(store.dispatch).not.toHaveBeenCalledWith('management/findAll', expect.anything());
    expect(nameError(wrapper).text()).toBe('A Harvester cluster named "harv-prod" already exists.');

    // a name nobody has: no error once checked
    await nameInput(wrapper).setValue('harv-prod2');
    await nameChecked();
    expect(nameError(wrapper).exists()).toBe(false);
  });

  it('an empty name keeps Create disabled and says the name is required once touched', async() => {
    const { wrapper } = setup();

    expect(save(wrapper).attributes('disabled')).toBeDefined();
    expect(nameError(wrapper).exists()).toBe(false);
    await typeName(wrapper, '');
    expect(nameError(wrapper).text()).toBe('Name is required.');
  });

  it('labels and annotation keys Kubernetes would refuse: each is named as text, Create stays disabled and nothing is sent; fixing them enables Create', async() => {
    const { wrapper, store } = setup();
    const value = wrapper.props('value') as ClusterModel;
    const problems = () => wrapper.find('[data-testid="harvester-metadata-errors"]');

    await typeName(wrapper, 'harv-labels');
    expect(problems().exists()).toBe(false);
    value.metadata.labels = {
      team: '<img src=x onerror=alert(1)>', 'Example.com/env': 'lab', ok: 'fine'
    };
    value.metadata.annotations = { 'bad key': 'any <b>text</b> is fine as a value', 'example.com/note': '<b>ok</b>' };
    await flushPromises();

    expect(problems().findAll('li').map((li) => li.text())).toEqual([
      'Label "team": the value "<img src=x onerror=alert(1)>" must be empty or 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.',
      'Label "Example.com/env": its prefix "Example.com" must be a DNS subdomain: lowercase letters, digits, "-" and ".", at most 253 characters.',
      'Annotation "bad key": its name must be 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.',
    ]);
    expect(problems().find('img').exists()).toBe(false);
    expect(save(wrapper).attributes('disabled')).toBeDefined();
    await wrapper.findComponent(CruResourceStub).vm.$emit('finish', () => {});
    await flushPromises();
    expect(store.dispatch).not.toHaveBeenCalledWith('rancher/create', expect.anything());

    value.metadata.labels = {
      team: 'virt', 'example.com/env': 'lab', ok: 'fine'
    };
    value.metadata.annotations = { 'example.com/note': '<b>ok</b>' };
    await flushPromises();
    expect(problems().exists()).toBe(false);
    expect(save(wrapper).attributes('disabled')).toBeUndefined();
  });

  it('creates through Norman, waits for the provisioning cluster, gets the token, saves members, opens #registration', async() => {
    const {
      wrapper, store, router, created
    } = setup();
    const membership = { save: jest.fn(async() => undefined) };

    await typeName(wrapper, 'harv-new');
    await wrapper.find('[data-testid="name-ns-description-description"] input').setValue('lab cluster');
    wrapper.findComponent({ name: 'ClusterMembershipEditor' }).vm.$emit('membership-update', membership);
    expect(save(wrapper).attributes('disabled')).toBeUndefined();

    await save(wrapper).trigger('click');
    await flushPromises();

    expect(created).toEqual([{
      type: 'cluster', name: 'harv-new', description: 'lab cluster', labels: { 'provider.cattle.io': 'harvester' }, annotations: {}, agentEnvVars: [],
    }]);
    expect(store.dispatch).toHaveBeenCalledWith('rancher/findAll', { type: 'clusterregistrationtoken', opt: { url: '/v3/clusterregistrationtokens?clusterId=c-x7k2q', force: true } });
    expect(membership.save).toHaveBeenCalledWith('c-x7k2q');
    expect(router.replace).toHaveBeenCalledWith({
      name:   'c-cluster-product-resource-namespace-id',
      params: {
        cluster: '_', product: 'harvesterManager', resource: 'harvesterhci.io.management.cluster', namespace: 'fleet-default', id: 'c-x7k2q',
      },
      hash: '#registration',
    });
    expect(wrapper.findAll('[data-testid="cru-error"]')).toHaveLength(0);
  });

  it.each([
    [rancherError(403, 'Forbidden', 'clusters.management.cattle.io is forbidden'), 'You are not allowed to do this: Rancher refused the request (HTTP 403). Ask a Rancher administrator for the permission. (Rancher said: clusters.management.cattle.io is forbidden)'],
    [rancherError(500, 'ServerError', 'etcdserver: request timed out'), 'Rancher failed with an internal error (HTTP 500): etcdserver: request timed out. Try again; if it keeps failing, check the Rancher server logs.'],
    [rancherError(409, 'AlreadyExists', 'cluster harv-new exists'), 'A cluster with this name already exists in Rancher. Choose another name. (Rancher said: cluster harv-new exists)'],
    [rancherError(422, 'NotUnique', 'name is not unique'), 'A cluster with this name already exists in Rancher. Choose another name. (Rancher said: name is not unique)'],
    [rancherError(422, 'InvalidBodyContent', 'bad labels'), 'Rancher rejected the request as invalid (HTTP 422): bad labels'],
    [{ code: 'ERR_NETWORK', message: 'Network Error' }, 'Rancher could not be reached (Network Error). Check your network connection, then try again.'],
  ])('a failed create shows a banner with Rancher\'s answer, stays on the form and cleans nothing up (%#)', async(err, text) => {
    const { wrapper, router, actions } = setup({ save: () => Promise.reject(err) });

    await typeName(wrapper, 'harv-new');
    await save(wrapper).trigger('click');
    await flushPromises();

    expect(wrapper.find('[data-testid="cru-error"]').text()).toBe(`Could not import "harv-new" into Rancher. ${ text }`);
    expect(router.replace).not.toHaveBeenCalled();
    expect(actions['rancher/request']).not.toHaveBeenCalled();
  });

  it('when the provisioning cluster never appears, removes what it created and says so', async() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const { wrapper, router, actions } = setup({ provisions: false });

    await typeName(wrapper, 'harv-new');
    await save(wrapper).trigger('click');
    await jest.advanceTimersByTimeAsync(61_000);
    await flushPromises();

    expect(actions['rancher/request']).toHaveBeenCalledWith({ url: '/v3/clusters/c-x7k2q', method: 'delete' });
    expect(wrapper.find('[data-testid="cru-error"]').text()).toBe('Rancher did not create the provisioning cluster fleet-default/c-x7k2q within 60 seconds. The half-made cluster c-x7k2q was removed again, nothing is left behind. Try again in a moment.');
    expect(router.replace).not.toHaveBeenCalled();
  });

  it('when that cleanup fails too, names the cluster that is left', async() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const { wrapper, actions } = setup({ provisions: false });

    actions['rancher/request'].mockRejectedValueOnce(rancherError(403, 'Forbidden', 'cannot delete clusters'));
    await typeName(wrapper, 'harv-new');
    await save(wrapper).trigger('click');
    await jest.advanceTimersByTimeAsync(61_000);
    await flushPromises();

    expect(wrapper.find('[data-testid="cru-error"]').text()).toContain('Removing the half-made cluster c-x7k2q failed too (cannot delete clusters), so it is still in Rancher.');
  });

  // Reliability matrix: slow answers and 503 (docs/reliability.md).
  it('a Create that takes 10 s: Create is disabled meanwhile, a second click sends no second POST, then the import continues', async() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const { wrapper, router, created } = setup({ save: () => new Promise((resolve) => setTimeout(() => resolve({ id: 'c-x7k2q' }), 10_000)) });

    await typeName(wrapper, 'harv-new');
    await save(wrapper).trigger('click');
    await jest.advanceTimersByTimeAsync(5_000);

    expect(created).toHaveLength(1);
    expect(save(wrapper).attributes('disabled')).toBeDefined();
    expect(wrapper.findComponent(CruResourceStub).props('validationPassed')).toBe(false);
    // a second click (or the shell's AsyncButton firing again) while the first is pending
    wrapper.findComponent(CruResourceStub).vm.$emit('finish', () => {});
    await jest.advanceTimersByTimeAsync(6_000);
    await flushPromises();

    expect(created).toHaveLength(1);
    expect(router.replace).toHaveBeenCalledTimes(1);
    expect(router.replace).toHaveBeenCalledWith(expect.objectContaining({ hash: '#registration', params: expect.objectContaining({ id: 'c-x7k2q' }) }));
    expect(wrapper.findAll('[data-testid="cru-error"]')).toHaveLength(0);
  });

  it('a 503 on Create: a clear banner, the form keeps what was typed, nothing is cleaned up (nothing was made), and Create works again', async() => {
    let answer: () => Promise<{ id?: string }> = async() => Promise.reject(rancherError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'));
    const {
      wrapper, router, actions, created
    } = setup({ save: () => answer() });

    await typeName(wrapper, 'harv-new');
    await wrapper.find('[data-testid="name-ns-description-description"] input').setValue('lab cluster');
    await save(wrapper).trigger('click');
    await flushPromises();

    expect(wrapper.find('[data-testid="cru-error"]').text()).toBe('Could not import "harv-new" into Rancher. Rancher failed with an internal error (HTTP 503): the server is currently unable to handle the request. Try again; if it keeps failing, check the Rancher server logs.');
    expect((nameInput(wrapper).element as HTMLInputElement).value).toBe('harv-new');
    expect((wrapper.find('[data-testid="name-ns-description-description"] input').element as HTMLInputElement).value).toBe('lab cluster');
    expect(actions['rancher/request']).not.toHaveBeenCalled();
    expect(router.replace).not.toHaveBeenCalled();
    expect(save(wrapper).attributes('disabled')).toBeUndefined();

    answer = async() => ({ id: 'c-x7k2q' }); // Rancher is back
    await save(wrapper).trigger('click');
    await flushPromises();
    expect(created).toHaveLength(2);
    expect(wrapper.findAll('[data-testid="cru-error"]')).toHaveLength(0);
    expect(router.replace).toHaveBeenCalledWith(expect.objectContaining({ hash: '#registration' }));
  });
});

describe('component: Import Existing for a user Rancher does not let create clusters (a typed /create URL)', () => {
  it('shows the form read-only with the reason: no editable name, Create disabled, no member editor promising ownership', async() => {
    const store = fakeStore({
      provs: [], mgmts: [], schemas: readOnlySchemas(), settings: { 'server-version': 'v2.12.3' }
    });
    const value = store.newModel({ metadata: { namespace: 'fleet-default' }, spec: { agentEnvVars: [] } });
    const { wrapper } = mountClusterForm({
      store, value, mode: 'create'
    });

    await flushPromises();
    expect(wrapper.find('[data-testid="harvester-cluster-form-denied"]').text()).toBe('You may not import Harvester clusters: Rancher gives you no permission to create clusters. Ask your Rancher administrator.');
    const name = wrapper.find('[data-testid="name-ns-description-name"] input').element as HTMLInputElement;

    expect(name.disabled || name.readOnly).toBe(true);
    expect(wrapper.find('[data-testid="form-save"]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="membership-editor"]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('Rancher makes you the owner');
  });
});
