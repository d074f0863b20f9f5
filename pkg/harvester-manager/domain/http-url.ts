import type { Result } from './types';

export interface HttpUrl {
  url: string;
  scheme: 'http' | 'https';
  /** Lowercased host name or IP, IPv6 without brackets. */
  host: string;
  port?: number;
}

const K = 'harvesterManager.url.error';

/**
 * Strict http(s) URL check written out by hand (no WHATWG URL) so the CLI and the browser agree
 * byte for byte, and so we refuse what URL() would silently repair: whitespace, control
 * characters, backslashes.
 */
export function parseHttpUrl(raw: string | undefined | null): Result<HttpUrl> {
  const url = raw ?? '';

  if (!url) {
    return { ok: false, error: { key: `${ K }.missing` } };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f-\u009f\\]/u.test(url)) {
    return { ok: false, error: { key: `${ K }.unsafeCharacters` } };
  }

  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([/?#].*)?$/.exec(url);

  if (!m) {
    return { ok: false, error: { key: `${ K }.malformed`, args: { url } } };
  }

  const scheme = m[1].toLowerCase();

  if (scheme !== 'http' && scheme !== 'https') {
    return { ok: false, error: { key: `${ K }.scheme`, args: { scheme } } };
  }

  const authority = m[2].slice(m[2].lastIndexOf('@') + 1);
  const hp = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._~%-]+))(?::(\d{1,5}))?$/.exec(authority);

  if (!hp) {
    return { ok: false, error: { key: `${ K }.malformed`, args: { url } } };
  }

  const port = hp[3] === undefined ? undefined : Number(hp[3]);

  if (port !== undefined && (port < 1 || port > 65535)) {
    return { ok: false, error: { key: `${ K }.malformed`, args: { url } } };
  }

  return {
    ok:    true,
    value: {
      url, scheme, host: (hp[1] ?? hp[2]).toLowerCase(), port
    }
  };
}

/**
 * Addresses that mean "this machine": the agent on Harvester resolves them to itself, never to
 * Rancher. The unspecified addresses are included because they are never reachable as a target.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');

  return h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    h === '0.0.0.0' ||
    /^(0{0,4}:){2,7}0{0,3}1$/.test(h) || // ::1 and its long forms
    /^(0{0,4}:){2,7}0{0,4}$/.test(h) || // ::
    /^::ffff:127\./.test(h);
}
