import fs from 'fs';
import http, { IncomingHttpHeaders } from 'http';
import https from 'https';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { startFrontServer, FrontServer } from '../../../serve/front-server';
import type { BuiltExtension } from '../../../serve/extension-entry';
import { loadOrCreateCertificate } from '../../../serve/tls';

const rootDir = path.resolve(__dirname, '../../..');

/** The front server `npm start` runs (serve/front-server.ts), on a free loopback port. */
export async function startFront(backendUrl: string, opts: { extension?: BuiltExtension, exposeSimControl?: boolean } = {}): Promise<FrontServer> {
  const dashboardDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-front-'));

  fs.writeFileSync(path.join(dashboardDir, 'index.html'), '<!doctype html><title>dashboard</title>');

  return startFrontServer({
    port:             0,
    host:             '127.0.0.1',
    tls:              await loadOrCreateCertificate(path.join(rootDir, '.cache', 'tls')),
    backendUrl,
    dashboardDir,
    extension:        opts.extension,
    exposeSimControl: opts.exposeSimControl ?? false,
  });
}

export interface Answer { status: number, headers: IncomingHttpHeaders, body: string, reusedSocket: boolean, localPort?: number }

/** One https request to the front server (self-signed certificate accepted). */
export function request(url: string, opts: {
  method?: string, headers?: Record<string, string>, body?: string | Buffer, agent?: https.Agent
} = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method: opts.method || 'GET', headers: opts.headers, agent: opts.agent, rejectUnauthorized: false,
    }, (res) => {
      const chunks: Buffer[] = [];

      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode || 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), reusedSocket: req.reusedSocket, localPort: res.socket?.localPort,
      }));
    });

    req.on('error', reject);
    req.end(opts.body);
  });
}

export interface Recorded { method: string, url: string, headers: IncomingHttpHeaders }

/** A stand-in backend that records what reaches it; `handle` answers (default: 200 `{}`). */
export async function startRecorder(handle?: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{
  url: string, requests: Recorded[], upgrades: Recorded[], close(): Promise<void>
}> {
  const requests: Recorded[] = [];
  const upgrades: Recorded[] = [];
  const server = http.createServer((req, res) => {
    requests.push({
      method: req.method || '', url: req.url || '', headers: req.headers
    });
    if (handle) {
      return handle(req, res);
    }
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end('{}');
  });

  server.on('upgrade', (req, socket) => {
    upgrades.push({
      method: req.method || '', url: req.url || '', headers: req.headers
    });
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  return {
    url:   `http://127.0.0.1:${ (server.address() as AddressInfo).port }`,
    requests,
    upgrades,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
