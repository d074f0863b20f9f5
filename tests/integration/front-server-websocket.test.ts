// The front server (`npm start`, also with API=<a real Rancher>) must not turn another site's
// websocket into one Rancher accepts: it used to rewrite every Origin to the backend's, so a page
// on evil.example, with the user's cookie, watched registration tokens appear.
import WebSocket from 'ws';
import type { FrontServer } from '../../serve/front-server';
import type { Simulator } from '../../sim/server';
import { SimClient, startTestSim } from './support/sim-client';
import { startFront, startRecorder } from './support/front';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

type Outcome = { opened: true, socket: WebSocket, messages: Array<Record<string, unknown>> } | { opened: false, status: number, body: string };

function open(url: string, headers: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, rejectUnauthorized: false });
    const messages: Array<Record<string, unknown>> = [];

    socket.on('message', (raw) => messages.push(JSON.parse(raw.toString())));
    socket.once('open', () => resolve({
      opened: true, socket, messages
    }));
    socket.once('unexpected-response', (_req, res) => {
      let body = '';

      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({
        opened: false, status: res.statusCode || 0, body
      }));
    });
    socket.once('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) {
        reject(err);
      }
    });
  });
}

describe('integration: the front server and websocket Origins', () => {
  let sim: Simulator;
  let front: FrontServer;
  let cookie: string;
  let admin: SimClient;

  beforeAll(async() => {
    sim = await startTestSim();
    front = await startFront(sim.url);
    admin = await SimClient.cookieLogin(sim.url, 'admin');
    cookie = [...admin.cookies].map(([k, v]) => `${ k }=${ v }`).join('; ');
  });
  afterAll(async() => {
    await front?.close();
    await sim?.close();
  });

  it('a page on another site gets Rancher\'s 403, and no socket that would see a new cluster\'s registration token', async() => {
    const res = await open(`${ front.url.replace(/^https/, 'wss') }/v1/subscribe`, {
      cookie, origin: 'https://evil.example', 'user-agent': BROWSER
    });

    if (res.opened) {
      res.socket.send(JSON.stringify({ resourceType: 'management.cattle.io.clusterregistrationtoken' }));
      res.socket.close();
    }
    expect(res).toMatchObject({
      opened: false, status: 403, body: expect.stringContaining('origin not allowed')
    });
  });

  it('the dashboard\'s own origin still opens the socket, and events arrive', async() => {
    const res = await open(`${ front.url.replace(/^https/, 'wss') }/v1/subscribe`, {
      cookie, origin: front.url, 'user-agent': BROWSER
    });

    expect(res.opened).toBe(true);
    if (res.opened) {
      res.socket.send(JSON.stringify({ resourceType: 'management.cattle.io.cluster' }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(res.messages.map((m) => m.name)).toContain('resource.start');
      res.socket.close();
    }
  });

  it('what reaches the backend: our own origin named as the backend\'s, no Origin left absent, a foreign one nothing at all', async() => {
    const backend = await startRecorder();
    const viaFront = await startFront(backend.url);
    const wss = `${ viaFront.url.replace(/^https/, 'wss') }/v1/subscribe`;

    try {
      await open(wss, { origin: viaFront.url, 'user-agent': BROWSER });
      await open(wss, {});
      await open(wss, { origin: 'https://evil.example', 'user-agent': BROWSER });
      await open(wss, { origin: 'https://evil.example' }); // not a browser: still not lent our origin

      expect(backend.upgrades.map((u) => u.headers.origin ?? null)).toEqual([backend.url, null]);
    } finally {
      await viaFront.close();
      await backend.close();
    }
  });
});
