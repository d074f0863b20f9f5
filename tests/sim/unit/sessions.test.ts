import crypto from 'crypto';
import { SessionStore } from '../../../sim/auth/sessions';

// Rancher's login tokens: the session TTL (auth-user-session-ttl-minutes, 960) for a JSON answer
// as for a cookie (pkg/auth/providers/publicapi/login.go createLoginToken); API keys do not expire.
describe('sim: login tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('a login token answered as JSON expires after the session TTL, like a cookie session', () => {
    jest.useFakeTimers({ now: new Date('2026-12-02T00:00:00Z') });
    const store = new SessionStore();
    const json = store.create('user-admin', 'cli login', false, true);
    const key = `${ json.name }:${ json.secret }`;

    expect(store.resolve(key)?.userId).toBe('user-admin');
    jest.setSystemTime(new Date('2026-12-02T15:59:00Z'));
    expect(store.resolve(key)).toBeDefined();
    jest.setSystemTime(new Date('2026-12-02T16:01:00Z'));
    expect(store.resolve(key)).toBeUndefined();
  });

  it('an API key does not expire; a wrong, shorter or longer secret is refused', () => {
    const store = new SessionStore();
    const apiKey = store.create('user-admin', 'API key', false);

    expect(apiKey.expiresAt).toBeUndefined();
    expect(store.resolve(`${ apiKey.name }:${ apiKey.secret }`)).toBeDefined();
    expect(store.resolve(`${ apiKey.name }:${ apiKey.secret.slice(1) }x`)).toBeUndefined();
    expect(store.resolve(`${ apiKey.name }:${ apiKey.secret.slice(1) }`)).toBeUndefined();
    expect(store.resolve(`${ apiKey.name }:${ apiKey.secret }x`)).toBeUndefined();
  });

  it('compares a secret of the right length with crypto.timingSafeEqual, never with ===', () => {
    const store = new SessionStore();
    const token = store.create('user-admin', 'API key', false);
    const compare = jest.spyOn(crypto, 'timingSafeEqual');

    try {
      expect(store.resolve(`${ token.name }:${ 'x'.repeat(token.secret.length) }`)).toBeUndefined();
      expect(compare).toHaveBeenCalledTimes(1);
      expect(store.resolve(`${ token.name }:${ token.secret }`)).toBeDefined();
      expect(compare).toHaveBeenCalledTimes(2);
    } finally {
      compare.mockRestore();
    }
  });
});
