import type { IncomingMessage } from 'http';

/**
 * Checks the front server makes before relaying a request. It faces the browser, so it must not
 * lend the user's cookies to another site's page, nor its own origin to a foreign one.
 */

export function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}
