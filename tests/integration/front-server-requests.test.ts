// The front server against a hostile browser-side peer (issue 17, items 6–9): where a request
// goes, an answer the backend gives before reading the body, the cookies it relays, and who may
// reach the simulator's test-control API through it.
import fs from 'fs';
import https from 'https';
import net from 'net';
import os from 'os';
import path from 'path';
import tls from 'tls';
import type { FrontServer } from '../../serve/front-server';
import type { Simulator } from '../../sim/server';
import { startTestSim } from './support/sim-client';
import { request, startFront, startRecorder } from './support/front';

/** A raw request line over TLS: node's clients cannot send the absolute form. */
function rawRequest(frontUrl: string, lines: string[]): Promise<string> {
  const { hostname, port } = new URL(frontUrl);

  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: hostname, port: Number(port), rejectUnauthorized: false
    }, () => {
      socket.write(`${ lines.join('\r\n') }\r\n\r\n`);
    });
    let answer = '';

    socket.setEncoding('utf8');
    socket.on('data', (c: string) => {
      answer += c;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('integration: the front server only asks its backend, with the path alone', () => {
  it('an absolute-form request (GET http://other-host/v1/uiplugins) goes to the configured backend, never to that host', async() => {
    const backend = await startRecorder();
    const other = await startRecorder();
    const extDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-ext-'));
    const front = await startFront(backend.url, {
      extension: {
        name: 'harvester-manager', version: '9.9.9', dir: extDir, annotations: {}
      }
    });
    const host = new URL(front.url).host;

    try {
      for (const target of [`${ other.url }/v1/uiplugins?x=1`, `${ other.url }/v3/clusters`]) {
        const answer = await rawRequest(front.url, [`GET ${ target } HTTP/1.1`, `Host: ${ host }`, 'Cookie: R_SESS=token-abc:secret', 'Connection: close']);

        expect(answer).toMatch(/^HTTP\/1\.1 200/);
      }
      expect(other.requests).toEqual([]);
      expect(backend.requests.map((r) => [r.url, r.headers.cookie])).toEqual([['/v1/uiplugins?x=1', 'R_SESS=token-abc:secret'], ['/v3/clusters', 'R_SESS=token-abc:secret']]);
    } finally {
      await front.close();
      await backend.close();
      await other.close();
    }
  });
});

describe('integration: a backend that answers before reading the body', () => {
  const twoMegabytes = Buffer.alloc(2 * 1024 * 1024, 0x61);

  async function postThenGet(front: FrontServer, postPath: string, getPath: string) {
    const agent = new https.Agent({
      keepAlive: true, maxSockets: 1, rejectUnauthorized: false
    });

    try {
      const first = await request(`${ front.url }${ postPath }`, {
        method: 'POST', agent, body: twoMegabytes, headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
      });
      const second = await request(`${ front.url }${ getPath }`, { agent, headers: { accept: 'application/json' } });

      return { first, second };
    } finally {
      agent.destroy();
    }
  }

  it('the simulator\'s early answer is relayed (not 502 EPIPE), and the keep-alive connection carries the next request', async() => {
    const sim: Simulator = await startTestSim();
    const front = await startFront(sim.url);

    try {
      const direct = await fetch(`${ sim.url }/v3/clusters`, {
        method: 'POST', headers: { 'content-type': 'application/octet-stream', accept: 'application/json' }, body: twoMegabytes
      });
      const { first, second } = await postThenGet(front, '/v3/clusters', '/v3-public/authProviders');

      expect(first.status).toBe(direct.status);
      expect(first.status).not.toBe(502);
      expect(second.status).toBe(200);
      expect(second.reusedSocket).toBe(true);
    } finally {
      await front.close();
      await sim.close();
    }
  });

  it('a backend that answers 413 and closes its connection, as Rancher (Go) does, is relayed, and the client\'s connection survives', async() => {
    const backend = await startGoLikeBackend();
    const front = await startFront(backend.url);

    try {
      const { first, second } = await postThenGet(front, '/v3/clusters', '/v3/settings');

      expect(first).toMatchObject({ status: 413, body: expect.stringContaining('RequestEntityTooLarge') });
      expect(second.status).toBe(200);
      expect(second.reusedSocket).toBe(true);
    } finally {
      await front.close();
      await backend.close();
    }
  });
});

/**
 * Go's server (Rancher) with more than 256 KiB of body unread after its answer: `Connection:
 * close`, its side shut down, 500 ms, then closed with the rest unread, which resets the
 * connection (net/http server.go `maxPostHandlerReadBytes`, `closeWriteAndWait`). Raw sockets:
 * Node's own server reads such a body away instead.
 */
async function startGoLikeBackend(): Promise<{ url: string, close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let head = '';

    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) {
        return;
      }
      socket.pause(); // the handler never reads the body
      socket.removeAllListeners('data');
      const post = head.startsWith('POST');
      const body = post ? '{"type":"error","status":413,"code":"RequestEntityTooLarge"}' : '{}';

      socket.end(`HTTP/1.1 ${ post ? '413 Request Entity Too Large' : '200 OK' }\r\nContent-Type: application/json\r\nContent-Length: ${ body.length }\r\nConnection: close\r\n\r\n${ body }`);
      setTimeout(() => socket.destroy(), 500);
    });
    socket.on('error', () => {});
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  return {
    url:   `http://127.0.0.1:${ (server.address() as net.AddressInfo).port }`,
    close: () => new Promise<void>((resolve) => {
      sockets.forEach((s) => s.destroy());
      server.close(() => resolve());
    }),
  };
}

describe('integration: cookies relayed through the front server', () => {
  it('R_SESS and CSRF from a Rancher that sets no SameSite (2.10–2.12) reach the browser with SameSite=Lax; others untouched', async() => {
    const backend = await startRecorder((req, res) => {
      req.resume();
      res.setHeader('set-cookie', [
        'R_SESS=token-abc:secret; Path=/; HttpOnly; Secure', 'CSRF=0123456789; Path=/; Secure', 'other=1; Path=/', 'CSRF=x; Path=/; SameSite=Strict',
      ]);
      res.end('{}');
    });
    const front = await startFront(backend.url);

    try {
      const res = await request(`${ front.url }/v3-public/localProviders/local?action=login`, { method: 'POST', body: '{}' });

      expect(res.headers['set-cookie']).toEqual([
        'R_SESS=token-abc:secret; Path=/; HttpOnly; Secure; SameSite=Lax', 'CSRF=0123456789; Path=/; Secure; SameSite=Lax', 'other=1; Path=/', 'CSRF=x; Path=/; SameSite=Strict',
      ]);
    } finally {
      await front.close();
      await backend.close();
    }
  });
});

describe('integration: the test-control API through the front server', () => {
  it('still answers a loopback client without Origin (tests, curl), through to the simulator', async() => {
    const sim = await startTestSim();
    const front = await startFront(sim.url, { exposeSimControl: true });

    try {
      expect((await request(`${ front.url }/sim/state`)).status).toBe(200);
      expect((await request(`${ front.url }/sim/harvester`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"rack-1","version":"v1.8.0"}',
      })).status).toBe(201);
    } finally {
      await front.close();
      await sim.close();
    }
  });

  it('refuses a web page itself: any Origin, a DNS-rebinding Host (our proxy rewrites Host, so the backend sees its own); nothing reaches the backend', async() => {
    const backend = await startRecorder();
    const front = await startFront(backend.url, { exposeSimControl: true });
    const port = new URL(front.url).port;

    try {
      const pages: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: front.url }, { host: `evil.example:${ port }` }, { host: `127.0.0.1.evil.example:${ port }` }];

      for (const headers of pages) {
        const res = await request(`${ front.url }/sim/objects`, { headers });

        expect({ headers, status: res.status }).toEqual({ headers, status: 403 });
      }
      expect(backend.requests).toEqual([]);
      expect((await request(`${ front.url }/sim/objects`, { headers: { host: `localhost:${ port }` } })).status).toBe(200);
      expect(backend.requests.map((r) => r.url)).toEqual(['/sim/objects']);
    } finally {
      await front.close();
      await backend.close();
    }
  });
});
