import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { Agent as HttpsAgent } from 'https';
import {
  type ManagementCluster, type ProvisioningCluster, type RegistrationToken, type Schema,
  featureEnabled, MANAGEMENT_CLUSTER, PROVISIONING_CLUSTER, steveDialect, type FeatureObject, type SteveCollection, type SteveDialect,
} from '../pkg/harvester-manager/domain';
import type { Connection } from './connection';
import {
  explainHttpError, explainNetworkError, explainNoSchema, RESPONSE_INCOMPLETE, RESPONSE_TOO_LARGE,
} from './http-errors';
import { MASK } from './io';
import { retryDelay, retryNotice } from './retry-policy';

// The Rancher API over axios: bearer token, TLS options, error translation, Steve paging, and the
// handful of endpoints the commands use. Nothing here decides anything; commands and the domain do.

export type Query = Record<string, string | number | readonly string[] | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** What the command was doing, for error messages ("create the cluster"). */
  action?: string;
  /** Ask again after a transient failure (reads only; default true). */
  retry?: boolean;
}

export interface ClientOptions {
  /** --verbose: every request and answer (the token masked). */
  log?: (line: string) => void;
  /** Shown while waiting to ask again (stderr). */
  notice?: (line: string) => void;
  /**
   * Per attempt of a request, the whole of it: connecting, the answer and all of its body (a
   * deadline), and also as the socket's idle limit. 0: no limit. --request-timeout.
   */
  timeoutMs?: number;
  /** Largest answer body (and request body) in bytes. --max-response-size. */
  maxResponseBytes?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Why an attempt got no usable answer: a transport error, or one of ours (http-errors.ts). */
interface FailureCause {
  code?: string;
  message?: string;
  limitBytes?: number;
}

interface Sent<T> {
  res: AxiosResponse<T>;
  attempts: number;
}


/**
 * Steve's answer when the user has no schema for the type at all: 404 with no body
 * (rancher/apiserver pkg/server/server.go handleOp, v0.4.2-v0.6.6), still from Rancher, which
 * marks every authenticated answer with `X-API-Cattle-Auth` (rancher/rancher pkg/auth/server.go).
 */
export function isNoSchemaAnswer(res: Pick<AxiosResponse, 'status' | 'data' | 'headers'>): boolean {
  const empty = res.data === undefined || res.data === null || res.data === '';

  return res.status === 404 && empty && res.headers?.['x-api-cattle-auth'] !== undefined;
}

/** Steve's 403 for a GET by id when the user's schema has no GET (create-only, e.g. a Standard User). */
function isSchemaWithoutGet(res: Pick<AxiosResponse, 'status' | 'data'>): boolean {
  return res.status === 403 && (res.data as { code?: string } | undefined)?.code === 'PermissionDenied';
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/**
 * A page of 100 clusters is a few MB even with every field Rancher keeps; an answer 10 times
 * that is not Rancher's (a broken proxy, a hostile server). Without a cap axios buffers an
 * endless body until the process runs out of memory.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Whether a page of a `page`/`pagesize` listing was the last one, whatever Steve reported. */
export function isLastPage(p: { page: number; pageSize: number; received: number; total: number; count?: number; pages?: number }): boolean {
  return p.received < p.pageSize || (p.pages !== undefined && p.page >= p.pages) || (p.count !== undefined && p.total >= p.count);
}

function toSearchParams(query: Query = {}): URLSearchParams {
  const params = new URLSearchParams();

  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      params.append(key, String(v));
    }
  }

  return params;
}

export class RancherClient {
  readonly server: string;
  private http: AxiosInstance;
  private dialect?: Promise<SteveDialect>;

  private log?: (line: string) => void;
  private notice: (line: string) => void;
  private timeoutMs: number;
  private maxResponseBytes: number;
  private sleep: (ms: number) => Promise<void>;
  private now: () => number;

  constructor(connection: Connection, opts: ClientOptions = {}) {
    this.server = connection.server;
    this.log = opts.log;
    this.notice = opts.notice || (() => undefined);
    this.sleep = opts.sleep || ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = opts.now || Date.now;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.http = axios.create({
      baseURL:          connection.server,
      // axios's `timeout` bounds the time to the answer's headers, then only the socket's
      // idleness: a server that trickles a byte now and then is never cut off by it. The
      // deadline in send() bounds the whole attempt.
      timeout:          this.timeoutMs,
      maxContentLength: this.maxResponseBytes,
      maxBodyLength:    this.maxResponseBytes,
      headers:          { Authorization: `Bearer ${ connection.token }`, Accept: 'application/json' },
      validateStatus:   () => true,
      maxRedirects:     0,
      httpsAgent:       new HttpsAgent({
        ca: connection.ca, rejectUnauthorized: !connection.insecureSkipTlsVerify, keepAlive: false
      }),
    });
  }

  /** Any status; network failures become a CliError that explains them. */
  async raw<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<AxiosResponse<T>> {
    return (await this.send<T>(method, path, opts)).res;
  }

  /** One request, asked again while the policy says the failure is transient. */
  private async send<T>(method: string, path: string, opts: RequestOptions): Promise<Sent<T>> {
    const params = toSearchParams(opts.query);
    const qs = params.toString();

    for (let attempt = 1; ; attempt++) {
      const started = this.now();
      let res: AxiosResponse<T> | undefined;
      let cause: FailureCause | undefined;
      const deadline = new AbortController();
      const timer = this.timeoutMs > 0 ? setTimeout(() => deadline.abort(), this.timeoutMs) : undefined;
      let receiving = false;

      this.log?.(`> ${ method } ${ this.server }${ path }${ qs ? `?${ qs }` : '' }  (Authorization: Bearer ${ MASK })${ opts.body !== undefined ? `\n> ${ JSON.stringify(opts.body) }` : '' }`);
      try {
        res = await this.http.request<T>({
          method,
          url:                path,
          params,
          data:               opts.body,
          signal:             deadline.signal,
          onDownloadProgress: () => {
            receiving = true;
          },
        });
        this.log?.(`< ${ res.status } ${ res.statusText || '' } (${ this.now() - started } ms)`.replace('  (', ' ('));
      } catch (e) {
        cause = this.failureCause(e, deadline.signal.aborted, receiving);
        this.log?.(`< failed: ${ cause.code || '' } ${ cause.message || '' }`);
      } finally {
        clearTimeout(timer);
      }

      const delay = opts.retry === false ? undefined : retryDelay({
        method, attempt, status: res?.status, code: cause?.code, retryAfter: res?.headers?.['retry-after'], now: this.now(),
      });

      if (delay === undefined) {
        if (res) {
          return { res, attempts: attempt };
        }
        throw explainNetworkError(cause || {}, this.server, this.timeoutMs, {
          method, path, action: opts.action, attempts: attempt,
        });
      }
      const reason = res ? `Rancher answered ${ res.status }${ res.statusText ? ` ${ res.statusText }` : '' }` : cause?.code === RESPONSE_INCOMPLETE ? `the answer had not finished within ${ Math.round(this.timeoutMs / 1000) }s` : `no answer (${ cause?.code || 'timeout' })`;

      this.notice(retryNotice(`${ method } ${ path }`, reason, delay, attempt + 1));
      await this.sleep(delay);
    }
  }

  /**
   * What an attempt's failure was. The deadline's abort, and axios's own timeout, count as "no
   * answer" (ECONNABORTED, as axios says) until the body began to arrive, and as an answer cut
   * off after that; whichever of the two fired first (both are --request-timeout).
   */
  private failureCause(e: unknown, deadlinePassed: boolean, receiving: boolean): FailureCause {
    const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };

    if (err.code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(err.message || '')) {
      return {
        code: RESPONSE_TOO_LARGE, message: err.message, limitBytes: this.maxResponseBytes
      };
    }
    if (deadlinePassed || err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT') {
      if (receiving) {
        return { code: RESPONSE_INCOMPLETE, message: `the answer had not ended after ${ this.timeoutMs }ms` };
      }
      if (deadlinePassed) {
        return { code: 'ECONNABORTED', message: `timeout of ${ this.timeoutMs }ms exceeded` };
      }
    }

    return err.cause?.code ? err.cause : err;
  }

  /** 2xx body, or a CliError explaining the status. */
  async request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const { res, attempts } = await this.send<T>(method, path, opts);
    const failed = () => explainHttpError(res.status, res.data, String(res.headers['content-type'] || ''), {
      method, path, action: opts.action, attempts,
    }, this.server);

    if (res.status >= 200 && res.status < 300) {
      if (typeof res.data === 'string' && method === 'GET' && !/json/.test(String(res.headers['content-type']))) {
        throw failed();
      }

      return res.data;
    }
    if (isNoSchemaAnswer(res)) {
      throw explainNoSchema(method, path, opts.action);
    }
    throw failed();
  }

  get<T = unknown>(path: string, query?: Query, action?: string): Promise<T> {
    return this.request<T>('GET', path, { query, action });
  }

  /**
   * The body, or undefined when the object is not there for this user: a 404 (does not exist or
   * not visible), Steve's empty 404 (no schema for the type) or its PermissionDenied 403 (a
   * create-only schema: nothing of the type is readable yet, e.g. a Standard User before Rancher
   * makes them owner of the cluster they just created).
   */
  async getOptional<T = unknown>(path: string, query?: Query): Promise<T | undefined> {
    const { res, attempts } = await this.send<T>('GET', path, { query });

    if ((res.status === 404 && res.data && typeof res.data === 'object') || isNoSchemaAnswer(res) || isSchemaWithoutGet(res)) {
      return undefined;
    }
    if (res.status >= 200 && res.status < 300 && (typeof res.data === 'object' || /json/.test(String(res.headers['content-type'])))) {
      return res.data;
    }
    throw explainHttpError(res.status, res.data, String(res.headers['content-type'] || ''), {
      method: 'GET', path, attempts
    }, this.server);
  }

  post<T = unknown>(path: string, body: unknown, action?: string): Promise<T> {
    return this.request<T>('POST', path, { body, action });
  }

  delete<T = unknown>(path: string, action?: string): Promise<T> {
    return this.request<T>('DELETE', path, { action });
  }

  /**
   * Every item of a Steve collection, fetched with `page`/`pagesize` only. Never with `continue`
   * as well: Steve's SQL cache on 2.10/2.11 adds the two (OFFSET = continue + pagesize*(page-1),
   * steve pkg/sqlcache/informer/listoption_indexer.go v0.4.8, v0.5.15), which skips rows.
   * The end is a short or empty page, `pages` when Steve sends it (not in SQL mode) or `count`
   * when reached (omitted when 0).
   */
  async listAll<T>(path: string, query: Query = {}, pageSize = 100): Promise<{ items: T[]; count?: number }> {
    const items: T[] = [];
    let count: number | undefined;

    for (let page = 1; page <= 10_000; page++) {
      const body = await this.get<SteveCollection<T>>(path, {
        ...query, pagesize: pageSize, page
      });
      const data = body.data || [];

      items.push(...data);
      count = body.count ?? count;
      if (isLastPage({
        page, pageSize, received: data.length, total: items.length, count, pages: body.pages
      })) {
        break;
      }
    }

    return { items, count };
  }

  // --- endpoints -------------------------------------------------------------------------------

  listProvisioningClusters(query: Query, pageSize?: number) {
    return this.listAll<ProvisioningCluster>(`/v1/${ PROVISIONING_CLUSTER }s`, query, pageSize);
  }

  listManagementClusters(query: Query, pageSize?: number) {
    return this.listAll<ManagementCluster>(`/v1/${ MANAGEMENT_CLUSTER }s`, query, pageSize);
  }

  getProvisioningCluster(id: string): Promise<ProvisioningCluster | undefined> {
    return this.getOptional<ProvisioningCluster>(`/v1/${ PROVISIONING_CLUSTER }s/${ id.split('/').map(encodeURIComponent).join('/') }`);
  }

  getManagementCluster(id: string): Promise<ManagementCluster | undefined> {
    return this.getOptional<ManagementCluster>(`/v1/${ MANAGEMENT_CLUSTER }s/${ encodeURIComponent(id) }`);
  }

  async registrationTokens(clusterId: string): Promise<RegistrationToken[]> {
    const body = await this.get<{ data?: RegistrationToken[] }>('/v3/clusterregistrationtokens', { clusterId }, 'read the registration token');

    return (body.data || []).filter((tk) => !tk.clusterId || tk.clusterId === clusterId);
  }

  createRegistrationToken(clusterId: string): Promise<RegistrationToken> {
    return this.post<RegistrationToken>('/v3/clusterregistrationtokens', { type: 'clusterRegistrationToken', clusterId }, 'create the registration token');
  }

  /**
   * Which Steve dialect this Rancher speaks (domain/steve-dialect.ts): its release from the
   * `server-version` setting (or `/rancherversion`) and whether `ui-sql-cache` is on. Asked once.
   */
  steveDialect(): Promise<SteveDialect> {
    this.dialect ??= (async() => {
      const setting = await this.getOptional<{ value?: string }>('/v1/management.cattle.io.settings/server-version').catch(() => undefined);
      const version = setting?.value || (await this.getOptional<{ Version?: string }>('/rancherversion').catch(() => undefined))?.Version;
      const feature = await this.getOptional<FeatureObject>('/v1/management.cattle.io.features/ui-sql-cache').catch(() => undefined);

      return steveDialect(version, featureEnabled(feature));
    })();

    return this.dialect;
  }

  /** Rancher's server-url setting: '' when unset, undefined when it cannot be read. */
  async serverUrlSetting(): Promise<string | undefined> {
    try {
      const setting = await this.getOptional<{ value?: string }>('/v1/management.cattle.io.settings/server-url');

      return setting ? setting.value || '' : undefined;
    } catch {
      return undefined;
    }
  }

  /** Harvester `server-version` through Rancher's cluster proxy; undefined while not connected. */
  async harvesterVersion(clusterId: string): Promise<string | undefined> {
    // Best effort for one column: an unreachable Harvester must not slow the whole list down.
    const res = await this.raw<{ value?: string }>('GET', `/k8s/clusters/${ encodeURIComponent(clusterId) }/v1/harvesterhci.io.settings/server-version`, { retry: false });

    return res.status === 200 && typeof res.data?.value === 'string' ? res.data.value : undefined;
  }

  async steveSchemas(): Promise<Schema[]> {
    return (await this.get<{ data?: Schema[] }>('/v1/schemas', undefined, 'read your permissions')).data || [];
  }
}
