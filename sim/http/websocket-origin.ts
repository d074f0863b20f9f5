import type { IncomingMessage } from 'http';

/**
 * How Rancher refuses a cross-site websocket (a page on another site opening `/v1/subscribe`
 * with the user's cookie would otherwise read everything the user may watch).
 *
 * Two checks, in the order a request meets them:
 * 1. rancher/rancher `pkg/websocket/handler.go` (release/v2.10, v2.11, v2.12: identical), in the
 *    handler chain before authentication is required: a websocket (`Connection: upgrade`) from a
 *    browser (`User-Agent` contains "mozilla") is refused unless one `Origin` header's host
 *    (`url.Parse(origin).Host`) equals the `Host` header exactly. Answer 403 with norman's
 *    APIError as JSON; `response()` sets content-type after `WriteHeader`, so Go sniffs
 *    `text/plain; charset=utf-8`.
 * 2. Steve's and Norman's subscribe handlers upgrade with a gorilla/websocket `Upgrader` without
 *    `CheckOrigin` (apiserver `pkg/subscribe/handler.go` v0.4.2/v0.5.2/v0.6.6, norman
 *    `pkg/subscribe/handler.go`), so gorilla's default applies to every client: the first
 *    `Origin`'s host must equal `Host`, ignoring ASCII case (gorilla/websocket v1.5.3
 *    `server.go` `checkSameOrigin`); else `http.Error(w, "Forbidden", 403)` with
 *    `Sec-Websocket-Version: 13`.
 * No `Origin` passes both (a CLI or `ws` client sends none).
 */

/** Go's `url.Parse(s).Host` for the strings an Origin header holds; undefined if Go would fail. */
export function goUrlHost(origin: string): string | undefined {
  if (/[\x00-\x20\x7f]/.test(origin)) { // eslint-disable-line no-control-regex -- Go refuses control characters and spaces in a URL
    return undefined;
  }
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(origin);

  if (!m) {
    return ''; // "null", or no authority: Host is empty, which never equals a Host header
  }

  return m[1].slice(m[1].lastIndexOf('@') + 1);
}

function origins(req: IncomingMessage): string[] {
  return req.headersDistinct?.origin || [];
}

function isBrowser(req: IncomingMessage): boolean {
  return (req.headersDistinct?.['user-agent'] || []).some((ua) => ua.toLowerCase().includes('mozilla'));
}

/** rancher `pkg/websocket/handler.go` `checkSameOrigin`: any Origin whose host is the Host header. */
export function rancherSameOrigin(req: IncomingMessage): boolean {
  const list = origins(req);
  const host = req.headers.host || '';

  return list.length === 0 || list.some((o) => goUrlHost(o) === host);
}

/** gorilla/websocket `checkSameOrigin`: the first Origin's host, case-insensitively. */
export function gorillaSameOrigin(req: IncomingMessage): boolean {
  const [first] = origins(req);

  if (first === undefined) {
    return true;
  }
  const h = goUrlHost(first);

  return h !== undefined && h.toLowerCase() === (req.headers.host || '').toLowerCase();
}

// What Rancher's handler chain has set before either check answers (apiserver pkg/middleware).
const CHAIN_HEADERS = 'X-Api-Cattle-Auth: {auth}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-cache, no-store, must-revalidate\r\n';

function rawResponse(headers: string, body: string, authed: boolean): string {
  return `HTTP/1.1 403 Forbidden\r\n${ CHAIN_HEADERS.replace('{auth}', String(authed)) }${ headers }` +
    `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${ Buffer.byteLength(body) }\r\nConnection: close\r\n\r\n${ body }`;
}

const CROSS_SITE_BODY = `${ JSON.stringify({
  Code: { Code: 'PermissionDenied', Status: 403 }, Message: 'origin not allowed', Cause: null, FieldName: ''
}) }\n`;

/**
 * The raw HTTP answer refusing this upgrade, or undefined to accept it. In Rancher's order:
 * check 1, then `RequireAuthenticatedFilter`'s 401 for `/v1/` (the last middleware of the chain,
 * rancher `pkg/rancher/rancher.go`, `pkg/auth/requests/filter.go`), then check 2.
 * `steveUpgrader`: Rancher's own `/v1` or `/v3` subscribe; a downstream cluster's socket goes
 * through the cluster proxy to its agent, whose Host is not modelled, so only check 1 applies.
 */
export function upgradeRefusal(req: IncomingMessage, opts: { authed: boolean, steveUpgrader: boolean }): string | undefined {
  if (isBrowser(req) && !rancherSameOrigin(req)) {
    return rawResponse('', CROSS_SITE_BODY, opts.authed);
  }
  if (!opts.authed) {
    return 'HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n';
  }
  if (opts.steveUpgrader && !gorillaSameOrigin(req)) {
    return rawResponse('Sec-Websocket-Version: 13\r\n', 'Forbidden\n', opts.authed);
  }

  return undefined;
}
