import type { Store } from 'vuex';

/**
 * The dashboard's vuex store as the shell hands it to an extension (`this.$store`, nav hooks,
 * `init`). The shell declares its getters and actions untyped (vuex's own `getters: any`), so
 * this names the store without claiming shapes the shell does not promise.
 */
export type ShellStore = Store<unknown>;

/**
 * The app's router, which the shell puts on the store (`initialize/app-extended.js`) and on its state (`store/index.js`),
 * typed as far as the caller uses it.
 */
export function routerOf<Router>(store: ShellStore | undefined): Router | undefined {
  const holder = store as unknown as { $router?: Router, state?: { $router?: Router } } | undefined;

  return holder?.$router || holder?.state?.$router;
}
