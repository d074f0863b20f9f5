import type { ClientRequest, IncomingMessage, ServerResponse } from 'http';
import type { Socket } from 'net';
import httpProxy from 'http-proxy';
import { withSameSite } from './guards';

/** Set on a request whose answer came from the backend before the backend had read all its body. */
const ANSWERED_EARLY = Symbol('answeredEarly');

type Marked = IncomingMessage & { [ANSWERED_EARLY]?: boolean };

/** Stop sending a request's body upstream and read the rest away, so the client's keep-alive connection can carry its next request. */
function drainClient(req: IncomingMessage, proxyReq?: ClientRequest): void {
  if (!req.complete) {
    if (proxyReq) {
      req.unpipe(proxyReq);
    }
    req.resume();
  }
}

/**
 * A backend may answer before it has read the request body (a 401, a 413, a refused type).
 * Node's server then reads the rest away, unless the request said `Connection: close`: then,
 * like Go's server with more than 256 KiB left, it closes its end, and our next write fails
 * (EPIPE), often before its answer was read. So the proxy sends no `Connection: close`
 * (`createBackendProxy`) and, once an answer comes, stops sending the body, relays the answer
 * (a write error after it is expected, not a 502), drains the client's body, and drops the
 * backend's connection, whose request never finished.
 */
function relayEarlyAnswer(proxyReq: ClientRequest, req: Marked): void {
  proxyReq.on('response', (proxyRes) => {
    if (req.complete) {
      return;
    }
    req[ANSWERED_EARLY] = true;
    drainClient(req, proxyReq);
    proxyRes.once('end', () => proxyReq.destroy());
  });
}

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
    // Hop-by-hop: without an agent http-proxy asks the backend to close after its answer (and
    // forwards a client's `close`), which turns an early answer into a lost one (relayEarlyAnswer).
    proxyReq.removeHeader('connection');
    proxyReq.setHeader('x-api-host', req.headers.host || '');
    proxyReq.setHeader('x-forwarded-proto', 'https');
    relayEarlyAnswer(proxyReq, req as Marked);
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
  proxy.on('proxyRes', (proxyRes) => {
    // Hop-by-hop, about our connection to the backend: the client's connection to us keeps its
    // own (a backend closing after an early answer must not close the client's; its keep-alive
    // timeout is not ours).
    delete proxyRes.headers.connection;
    delete proxyRes.headers['keep-alive'];
    const cookies = proxyRes.headers['set-cookie'];

    if (cookies) {
      proxyRes.headers['set-cookie'] = withSameSite(cookies);
    }
  });
  proxy.on('error', (err, req, res) => {
    if ((req as Marked)[ANSWERED_EARLY]) {
      return; // the backend stopped reading the body it had already answered: nothing is lost
    }
    log(`proxy error: ${ err.message }`);
    drainClient(req);
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
