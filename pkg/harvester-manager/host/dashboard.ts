/**
 * The Rancher dashboard that loaded this extension, as the modules in `host/` reach it at runtime.
 *
 * The extension's library build (vue.config.js, HOST_MODULES) makes a few `@shell/...` imports
 * resolve to modules in this folder instead of bundling the shell's own copy: the dashboard
 * already runs that code, and bundling it drags in most of the shell (a model class pulls
 * in the store, the product registry, every page and their libraries). Tests, type checks and
 * `npm run dev` keep importing the real shell modules.
 */

import { Component, defineAsyncComponent } from 'vue';
import type { ShellStore as Store } from '../adapters/shell-store';

/** A dashboard model class: what `<store>/classify` answers, and what our model extends. */
type ModelClass = new (...args: unknown[]) => object;

declare global {
  interface Window {
    /** Set by the shell's root component (`initialize/App.vue`); the shell's own models read $route/$router from it. */
    $globalApp?: { $store?: Store };
  }
}

/** The dashboard's Vuex store. */
export function dashboardStore(): Store {
  const store = typeof window === 'undefined' ? undefined : window.$globalApp?.$store;

  if (!store) {
    throw new Error('Harvester Manager: the Rancher dashboard store is not available (window.$globalApp.$store)');
  }

  return store;
}

/**
 * The dashboard's model class for a type: what its store instantiates for a resource of that
 * type (the public `<store>/classify` getter, as `store.dispatch('…/create')` uses it).
 */
export function dashboardModel(type: string, storeName = 'management'): ModelClass {
  const model = dashboardStore().getters[`${ storeName }/classify`]({ type });

  if (typeof model !== 'function') {
    throw new Error(`Harvester Manager: the Rancher dashboard has no model class for ${ type }`);
  }

  return model;
}

/**
 * A component of the dashboard's `shell/edit/` folder (e.g. `provisioning.cattle.io.cluster/Labels`),
 * loaded from the dashboard through its public `type-map/importComponent` getter when first rendered.
 */
export function dashboardEditComponent(path: string): Component {
  return defineAsyncComponent(async() => {
    const component = dashboardStore().getters['type-map/importComponent'](path);

    if (!component) {
      throw new Error(`Harvester Manager: the Rancher dashboard has no component edit/${ path }`);
    }

    return component;
  });
}
