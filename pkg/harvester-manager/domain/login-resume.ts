// Back to the Import Existing or Edit Config form after logging in again. When a session ends
// (expiry, revoked token) the shell reloads the tab into its login page and, after the login,
// lands on its home page: the shell 3.0.x records where the user was ("backTo") but never goes
// there. When a form was open with something typed, we take the user back to it.

export interface RouteLike {
  name?: string | symbol | null;
}

export interface ResumeProgress {
  /** a navigation since the login came from one of the shell's auth pages */
  cameFromLogin: boolean;
}

export type ResumeStep = 'wait' | 'resume' | 'done';

const routeName = (route: RouteLike | undefined) => (typeof route?.name === 'string' ? route.name : '');

/** The shell's login, verify (SSO) and logout pages. */
export function isAuthRoute(route: RouteLike | undefined): boolean {
  return routeName(route).startsWith('auth-');
}

/**
 * After each navigation: keep waiting while the shell is still on its way to the landing page
 * (its `index` route redirects), then resume the import once, or stop watching. Only a landing
 * reached from a login page resumes: a reload elsewhere while a draft is open does not.
 */
export function afterLoginNavigation(progress: ResumeProgress, from: RouteLike | undefined, to: RouteLike, opts: { resumable: boolean; onTarget: boolean }): { progress: ResumeProgress; step: ResumeStep } {
  const next = { cameFromLogin: progress.cameFromLogin || isAuthRoute(from) };

  if (routeName(to) === 'index' || isAuthRoute(to)) {
    return { progress: next, step: 'wait' };
  }

  return { progress: next, step: next.cameFromLogin && opts.resumable && !opts.onTarget ? 'resume' : 'done' };
}
