import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { Catalog } from './catalog/catalog';
import { ClusterLifecycle } from './controllers/cluster-lifecycle';
import { HarvesterRegistration } from './harvester/registration';
import { startHarvesterApiServer } from './harvester/harvester-api-server';
import { createApp } from './http/app';
import { applyProfile, seed, seedScaleClusters, DEFAULT_PASSWORD } from './seed';
import { SimConfig, SimState } from './state';
import { HookRegistry } from './steve/hooks';
import { WatchHub } from './steve/watch';
import { registerRoleTemplateBindingWebhooks } from './webhook/role-template-bindings';
import { registerProjectBackingNamespace } from './controllers/project-backing-namespace';
import type { StorageHealth } from './store/state-storage';
import { rancherProfile } from './profile';

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** Where state.json lives; null keeps everything in memory (tests). */
  dataDir?: string | null;
  /** Discard persisted state and seed afresh. */
  reset?: boolean;
  password?: string;
  seedClusters?: number;
  harvesterDelayMs?: number;
  deleteDelayMs?: number;
  rancherVersion?: string;
  /** Interval of Rancher's cluster-connected checker (default 15 s, as Rancher). */
  connectedCheckMs?: number;
  /** `ui-sql-cache`; unset: the release's default (on from 2.12). */
  uiSqlCache?: boolean;
  serverUrl?: string;
  /** Port of the simulated Harvester clusters' Kubernetes API (HTTPS); 0 = any free. */
  harvesterApiPort?: number;
  quiet?: boolean;
  /**
   * A Helm chart repository made by `npm run package` (`dist-repo/`): the simulator serves it
   * as a remote repository and keeps its extension installed (UIPlugin → /v1/uiplugins).
   */
  extensionRepoDir?: string;
}

export interface Simulator {
  url: string;
  port: number;
  /** The simulated Harvester clusters' Kubernetes API (HTTPS, private CA). */
  harvesterApiUrl: string;
  state: SimState;
  watchers: WatchHub;
  catalog: Catalog;
  /** Point registration URLs at the address users reach Rancher by (the front server). */
  setServerUrl(url: string): void;
  /**
   * The `cacerts` setting: the CA of Rancher's own certificate, as Rancher publishes it when it
   * serves a certificate it generated (the front server's self-signed one).
   */
  setCaCerts(pem: string): void;
  close(): Promise<void>;
}

/** Start the Rancher API simulator (HTTP + websocket) on `host:port` (port 0 = any free). */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const log = (line: string) => {
    if (!opts.quiet) {
      process.stderr.write(`${ line }\n`);
    }
  };
  const config: SimConfig = {
    serverUrl:        opts.serverUrl || 'https://127.0.0.1:8005',
    harvesterDelayMs: opts.harvesterDelayMs ?? 1500,
    deleteDelayMs:    opts.deleteDelayMs ?? opts.harvesterDelayMs ?? 1500,
    rancherVersion:   opts.rancherVersion || 'v2.12.3',
    uiSqlCache:       opts.uiSqlCache,
    connectedCheckMs: opts.connectedCheckMs,
  };

  // An unsupported Rancher version fails here, before anything is opened or listens.
  rancherProfile(config.rancherVersion, config.uiSqlCache);
  const state = new SimState(config, opts.dataDir ?? null);

  const hooks = new HookRegistry();
  const lifecycle = new ClusterLifecycle(state);

  lifecycle.register(hooks);
  state.on('storage', (health: StorageHealth) => {
    if (health.ok) {
      log(`[sim] saving to ${ health.file } works again: writes are accepted`);
      lifecycle.reconcile(); // finish what the controllers could not save meanwhile
    } else {
      log(`[sim] CANNOT SAVE to ${ health.file }: ${ health.error }. Writes are refused with 503 until saving works again (GET /sim/health).`);
    }
  });
  const catalog = new Catalog(state, { extensionRepoDir: opts.extensionRepoDir });

  catalog.register(hooks);
  registerRoleTemplateBindingWebhooks(hooks, state); // rancher/webhook: PRTB/CRTB validation and escalation
  registerProjectBackingNamespace(hooks, state); // rancher/webhook project mutator + project lifecycle: the backing namespace
  const registration = new HarvesterRegistration(state, lifecycle);
  const password = opts.password || DEFAULT_PASSWORD;
  const adminId = () => state.findUserByUsername('admin')?.metadata.name || 'user-admin';
  const reseed = (o: { seedClusters?: number }) => {
    state.batch(() => {
      state.clear();
      seed(state, lifecycle, { password, seedClusters: o.seedClusters ?? 0 });
      catalog.start();
      state.flush();
    });
  };

  if (opts.reset || !state.load()) {
    reseed({ seedClusters: opts.seedClusters });
  } else {
    applyProfile(state); // this start's SIM_RANCHER_VERSION / SIM_UI_SQL_CACHE over the kept state
    lifecycle.resumeAgentSessions();
    lifecycle.reconcile();
    if (opts.seedClusters) {
      seedScaleClusters(state, lifecycle, opts.seedClusters, adminId());
    }
    catalog.start();
  }
  if (opts.serverUrl) {
    state.store.patch('management.cattle.io.setting', 'server-url', (s) => {
      s.value = opts.serverUrl;
    });
  }

  const harvesterApiServer = await startHarvesterApiServer(registration.kube, { port: opts.harvesterApiPort, dataDir: opts.dataDir ?? null });
  const app = createApp({
    state, lifecycle, hooks, catalog, registration, harvesterApi: harvesterApiServer, reseed, seedMore: (count) => seedScaleClusters(state, lifecycle, count, adminId()), log
  });
  const server: Server = createServer(app);
  const watchers = new WatchHub(state);

  lifecycle.connected.start(config.connectedCheckMs);

  watchers.attach(server);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host || '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${ opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1' }:${ port }`;

  log(`[sim] Rancher simulator listening on ${ url }`);

  return {
    url,
    port,
    harvesterApiUrl: harvesterApiServer.url,
    state,
    watchers,
    catalog,
    setServerUrl(serverUrl: string) {
      config.serverUrl = serverUrl;
      state.store.patch('management.cattle.io.setting', 'server-url', (s) => {
        s.value = serverUrl;
      });
    },
    setCaCerts(pem: string) {
      state.store.patch('management.cattle.io.setting', 'cacerts', (s) => {
        s.value = pem;
      });
    },
    close: () => new Promise<void>((resolve) => {
      lifecycle.connected.stop();
      watchers.close();
      harvesterApiServer.close().catch(() => undefined); // closing, nothing left to tell
      state.close();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
