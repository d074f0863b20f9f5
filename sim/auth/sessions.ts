import { timingSafeEqual } from 'crypto';
import { tokenName, tokenSecret } from '../core/ids';
import { kubeTimestamp } from '../core/time';

/** A Rancher login token: `token-xxxxx:<secret>` in the R_SESS cookie or a Bearer header. */
export interface AuthToken {
  name: string;
  secret: string;
  userId: string;
  description: string;
  /** true for UI sessions created by login, false for API keys. */
  isSession: boolean;
  created: string;
  expiresAt?: number;
}

/** Rancher's default session TTL (auth-user-session-ttl-minutes = 960). */
const SESSION_TTL_MS = 960 * 60 * 1000;

/** Compared in constant time: how long a wrong guess takes must not tell how much of it was right. */
function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);

  return a.length === b.length && timingSafeEqual(a, b);
}

export class SessionStore {
  private tokens = new Map<string, AuthToken>();
  private save?: (tokens: AuthToken[]) => void;

  /** Save the tokens before each change takes effect (a failing save throws and changes nothing). */
  saveWith(save: (tokens: AuthToken[]) => void): void {
    this.save = save;
  }

  /**
   * `expires`: a login token (cookie or JSON answer) lives auth-user-session-ttl-minutes, whatever
   * the response type (rancher pkg/auth/providers/publicapi/login.go createLoginToken, release/v2.10–
   * v2.12); an API key made by a user does not expire by default.
   */
  create(userId: string, description: string, isSession = true, expires = isSession): AuthToken {
    const token: AuthToken = {
      name:      tokenName(),
      secret:    tokenSecret(),
      userId,
      description,
      isSession,
      created:   kubeTimestamp(),
      expiresAt: expires ? Date.now() + SESSION_TTL_MS : undefined,
    };

    this.save?.([...this.tokens.values(), token]);
    this.tokens.set(token.name, token);

    return token;
  }

  /** Resolve `token-xxxxx:secret`; undefined when unknown, wrong secret or expired. */
  resolve(bearer: string | undefined): AuthToken | undefined {
    if (!bearer) {
      return undefined;
    }
    const idx = bearer.indexOf(':');

    if (idx < 0) {
      return undefined;
    }
    const token = this.tokens.get(bearer.slice(0, idx));

    if (!token || !sameSecret(token.secret, bearer.slice(idx + 1))) {
      return undefined;
    }
    if (token.expiresAt && token.expiresAt < Date.now()) {
      this.tokens.delete(token.name);

      return undefined;
    }

    return token;
  }

  revoke(name: string): boolean {
    return this.keepOnly((t) => t.name !== name);
  }

  revokeForUser(userId: string): void {
    this.keepOnly((t) => t.userId !== userId);
  }

  list(): AuthToken[] {
    return Array.from(this.tokens.values());
  }

  load(tokens: AuthToken[]): void {
    this.tokens = new Map(tokens.map((t) => [t.name, t]));
  }

  private keepOnly(keep: (token: AuthToken) => boolean): boolean {
    const kept = this.list().filter(keep);

    if (kept.length === this.tokens.size) {
      return false;
    }
    this.save?.(kept);
    this.tokens = new Map(kept.map((t) => [t.name, t]));

    return true;
  }

  static render(token: AuthToken): string {
    return `${ token.name }:${ token.secret }`;
  }
}
