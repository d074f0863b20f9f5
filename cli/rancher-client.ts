import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { Agent as HttpsAgent } from 'https';
import type {
  ManagementCluster, ProvisioningCluster, RegistrationToken, Schema,
} from '../pkg/harvester-manager/domain';
import { MANAGEMENT_CLUSTER, PROVISIONING_CLUSTER } from '../pkg/harvester-manager/domain';
import type { Connection } from './connection';
import { explainHttpError, explainNetworkError } from './http-errors';
import { MASK } from './io';

// The Rancher API over axios: bearer token, TLS options, error translation, Steve paging, and the
// handful of endpoints the commands use. Nothing here decides anything; commands and the domain do.

export type Query = Record<string, string | number | readonly string[] | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** What the command was doing, for error messages ("create the cluster"). */
  action?: string;
}

interface SteveCollection<T> {
  data?: T[];
  count?: number;
  pages?: number;
  continue?: string;
  pagination?: { next?: string };
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

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

  constructor(connection: Connection, private log?: (line: string) => void, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS) {
    this.server = connection.server;
    this.http = axios.create({
      baseURL:        connection.server,
      timeout:        timeoutMs,
      headers:        { Authorization: `Bearer ${ connection.token }`, Accept: 'application/json' },
      validateStatus: () => true,
      maxRedirects:   0,
      httpsAgent:     new HttpsAgent({ ca: connection.ca, rejectUnauthorized: !connection.insecureSkipTlsVerify, keepAlive: false }),
    });
  }

  /** Any status; network failures become a CliError that explains them. */
  async raw<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<AxiosResponse<T>> {
    const params = toSearchParams(opts.query);
    const qs = params.toString();
    const started = Date.now();

    this.log?.(`> ${ method } ${ this.server }${ path }${ qs ? `?${ qs }` : '' }  (Authorization: Bearer ${ MASK })${ opts.body !== undefined ? `\n> ${ JSON.stringify(opts.body) }` : '' }`);
    try {
      const res = await this.http.request<T>({
        method, url: path, params, data: opts.body,
      });

      this.log?.(`< ${ res.status } ${ res.statusText || '' } (${ Date.now() - started } ms)`.replace('  (', ' ('));

      return res;
    } catch (e) {
      const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
      const cause = err.cause?.code ? err.cause : err;

      this.log?.(`< failed: ${ cause.code || '' } ${ cause.message || '' }`);
      throw explainNetworkError(cause, this.server, this.http.defaults.timeout);
    }
  }

  /** 2xx body, or a CliError explaining the status. */
  async request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.raw<T>(method, path, opts);

    if (res.status >= 200 && res.status < 300) {
      if (typeof res.data === 'string' && method === 'GET' && !/json/.test(String(res.headers['content-type']))) {
        throw explainHttpError(res.status, res.data, String(res.headers['content-type'] || ''), { method, path, action: opts.action }, this.server);
      }

      return res.data;
    }
    throw explainHttpError(res.status, res.data, String(res.headers['content-type'] || ''), { method, path, action: opts.action }, this.server);
  }

  get<T = unknown>(path: string, query?: Query, action?: string): Promise<T> {
    return this.request<T>('GET', path, { query, action });
  }

  /** The body, or undefined on 404 (the object does not exist or is not visible to this user). */
  async getOptional<T = unknown>(path: string, query?: Query): Promise<T | undefined> {
    const res = await this.raw<T>('GET', path, { query });

    if (res.status === 404 && res.data && typeof res.data === 'object') {
      return undefined;
    }
    if (res.status >= 200 && res.status < 300 && (typeof res.data === 'object' || /json/.test(String(res.headers['content-type'])))) {
      return res.data;
    }
    throw explainHttpError(res.status, res.data, String(res.headers['content-type'] || ''), { method: 'GET', path }, this.server);
  }

  post<T = unknown>(path: string, body: unknown, action?: string): Promise<T> {
    return this.request<T>('POST', path, { body, action });
  }

  delete<T = unknown>(path: string, action?: string): Promise<T> {
    return this.request<T>('DELETE', path, { action });
  }

  /** Every item of a Steve collection, fetched page by page (`page`/`pagesize`, or `continue`). */
  async listAll<T>(path: string, query: Query = {}, pageSize = 100): Promise<{ items: T[]; count?: number }> {
    const items: T[] = [];
    let count: number | undefined;
    let page = 1;
    let cont: string | undefined;

    for (let guard = 0; guard < 10_000; guard++) {
      const body = await this.get<SteveCollection<T>>(path, {
        ...query, pagesize: pageSize, page, ...(cont ? { continue: cont } : {}),
      });

      items.push(...(body.data || []));
      count = body.count ?? count;
      cont = body.continue || undefined;
      if (body.pages !== undefined ? page >= body.pages : !cont) {
        break;
      }
      if (!(body.data || []).length) {
        break;
      }
      page++;
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
    const res = await this.raw<{ value?: string }>('GET', `/k8s/clusters/${ encodeURIComponent(clusterId) }/v1/harvesterhci.io.settings/server-version`);

    return res.status === 200 && typeof res.data?.value === 'string' ? res.data.value : undefined;
  }

  async steveSchemas(): Promise<Schema[]> {
    return (await this.get<{ data?: Schema[] }>('/v1/schemas', undefined, 'read your permissions')).data || [];
  }
}
