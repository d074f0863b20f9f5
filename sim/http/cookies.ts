import { IncomingMessage } from 'http';

export function parseCookies(req: IncomingMessage): Record<string, string> {
  const header = req.headers.cookie;
  const out: Record<string, string> = {};

  if (!header) {
    return out;
  }
  for (const part of header.split(';')) {
    const idx = part.indexOf('=');

    if (idx < 0) {
      continue;
    }
    const key = part.slice(0, idx).trim();
    const raw = part.slice(idx + 1).trim();

    try {
      out[key] = decodeURIComponent(raw);
    } catch {
      out[key] = raw;
    }
  }

  return out;
}

export interface CookieOptions {
  httpOnly?: boolean;
  secure?: boolean;
  maxAgeSeconds?: number;
  expires?: Date;
  sameSite?: 'Lax' | 'Strict' | 'None';
}

export function serializeCookie(name: string, value: string, opts: CookieOptions = {}): string {
  const parts = [`${ name }=${ value }`, 'Path=/'];

  if (opts.maxAgeSeconds !== undefined) {
    parts.push(`Max-Age=${ opts.maxAgeSeconds }`);
  }
  if (opts.expires) {
    parts.push(`Expires=${ opts.expires.toUTCString() }`);
  }
  if (opts.httpOnly) {
    parts.push('HttpOnly');
  }
  if (opts.secure) {
    parts.push('Secure');
  }
  if (opts.sameSite) {
    parts.push(`SameSite=${ opts.sameSite }`); // last, as Go's http.Cookie.String() writes it
  }

  return parts.join('; ');
}
