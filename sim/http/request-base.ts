import { IncomingMessage } from 'http';

function firstHeader(req: IncomingMessage, name: string): string | undefined {
  const raw = req.headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;

  return value ? value.split(',')[0].trim() : undefined;
}

/**
 * The externally visible origin of a request. The front server terminates TLS and forwards
 * `x-api-host` / `x-forwarded-proto`; absolute `links` are built from those so the dashboard
 * follows them back through the front server (fallback: Host header over http).
 */
export function requestOrigin(req: IncomingMessage): { proto: string, host: string, origin: string, wsOrigin: string } {
  const proto = (firstHeader(req, 'x-forwarded-proto') || 'http').toLowerCase() === 'https' ? 'https' : 'http';
  const host = firstHeader(req, 'x-api-host') || firstHeader(req, 'x-forwarded-host') || firstHeader(req, 'host') || 'localhost';

  return {
    proto,
    host,
    origin:   `${ proto }://${ host }`,
    wsOrigin: `${ proto === 'https' ? 'wss' : 'ws' }://${ host }`,
  };
}

export function isSecureRequest(req: IncomingMessage): boolean {
  return requestOrigin(req).proto === 'https';
}
