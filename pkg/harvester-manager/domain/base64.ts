// Steve serves secret data base64-encoded; this decoder avoids atob/Buffer so the domain stays
// free of browser and Node globals. Secret values we read (cluster ids) are ASCII/UTF-8.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes standard or URL-safe base64 to a UTF-8 string; undefined if it is not base64. */
export function decodeBase64(input: string | undefined | null): string | undefined {
  if (input === undefined || input === null) {
    return undefined;
  }

  const clean = input.replace(/[\r\n]/g, '').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');

  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) {
    return undefined;
  }

  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;

  for (const ch of clean) {
    buffer = (buffer << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }

  try {
    return decodeURIComponent(bytes.map((b) => `%${ b.toString(16).padStart(2, '0') }`).join(''));
  } catch {
    return undefined; // not valid UTF-8
  }
}
