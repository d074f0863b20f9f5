import { PRODUCT_NAME } from '../config/constants';

// The routes the login resume reads and keeps, and its one decision (pure, unit-tested): after
// the navigations a login makes, go back to where the session ended, or stop watching.

export interface RouteLike {
  name?: unknown;
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

/** A route as it is kept in sessionStorage: only strings, to be handed to `router.replace`. */
export interface KeptRoute {
  name: string;
  params: Record<string, string>;
  query: Record<string, string>;
}

export interface ResumeProgress {
  /** a navigation since the login came from one of the shell's auth pages */
  cameFromLogin: boolean;
}

export type ResumeStep = 'wait' | 'resume' | 'done';

/** What identifies a form (Import Existing, or Edit Config of one cluster), besides its route name. */
const FORM_PARAMS = ['product', 'resource', 'namespace', 'id'];

const routeName = (route: RouteLike | undefined) => (typeof route?.name === 'string' ? route.name : '');
const strings = (map: Record<string, unknown> = {}) => Object.fromEntries(Object.entries(map).filter(([, v]) => typeof v === 'string')) as Record<string, string>;

export const isStringMap = (value: unknown): value is Record<string, string> => !!value && typeof value === 'object' && !Array.isArray(value) &&
  Object.values(value).every((v) => typeof v === 'string');

export const isKeptRoute = (value: unknown): value is KeptRoute => !!value && typeof value === 'object' &&
  typeof (value as KeptRoute).name === 'string' && isStringMap((value as KeptRoute).params) && isStringMap((value as KeptRoute).query);

/** The shell's login, verify (SSO) and logout pages. */
export function isAuthRoute(route: RouteLike | undefined): boolean {
  return routeName(route).startsWith('auth-');
}

/** A page of this product (list, detail, forms). */
export function isProductRoute(route: RouteLike | undefined): boolean {
  return route?.params?.product === PRODUCT_NAME && typeof route?.name === 'string';
}

/** A product page as kept: its name, params and query. */
export function keptPage(route: RouteLike): KeptRoute {
  return {
    name: routeName(route), params: strings(route.params), query: strings(route.query)
  };
}

/** The route of a form, as kept with its draft: what identifies the form, nothing else. */
export function formRoute(route: RouteLike): KeptRoute {
  const params: Record<string, string> = {};

  for (const key of ['cluster', ...FORM_PARAMS]) {
    if (typeof route.params?.[key] === 'string') {
      params[key] = route.params[key] as string;
    }
  }

  return {
    name: routeName(route), params, query: typeof route.query?.mode === 'string' ? { mode: route.query.mode } : {}
  };
}

/** Does `route` show the same page as `kept` (for a form: the same form, whatever else the URL holds)? */
export function isSameForm(route: RouteLike, kept: KeptRoute): boolean {
  const other = formRoute(route);

  return other.name === kept.name && other.query.mode === kept.query.mode && FORM_PARAMS.every((key) => other.params[key] === kept.params[key]);
}

/**
 * After each navigation: keep waiting while the shell is still on its way to the landing page
 * (its `index` route redirects), then resume once, or stop watching. Only a landing reached from
 * a login page resumes: a reload elsewhere while a draft is open does not.
 */
export function afterLoginNavigation(progress: ResumeProgress, from: RouteLike | undefined, to: RouteLike, opts: { resumable: boolean; onTarget: boolean }): { progress: ResumeProgress; step: ResumeStep } {
  const next = { cameFromLogin: progress.cameFromLogin || isAuthRoute(from) };

  if (routeName(to) === 'index' || isAuthRoute(to)) {
    return { progress: next, step: 'wait' };
  }

  return { progress: next, step: next.cameFromLogin && opts.resumable && !opts.onTarget ? 'resume' : 'done' };
}
