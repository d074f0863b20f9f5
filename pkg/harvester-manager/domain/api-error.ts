import type { Message } from './types';

// Rancher answers with `{type:'error', status, code, message}`; the shell's store rejects with
// that body (plus `_status`), axios rejects a lost connection with `code: 'ERR_NETWORK'` and no
// response, and our own waits reject with plain Errors. One decision for all of them, so every
// screen (and the CLI) says the same thing for the same failure.

export const API_ERROR_KINDS = [
  'alreadyExists', 'forbidden', 'unauthorized', 'invalid', 'notFound', 'conflict', 'server', 'network', 'unknown',
] as const;
export type ApiErrorKind = typeof API_ERROR_KINDS[number];

export interface ApiFailure {
  kind: ApiErrorKind;
  /** HTTP status when Rancher answered; undefined for network failures and local errors. */
  status?: number;
  code?: string;
  /** The field Rancher blamed (Norman's `fieldName`, e.g. "Cluster name"). */
  fieldName?: string;
  /** Rancher's own message (data, shown as text), or the local error's message. */
  detail: string;
}

interface ErrorLike {
  status?: unknown;
  _status?: unknown;
  code?: unknown;
  message?: unknown;
  fieldName?: unknown;
  response?: { status?: unknown; data?: unknown };
}

const K = 'harvesterManager.apiError';
const NETWORK_CODES = new Set(['ERR_NETWORK', 'ECONNABORTED', 'ETIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND']);

function asNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;

  return typeof n === 'number' && Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Status, code and message from whatever a failed request rejected with. */
export function classifyApiError(err: unknown): ApiFailure {
  if (typeof err === 'string') {
    return { kind: 'unknown', detail: err };
  }

  const e = (err && typeof err === 'object' ? err : {}) as ErrorLike;
  const body = (e.response?.data && typeof e.response.data === 'object' ? e.response.data : {}) as ErrorLike;
  const status = asNumber(e._status) ?? asNumber(e.status) ?? asNumber(e.response?.status) ?? asNumber(body.status);
  const code = asText(body.code) || asText(e.code) || undefined;
  const detail = asText(body.message) || asText(e.message);
  const fieldName = asText(body.fieldName) || asText(e.fieldName) || undefined;

  if (status === undefined) {
    const network = (code && NETWORK_CODES.has(code)) || /network error|failed to fetch|timeout/i.test(detail);

    return {
      kind: network ? 'network' : 'unknown', code, detail
    };
  }

  let kind: ApiErrorKind;

  if (status === 409 && code !== 'Conflict') {
    kind = 'alreadyExists';
  } else if (status === 409) {
    kind = 'conflict';
  } else if (status === 422 && (code === 'NotUnique' || code === 'AlreadyExists')) {
    kind = 'alreadyExists';
  } else if (status === 401) {
    kind = 'unauthorized';
  } else if (status === 403) {
    kind = 'forbidden';
  } else if (status === 404) {
    kind = 'notFound';
  } else if (status === 400 || status === 422) {
    kind = 'invalid';
  } else if (status >= 500) {
    kind = 'server';
  } else {
    kind = 'unknown';
  }

  return {
    kind, status, code, detail, ...(fieldName ? { fieldName } : {}),
  };
}

/**
 * Something to quote when Rancher gave no message: Norman's NotUnique is
 * `{code: "NotUnique", fieldName: "Cluster name", message: ""}` (rancher/rancher
 * pkg/api/norman/store/cluster/cluster_store.go canUseClusterName, release/v2.10-v2.12).
 */
function quotable(failure: ApiFailure): string {
  if (failure.detail) {
    return failure.detail;
  }

  return failure.code && failure.fieldName ? `${ failure.code } (${ failure.fieldName })` : failure.code || '';
}

/** What happened and what to do, as one message; `status` is '' when there was no answer. */
export function apiErrorMessage(err: unknown): Message {
  const failure = classifyApiError(err);

  return {
    key:  `${ K }.${ failure.kind }`,
    args: { status: failure.status ?? '', detail: quotable(failure) },
  };
}

/** Rancher's wording only, for places that already say what failed. */
export function apiErrorDetail(err: unknown): string {
  const failure = classifyApiError(err);

  return quotable(failure) || (failure.status ? `HTTP ${ failure.status }` : '');
}
