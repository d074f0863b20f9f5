import { afterLoginNavigation, type ResumeProgress, type RouteLike } from '../domain/login-resume';
import { isSameForm, openDraftRoute } from './form-draft';
import { lastPage, notePage } from './last-page';
import { routerOf, type ShellStore } from './shell-store';

// The shell's onLogin hook: follows the navigations that end on the landing page after a login and,
// when the session ended on a page of this product (a form with something typed, the list, a
// detail page), goes back to it. It also starts noting which page of the product this tab is on.

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
