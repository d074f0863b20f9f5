import { randomBytes, randomUUID } from 'crypto';

/**
 * Identifier generators shaped like Rancher's. Rancher draws random suffixes from
 * wrangler's `randomtoken` alphabet (no vowels, no ambiguous characters); the spec
 * only requires [a-z0-9], which this alphabet satisfies.
 */
const TOKEN_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(length: number): string {
  const bytes = randomBytes(length);
  let out = '';

  for (let i = 0; i < length; i++) {
    out += TOKEN_ALPHABET[bytes[i] % TOKEN_ALPHABET.length];
  }

  return out;
}

/** Norman-created management cluster: `c-xxxxx`. */
export const normanClusterId = () => `c-${ randomSuffix(5) }`;
/** Management cluster generated for a provisioning cluster: `c-m-xxxxxxxx`. */
export const provisionedClusterId = () => `c-m-${ randomSuffix(8) }`;
export const projectName = () => `p-${ randomSuffix(5) }`;
export const tokenName = () => `token-${ randomSuffix(5) }`;
/** Secret part of a login token / registration token (Rancher: 54 characters). */
export const tokenSecret = () => randomSuffix(54);
export const uid = () => randomUUID();
export const hexCookieValue = () => randomBytes(5).toString('hex');
