// Reliability matrix (docs/reliability.md), secrets: the simulator's cookies are set like
// Rancher's (R_SESS HttpOnly, Secure over https, SameSite=Lax; the CSRF cookie readable by the page), and
// registration tokens and API tokens never appear in its log output or in its error messages.
import type { Simulator } from '../../../sim/server';
import {
  control, expectRancherError, PASSWORD, SimClient, startTestSim, waitFor, type ApiResponse,
} from '../../integration/support/sim-client';

const PROV = 'provisioning.cattle.io.cluster';

interface Cookie { name: string; value: string; attrs: string[] }

function parseSetCookies(headers: Headers): Cookie[] {
  return headers.getSetCookie().map((line) => {
    const [pair, ...attrs] = line.split(';').map((s) => s.trim());
    const idx = pair.indexOf('=');

    return {
      name: pair.slice(0, idx), value: pair.slice(idx + 1), attrs: attrs.map((a) => a.toLowerCase())
    };
  });
}

const has = (c: Cookie | undefined, attr: string) => !!c?.attrs.some((a) => a === attr || a.startsWith(`${ attr }=`));

describe('integration: cookies like Rancher\'s', () => {
  let sim: Simulator;

  beforeAll(async() => {
    sim = await startTestSim();
  });
  afterAll(async() => {
    await sim?.close();
  });

  async function login(headers: Record<string, string>) {
    const res = await fetch(`${ sim.url }/v1-public/login`, {
      method:  'POST',
      headers: {
        'content-type': 'application/json', accept: 'application/json', ...headers
      },
      body: JSON.stringify({
        type: 'localProvider', username: 'admin', password: PASSWORD, description: 'UI session', responseType: 'cookie'
      }),
    });

    expect(res.status).toBe(200);

    return parseSetCookies(res.headers);
  }

  it('over https (x-forwarded-proto: https): R_SESS is HttpOnly and Secure; CSRF is Secure but readable by the page', async() => {
    const cookies = await login({ 'x-forwarded-proto': 'https' });
    const sess = cookies.find((c) => c.name === 'R_SESS');
    const csrf = cookies.find((c) => c.name === 'CSRF');

    expect(sess?.value).toMatch(/^token-/);
    expect(has(sess, 'httponly')).toBe(true);
    expect(has(sess, 'secure')).toBe(true);
    expect(csrf?.value).toMatch(/^[0-9a-f]{10}$/);
    expect(has(csrf, 'httponly')).toBe(false); // the dashboard echoes it in X-API-CSRF
    expect(has(csrf, 'secure')).toBe(true);
  });

  it('over plain http: R_SESS is still HttpOnly, not Secure (the browser would drop it)', async() => {
    const cookies = await login({});
    const sess = cookies.find((c) => c.name === 'R_SESS');

    expect(has(sess, 'httponly')).toBe(true);
    expect(has(sess, 'secure')).toBe(false);
    expect(has(cookies.find((c) => c.name === 'CSRF'), 'httponly')).toBe(false);
  });

  it('logout clears R_SESS with the same HttpOnly/Secure attributes', async() => {
    const admin = await SimClient.cookieLogin(sim.url, 'admin');
    const res = await fetch(`${ sim.url }/v3/tokens?action=logout`, {
      method:  'POST',
      headers: {
        'x-forwarded-proto': 'https', cookie: `R_SESS=${ admin.cookies.get('R_SESS') }; CSRF=${ admin.cookies.get('CSRF') }`, 'x-api-csrf': admin.cookies.get('CSRF') as string, accept: 'application/json',
      },
    });
    const sess = parseSetCookies(res.headers).find((c) => c.name === 'R_SESS');

    expect(res.status).toBeLessThan(300);
    expect(sess?.value).toBe('');
    expect(has(sess, 'httponly')).toBe(true);
    expect(has(sess, 'secure')).toBe(true);
    expect(sess?.attrs).toContain('samesite=lax');
  });

  it('R_SESS and CSRF carry SameSite=Lax (Rancher from 2.15: publicapi/login.go, apiserver validate.go), so another site\'s requests go without them', async() => {
    const cookies = await login({ 'x-forwarded-proto': 'https' });

    for (const name of ['R_SESS', 'CSRF']) {
      expect({ name, attrs: cookies.find((c) => c.name === name)?.attrs }).toEqual({ name, attrs: expect.arrayContaining(['samesite=lax']) });
    }
  });
});

describe('integration: tokens never appear in logs or error messages', () => {
  let sim: Simulator;
  const logged: string[] = [];
  const spies: jest.SpyInstance[] = [];

  beforeAll(async() => {
    const capture = (chunk: unknown) => {
      logged.push(String(chunk));

      return true;
    };

    spies.push(jest.spyOn(process.stderr, 'write').mockImplementation(capture));
    spies.push(jest.spyOn(process.stdout, 'write').mockImplementation(capture));
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      spies.push(jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      }));
    }
    sim = await startTestSim({ quiet: false }); // the simulator writes its log to stderr
  });
  afterAll(async() => {
    await sim?.close();
    spies.forEach((s) => s.mockRestore());
  });

  it('registration and API tokens: every error the simulator answers, and everything it logs, leaves them out', async() => {
    const admin = await SimClient.bearerLogin(sim.url, 'admin');
    const apiToken = admin.bearer as string;
    const apiSecret = apiToken.split(':')[1];
    const sim$ = control(sim.url);
    const errorsSeen: string[] = [];
    const expectError = (res: ApiResponse, status: number, code?: string) => {
      expectRancherError(res, status, code);
      errorsSeen.push(res.text);
    };

    expect(apiSecret.length).toBeGreaterThan(20);

    const created = await admin.post('/v3/clusters', { type: 'cluster', name: 'secret-checks' });
    const id: string = created.body.id;
    const token = await waitFor('token', async() => (await admin.get(`/v3/clusterregistrationtokens?clusterId=${ id }`)).body.data[0]);
    const regSecret: string = token.token;
    const unknownSecret = 'b'.repeat(54);
    const unknownUrl = `${ sim.url }/v3/import/${ unknownSecret }_${ id }.yaml`;

    expect(regSecret.length).toBeGreaterThan(20);

    // Registration token: unknown, wrong cluster, and a valid one used wrongly.
    expectError(await sim$.post('/sim/harvester/apply', { manifestUrl: unknownUrl }), 404, 'NotFound');
    expectError(await sim$.post('/sim/harvester/apply', { manifestUrl: `${ sim.url }/v3/import/${ regSecret }_c-zzzzz.yaml` }), 404, 'NotFound');
    expectError(await sim$.post('/sim/harvester/apply', { manifestUrl: token.manifestUrl, harvester: 'no-such-harvester' }), 404);
    expectError(await sim$.post('/sim/harvester/delete-manifest', { manifestUrl: unknownUrl }), 404);
    for (const refused of [await new SimClient(sim.url).get(new URL(unknownUrl).pathname), await new SimClient(sim.url).get(`/v3/import/${ regSecret }_c-zzzzz.yaml`)]) {
      expect({ status: refused.status, body: refused.body }).toEqual({ status: 400, body: 'cluster not found or invalid token' });
      errorsSeen.push(refused.text);
    }

    // The unknown-token error still says what was wrong, with the token masked.
    expect(errorsSeen[0]).toContain('<token>');

    // API token: a wrong secret, a token of a user who may not act, a revoked token.
    const wrong = new SimClient(sim.url);

    wrong.bearer = `${ apiToken.split(':')[0] }:${ 'x'.repeat(apiSecret.length) }`;
    expectError(await wrong.get('/v3/clusters'), 401);
    const noAccess = await SimClient.bearerLogin(sim.url, 'no-access');

    // no schema for User-Base: 404 without a body, so nothing to leak either
    for (const res of [await noAccess.post(`/v1/${ PROV }/fleet-default`, { metadata: { name: 'nope' }, spec: {} }), await noAccess.delete(`/v1/${ PROV }/fleet-default/harvester-prod`)]) {
      expect({ status: res.status, text: res.text }).toEqual({ status: 404, text: '' });
    }
    expectError(await noAccess.post('/v3/clusters', { type: 'cluster', name: 'nope' }), 403);
    const revoked = await SimClient.bearerLogin(sim.url, 'admin');

    await revoked.post('/v3/tokens?action=logout', {});
    expectError(await revoked.get('/v3/clusters'), 401);

    // An injected server error.
    expect((await sim$.post('/sim/faults', {
      kind: 'http', method: 'GET', path: '/v3/clusters', status: 500, message: 'injected',
    })).status).toBe(201);
    expectError(await admin.get('/v3/clusters'), 500);
    await sim$.delete('/sim/faults');

    // Finally register for real so the happy path is in the log too.
    expect((await sim$.post('/sim/harvester/apply', { manifestUrl: token.manifestUrl })).status).toBeLessThan(300);

    const secrets = [regSecret, unknownSecret, apiSecret, wrong.bearer!.split(':')[1], noAccess.bearer!.split(':')[1], revoked.bearer!.split(':')[1]];

    expect(logged.join('\n')).toContain('[sim] Rancher simulator listening'); // the log was captured
    for (const secret of secrets) {
      errorsSeen.forEach((text) => expect(text).not.toContain(secret));
      expect(logged.join('\n')).not.toContain(secret);
    }
  });
});
