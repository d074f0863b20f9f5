import { classifyApiError } from '../pkg/harvester-manager/domain';
import { CliError, EXIT, failure, forbidden } from './errors';
import { formatSize } from './format';

// Turning transport failures and Rancher error answers into errors that name the cause and the fix.

export interface RancherErrorBody {
  type?: string;
  status?: number;
  code?: string;
  message?: string;
  fieldName?: string;
}

const TLS_UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE', 'CERT_CHAIN_TOO_LONG',
]);
const TLS_INVALID = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
const TLS_FIX = 'Pass the CA that signed Rancher\'s certificate with --ca-cert <file.pem>, or, only for a test setup, --insecure-skip-tls-verify.';

/** Said when a change may or may not have been carried out. */
const UNKNOWN_OUTCOME_FIX = 'Look with: harvester-manager status <name>, or run the same command again: import picks up a cluster it already made, and delete --ignore-not-found accepts one already gone. If Rancher is only slow, allow more with --request-timeout.';

/** Our code for an answer larger than --max-response-size (axios: `maxContentLength size of N exceeded`). */
export const RESPONSE_TOO_LARGE = 'ERR_RESPONSE_TOO_LARGE';
/** Our code for an answer that began but had not ended when --request-timeout ran out. */
export const RESPONSE_INCOMPLETE = 'ERR_RESPONSE_INCOMPLETE';

function attemptsText(attempts: number | undefined): string {
  return attempts && attempts > 1 ? `, ${ attempts } attempts` : '';
}

/** What went wrong below HTTP (DNS, TCP, TLS, timeouts, limits), for the server the user named. */
export function explainNetworkError(err: { code?: string; message?: string; limitBytes?: number }, server: string, timeoutMs?: number, request?: FailedRequest): CliError {
  const code = err.code || '';
  const message = err.message || code || 'unknown error';
  const host = (/^[a-z]+:\/\/([^/]+)/i.exec(server) || [])[1] || server;

  if (TLS_UNTRUSTED.has(code)) {
    return failure(`Cannot verify Rancher's TLS certificate at ${ server } (${ code }: ${ message }).`, TLS_FIX);
  }
  if (TLS_INVALID.has(code)) {
    return failure(`Rancher's TLS certificate at ${ server } is not valid (${ code }: ${ message }).`, `Use the host name the certificate was issued for, or renew it; ${ TLS_FIX.charAt(0).toLowerCase() }${ TLS_FIX.slice(1) }`);
  }
  if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|packet length too long/i.test(message)) {
    return failure(`${ server } does not speak TLS (${ message }).`, 'Use http:// for a plain-HTTP server, or the HTTPS port of Rancher (usually 443).');
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return failure(`Cannot resolve the host "${ host }" of --server ${ server } (${ code }).`, 'Check the spelling of --server / RANCHER_URL and your DNS.');
  }
  if (code === 'ECONNREFUSED') {
    return failure(`Nothing accepts connections at ${ server } (connection refused).`, 'Check --server / RANCHER_URL (host and port) and that Rancher is running.');
  }
  const change = request && request.method.toUpperCase() !== 'GET';
  const within = timeoutMs ? ` within ${ Math.round(timeoutMs / 1000) }s` : '';

  if (code === RESPONSE_TOO_LARGE) {
    const limit = err.limitBytes ? formatSize(err.limitBytes) : 'the limit';
    const unknown = change ? `, so it is unknown whether Rancher managed to ${ request.action || 'do it' }` : '';

    return failure(`The answer to ${ request ? `${ request.method } ${ request.path }` : 'a request' } from ${ server } is larger than ${ limit }; the CLI stopped reading it${ attemptsText(request?.attempts) }${ unknown }.`,
      `Rancher's answers are far smaller: check that --server / RANCHER_URL is Rancher's own URL, not a proxy or another service. If it is Rancher, allow more with --max-response-size (e.g. 256Mi; now ${ limit }).`);
  }
  if (code === RESPONSE_INCOMPLETE) {
    if (change) {
      return failure(`Rancher at ${ server } did not finish answering ${ request.method } ${ request.path }${ within } (the answer was still arriving), so it is unknown whether Rancher managed to ${ request.action || 'do it' }.`, UNKNOWN_OUTCOME_FIX);
    }

    return failure(`Rancher at ${ server } began answering${ request ? ` ${ request.method } ${ request.path }` : '' } but had not finished${ within } (the answer was still arriving${ attemptsText(request?.attempts) }).`,
      `A slow link, or something between here and Rancher holding the answer back (a proxy or load balancer), can cause this; if Rancher is only slow, allow more with --request-timeout${ timeoutMs ? ` (now ${ Math.round(timeoutMs / 1000) }s)` : '' }.`);
  }
  if (change && (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ECONNRESET' || code === 'EPIPE' || /timeout/i.test(message))) {
    return failure(`Rancher at ${ server } did not answer ${ request.method } ${ request.path }${ timeoutMs ? ` within ${ Math.round(timeoutMs / 1000) }s` : '' } (${ code || 'timeout' }), so it is unknown whether Rancher managed to ${ request.action || 'do it' }.`, UNKNOWN_OUTCOME_FIX);
  }
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) {
    if (request) {
      return failure(`Rancher at ${ server } did not answer ${ request.method } ${ request.path }${ timeoutMs ? ` within ${ Math.round(timeoutMs / 1000) }s` : '' } (${ code || 'timeout' }${ attemptsText(request.attempts) }).`,
        `Rancher may be overloaded or unreachable from here (VPN, firewall, proxy: HTTPS_PROXY / NO_PROXY); if it is only slow, allow more with --request-timeout${ timeoutMs ? ` (now ${ Math.round(timeoutMs / 1000) }s)` : '' }.`);
    }

    return failure(`Rancher at ${ server } did not answer${ timeoutMs ? ` within ${ Math.round(timeoutMs / 1000) }s` : '' } (${ code || 'timeout' }).`, 'Check that the address is reachable from here (VPN, firewall, proxy: HTTPS_PROXY / NO_PROXY).');
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return failure(`${ host } is not reachable from this machine (${ code }).`, 'Check the network route to Rancher (VPN, firewall).');
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return failure(`The connection to ${ server } was closed unexpectedly (${ code }).`, 'Try again; if it persists, check proxies or load balancers between here and Rancher.');
  }

  return failure(`Cannot reach Rancher at ${ server }: ${ message }.`, 'Check --server / RANCHER_URL and the network.');
}

/**
 * Steve's empty 404 for a type the user has no schema for: Rancher gives this user no access to
 * it at all (e.g. a User-Base user and clusters), which is not the same as an empty list.
 */
export function explainNoSchema(method: string, path: string, action?: string): CliError {
  const type = (/^\/v1\/([^/?]+)/.exec(path) || [])[1] || path;
  const what = /cluster/.test(type) ? 'clusters' : type;

  return forbidden(`Your Rancher user has no access to ${ what } (${ method } ${ path } answered 404 without a body: Rancher shows you no ${ type } schema)${ action ? `, so the tool cannot ${ action }` : '' }.`,
    'Ask a Rancher administrator for the Standard User global role (it may import clusters) or for membership of a cluster or project.');
}

export interface FailedRequest {
  method: string;
  path: string;
  /** What the command was trying to do, e.g. "create the cluster" (used in 403 messages). */
  action?: string;
  /** How often it was asked (reads are asked again after transient failures). */
  attempts?: number;
}

function isRancherError(body: unknown): body is RancherErrorBody {
  return !!body && typeof body === 'object' && ((body as RancherErrorBody).type === 'error' || typeof (body as RancherErrorBody).message === 'string');
}

/**
 * An HTTP error answer from Rancher (or from something that is not Rancher), classified by the
 * domain's `classifyApiError` as the extension's screens classify it, then said for a terminal.
 */
export function explainHttpError(status: number, body: unknown, contentType: string | undefined, request: FailedRequest, server: string): CliError {
  const rancher = isRancherError(body) ? body : undefined;
  const what = `${ request.method } ${ request.path }`;
  const detail = rancher?.message ? `: ${ rancher.message }` : '';
  const { kind } = classifyApiError({ status, response: { data: rancher || {} } });

  if (!rancher && !/json/i.test(contentType || '') && (status === 404 || status === 405 || status < 400)) {
    return failure(`The server at ${ server } does not look like Rancher (${ what } answered ${ status } with ${ contentType || 'no content type' }).`,
      'Point --server / RANCHER_URL at Rancher\'s own URL (as in its server-url setting), e.g. https://rancher.example.com.');
  }
  if (kind === 'unauthorized') {
    return new CliError(EXIT.ERROR, `Rancher rejected the API token (401 Unauthorized${ detail }).`, { fix: 'Create an API key in Rancher (user menu > Account & API Keys) and pass it in RANCHER_TOKEN or --token; tokens expire and can be deleted.' });
  }
  if (kind === 'forbidden') {
    return forbidden(`Rancher refused to ${ request.action || `let you ${ what }` } (403 Forbidden${ detail }).`,
      'Your Rancher user lacks this permission; ask a Rancher administrator (importing needs the right to create clusters, deleting needs owner of the cluster).');
  }
  if (kind === 'alreadyExists') {
    return failure(`Rancher refused to ${ request.action || what }: the name is already taken (${ status } ${ rancher?.code || 'Conflict' }${ detail }).`,
      'Choose another name, or look at the existing cluster with: harvester-manager status <name>');
  }
  if (kind === 'conflict') {
    return failure(`Rancher refused to ${ request.action || what }: it was changed by someone else meanwhile (409 Conflict${ detail }).`,
      'Run the same command again: it reads the current state first.');
  }
  if (kind === 'notFound') {
    return failure(`Not found (${ what }${ detail }).`);
  }
  if (status === 429) {
    return failure(`Rancher is rate-limiting requests (429${ detail }${ attemptsText(request.attempts) }).`, 'Wait a moment and try again.');
  }
  if (kind === 'server') {
    return failure(`Rancher failed to ${ request.action || what } (${ status } ${ rancher?.code || '' }${ detail }${ attemptsText(request.attempts) }).`.replace(' )', ')').replace(' ,', ','),
      'Try again; if it keeps failing, check Rancher\'s health (its pods and logs).');
  }

  return failure(`Rancher refused to ${ request.action || what } (${ status } ${ rancher?.code || '' }${ detail }).`.replace(' )', ')'));
}
