import { RESPONSE_INCOMPLETE, RESPONSE_TOO_LARGE } from '../../../cli/http-errors';
import { MAX_READ_ATTEMPTS, MAX_RETRY_AFTER_MS, retryDelay, retryNotice } from '../../../cli/retry-policy';

const NOW = Date.parse('2026-11-26T12:00:00Z');

describe('cli: retry policy', () => {
  it.each([429, 502, 503, 504])('asks a read again after %i, backing off 1s then 2s', (status) => {
    expect(retryDelay({
      method: 'GET', attempt: 1, status, now: NOW
    })).toBe(1000);
    expect(retryDelay({
      method: 'get', attempt: 2, status, now: NOW
    })).toBe(2000);
  });

  it.each(['ECONNABORTED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', RESPONSE_INCOMPLETE])('asks a read again after no (complete) answer (%s)', (code) => {
    expect(retryDelay({
      method: 'GET', attempt: 1, code, now: NOW
    })).toBe(1000);
  });

  it(`stops after ${ MAX_READ_ATTEMPTS } attempts`, () => {
    expect(retryDelay({
      method: 'GET', attempt: MAX_READ_ATTEMPTS, status: 503, now: NOW
    })).toBeUndefined();
    expect(retryDelay({
      method: 'GET', attempt: MAX_READ_ATTEMPTS, code: 'ECONNABORTED', now: NOW
    })).toBeUndefined();
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('never repeats a %s: it may have been carried out', (method) => {
    expect(retryDelay({
      method, attempt: 1, status: 503, now: NOW
    })).toBeUndefined();
    expect(retryDelay({
      method, attempt: 1, code: 'ECONNABORTED', now: NOW
    })).toBeUndefined();
  });

  it.each([200, 201, 400, 401, 403, 404, 409, 422, 500])('takes %i as the answer', (status) => {
    expect(retryDelay({
      method: 'GET', attempt: 1, status, now: NOW
    })).toBeUndefined();
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'DEPTH_ZERO_SELF_SIGNED_CERT', RESPONSE_TOO_LARGE, undefined])('does not ask again when the address itself is wrong, or the answer too large (%s)', (code) => {
    expect(retryDelay({
      method: 'GET', attempt: 1, code, now: NOW
    })).toBeUndefined();
  });

  it('follows Retry-After in seconds or as a date, capped', () => {
    expect(retryDelay({
      method: 'GET', attempt: 1, status: 503, retryAfter: '3', now: NOW
    })).toBe(3000);
    expect(retryDelay({
      method: 'GET', attempt: 1, status: 429, retryAfter: new Date(NOW + 5000).toUTCString(), now: NOW
    })).toBe(5000);
    expect(retryDelay({
      method: 'GET', attempt: 1, status: 503, retryAfter: '3600', now: NOW
    })).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelay({
      method: 'GET', attempt: 1, status: 503, retryAfter: new Date(NOW - 5000).toUTCString(), now: NOW
    })).toBe(0);
    expect(retryDelay({
      method: 'GET', attempt: 1, status: 503, retryAfter: 'soon', now: NOW
    })).toBe(1000);
  });

  it('tells the user what happened, when and which attempt comes', () => {
    expect(retryNotice('GET /v1/x', 'Rancher answered 503', 2000, 2)).toBe('GET /v1/x: Rancher answered 503; asking again in 2s (attempt 2 of 3).');
    expect(retryNotice('GET /v1/x', 'no answer', 0, 3)).toBe('GET /v1/x: no answer; asking again in 1s (attempt 3 of 3).');
  });
});
