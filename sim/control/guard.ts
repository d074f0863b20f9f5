import type { IncomingMessage } from 'http';
import type { Request, Response, NextFunction } from 'express';
import { ApiError, errors } from '../core/api-error';

/**
 * The test-control API (`/sim`) resets the simulator, injects faults and dumps every object,
 * registration tokens included. It is for tests and developers on this machine, which a web page
 * the developer visits must not be able to drive:
 * - loopback clients only (another machine);
 * - Host must name the loopback interface: a DNS-rebinding page (evil.example resolving to
 *   127.0.0.1) is same-origin with us to the browser and could read the answers, but its requests
 *   carry `Host: evil.example`. Through the front server the browser's Host arrives as
 *   `x-api-host` (and the proxy's own as Host), so every host header present is checked;
 * - no `Origin`: browsers send it on every cross-origin request and on every POST/PUT/DELETE,
 *   node's fetch, curl and kubectl never do;
 * - bodies only as `application/json` (see `jsonBodiesOnly`).
 */
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;

export function isLoopbackHost(host: string | undefined): boolean {
  return !!host && LOOPBACK_HOST.test(host.trim());
}

/** Why this request may not use `/sim`, or undefined. */
export function controlRefusal(req: IncomingMessage): string | undefined {
  if (!LOOPBACK_ADDRESSES.has(req.socket.remoteAddress || '')) {
    return 'the /sim control API only answers loopback clients';
  }
  const hosts = ['host', 'x-api-host', 'x-forwarded-host'].flatMap((name) => (req.headersDistinct?.[name] || []).flatMap((v) => v.split(',')));

  if (!req.headers.host || !hosts.every(isLoopbackHost)) {
    return 'the /sim control API only answers requests for Host 127.0.0.1, localhost or [::1]';
  }
  if (req.headers.origin !== undefined) {
    return 'the /sim control API does not answer web pages (the request has an Origin header)';
  }

  return undefined;
}

export function loopbackOnly(req: Request, _res: Response, next: NextFunction): void {
  const refusal = controlRefusal(req);

  next(refusal ? errors.forbidden(refusal) : undefined);
}

/**
 * A page can send `text/plain` (or a form) to any address without a CORS preflight; only
 * `application/json` needs one. So the control API refuses every other body type, and a body
 * without a type.
 */
export function jsonBodiesOnly(req: Request, _res: Response, next: NextFunction): void {
  const type = req.headers['content-type'];
  const hasBody = (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined;

  if ((type !== undefined || hasBody) && !/^application\/json\s*(;|$)/i.test(type || '')) {
    return next(new ApiError(415, 'UnsupportedMediaType', 'the /sim control API accepts only application/json bodies'));
  }
  next();
}
