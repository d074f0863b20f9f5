import { Simulator, SimulatorOptions, startSimulator } from '../../../sim/server';

export const PASSWORD = 'password1234';
export const USERS = ['admin', 'project-owner', 'project-readonly', 'no-access'] as const;
export type Username = typeof USERS[number];

/**
 * A fresh in-memory simulator on a free loopback port, with short controller delays; its
 * `server-url` is its own address, so registration URLs can be fetched directly.
 */
export async function startTestSim(opts: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({
    port: 0, host: '127.0.0.1', dataDir: null, password: PASSWORD, quiet: true, harvesterDelayMs: 30, deleteDelayMs: 30, ...opts,
  });

  if (!opts.serverUrl) {
    sim.setServerUrl(sim.url);
  }

  return sim;
}

/**
 * A parsed JSON answer that a test reads without a declared schema: the simulator's Steve, Norman
 * and `/sim` answers come in many shapes and each test reads the few fields it asserts on (the
 * contract tests compare the shapes). A caller that knows the shape passes it as `T` instead.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one escape hatch for untyped JSON answers (`unknown` would need a cast at each of several hundred reads)
export type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  /** JSON-encoded unless `raw` is given. */
  body?: unknown;
  /** Sent verbatim (for malformed JSON). */
  raw?: string;
  /** Override the CSRF header: false = omit it, a string = send that value. */
  csrf?: false | string;
  headers?: Record<string, string>;
}

/**
 * A browser-like client: keeps cookies (R_SESS, CSRF) and echoes the CSRF cookie in
 * `x-api-csrf` on changes, as the shell does. `bearer` switches to Authorization headers.
 */
export class SimClient {
  readonly cookies = new Map<string, string>();
  bearer?: string;

  constructor(readonly baseUrl: string) {}

  /** Log in with a session cookie (what the dashboard does). */
  static async cookieLogin(baseUrl: string, username: string, password = PASSWORD): Promise<SimClient> {
    const client = new SimClient(baseUrl);
    const res = await client.request('POST', '/v1-public/login', {
      body: {
        type: 'localProvider', username, password, description: 'UI session', responseType: 'cookie'
      }
    });

    if (res.status !== 200 || !client.cookies.get('R_SESS')) {
      throw new Error(`login as ${ username } failed: ${ res.status } ${ res.text }`);
    }

    return client;
  }

  /** Log in for an API token and use it as a bearer token (what the CLI does). */
  static async bearerLogin(baseUrl: string, username: string, password = PASSWORD): Promise<SimClient> {
    const client = new SimClient(baseUrl);
    const res = await client.request('POST', '/v1-public/login', {
      body: {
        type: 'localProvider', username, password, responseType: 'json'
      }
    });

    if (res.status !== 201 || typeof res.body?.token !== 'string') {
      throw new Error(`token login as ${ username } failed: ${ res.status } ${ res.text }`);
    }
    client.cookies.clear();
    client.bearer = res.body.token;

    return client;
  }

  async request<T = Json>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers || {}) };

    if (opts.body !== undefined || opts.raw !== undefined) {
      headers['content-type'] = headers['content-type'] || 'application/json';
    }
    if (this.cookies.size) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${ k }=${ v }`).join('; ');
    }
    if (this.bearer) {
      headers.authorization = `Bearer ${ this.bearer }`;
    }
    const csrf = opts.csrf === undefined ? this.cookies.get('CSRF') : opts.csrf;

    if (csrf !== false && csrf !== undefined && !['GET', 'HEAD'].includes(method)) {
      headers['x-api-csrf'] = csrf;
    }
    const res = await fetch(path.startsWith('http') ? path : `${ this.baseUrl }${ path }`, {
      method,
      headers,
      body:     opts.raw !== undefined ? opts.raw : (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
      redirect: 'manual',
    });

    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const idx = pair.indexOf('=');
      const name = pair.slice(0, idx).trim();
      const value = pair.slice(idx + 1).trim();

      if (/max-age=0/i.test(cookie) || value === '') {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
    const text = await res.text();
    let body: Json;

    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }

    return {
      status: res.status, headers: res.headers, body, text
    };
  }

  get<T = Json>(path: string, opts: RequestOptions = {}) {
    return this.request<T>('GET', path, opts);
  }

  post<T = Json>(path: string, body?: unknown, opts: RequestOptions = {}) {
    return this.request<T>('POST', path, { ...opts, body });
  }

  put<T = Json>(path: string, body?: unknown, opts: RequestOptions = {}) {
    return this.request<T>('PUT', path, { ...opts, body });
  }

  delete<T = Json>(path: string, opts: RequestOptions = {}) {
    return this.request<T>('DELETE', path, opts);
  }
}

/** Unauthenticated calls to the `/sim` control API. */
export function control(baseUrl: string): SimClient {
  return new SimClient(baseUrl);
}

export { waitFor } from '../../../drivers/wait';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Assert Rancher's error shape. */
export function expectRancherError(res: ApiResponse, status: number, code?: string): void {
  expect({ status: res.status, body: res.body }).toEqual({
    status,
    body: expect.objectContaining({
      type: 'error', status, ...(code ? { code } : {}), message: expect.any(String)
    }),
  });
}
