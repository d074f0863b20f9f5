import express from 'express';
import fs from 'fs';
import { createServer, Server } from 'https';
import { AddressInfo } from 'net';
import path from 'path';
import { generate } from 'selfsigned';
import { controlRefusal } from '../control/guard';
import { kubeApi } from '../kube/api';
import type { HarvesterKube } from './harvester-kube';

/** Where the simulated Harvester clusters' Kubernetes APIs answer, and the CA their kubeconfigs trust. */
export interface HarvesterApiEndpoint {
  url: string;
  caPem: string;
}

export interface HarvesterApiServer extends HarvesterApiEndpoint {
  close(): Promise<void>;
}

interface TlsFiles { caCert: string, caKey: string, cert: string, key: string }

/**
 * A private CA and a serving certificate for 127.0.0.1/localhost, as an RKE2 server makes its
 * own (`rke2-server-ca`), kept in `<dataDir>/harvester-tls/` so saved kubeconfigs stay valid.
 * EC keys: made in milliseconds, so every test's simulator can have its own.
 */
async function tlsMaterial(dataDir: string | null): Promise<TlsFiles> {
  const dir = dataDir && path.join(dataDir, 'harvester-tls');
  const file = dir && path.join(dir, 'tls.json');

  if (file && fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as TlsFiles;
  }
  const ca = await generate([{ name: 'commonName', value: `rke2-server-ca@${ Math.floor(Date.now() / 1000) }` }], {
    keyType:    'ec',
    algorithm:  'sha256',
    days:       3650,
    extensions: [{
      name: 'basicConstraints', cA: true, critical: true
    }, {
      name: 'keyUsage', keyCertSign: true, digitalSignature: true, critical: true
    }],
  } as Parameters<typeof generate>[1]);
  const serving = await generate([{ name: 'commonName', value: 'kube-apiserver' }], {
    keyType:    'ec',
    algorithm:  'sha256',
    days:       825,
    ca:         { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      {
        name: 'keyUsage', digitalSignature: true, keyEncipherment: true
      },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  } as Parameters<typeof generate>[1]);
  const files = {
    caCert: ca.cert, caKey: ca.private, cert: serving.cert, key: serving.private,
  };

  if (dir && file) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(files), { mode: 0o600 });
  }

  return files;
}

/**
 * The HTTPS endpoint of every simulated Harvester's Kubernetes API
 * (`https://127.0.0.1:<port>/sim/harvester/<name>/k8s`). HTTPS because kubectl sends a
 * kubeconfig's bearer token only over TLS (k8s.io/client-go `tools/clientcmd/client_config.go`
 * reads the user's credentials only "if we are secure"). Loopback only, like the rest of `/sim`.
 */
export async function startHarvesterApiServer(kube: HarvesterKube, opts: { port?: number, dataDir: string | null }): Promise<HarvesterApiServer> {
  const tls = await tlsMaterial(opts.dataDir);
  const app = express();

  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const refusal = controlRefusal(req); // the same owner-only rule as the rest of /sim

    if (!refusal) {
      return next();
    }
    res.status(403).json({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: refusal, reason: 'Forbidden', code: 403,
    });
  });
  app.use('/sim/harvester/:name/k8s', kubeApi((req) => kube.target(String(req.params.name))));
  app.use((_req, res) => {
    res.status(404).json({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404,
    });
  });
  const server: Server = createServer({ key: tls.key, cert: `${ tls.cert.trim() }\n${ tls.caCert.trim() }\n` }, app);

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new Error(`port ${ opts.port } for the simulated Harvester clusters' Kubernetes API is in use: free it or choose another with SIM_HARVESTER_API_PORT`) : err));
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url:   `https://127.0.0.1:${ port }`,
    caPem: tls.caCert,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
