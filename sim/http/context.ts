import type { NextFunction, Request, Response } from 'express';
import { SessionStore, AuthToken } from '../auth/sessions';
import { errors } from '../core/api-error';
import { hexCookieValue } from '../core/ids';
import { AccessSet, ANONYMOUS } from '../rbac/access-set';
import type { SimState } from '../state';
import { KubeObject } from '../store/kube-object';
import { parseCookies, serializeCookie } from './cookies';
import { isSecureRequest, requestOrigin } from './request-base';

export const SESSION_COOKIE = 'R_SESS';
export const CSRF_COOKIE = 'CSRF';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * R_SESS (set and cleared) and CSRF carry `SameSite=Lax`, as Rancher sets them from v2.15
 * (rancher `pkg/auth/providers/publicapi/login.go`, `pkg/auth/tokens/manager.go`,
 * `pkg/auth/logout/handler.go` on release/v2.15; apiserver v0.9.7+ and norman v0.9.7+
 * `validate.go` for CSRF). 2.10–2.12 set none, leaving it to the browser (Chrome treats that as
 * Lax, Firefox and Safari send the cookie cross-site); the simulator sets it on every profile.
 */
const SAME_SITE = 'Lax';

/** Who is calling and from where; attached to every request by `authenticate`. */
export interface RequestContext {
  origin: string;
  wsOrigin: string;
  token?: AuthToken;
  user?: KubeObject;
  access: AccessSet;
  /** true when the caller authenticated with the session cookie (CSRF applies). */
  viaCookie: boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    ctx: RequestContext;
  }
}

function bearerFrom(req: Request): string | undefined {
  const header = req.headers.authorization;

  if (header && /^bearer\s+/i.test(header)) {
    return header.replace(/^bearer\s+/i, '').trim();
  }

  return undefined;
}

/** Resolve the caller from `Authorization: Bearer` or the `R_SESS` cookie. */
export function resolveCaller(state: SimState, req: Request): Pick<RequestContext, 'token' | 'user' | 'access' | 'viaCookie'> {
  const bearer = bearerFrom(req);
  const cookie = parseCookies(req)[SESSION_COOKIE];
  const token = state.sessions.resolve(bearer || cookie);
  const user = token ? state.store.get('management.cattle.io.user', token.userId) : undefined;

  if (!token || !user || user.enabled === false) {
    return { access: ANONYMOUS, viaCookie: false };
  }

  return {
    token, user, access: state.authorizer.accessFor(user.metadata.name), viaCookie: !bearer
  };
}

export function authenticate(state: SimState) {
  return (req: Request, res: Response, next: NextFunction) => {
    const { origin, wsOrigin } = requestOrigin(req);

    req.ctx = {
      origin, wsOrigin, ...resolveCaller(state, req)
    };
    res.setHeader('X-Api-Cattle-Auth', req.ctx.token ? 'true' : 'false');
    next();
  };
}

/**
 * Rancher's CSRF check: a `CSRF` cookie is handed out on the first response, and a cookie-
 * authenticated change must echo it in `X-API-CSRF` (422 otherwise). Bearer-token clients
 * (CLI, API keys) are exempt, as in Rancher.
 */
export function csrf(req: Request, res: Response, next: NextFunction): void {
  const cookies = parseCookies(req);
  const existing = cookies[CSRF_COOKIE];

  if (!existing) {
    res.append('Set-Cookie', serializeCookie(CSRF_COOKIE, hexCookieValue(), { secure: isSecureRequest(req), sameSite: SAME_SITE }));
  }
  if (SAFE_METHODS.has(req.method) || bearerFrom(req)) {
    return next();
  }
  const hasSession = !!cookies[SESSION_COOKIE];

  if ((hasSession || existing) && (!existing || req.headers['x-api-csrf'] !== existing)) {
    return next(errors.invalidCsrf());
  }
  next();
}

export function requireUser(req: Request): { user: KubeObject, token: AuthToken, access: AccessSet } {
  const { user, token, access } = req.ctx;

  if (!user || !token) {
    throw errors.unauthorized();
  }

  return {
    user, token, access
  };
}

export function setSessionCookie(req: Request, res: Response, token: AuthToken): void {
  res.append('Set-Cookie', serializeCookie(SESSION_COOKIE, SessionStore.render(token), {
    httpOnly: true, secure: isSecureRequest(req), sameSite: SAME_SITE
  }));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', serializeCookie(SESSION_COOKIE, '', {
    httpOnly: true, secure: isSecureRequest(req), maxAgeSeconds: 0, expires: new Date(0), sameSite: SAME_SITE
  }));
}
