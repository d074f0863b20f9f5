import type { IncomingMessage } from 'http';

/**
 * Checks the front server makes before relaying a request. It faces the browser, so it must not
 * lend the user's cookies to another site's page, nor its own origin to a foreign one.
 */

export function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/** The host (and port) of an Origin header as Go's `url.Parse` reads it; '' for "null" or garbage. */
function originHost(origin: string): string {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#@]*@)?([^/?#]*)$/.exec(origin.trim())?.[2] || '';
}

/**
 * A websocket's Origin against the address the browser used to reach us (its Host), as Rancher
 * compares them (rancher `pkg/websocket/handler.go`): 'none' (no Origin: not a browser), 'same'
 * (our own origin; every Origin header must be, where Rancher accepts any one) or 'foreign' (a
 * page on another site, whoever the client claims to be).
 */
export function websocketOrigin(req: IncomingMessage): 'none' | 'same' | 'foreign' {
  const origins = req.headersDistinct?.origin || [];

  if (!origins.length) {
    return 'none';
  }

  return origins.every((o) => originHost(o) !== '' && originHost(o) === req.headers.host) ? 'same' : 'foreign';
}

/** Rancher's answer to a cross-site websocket: 403, norman's APIError, sniffed as text/plain by Go. */
export function crossSiteWebsocketAnswer(): string {
  const body = `${ JSON.stringify({
    Code: { Code: 'PermissionDenied', Status: 403 }, Message: 'origin not allowed', Cause: null, FieldName: ''
  }) }\n`;

  return 'HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n' +
    `Content-Length: ${ Buffer.byteLength(body) }\r\nConnection: close\r\n\r\n${ body }`;
}

/**
 * Rancher sets `SameSite=Lax` on R_SESS and CSRF from 2.15 (release/v2.15: rancher
 * `pkg/auth/providers/publicapi/login.go`, `pkg/auth/tokens/manager.go`, `pkg/auth/logout/handler.go`;
 * apiserver and norman v0.9.7 `validate.go`); 2.10–2.14 set none. We relay an older Rancher's
 * cookies with it added, so the browser does not send the session with another site's requests.
 */
const HARDENED_COOKIES = new Set(['R_SESS', 'CSRF']);

export function withSameSite(setCookie: string[]): string[] {
  return setCookie.map((line) => {
    const name = line.slice(0, line.indexOf('=')).trim();

    return HARDENED_COOKIES.has(name) && !/;\s*samesite=/i.test(line) ? `${ line }; SameSite=Lax` : line;
  });
}
