import type { IncomingMessage } from 'http';

/**
 * Checks the front server makes before relaying a request. It faces the browser, so it must not
 * lend the user's cookies to another site's page, nor its own origin to a foreign one.
 */

export function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;

export function isLoopbackHost(host: string | undefined): boolean {
  return !!host && LOOPBACK_HOST.test(host.trim());
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
 * Why the simulator's test-control API (`/sim`) is not for this request, or undefined. Only a
 * client on this machine (tests, curl, kubectl) may use it, never a web page: a DNS-rebinding page
 * (evil.example resolving to 127.0.0.1) carries a foreign Host, and any page an Origin. The
 * simulator checks the same behind us; we answer first because our proxy rewrites the Host.
 */
export function simControlRefusal(req: IncomingMessage, exposed: boolean): { status: 403 | 404, message: string } | undefined {
  if (!exposed || !isLoopback(req.socket.remoteAddress)) {
    return { status: 404, message: 'not found' }; // as before: for other machines it does not exist
  }
  if (!isLoopbackHost(req.headers.host)) {
    return { status: 403, message: 'the /sim control API only answers requests for Host 127.0.0.1, localhost or [::1]' };
  }
  if (req.headers.origin !== undefined) {
    return { status: 403, message: 'the /sim control API does not answer web pages (the request has an Origin header)' };
  }

  return undefined;
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
