import type { ServerResponse } from 'http';
import type { Socket } from 'net';
import httpProxy from 'http-proxy';

export function createBackendProxy(backendUrl: string, log: (line: string) => void): httpProxy {
  const backend = new URL(backendUrl);
  const proxy = httpProxy.createProxyServer({
    target:       backendUrl,
    changeOrigin: true,
    secure:       false, // real Rancher installs often use a self-signed CA; the browser-facing side is ours
    ws:           true,
    xfwd:         false,
  });

  proxy.on('proxyReq', (proxyReq, req) => {
    proxyReq.setHeader('x-api-host', req.headers.host || '');
    proxyReq.setHeader('x-forwarded-proto', 'https');
  });
  proxy.on('proxyReqWs', (proxyReq, req) => {
    // Rancher checks a browser's websocket Origin against its Host, which our proxy rewrites to
    // the backend's. Only our own origin gets here (a foreign one was refused on upgrade): name
    // the backend's instead. No Origin stays none.
    if (req.headers.origin !== undefined) {
      proxyReq.setHeader('origin', backend.origin);
    }
    proxyReq.setHeader('x-api-host', req.headers.host || '');
    proxyReq.setHeader('x-forwarded-proto', 'https');
  });
  proxy.on('error', (err, _req, res) => {
    log(`proxy error: ${ err.message }`);
    if (res && 'writeHead' in res && !res.headersSent) {
      (res as ServerResponse).writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        type: 'error', status: 502, code: 'BadGateway', message: `The Rancher API at ${ backend.origin } is not reachable: ${ err.message }`,
      }));
    } else if (res && 'destroy' in res) {
      (res as ServerResponse | Socket).destroy();
    }
  });

  return proxy;
}
