import { Router } from 'express';
import { loopbackOnly } from './guard';
import { errors } from '../core/api-error';
import { HarvesterRegistration } from '../harvester/registration';
import type { SimState } from '../state';
import { TYPES } from '../steve/type-catalog';
import { namespacesOf, settingsOf } from '../harvester/harvester-fleet';
import { kubeconfigFor } from './kubeconfig';
import type { HarvesterApiEndpoint } from '../harvester/harvester-api-server';

export interface ControlDeps {
  state: SimState;
  registration: HarvesterRegistration;
  /** Where the Harvester clusters' Kubernetes APIs answer (filled in once that listener is up). */
  harvesterApi: HarvesterApiEndpoint;
  reseed: (opts: { seedClusters?: number }) => void;
  seedMore: (count: number) => void;
}

function harvesterView(h: ReturnType<SimState['fleet']['get']>) {
  return h && {
    name:       h.name,
    namespaces: namespacesOf(h),
    agent:      h.agent,
    settings:   settingsOf(h),
    broken:     h.broken || null,
    history:    h.history,
  };
}

/**
 * `/sim/…`: the Harvester side (apply / delete-manifest / per-cluster Kubernetes API), fault
 * injection, timing, reset and a state dump for assertions.
 */
export function controlRoutes({
  state, registration, reseed, seedMore, harvesterApi,
}: ControlDeps): Router {
  const router = Router();

  router.use('/sim', loopbackOnly);

  // Whether changes are being saved (sim/store/state-storage.ts): 503 while they are not.
  router.get('/sim/health', (_req, res) => {
    const storage = state.storageHealth;

    res.status(storage.ok ? 200 : 503).json({ ok: storage.ok, storage });
  });

  router.get('/sim/state', (_req, res) => {
    const { store } = state;
    const clusters = store.list(TYPES.PROV_CLUSTER).map((p) => {
      const mgmt = p.status?.clusterName ? store.get(TYPES.MGMT_CLUSTER, p.status.clusterName) : undefined;

      return {
        id: `${ p.metadata.namespace }/${ p.metadata.name }`, clusterId: p.status?.clusterName || null, state: mgmt?.metadata.state?.name || p.metadata.state?.name || null, labels: p.metadata.labels || {}, managementLabels: mgmt?.metadata.labels || {},
      };
    });
    const count = (type: string) => store.list(type).length;

    res.json({
      revision:           store.revision,
      config:             state.config,
      clusters,
      managementClusters: store.list(TYPES.MGMT_CLUSTER).map((m) => m.metadata.name).sort(),
      tokens:             store.list(TYPES.REGISTRATION_TOKEN).map((t) => `${ t.metadata.namespace }/${ t.metadata.name }`).sort(),
      counts:             Object.fromEntries(store.types().map((t) => [t, count(t)])),
      harvesters:         state.fleet.list().map(harvesterView),
      faults:             state.faults.list(),
      pendingTimers:      state.scheduler.pending,
    });
  });

  // Every object of every type, for tests that check that nothing but the intended changed.
  router.get('/sim/objects', (_req, res) => {
    const { store } = state;
    const id = (o: { metadata: { namespace?: string, name: string } }) => `${ o.metadata.namespace ? `${ o.metadata.namespace }/` : '' }${ o.metadata.name }`;

    res.json({
      revision: store.revision,
      objects:  Object.fromEntries(store.types().sort().map((t) => [t, [...store.list(t)].sort((a, b) => id(a).localeCompare(id(b)))])),
    });
  });

  router.post('/sim/reset', (req, res) => {
    const seedClusters = req.body?.seedClusters;

    if (seedClusters !== undefined && (!Number.isInteger(seedClusters) || seedClusters < 0 || seedClusters > 20000)) {
      throw errors.invalidFormat('seedClusters', 'seedClusters must be an integer between 0 and 20000');
    }
    reseed({ seedClusters });
    res.json({ ok: true, revision: state.store.revision });
  });

  router.post('/sim/seed', (req, res) => {
    const count = req.body?.count;

    if (!Number.isInteger(count) || count < 1 || count > 20000) {
      throw errors.invalidFormat('count', 'count must be an integer between 1 and 20000');
    }
    seedMore(count);
    res.json({ ok: true, clusters: state.store.list(TYPES.PROV_CLUSTER).length });
  });

  router.put('/sim/config', (req, res) => {
    for (const key of ['harvesterDelayMs', 'deleteDelayMs'] as const) {
      const value = req.body?.[key];

      if (value !== undefined) {
        if (typeof value !== 'number' || value < 0 || value > 600_000) {
          throw errors.invalidFormat(key, `${ key } must be a number of milliseconds (0-600000)`);
        }
        state.config[key] = value;
      }
    }
    res.json(state.config);
  });

  router.get('/sim/faults', (_req, res) => {
    res.json({ data: state.faults.list() });
  });
  router.post('/sim/faults', (req, res) => {
    const fault = state.faults.add(req.body || {});

    if (fault.kind === 'websocket-drop') {
      state.emit('drop-websockets');
    }
    res.status(201).json(fault);
  });
  router.delete('/sim/faults', (_req, res) => {
    state.faults.clear();
    res.json({ data: [] });
  });

  router.get('/sim/harvester', (_req, res) => {
    res.json({ data: state.fleet.list().map(harvesterView) });
  });
  router.post('/sim/harvester', (req, res) => {
    const { name, version } = req.body || {};

    if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63) {
      throw errors.invalidFormat('name', 'name must be a lowercase RFC 1123 label');
    }
    if (version !== undefined && (typeof version !== 'string' || !/^v\d+\.\d+\.\d+/.test(version))) {
      throw errors.invalidFormat('version', 'version must look like v1.4.1');
    }
    if (state.fleet.get(name)) {
      throw errors.alreadyExists(`simulated Harvester cluster "${ name }" already exists`);
    }
    const created = state.fleet.ensure(name, version);

    state.saveHarvester(created);
    res.status(201).json(harvesterView(created));
  });
  router.post('/sim/harvester/apply', (req, res) => {
    const harvester = registration.apply(req.body?.manifestUrl, typeof req.body?.harvester === 'string' ? req.body.harvester : undefined);

    res.status(201).json(harvesterView(harvester));
  });
  router.post('/sim/harvester/delete-manifest', (req, res) => {
    const harvester = registration.deleteManifest(req.body?.manifestUrl, typeof req.body?.harvester === 'string' ? req.body.harvester : undefined);

    res.json(harvesterView(harvester));
  });
  router.post('/sim/harvester/:name/disconnect', (req, res) => {
    const harvester = state.fleet.get(String(req.params.name));

    if (!harvester?.agent) {
      throw errors.notFound(`simulated Harvester cluster "${ req.params.name }" has no connected agent`);
    }
    const message = req.body?.message;

    // What the agent's failure reports (Rancher shows the downstream's error text as it is).
    if (message !== undefined && (typeof message !== 'string' || !message || message.length > 2000)) {
      throw errors.invalidFormat('message', 'message must be a non-empty string of at most 2000 characters');
    }
    state.emit('agent-disconnected', harvester.agent.clusterId, message);
    res.json(harvesterView(harvester));
  });
  // The admin kubeconfig of the simulated Harvester, as Harvester's UI offers it for download.
  router.get('/sim/harvester/:name/kubeconfig', (req, res) => {
    const harvester = state.fleet.get(String(req.params.name));

    if (!harvester) {
      throw errors.notFound(`simulated Harvester cluster "${ req.params.name }" not found`);
    }
    res.type('application/yaml').send(kubeconfigFor(harvester, `${ harvesterApi.url }/sim/harvester/${ harvester.name }/k8s`, harvesterApi.caPem));
  });
  router.get('/sim/harvester/:name', (req, res) => {
    const harvester = state.fleet.get(String(req.params.name));

    if (!harvester) {
      throw errors.notFound(`simulated Harvester cluster "${ req.params.name }" not found`);
    }
    res.json(harvesterView(harvester));
  });

  return router;
}
