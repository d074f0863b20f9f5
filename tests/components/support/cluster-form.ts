// Mounting the Import Existing / Edit Config form the way ResourceDetail does, with a router that
// records navigations and runs the form's route hooks. The test file mocks the shell's form
// components (jest.mock is hoisted there, before this module loads the form).
import { mount } from '@vue/test-utils';
import Edit from '@pkg/harvester-manager/edit/harvesterhci.io.management.cluster.vue';
import type { ClusterModel, FakeStore } from './store';
import { runFetch } from './wrappers';

export { runFetch };

export const IMPORT_ROUTE = {
  name:   'c-cluster-product-resource-create',
  params: {
    cluster: '_', product: 'harvesterManager', resource: 'harvesterhci.io.management.cluster'
  },
  query: {},
};

export const editRoute = (id: string) => ({
  name:   'c-cluster-product-resource-namespace-id',
  params: {
    ...IMPORT_ROUTE.params, namespace: 'fleet-default', id
  },
  query: { mode: 'edit' },
});

/** A route as the form's router hooks receive it. */
export interface HookRoute {
  name?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
}

/** vue-router's replace/push and its beforeEach/afterEach hooks; `navigated` runs one navigation through them. */
export function formRouter() {
  const hooks = { before: [] as ((to: HookRoute) => void)[], after: [] as ((to: HookRoute, from: HookRoute, failure?: unknown) => void)[] };
  const hookInto = <Hook>(list: Hook[]) => jest.fn((hook: Hook) => {
    list.push(hook);

    return () => list.splice(list.indexOf(hook), 1);
  });

  return {
    replace:    jest.fn(async() => undefined),
    push:       jest.fn(),
    beforeEach: hookInto(hooks.before),
    afterEach:  hookInto(hooks.after),
    hooks,
    navigated:  (to: HookRoute, failure?: unknown) => {
      [...hooks.before].forEach((hook) => hook(to));
      [...hooks.after].forEach((hook) => hook(to, {}, failure));
    },
  };
}

export type FormRouter = ReturnType<typeof formRouter>;

export function mountClusterForm(opts: { store: FakeStore; value: ClusterModel; mode: 'create' | 'edit'; route?: HookRoute; router?: FormRouter }) {
  const router = opts.router || formRouter();
  const wrapper = mount(Edit, {
    props: { mode: opts.mode, value: opts.value },
    // ResourceDetail binds its whole $data, including its own (empty) `errors`, onto the edit component
    attrs: {
      errors: [], as: 'config', liveValue: opts.value
    },
    global: {
      mocks: {
        $store: opts.store, $router: router, $route: opts.route || (opts.mode === 'create' ? IMPORT_ROUTE : editRoute(opts.value.metadata?.name as string)), $fetchState: { pending: false },
      },
      stubs:      { t: true, Loading: true },
      directives: { 'stripped-aria-label': {} },
    },
  });

  return { wrapper, router };
}
