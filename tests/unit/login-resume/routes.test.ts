import { afterLoginNavigation, isAuthRoute } from '../../../pkg/harvester-manager/login-resume/routes';

const LOGIN = { name: 'auth-login' };
const INDEX = { name: 'index' };
const HOME = { name: 'home' };
const FORM = { name: 'c-cluster-product-resource-create' };
const open = { resumable: true, onTarget: false };

describe('login-resume: routes', () => {
  it('knows the shell\'s auth pages', () => {
    expect(isAuthRoute(LOGIN)).toBe(true);
    expect(isAuthRoute({ name: 'auth-verify' })).toBe(true);
    expect(isAuthRoute(HOME)).toBe(false);
    expect(isAuthRoute({ name: Symbol('auth-login') })).toBe(false);
    expect(isAuthRoute(undefined)).toBe(false);
  });

  it('login → index → home with an open draft: waits through index, then resumes once on the landing', () => {
    const first = afterLoginNavigation({ cameFromLogin: false }, LOGIN, INDEX, open);

    expect(first.step).toBe('wait');
    expect(afterLoginNavigation(first.progress, INDEX, HOME, open).step).toBe('resume');
  });

  it('a login that lands directly (no index hop) resumes too', () => {
    expect(afterLoginNavigation({ cameFromLogin: false }, LOGIN, HOME, open).step).toBe('resume');
  });

  it('stops without resuming when nothing is typed, the form is already open, or the landing did not follow a login', () => {
    const afterLogin = afterLoginNavigation({ cameFromLogin: false }, LOGIN, INDEX, open).progress;

    expect(afterLoginNavigation(afterLogin, INDEX, HOME, { resumable: false, onTarget: false }).step).toBe('done');
    expect(afterLoginNavigation(afterLogin, INDEX, FORM, { resumable: true, onTarget: true }).step).toBe('done');
    // a reload elsewhere (first navigation from nowhere) while a draft is open
    expect(afterLoginNavigation({ cameFromLogin: false }, undefined, HOME, open).step).toBe('done');
    expect(afterLoginNavigation({ cameFromLogin: false }, { name: undefined }, INDEX, open).step).toBe('wait');
  });
});
