// Mounting the Harvester cluster list as the shell's ResourceList page does. The test file mocks
// ResourceTable (jest.mock is hoisted there) with the table stand-in it needs.
import { flushPromises, mount } from '@vue/test-utils';
import List from '@pkg/harvester-manager/list/harvesterhci.io.management.cluster.vue';
import type { FakeStore } from './store';
import { MastheadStub, stub } from './stubs';

export const LIST_SCHEMA = { id: 'harvesterhci.io.management.cluster' };

/** The app's router as the list uses it: `push`, and `beforeEach` (returns the hook's remover). */
export interface ListRouter {
  push: jest.Mock;
  beforeEach?: (hook: (to: { path: string }, from: { path: string }) => void) => () => void;
}

export async function mountClusterList(store: FakeStore, router: ListRouter = { push: jest.fn() }) {
  const wrapper = mount(List, {
    props:  { schema: LIST_SCHEMA },
    global: {
      mocks: {
        $store: store, $fetchState: { pending: false }, $router: router, $route: { params: {}, query: {} },
      },
      stubs: {
        Masthead: MastheadStub, BrandImage: stub('BrandImage'), HarvesterExtensionPanel: stub('HarvesterExtensionPanel'), Loading: stub('Loading'), t: true,
      },
    },
  });

  await flushPromises();

  return wrapper;
}

/** Rancher reports a change (the list's `resource.changes` callback), and the refetch completes. */
export async function changeNotice(store: FakeStore): Promise<void> {
  const call = store.dispatch.mock.calls.find((c) => c[0] === 'management/watchEvent');

  jest.useFakeTimers();
  try {
    call?.[1].callback();
    jest.advanceTimersByTime(1000);
  } finally {
    jest.useRealTimers();
  }
  await flushPromises();
}
