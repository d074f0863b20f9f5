// Cross-site websocket hijacking: a page on another site opening /v1/subscribe with the user's
// cookie would read every change the user may watch (registration tokens included). The
// simulator refuses a foreign Origin as Rancher does (sim/http/websocket-origin.ts).
import type { IncomingMessage } from 'http';
import WebSocket from 'ws';
import type { Simulator } from '../../../sim/server';
import { SimClient, startTestSim } from '../../integration/support/sim-client';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const RANCHER_REFUSAL = '{"Code":{"Code":"PermissionDenied","Status":403},"Message":"origin not allowed","Cause":null,"FieldName":""}\n';

type Upgrade = { opened: true } | { opened: false, status: number, headers: IncomingMessage['headers'], body: string };

function upgrade(url: string, headers: Record<string, string>): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });

    socket.once('open', () => {
      socket.close();
      resolve({ opened: true });
    });
    socket.once('unexpected-response', (_req, res) => {
      let body = '';

      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({
        opened: false, status: res.statusCode || 0, headers: res.headers, body
      }));
    });
    socket.once('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) {
        reject(err);
      }
    });
  });
}

describe('sim-integration: websocket Origin, as Rancher checks it', () => {
  let sim: Simulator;
  let cookie: string;
  let host: string;
  let ws: string;

  beforeAll(async() => {
    sim = await startTestSim();
    const admin = await SimClient.cookieLogin(sim.url, 'admin');

    cookie = [...admin.cookies].map(([k, v]) => `${ k }=${ v }`).join('; ');
    host = new URL(sim.url).host;
    ws = sim.url.replace(/^http/, 'ws');
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('a browser on another site is refused with Rancher\'s 403 (pkg/websocket/handler.go), before any socket opens', async() => {
    const res = await upgrade(`${ ws }/v1/subscribe`, {
      cookie, origin: 'https://evil.example', 'user-agent': BROWSER
    });

    expect(res).toMatchObject({
      opened: false, status: 403, body: RANCHER_REFUSAL
    });
    expect(res.opened === false && res.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('the browser check comes before the 401 for a missing login, and covers a downstream cluster\'s socket', async() => {
    expect(await upgrade(`${ ws }/v1/subscribe`, { origin: 'https://evil.example', 'user-agent': BROWSER })).toMatchObject({ status: 403, body: RANCHER_REFUSAL });
    expect(await upgrade(`${ ws }/k8s/clusters/c-zzzzz/v1/subscribe`, {
      cookie, origin: 'https://evil.example', 'user-agent': BROWSER
    }))
      .toMatchObject({ status: 403, body: RANCHER_REFUSAL });
  });

  it('any client with a foreign Origin is refused by Steve\'s upgrader (gorilla/websocket checkSameOrigin): 403 "Forbidden"', async() => {
    for (const path of ['/v1/subscribe', '/v3/subscribe']) {
      const res = await upgrade(`${ ws }${ path }`, { cookie, origin: 'https://evil.example' });

      expect(res).toMatchObject({
        opened: false, status: 403, body: 'Forbidden\n'
      });
      expect(res.opened === false && res.headers['sec-websocket-version']).toBe('13');
    }
  });

  it('the page\'s own origin and no Origin at all are accepted', async() => {
    expect(await upgrade(`${ ws }/v1/subscribe`, {
      cookie, origin: `http://${ host }`, 'user-agent': BROWSER
    })).toEqual({ opened: true });
    expect(await upgrade(`${ ws }/v1/subscribe`, {
      cookie, origin: `https://${ host }`, 'user-agent': BROWSER
    })).toEqual({ opened: true }); // the scheme is not compared
    expect(await upgrade(`${ ws }/v1/subscribe`, { cookie })).toEqual({ opened: true });
  });

  it('Rancher compares the host exactly, gorilla ignoring case: an upper-case Origin passes only for a non-browser', async() => {
    const headers = {
      cookie, host: `localhost:${ sim.port }`, origin: `http://LOCALHOST:${ sim.port }`
    };

    expect(await upgrade(`${ ws }/v1/subscribe`, { ...headers, 'user-agent': BROWSER })).toMatchObject({ status: 403, body: RANCHER_REFUSAL });
    expect(await upgrade(`${ ws }/v1/subscribe`, headers)).toEqual({ opened: true });
  });

  it('"null" (a sandboxed page) and a port that differs are foreign', async() => {
    expect(await upgrade(`${ ws }/v1/subscribe`, {
      cookie, origin: 'null', 'user-agent': BROWSER
    })).toMatchObject({ status: 403 });
    expect(await upgrade(`${ ws }/v1/subscribe`, {
      cookie, origin: `http://127.0.0.1:${ sim.port + 1 }`, 'user-agent': BROWSER
    })).toMatchObject({ status: 403 });
  });
});
