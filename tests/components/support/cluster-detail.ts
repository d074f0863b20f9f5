// Mounting the Harvester cluster detail page the way ResourceDetail does: a fake store holding one
// cluster pair, a registration token, a Harvester version, and the page's fetch run. Mounted pages
// are kept so `unmountDetails()` can stop their timers after each test.
import { flushPromises, mount } from '@vue/test-utils';
import Detail from '@pkg/harvester-manager/detail/harvesterhci.io.management.cluster.vue';
import { adminSchemas } from './rancher';
import { fakeStore, type ActionHandler } from './store';
import type { Pair } from './rancher';
import { runFetch } from './wrappers';
import type { RegistrationToken, Schema } from '@pkg/harvester-manager/domain';

export const SERVER_URL = 'https://rancher.example.com';
export const DETAIL_TOKEN = {
  id: 'c-abcde:default-token', clusterId: 'c-abcde', manifestUrl: `${ SERVER_URL }/v3/import/secret_c-abcde.yaml`, created: '2024-03-07T15:45:27Z',
};

const mounted: { unmount(): void }[] = [];

export async function mountClusterDetail(pair: Pair, opts: { actions?: Record<string, ActionHandler>; schemas?: Schema[]; token?: RegistrationToken } = {}) {
  const store = fakeStore({
    provs:    [pair.prov],
    mgmts:    [pair.mgmt],
    schemas:  opts.schemas || adminSchemas(),
    settings: { 'server-url': SERVER_URL },
    actions:  {
      'rancher/findAll':    async() => [opts.token || DETAIL_TOKEN],
      'management/request': async() => ({ value: 'v1.4.1' }),
      ...opts.actions,
    },
  });
  const value = store.cluster(pair.prov.id as string);
  const wrapper = mount(Detail, {
    props:  { value, mode: 'view' },
    global: {
      mocks: {
        $store:      store,
        $fetchState: { pending: false },
        $route:      {
          params: {}, query: {}, hash: ''
        },
        $router: { push: jest.fn() },
      },
      stubs: { t: true, Loading: true },
    },
  });

  mounted.push(wrapper);
  await runFetch(wrapper);
  await flushPromises();

  return {
    wrapper, store, value
  };
}

/** Unmount every detail page mounted so far (stops the registration view's tick). */
export function unmountDetails(): void {
  mounted.splice(0).forEach((w) => w.unmount());
}
