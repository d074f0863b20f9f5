// The test-control API (/sim) resets the simulator and dumps every object, registration tokens
// included. A web page the developer visits must not drive or read it: a cross-site form or
// text/plain fetch needs no CORS preflight, and a DNS-rebinding page is same-origin to the
// browser. Only its owner on this machine (tests, curl, kubectl) may (sim/control/guard.ts).
import http from 'http';
import type { Simulator } from '../../../sim/server';
import { control, startTestSim } from '../../integration/support/sim-client';

interface Answer { status: number, body: string }

/** node's http client, which lets a test choose the Host header as a rebinding browser sends it. */
function send(url: string, opts: { method?: string, headers?: Record<string, string>, body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method || 'GET', headers: opts.headers }, (res) => {
      let body = '';

      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode || 0, body }));
    });

    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('sim-integration: /sim answers only its owner', () => {
  let sim: Simulator;

  beforeAll(async() => {
    sim = await startTestSim();
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('a text/plain body (what a page sends without a preflight) is refused with 415, and does nothing', async() => {
    const before = (await control(sim.url).get('/sim/state')).body.faults.length;
    const res = await send(`${ sim.url }/sim/faults`, {
      method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify({ kind: 'websocket-drop' }),
    });

    expect(res.status).toBe(415);
    expect(JSON.parse(res.body)).toMatchObject({
      type: 'error', status: 415, code: 'UnsupportedMediaType'
    });
    expect((await send(`${ sim.url }/sim/reset`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'seedClusters=0'
    })).status).toBe(415);
    expect((await send(`${ sim.url }/sim/reset`, { method: 'POST', body: '{}' })).status).toBe(415); // a body without a type
    expect((await control(sim.url).get('/sim/state')).body.faults.length).toBe(before);
  });

  it('any request with an Origin header (a web page) is refused with 403', async() => {
    for (const origin of ['https://evil.example', 'null', sim.url]) {
      const res = await send(`${ sim.url }/sim/objects`, { headers: { origin } });

      expect({ origin, status: res.status }).toEqual({ origin, status: 403 });
      expect(res.body).not.toMatch(/registration|token/i);
    }
    expect((await send(`${ sim.url }/sim/reset`, {
      method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}'
    })).status).toBe(403);
  });

  it('a Host other than 127.0.0.1, localhost or [::1] (DNS rebinding) is refused with 403, also when a proxy names it', async() => {
    const port = sim.port;

    expect((await send(`${ sim.url }/sim/objects`, { headers: { host: `evil.example:${ port }` } })).status).toBe(403);
    expect((await send(`${ sim.url }/sim/objects`, { headers: { host: `127.0.0.1.evil.example:${ port }` } })).status).toBe(403);
    expect((await send(`${ sim.url }/sim/objects`, { headers: { 'x-api-host': `evil.example:${ port }` } })).status).toBe(403);
    expect((await send(`${ sim.url }/sim/harvester/harvester-prod/kubeconfig`, { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await send(`${ sim.url }/sim/harvester/harvester-prod/k8s/api/v1/namespaces`, { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await send(`${ sim.url }/sim/harvester/harvester-prod/k8s/api/v1/namespaces`, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
  });

  it('its owner keeps working: no Origin, a loopback Host with any port, JSON bodies, bodyless changes', async() => {
    const port = sim.port;

    for (const host of [`127.0.0.1:${ port }`, `localhost:${ port }`, `LOCALHOST:${ port }`, `[::1]:${ port }`, 'localhost']) {
      expect({ host, status: (await send(`${ sim.url }/sim/state`, { headers: { host } })).status }).toEqual({ host, status: 200 });
    }
    expect((await send(`${ sim.url }/sim/config`, {
      method: 'PUT', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"harvesterDelayMs":30}'
    })).status).toBe(200);
    expect((await send(`${ sim.url }/sim/faults`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${ sim.url }/sim/objects`)).status).toBe(200); // node's fetch sends no Origin
    expect((await fetch(`${ sim.url }/sim/faults`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'websocket-drop' }),
    })).status).toBe(201);
  });

  it('the Rancher API itself is not affected: a text/plain body still reaches Norman', async() => {
    const res = await send(`${ sim.url }/v3-public/localProviders/local?action=login`, {
      method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body: JSON.stringify({ username: 'admin', password: 'wrong' }),
    });

    expect(res.status).not.toBe(415);
  });
});
