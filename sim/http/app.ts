import express, { NextFunction, Request, Response } from 'express';
import { ApiError, errors, isApiError, NO_SCHEMA_CODE } from '../core/api-error';
import type { Catalog } from '../catalog/catalog';
import { catalogRoutes } from '../catalog/routes';
import { ClusterLifecycle } from '../controllers/cluster-lifecycle';
import { jsonBodiesOnly, loopbackOnly } from '../control/guard';
import { controlRoutes, ControlDeps } from '../control/routes';
import { kubeApi } from '../kube/api';
import { cloudCredentialRoutes } from '../norman/cloud-credentials';
import { normanRoutes } from '../norman/routes';
import { authRoutes } from '../routes/auth';
import { downstreamRoutes } from '../routes/downstream';
import { downstreamSteveRoutes } from '../routes/downstream-steve';
import { steveRoutes } from '../routes/steve';
import type { SimState } from '../state';
import { HookRegistry } from '../steve/hooks';
import { authenticate, csrf } from './context';
import { refuseDeepBodies } from './deep-bodies';
import { refuseWritesWhileStorageFails } from './storage-guard';

export interface AppDeps extends ControlDeps {
  lifecycle: ClusterLifecycle;
  hooks: HookRegistry;
  /** Cluster repositories, Helm releases and the UI Plugin operator (`/v1/uiplugins`). */
  catalog?: Catalog;
  log: (line: string) => void;
}

const DEFAULT_CODES: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 409: 'Conflict', 422: 'InvalidBodyContent', 429: 'TooManyRequests', 500: 'ServerError', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout',
};

/** Injected HTTP faults (not on the control API itself). */
function faults(state: SimState) {
  return async(req: Request, _res: Response, next: NextFunction) => {
    if (req.path.startsWith('/sim/') || req.path === '/sim') {
      return next();
    }
    const fault = state.faults.takeHttp(req.method, req.path);

    if (!fault) {
      return next();
    }
    if (fault.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    }
    if (fault.status) {
      return next(new ApiError(fault.status, fault.code || DEFAULT_CODES[fault.status] || 'InjectedFault', fault.message || `injected fault: ${ fault.status } on ${ req.method } ${ req.path }`));
    }
    next();
  };
}

export function createApp(deps: AppDeps): express.Express {
  const { state, lifecycle, hooks } = deps;
  const app = express();

  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  // The test-control API answers only its owner on this machine (sim/control/guard.ts).
  app.use('/sim', loopbackOnly);
  app.use(refuseWritesWhileStorageFails(state));
  // Each simulated Harvester's Kubernetes API parses its own bodies (YAML apply, patch types) and answers Status errors.
  app.use('/sim/harvester/:name/k8s', kubeApi((req) => deps.registration.kube.target(String(req.params.name))));
  app.use('/sim', jsonBodiesOnly);
  app.use(express.json({ limit: '1mb', type: ['application/json', 'application/*+json', 'text/plain'] }));
  app.use(refuseDeepBodies);
  app.use(faults(state));
  app.use(authenticate(state));
  app.use(controlRoutes(deps));
  app.use(csrf);

  app.get('/rancherversion', (_req, res) => {
    res.json({
      Version: state.profile.version, GitCommit: 'simulator', RancherPrime: 'false'
    });
  });
  app.get('/version', (_req, res) => {
    res.json({
      major: '1', minor: '31', gitVersion: 'v1.31.4+k3s1', gitCommit: 'simulator', platform: 'linux/amd64'
    });
  });
  // Rancher's own cluster ("local") through the cluster proxy is the same Steve API (the shell's
  // Extensions and Apps pages live there).
  app.use((req, _res, next) => {
    if (/^\/k8s\/clusters\/local\/v1(\/|$|\?)/.test(req.url)) {
      req.url = req.url.slice('/k8s/clusters/local'.length);
    }
    next();
  });
  if (deps.catalog) {
    app.use(catalogRoutes(state, deps.catalog));
  } else {
    app.get('/v1/uiplugins', (_req, res) => {
      // No UI Plugin operator: the front server adds our extension to this.
      res.json({ entries: {} });
    });
  }

  app.use(authRoutes(state));
  app.use(downstreamSteveRoutes(state));
  app.use(downstreamRoutes(state));
  app.use(steveRoutes({ state, hooks }));
  app.use(cloudCredentialRoutes(state));
  app.use(normanRoutes(state, lifecycle, hooks));

  app.use((req: Request) => {
    throw errors.notFound(`${ req.method } ${ req.path } is not served by the simulator`);
  });

  // One place turns every failure into Rancher's error shape; stack traces stay in the log.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    let apiError: ApiError;
    const e = err as { type?: string, status?: number, message?: string };

    if (isApiError(err)) {
      apiError = err;
    } else if (e?.type === 'entity.parse.failed') {
      apiError = errors.invalidBody(`request body is not valid JSON: ${ e.message }`);
    } else if (e?.type === 'entity.too.large') {
      apiError = new ApiError(413, 'RequestEntityTooLarge', 'request body is larger than 1 MB');
    } else if (e?.status && e.status >= 400 && e.status < 500) {
      apiError = new ApiError(e.status, DEFAULT_CODES[e.status] || 'BadRequest', e.message || 'bad request');
    } else {
      deps.log(`[sim] ${ req.method } ${ req.path } failed: ${ (err as Error)?.stack || err }`);
      apiError = new ApiError(500, 'ServerError', 'internal simulator error; see the simulator log');
    }
    if (!res.headersSent) {
      if (apiError.code === NO_SCHEMA_CODE) {
        res.status(404).end(); // apiserver handleOp: no schema for this user → 404 without a body
      } else {
        res.status(apiError.status).json(apiError.toBody());
      }
    }
  });

  return app;
}
