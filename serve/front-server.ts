import https from 'https';
import path from 'path';
import fs from 'fs';
import type { AddressInfo } from 'net';
import express from 'express';
import type { TlsMaterial } from './tls';
import { BuiltExtension, UI_PLUGINS_PATH, extensionAssetBase, mergeUiPlugins } from './extension-entry';
import { crossSiteWebsocketAnswer, simControlRefusal, websocketOrigin } from './guards';
import { createBackendProxy } from './proxy';

export { isLoopback } from './guards';

/** Paths Rancher (or the simulator) answers; everything else is the dashboard's single-page app. */
export const API_PREFIXES = [
  '/k8s', '/pp', '/api', '/apis', '/v1', '/v3', '/v3-public', '/v1-public', '/api-ui', '/meta',
  '/rancherversion', '/version',
];

export interface FrontServerOptions {
  port: number;
  host: string;
  tls: TlsMaterial;
  /** Rancher or the simulator, e.g. http://127.0.0.1:4567 or https://rancher.example.com */
  backendUrl: string;
  /** The production dashboard build (index.html + assets) */
  dashboardDir: string;
  /** Our extension, served and announced through /v1/uiplugins the way Rancher's operator does */
  extension?: BuiltExtension;
  /** The simulator's test-control API is reachable through us, for its owner on this machine only (guards.ts) */
  exposeSimControl: boolean;
  log?: (line: string) => void;
}

export interface FrontServer { url: string; port: number; close(): Promise<void> }

function isApiPath(urlPath: string): boolean {
  return API_PREFIXES.some((p) => urlPath === p || urlPath.startsWith(`${ p }/`) || urlPath.startsWith(`${ p }?`)) ||
    urlPath.startsWith('/v1-');
}

export async function startFrontServer(opts: FrontServerOptions): Promise<FrontServer> {
  const log = opts.log || (() => {});
  const backend = new URL(opts.backendUrl);
  const proxy = createBackendProxy(opts.backendUrl, log);
  const app = express();

  app.disable('x-powered-by');

  if (opts.extension) {
    const ext = opts.extension;

    app.get(UI_PLUGINS_PATH, async(req, res) => {
      let status = 404;
      let body: string | undefined;

      try {
        // Only the path and query go to the backend: an absolute-form request line
        // (`GET http://other-host/v1/uiplugins`) must not choose where the user's cookies go.
        const target = new URL(backend.origin);
        const asked = new URL(req.originalUrl, 'http://request.invalid');

        target.pathname = asked.pathname;
        target.search = asked.search;
        const answer = await fetch(target, { headers: { cookie: req.headers.cookie || '', accept: 'application/json' } });

        status = answer.status;
        body = await answer.text();
      } catch {
        status = 502;
      }
      res.set('content-type', 'application/json').set('cache-control', 'no-cache');
      res.send(mergeUiPlugins(body, status, ext));
    });

    app.use(extensionAssetBase(ext), express.static(ext.dir, {
      index: false, cacheControl: false, setHeaders: (r) => r.set('cache-control', 'no-cache')
    }));
  }

  app.use((req, res, next) => {
    if (req.path === '/sim' || req.path.startsWith('/sim/')) {
      const refusal = simControlRefusal(req, opts.exposeSimControl);

      if (!refusal) {
        return proxy.web(req, res);
      }

      return res.status(refusal.status).json({
        type: 'error', status: refusal.status, code: refusal.status === 404 ? 'NotFound' : 'Forbidden', message: refusal.message,
      });
    }
    if (isApiPath(req.path)) {
      return proxy.web(req, res);
    }
    next();
  });

  app.use(express.static(opts.dashboardDir, { index: false, maxAge: '1h' }));

  const indexHtml = path.join(opts.dashboardDir, 'index.html');

  // The dashboard's router uses history mode: every other path is the app.
  app.use((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return res.status(404).end();
    }
    if (!fs.existsSync(indexHtml)) {
      return res.status(503).type('text').send('The dashboard is not built yet: run npm start again, it builds it first.');
    }
    res.set('cache-control', 'no-cache').sendFile(indexHtml);
  });

  const server = https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, app);

  server.on('upgrade', (req, socket, head) => {
    const urlPath = (req.url || '').split('?')[0];

    if (!isApiPath(urlPath)) {
      socket.destroy();
    } else if (websocketOrigin(req) === 'foreign') {
      // Another site's page opening a socket with the user's cookie: refused as Rancher does,
      // never passed on under our own origin.
      socket.end(crossSiteWebsocketAnswer());
    } else {
      proxy.ws(req, socket, head);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });

  const port = (server.address() as AddressInfo).port;
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;

  return {
    url:   `https://${ shownHost.includes(':') ? `[${ shownHost }]` : shownHost }:${ port }`,
    port,
    close: () => new Promise<void>((resolve) => {
      proxy.close();
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
