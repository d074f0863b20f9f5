import { NextFunction, Request, Response, Router } from 'express';
import { ApiError, errors, isApiError } from '../core/api-error';
import { HarvesterRegistration } from '../harvester/registration';
import { SimulatedHarvester } from '../harvester/harvester-fleet';
import type { SimState } from '../state';

const SETTINGS_PATH = '/apis/harvesterhci.io/v1beta1/settings';

function status(code: number, reason: string, message: string) {
  return {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code
  };
}

function settingObject(h: SimulatedHarvester, name: string) {
  return {
    apiVersion: 'harvesterhci.io/v1beta1',
    kind:       'Setting',
    metadata:   { name, resourceVersion: `${ h.resourceVersion }`, creationTimestamp: h.createdAt },
    value:      h.settings[name],
    default:    '',
  };
}

function namespaceObject(h: SimulatedHarvester, name: string) {
  return {
    apiVersion: 'v1', kind: 'Namespace', metadata: { name, creationTimestamp: h.createdAt }, status: { phase: 'Active' }
  };
}

/** A JSON merge patch or JSON patch on `/value` (what kubectl and client-node send). */
function newValueFrom(body: unknown): string {
  if (Array.isArray(body)) {
    const op = body.find((o) => o && (o.op === 'replace' || o.op === 'add') && o.path === '/value');

    if (!op || typeof op.value !== 'string') {
      throw errors.invalid('only a replace of /value with a string is supported');
    }

    return op.value;
  }
  const value = (body as { value?: unknown })?.value;

  if (typeof value !== 'string') {
    throw errors.invalid('value must be a string');
  }

  return value;
}

/**
 * The Kubernetes API of one simulated Harvester cluster, enough for kubectl-style clients
 * (`@kubernetes/client-node`): version, namespaces, the agent deployment and the
 * `harvesterhci.io/v1beta1` settings, where setting `cluster-registration-url` registers.
 * Errors are Kubernetes `Status` objects, not Rancher's error shape.
 */
export function harvesterKubeApi(state: SimState, registration: HarvesterRegistration): Router {
  const router = Router({ mergeParams: true });
  const harvester = (req: Request): SimulatedHarvester => {
    const h = state.fleet.get(String(req.params.name));

    if (!h) {
      throw new ApiError(404, 'NotFound', `the server could not find simulated Harvester cluster "${ req.params.name }"`);
    }

    return h;
  };

  router.get('/version', (req, res) => {
    harvester(req);
    res.json({
      major: '1', minor: '31', gitVersion: 'v1.31.4+rke2r1', platform: 'linux/amd64'
    });
  });
  router.get('/api/v1/namespaces', (req, res) => {
    const h = harvester(req);

    res.json({
      kind: 'NamespaceList', apiVersion: 'v1', metadata: { resourceVersion: `${ h.resourceVersion }` }, items: [...h.namespaces].sort().map((n) => namespaceObject(h, n))
    });
  });
  router.get('/api/v1/namespaces/:ns', (req, res) => {
    const h = harvester(req);

    if (!h.namespaces.includes(String(req.params.ns))) {
      throw errors.notFound(`namespaces "${ req.params.ns }" not found`);
    }
    res.json(namespaceObject(h, String(req.params.ns)));
  });
  router.get('/apis/apps/v1/namespaces/cattle-system/deployments/cattle-cluster-agent', (req, res) => {
    const h = harvester(req);

    if (!h.agent) {
      throw errors.notFound('deployments.apps "cattle-cluster-agent" not found');
    }
    res.json({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cattle-cluster-agent', namespace: 'cattle-system', creationTimestamp: h.agent.installedAt }, spec: { replicas: 1 }, status: { readyReplicas: 1, replicas: 1 }
    });
  });
  router.get(SETTINGS_PATH, (req, res) => {
    const h = harvester(req);

    res.json({
      apiVersion: 'harvesterhci.io/v1beta1', kind: 'SettingList', metadata: { resourceVersion: `${ h.resourceVersion }` }, items: Object.keys(h.settings).sort().map((n) => settingObject(h, n))
    });
  });
  router.get(`${ SETTINGS_PATH }/:setting`, (req, res) => {
    const h = harvester(req);

    if (h.settings[String(req.params.setting)] === undefined) {
      throw errors.notFound(`settings.harvesterhci.io "${ req.params.setting }" not found`);
    }
    res.json(settingObject(h, String(req.params.setting)));
  });
  const write = (req: Request, res: Response) => {
    const h = harvester(req);
    const name = String(req.params.setting);

    if (h.settings[name] === undefined) {
      throw errors.notFound(`settings.harvesterhci.io "${ name }" not found`);
    }
    const value = newValueFrom(req.body);

    if (name === 'cluster-registration-url') {
      registration.setRegistrationUrl(h, value);
    } else if (name === 'server-version') {
      throw errors.invalid('server-version is read-only');
    } else {
      h.settings[name] = value;
      state.fleet.record(h, `setting ${ name } changed`);
    }
    state.markDirty();
    res.json(settingObject(h, name));
  };

  router.patch(`${ SETTINGS_PATH }/:setting`, write);
  router.put(`${ SETTINGS_PATH }/:setting`, write);

  router.all('/{*rest}', (req) => {
    throw errors.notFound(`the server could not find the requested resource (${ req.method } ${ req.path })`);
  });
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!isApiError(err)) {
      return next(err);
    }
    res.status(err.status).json(status(err.status, err.code, err.message));
  });

  return router;
}
