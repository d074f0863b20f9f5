// Reliability matrix (docs/reliability.md), 401 mid-session: the shell answers an expired
// session by reloading the tab into the login page. The Import Existing form keeps what was
// typed in sessionStorage, for this user only, until the import succeeds or is cancelled, and
// brings it back (with a notice); the login goes back to the form. (Edit Config's draft:
// edit-config.test.ts.)
import { reactive } from 'vue';
import './support/mock-form-parts';
import { flushPromises } from '@vue/test-utils';
import { IMPORT_ROUTE, mountClusterForm, type HookRoute } from './support/cluster-form';
import {
  clearDraft, draftKey, editForm, formRoute, IMPORT_FORM, isSameForm, loadDraft, markDraftOpen, openDraftRoute, resumeAfterLogin, saveDraft, type FormValues,
} from '@pkg/harvester-manager/login-resume';
import type { ShellStore } from '@pkg/harvester-manager/adapters/shell-store';
import { activePair, adminSchemas, prov as provFixture, mgmt as mgmtFixture } from './support/rancher';
import { fakeStore, type ClusterModel } from './support/store';
import { storeError } from './support/store-error';
import { CruResourceStub } from './support/stubs';
import type { Wrapper } from './support/wrappers';

const ADMIN = 'local://user-admin';
const IMPORT_DRAFT_KEY = draftKey(IMPORT_FORM);
const importDraftAwaitsResume = (user: string) => !!openDraftRoute(user);
const saveImportDraft = (user: string | null, values: FormValues, storage?: Storage) => saveDraft(IMPORT_FORM, user, values, IMPORT_ROUTE, undefined, storage);

function form(opts: { mode?: string; user?: string; save?: () => Promise<{ id: string }> } = {}) {
  const existing = activePair('harv-prod', 'c-aaaaa');
  const actions = {
    'rancher/create': (body: { name: string }) => ({
      ...body,
      save: jest.fn(async() => {
        const out = await (opts.save ? opts.save() : { id: 'c-x7k2q' });

        store.load([existing.prov, provFixture({ name: out.id })], [existing.mgmt, mgmtFixture({ id: out.id, displayName: body.name })]);

        return out;
      }),
    }),
    'rancher/findAll': async() => [{
      id: 'c-x7k2q:default-token', clusterId: 'c-x7k2q', manifestUrl: 'https://rancher.example.com/v3/import/s_c-x7k2q.yaml'
    }],
    'rancher/request': jest.fn(async() => ({})),
  };

  const store = fakeStore({
    provs: [existing.prov], mgmts: [existing.mgmt], schemas: adminSchemas(), normanSchemas: [{ id: 'principal' }], actions,
  });

  store.getters['auth/principalId'] = opts.user ?? ADMIN;
  // reactive, as ResourceDetail's copy is: the shell's Labels editor writes into value.metadata
  const value = reactive(opts.mode === 'edit' ? store.cluster(existing.prov.id as string) : store.newModel({ metadata: { namespace: 'fleet-default' }, spec: { agentEnvVars: [] } }));
  const { wrapper, router } = mountClusterForm({
    store, value, mode: opts.mode === 'edit' ? 'edit' : 'create'
  });
  const { navigated, hooks: routeHooks } = router;

  return {
    wrapper, router, value, navigated, routeHooks,
  };
}

const field = (w: Wrapper, id: string) => w.find(`[data-testid="${ id }"]`);
const notice = (w: Wrapper) => field(w, 'harvester-draft-restored');
const stored = () => JSON.parse(window.sessionStorage.getItem(IMPORT_DRAFT_KEY) || 'null');

async function type(w: Wrapper, value: ClusterModel) {
  await w.find('[data-testid=\"name-ns-description-name\"] input').setValue('harv-draft');
  await w.find('[data-testid=\"name-ns-description-description\"] input').setValue('typed before the session expired');
  value.metadata.labels = { site: 'lab' };
  await flushPromises();
}

describe('component: Import Existing keeps a draft of what was typed', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('keeps name, description and labels for this user, and a new form brings them back with a notice', async() => {
    const first = form();

    expect(notice(first.wrapper).exists()).toBe(false);
    await type(first.wrapper, first.value);
    expect(stored()).toEqual({
      user: ADMIN, route: IMPORT_ROUTE, open: true, name: 'harv-draft', description: 'typed before the session expired', labels: { site: 'lab' }, annotations: {},
    });
    expect(importDraftAwaitsResume(ADMIN)).toBe(true);
    // a navigation that stays on the form, or one that failed, changes nothing
    first.navigated({ name: 'c-cluster-product-resource-create', params: { product: 'harvesterManager', resource: 'harvesterhci.io.management.cluster' } });
    first.navigated({ name: 'home' }, new Error('aborted'));
    expect(importDraftAwaitsResume(ADMIN)).toBe(true);
    // left by navigating: kept, but not worth going back to after a login
    first.navigated({ name: 'home' });
    expect(stored()).toMatchObject({ name: 'harv-draft', open: false });
    expect(importDraftAwaitsResume(ADMIN)).toBe(false);
    first.wrapper.unmount();
    expect(first.routeHooks.before).toHaveLength(0);
    expect(first.routeHooks.after).toHaveLength(0);

    // the tab reloads into the login page, the user logs in again and opens Import Existing
    const again = form();

    expect((again.wrapper.find('[data-testid=\"name-ns-description-name\"] input').element as HTMLInputElement).value).toBe('harv-draft');
    expect((again.wrapper.find('[data-testid=\"name-ns-description-description\"] input').element as HTMLInputElement).value).toBe('typed before the session expired');
    expect(again.value.metadata.labels).toEqual({ site: 'lab' });
    expect(notice(again.wrapper).text()).toBe('Restored what you typed in this tab before leaving the form without importing (for example when your session expired). Cancel discards it.');
    expect(field(again.wrapper, 'form-save').attributes('disabled')).toBeUndefined();
  });

  it('a page torn down without a navigation (the shell reloading into its login page) leaves the draft open', async() => {
    const first = form();

    await type(first.wrapper, first.value);
    first.wrapper.unmount();
    expect(importDraftAwaitsResume(ADMIN)).toBe(true);
    // and a restored form is open again even before anything is typed
    markDraftOpen(IMPORT_FORM, false);
    form();
    expect(importDraftAwaitsResume(ADMIN)).toBe(true);
  });

  it('another user logging in in the same tab does not get it, and it is dropped', async() => {
    const first = form();

    await type(first.wrapper, first.value);
    first.wrapper.unmount();

    const other = form({ user: 'local://user-other' });

    expect((other.wrapper.find('[data-testid=\"name-ns-description-name\"] input').element as HTMLInputElement).value).toBe('');
    expect(notice(other.wrapper).exists()).toBe(false);
    expect(stored()).toBeNull();
  });

  it('a 401 on Create keeps it (the shell then reloads into the login page); a successful Create clears it', async() => {
    let answer: () => Promise<{ id: string }> = () => Promise.reject(storeError({
      type: 'error', status: 401, code: 'Unauthorized', message: 'must authenticate',
    }));
    const first = form({ save: () => answer() });

    await type(first.wrapper, first.value);
    await field(first.wrapper, 'form-save').trigger('click');
    await flushPromises();
    expect(field(first.wrapper, 'cru-error').text()).toContain('Could not import "harv-draft" into Rancher.');
    expect(stored()?.name).toBe('harv-draft');

    answer = async() => ({ id: 'c-x7k2q' });
    await field(first.wrapper, 'form-save').trigger('click');
    await flushPromises();
    expect(first.router.replace).toHaveBeenCalledWith(expect.objectContaining({ hash: '#registration' }));
    expect(stored()).toBeNull();
  });

  it('Cancel discards it and goes back to the list', async() => {
    const first = form();

    await type(first.wrapper, first.value);
    first.wrapper.findComponent(CruResourceStub).vm.$emit('cancel');
    await flushPromises();

    expect(stored()).toBeNull();
    expect(first.router.replace).toHaveBeenCalledWith({
      name:   'c-cluster-product-resource',
      params: {
        cluster: '_', product: 'harvesterManager', resource: 'harvesterhci.io.management.cluster'
      }
    });
  });

  it('Edit Config neither restores nor touches the import draft', async() => {
    saveImportDraft(ADMIN, {
      name: 'harv-draft', description: 'x', labels: {}, annotations: {},
    });
    const edit = form({ mode: 'edit' });

    expect(notice(edit.wrapper).exists()).toBe(false);
    await edit.wrapper.find('[data-testid=\"name-ns-description-description\"] input').setValue('edited');
    await flushPromises();
    expect(stored()?.description).toBe('x');
  });
});

describe('adapters: form draft storage', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('drops what it cannot read: bad JSON, wrong shapes', () => {
    for (const raw of ['{', '[]', JSON.stringify({ user: ADMIN, name: 1 }), JSON.stringify({
      user: ADMIN, route: IMPORT_ROUTE, name: 'a', description: '', labels: { a: 1 }, annotations: {},
    }), JSON.stringify({
      user: ADMIN, route: { name: 1 }, name: 'a', description: '', labels: {}, annotations: {},
    })]) {
      window.sessionStorage.setItem(IMPORT_DRAFT_KEY, raw);
      expect(loadDraft(IMPORT_FORM, ADMIN)).toBeUndefined();
      expect(window.sessionStorage.getItem(IMPORT_DRAFT_KEY)).toBeNull();
    }
  });

  it('an empty form forgets the draft; no user, no draft', () => {
    saveImportDraft(ADMIN, {
      name: 'a', description: '', labels: {}, annotations: {},
    });
    saveImportDraft(ADMIN, {
      name: '', description: '', labels: {}, annotations: {},
    });
    expect(window.sessionStorage.getItem(IMPORT_DRAFT_KEY)).toBeNull();
    saveImportDraft(null, {
      name: 'a', description: '', labels: {}, annotations: {},
    });
    expect(window.sessionStorage.getItem(IMPORT_DRAFT_KEY)).toBeNull();
    expect(loadDraft(IMPORT_FORM, undefined)).toBeUndefined();
  });

  it('keeps one draft per form, and a draft equal to what the form started from is none', () => {
    const editRoute = {
      name:   'c-cluster-product-resource-namespace-id',
      params: {
        product: 'harvesterManager', resource: 'harvesterhci.io.management.cluster', namespace: 'fleet-default', id: 'harv'
      },
      query: { mode: 'edit' }
    };
    const saved = {
      name: 'harv', description: 'old', labels: { b: '2', a: '1' }, annotations: {},
    };

    saveImportDraft(ADMIN, {
      name: 'new', description: '', labels: {}, annotations: {},
    });
    saveDraft(editForm('fleet-default/harv'), ADMIN, { ...saved, labels: { a: '1', b: '2' } }, editRoute, saved);
    expect(window.sessionStorage.getItem(draftKey(editForm('fleet-default/harv')))).toBeNull();
    saveDraft(editForm('fleet-default/harv'), ADMIN, { ...saved, description: 'new text' }, editRoute, saved);
    expect(loadDraft(editForm('fleet-default/harv'), ADMIN)?.description).toBe('new text');
    expect(loadDraft(IMPORT_FORM, ADMIN)?.name).toBe('new');
    // both are open (no navigation left them): the one found is one of the two forms
    expect([IMPORT_ROUTE.name, editRoute.name]).toContain(openDraftRoute(ADMIN)?.name);
    markDraftOpen(IMPORT_FORM, false);
    expect(openDraftRoute(ADMIN)).toEqual(editRoute);
  });

  it('knows a form by its route: name, product, resource, namespace, id and mode; not by hash or other query', () => {
    const edit = formRoute({
      name:   'c-cluster-product-resource-namespace-id',
      params: {
        cluster: '_', product: 'harvesterManager', resource: 'harvesterhci.io.management.cluster', namespace: 'fleet-default', id: 'harv'
      },
      query: { mode: 'edit', as: 'config' },
    });

    expect(edit.query).toEqual({ mode: 'edit' });
    expect(isSameForm({ ...edit, query: { mode: 'edit', foo: 'bar' } }, edit)).toBe(true);
    expect(isSameForm({ ...edit, query: {} }, edit)).toBe(false);
    expect(isSameForm({ ...edit, params: { ...edit.params, id: 'other' } }, edit)).toBe(false);
    expect(isSameForm(IMPORT_ROUTE, edit)).toBe(false);
    expect(isSameForm({ name: 'home' }, formRoute(IMPORT_ROUTE))).toBe(false);
  });

  it('a storage that refuses writes or reads leaves the form working without a draft', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    } as unknown as Storage;

    expect(() => saveImportDraft(ADMIN, {
      name: 'a', description: '', labels: {}, annotations: {},
    }, refusing)).not.toThrow();
    expect(() => clearDraft(IMPORT_FORM, refusing)).not.toThrow();
    expect(loadDraft(IMPORT_FORM, ADMIN, refusing)).toBeUndefined();
    expect(() => markDraftOpen(IMPORT_FORM, true, refusing)).not.toThrow();
    expect(openDraftRoute(ADMIN, refusing)).toBeUndefined();
  });
});

describe('adapters: back to the form after logging in again', () => {
  const FORM = IMPORT_ROUTE;

  type Hook = (to: HookRoute, from: HookRoute | undefined) => void;

  /** A router that records hooks and replacements; `go` runs a navigation through the hooks. */
  function fakeRouter() {
    const hooks: Hook[] = [];
    const router = {
      replace:   jest.fn(async() => undefined),
      afterEach: jest.fn((hook: Hook) => {
        hooks.push(hook);

        return () => hooks.splice(hooks.indexOf(hook), 1);
      }),
      go: (from: HookRoute | undefined, to: HookRoute) => [...hooks].forEach((hook) => hook(to, from)),
      hooks,
    };

    return router;
  }
  // the parts of the shell's store resumeAfterLogin reads
  const loginStore = (router: ReturnType<typeof fakeRouter>, user = ADMIN) => ({ getters: { 'auth/principalId': user }, state: { $router: router } }) as unknown as ShellStore;
  const openDraft = () => {
    saveImportDraft(ADMIN, {
      name: 'harv-draft', description: '', labels: {}, annotations: {},
    });
  };

  beforeEach(() => window.sessionStorage.clear());

  it('a form left open by a session that ended: login → index → home goes back to the form, once', () => {
    openDraft();
    const router = fakeRouter();

    resumeAfterLogin(loginStore(router));
    router.go({ name: 'auth-login' }, { name: 'index' });
    expect(router.replace).not.toHaveBeenCalled();
    router.go({ name: 'index' }, { name: 'home' });
    expect(router.replace).toHaveBeenCalledTimes(1);
    expect(router.replace).toHaveBeenCalledWith({
      name:   'c-cluster-product-resource-create',
      params: {
        cluster: '_', product: 'harvesterManager', resource: 'harvesterhci.io.management.cluster'
      },
      query: {}
    });
    expect(router.hooks).toHaveLength(1); // only the page tracker stays
  });

  it('a second login in the same tab replaces the first one\'s hooks instead of adding more', () => {
    openDraft();
    const router = fakeRouter();

    resumeAfterLogin(loginStore(router));
    expect(router.hooks).toHaveLength(2); // page tracker and the pending resume
    resumeAfterLogin(loginStore(router));
    expect(router.hooks).toHaveLength(2);
    router.go({ name: 'auth-login' }, { name: 'index' });
    router.go({ name: 'index' }, { name: 'home' });
    expect(router.replace).toHaveBeenCalledTimes(1);
    expect(router.hooks).toHaveLength(1);
  });

  it.each([
    ['no draft', () => undefined, ADMIN],
    ['a draft left by navigating away', () => {
      openDraft();
      markDraftOpen(IMPORT_FORM, false);
    }, ADMIN],
    ['another user\'s draft', openDraft, 'local://user-other'],
  ])('does nothing for %s', (_what, setUp, user) => {
    setUp();
    const router = fakeRouter();

    resumeAfterLogin(loginStore(router, user));
    router.go({ name: 'auth-login' }, { name: 'index' });
    router.go({ name: 'index' }, { name: 'home' });
    expect(router.replace).not.toHaveBeenCalled();
  });

  it('a reload elsewhere with an open draft (no login before it) stays where it is', () => {
    openDraft();
    const router = fakeRouter();

    resumeAfterLogin(loginStore(router));
    router.go(undefined, { name: 'c-cluster-explorer' });
    router.go({ name: 'c-cluster-explorer' }, { name: 'home' });
    expect(router.replace).not.toHaveBeenCalled();
    expect(router.hooks).toHaveLength(1); // only the page tracker stays
  });

  it('a login that lands on the form itself does not navigate again', () => {
    openDraft();
    const router = fakeRouter();

    resumeAfterLogin(loginStore(router));
    router.go({ name: 'auth-login' }, { ...FORM });
    expect(router.replace).not.toHaveBeenCalled();
  });

  it('is the extension\'s onLogin hook', () => {
    const addNavHooks = jest.fn();
    const plugin = {
      addNavHooks, addProduct: jest.fn(), register: jest.fn(), metadata: {},
    };

    jest.isolateModules(() => {
      jest.doMock('@rancher/auto-import', () => ({ importTypes: jest.fn() }), { virtual: true });
      require('@pkg/harvester-manager/index').default(plugin);
    });
    expect(addNavHooks).toHaveBeenCalledWith({ onLogin: expect.any(Function) });
  });
});

describe('adapters: back to the page of this product after logging in again', () => {
  const DETAIL = {
    name:   'c-cluster-product-resource-namespace-id',
    params: {
      cluster: '_', product: 'harvesterManager', resource: 'harvesterhci.io.management.cluster', namespace: 'fleet-default', id: 'c-aaaaa'
    },
    query: {},
  };

  type Hook = (to: HookRoute, from: HookRoute | undefined) => void;

  /** One page load: the onLogin hook runs with a fresh router; `go` runs a navigation through its hooks. */
  function pageLoad(user = ADMIN) {
    const hooks: Hook[] = [];
    const router = {
      replace:   jest.fn(async() => undefined),
      afterEach: (hook: Hook) => {
        hooks.push(hook);

        return () => hooks.splice(hooks.indexOf(hook), 1);
      },
    };

    resumeAfterLogin({ getters: { 'auth/principalId': user }, state: { $router: router } } as unknown as ShellStore);

    return { router, go: (from: HookRoute | undefined, to: HookRoute) => [...hooks].forEach((hook) => hook(to, from)) };
  }
  const logIn = (load: ReturnType<typeof pageLoad>) => {
    load.go({ name: 'auth-login' }, { name: 'index' });
    load.go({ name: 'index' }, { name: 'home' });
  };

  beforeEach(() => window.sessionStorage.clear());

  it('the session ended on a detail page (the tab reloads into the login page, no navigation): the login goes back to it', () => {
    pageLoad().go({ name: 'c-cluster-product-resource' }, DETAIL);
    const afterLogin = pageLoad();

    logIn(afterLogin);
    expect(afterLogin.router.replace).toHaveBeenCalledWith(DETAIL);
  });

  it.each([
    ['a deliberate Log Out (a navigation to the logout page)', { name: 'auth-logout', params: {} }],
    ['a visit to another product', { name: 'c-cluster-explorer', params: { product: 'explorer' } }],
  ])('%s forgets the page: the next login lands on Home', (_what, elsewhere) => {
    const before = pageLoad();

    before.go({ name: 'c-cluster-product-resource' }, DETAIL);
    before.go(DETAIL, elsewhere);
    const afterLogin = pageLoad();

    logIn(afterLogin);
    expect(afterLogin.router.replace).not.toHaveBeenCalled();
  });

  it('another user logging in in the same tab is not taken there', () => {
    pageLoad().go({ name: 'c-cluster-product-resource' }, DETAIL);
    const other = pageLoad('local://user-other');

    logIn(other);
    expect(other.router.replace).not.toHaveBeenCalled();
  });
});
