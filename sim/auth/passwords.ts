import { randomBytes, scryptSync, timingSafeEqual } from 'crypto';

/** Local-provider password hashes (Rancher stores them in secrets; never in the user object). */
export interface PasswordHash {
  salt: string;
  hash: string;
}

// Low scrypt cost: these are throw-away simulator passwords and tests log in often.
const SCRYPT_OPTS = {
  N: 1024, r: 8, p: 1
};

export function hashPassword(password: string): PasswordHash {
  const salt = randomBytes(16).toString('hex');

  return { salt, hash: scryptSync(password, salt, 32, SCRYPT_OPTS).toString('hex') };
}

export function verifyPassword(password: string, stored: PasswordHash | undefined): boolean {
  if (!stored) {
    return false;
  }
  const candidate = scryptSync(password, stored.salt, 32, SCRYPT_OPTS);
  const expected = Buffer.from(stored.hash, 'hex');

  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}
