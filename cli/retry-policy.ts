import { RESPONSE_INCOMPLETE } from './http-errors';

// When the CLI asks Rancher again by itself. Only reads are repeated: a POST or DELETE that
// timed out may have been carried out, so repeating it could act twice; the user decides.

/** Attempts per read, the first included. */
export const MAX_READ_ATTEMPTS = 3;
/** Longest wait between attempts we accept from a Retry-After header. */
export const MAX_RETRY_AFTER_MS = 10_000;

/** Answers that mean "Rancher or something in front of it is busy or restarting". */
const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);
/**
 * Transport failures worth another try (an answer cut off by --request-timeout too); refused or
 * unresolvable hosts are not (a wrong URL stays wrong), nor an answer over --max-response-size.
 */
const TRANSIENT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', RESPONSE_INCOMPLETE]);

export interface AttemptOutcome {
  method: string;
  /** 1 for the first attempt. */
  attempt: number;
  status?: number;
  /** Network error code when there was no answer. */
  code?: string;
  /** Retry-After header, seconds or an HTTP date. */
  retryAfter?: string;
  now: number;
}

/** Milliseconds to wait before the next attempt, or undefined when the outcome stands. */
export function retryDelay(outcome: AttemptOutcome): number | undefined {
  if (outcome.method.toUpperCase() !== 'GET' || outcome.attempt >= MAX_READ_ATTEMPTS) {
    return undefined;
  }
  const transient = outcome.status !== undefined ? TRANSIENT_STATUS.has(outcome.status) : TRANSIENT_CODES.has(outcome.code || '');

  if (!transient) {
    return undefined;
  }
  const asked = retryAfterMs(outcome.retryAfter, outcome.now);

  return asked !== undefined ? Math.min(asked, MAX_RETRY_AFTER_MS) : 1000 * 2 ** (outcome.attempt - 1);
}

function retryAfterMs(header: string | undefined, now: number): number | undefined {
  const text = (header || '').trim();

  if (!text) {
    return undefined;
  }
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  const at = Date.parse(text);

  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** What the user reads while the CLI waits to ask again. */
export function retryNotice(what: string, reason: string, delayMs: number, nextAttempt: number): string {
  return `${ what }: ${ reason }; asking again in ${ Math.max(1, Math.round(delayMs / 1000)) }s (attempt ${ nextAttempt } of ${ MAX_READ_ATTEMPTS }).`;
}
