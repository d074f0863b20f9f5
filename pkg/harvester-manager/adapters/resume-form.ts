import { afterLoginNavigation, type ResumeProgress, type RouteLike } from '../domain/login-resume';
import { isSameForm, openDraftRoute } from './form-draft';

// The shell's onLogin hook: follows the navigations that end on the landing page after a login and,
// when this user's Import Existing or Edit Config form was open with something typed when the
// session ended, goes back to it.

interface Route extends RouteLike {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

interface RouterLike {
  afterEach(hook: (to: Route, from: Route) => void): () => void;
  replace(to: unknown): Promise<unknown>;
}

export function resumeFormAfterLogin(store: any): void {
  const router: RouterLike | undefined = store?.$router || store?.state?.$router;
  const user = () => store.getters['auth/principalId'];

  if (!router?.afterEach || !openDraftRoute(user())) {
    return;
  }
  let progress: ResumeProgress = { cameFromLogin: false };
  const stop = router.afterEach((to, from) => {
    const form = openDraftRoute(user());
    const result = afterLoginNavigation(progress, from, to, { draftOpen: !!form, onForm: !!form && isSameForm(to, form) });

    progress = result.progress;
    if (result.step === 'wait') {
      return;
    }
    stop();
    if (result.step === 'resume' && form) {
      router.replace(form).catch(() => undefined);
    }
  });
}
