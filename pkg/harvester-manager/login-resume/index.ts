import { afterLoginNavigation, isSameForm, type ResumeProgress, type RouteLike } from './routes';
import { lastPage, notePage, openDraftRoute } from './session-records';
import { routerOf, type ShellStore } from '../adapters/shell-store';

// Resuming after a login, in one place. When a session ends (expiry, revoked token) the shell
// reloads the tab into its login page and, after the login, lands on Home: shell 3.0.x records
// where the user was ("backTo") but never goes there. This module takes the user back:
// - to the Import Existing or Edit Config form they had open with something typed, whose values
//   the form brings back (form-draft-mixin.ts; drafts in session-records.ts);
// - otherwise to the page of this product they were on (list, detail).
// The decision is the pure `afterLoginNavigation` (routes.ts).

export { default as FormDraft } from './form-draft-mixin';
export * from './session-records';
export * from './routes';

interface Route extends RouteLike {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

interface RouterLike {
  afterEach(hook: (to: Route, from: Route) => void): () => void;
  replace(to: unknown): Promise<unknown>;
}

/** The hooks a login set on a router: a second login (same tab, new session) replaces them. */
const hooksOf = new WeakMap<RouterLike, Array<() => void>>();

/** The shell's onLogin hook: notes the product page this tab is on, and resumes once after a login. */
export function resumeAfterLogin(store: ShellStore): void {
  const router = routerOf<RouterLike>(store);
  const user = () => store.getters['auth/principalId'];

  if (!router?.afterEach) {
    return;
  }
  // Where the session ended, read before the landing navigations replace the record.
  const target = openDraftRoute(user()) || lastPage(user());

  (hooksOf.get(router) || []).forEach((remove) => remove());
  const hooks = [router.afterEach((to) => notePage(user(), to))];

  hooksOf.set(router, hooks);
  if (!target) {
    return;
  }
  let progress: ResumeProgress = { cameFromLogin: false };
  const stop = router.afterEach((to, from) => {
    const result = afterLoginNavigation(progress, from, to, { resumable: true, onTarget: isSameForm(to, target) });

    progress = result.progress;
    if (result.step === 'wait') {
      return;
    }
    stop();
    if (result.step === 'resume') {
      router.replace(target).catch(() => undefined);
    }
  });

  hooks.push(stop);
}
