import path from 'path';
import { startSimulator } from '../../../sim/server';
import { startFrontServer, FrontServer } from '../../../serve/front-server';
import { readBuiltExtension } from '../../../serve/extension-entry';
import { loadOrCreateCertificate } from '../../../serve/tls';
import { PLUGIN_NAME } from '../../../pkg/harvester-manager/config/constants';
import { PASSWORD } from '../../../drivers/dashboard';

export { PASSWORD };

const rootDir = path.resolve(__dirname, '../../..');

export interface Stack {
  /** https URL of the dashboard, as `npm start` serves it */
  url: string;
  /** http URL of the simulator itself (test control API under /sim) */
  simUrl: string;
  close(): Promise<void>;
}

export interface StackOptions {
  harvesterDelayMs?: number;
  seedClusters?: number;
  /**
   * A Helm chart repository made by `npm run package`: the simulator installs our extension from
   * it (UIPlugin → /v1/uiplugins), as Rancher does. Default: the front server serves dist-pkg/.
   */
  extensionRepoDir?: string;
  /** `/rancherversion` of the simulator (SIM_RANCHER_VERSION), e.g. v2.10.6. */
  rancherVersion?: string;
  /** `ui-sql-cache` (SIM_UI_SQL_CACHE); unset: as that release ships it. */
  uiSqlCache?: boolean;
  /** Interval of the simulated cluster-connected checker (Rancher: 15 s). */
  connectedCheckMs?: number;
}

/** What `npm start` runs, on free ports, with a fresh in-memory simulator per test file. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const sim = await startSimulator({
    port:             0,
    host:             '127.0.0.1',
    dataDir:          null,
    password:         PASSWORD,
    quiet:            true,
    harvesterDelayMs: opts.harvesterDelayMs ?? 300,
    seedClusters:     opts.seedClusters ?? 0,
    extensionRepoDir: opts.extensionRepoDir,
    rancherVersion:   opts.rancherVersion,
    uiSqlCache:       opts.uiSqlCache,
    connectedCheckMs: opts.connectedCheckMs,
  });
  let front: FrontServer;
  const tls = await loadOrCreateCertificate(path.join(rootDir, '.cache', 'tls'));

  try {
    front = await startFrontServer({
      port:             0,
      host:             '127.0.0.1',
      tls,
      backendUrl:       sim.url,
      dashboardDir:     path.join(rootDir, 'dist'),
      extension:        opts.extensionRepoDir ? undefined : readBuiltExtension(rootDir, PLUGIN_NAME),
      exposeSimControl: true,
    });
  } catch (err) {
    await sim.close();
    throw err;
  }

  // Registration URLs must point at the address the browser (and the "Harvester") reach Rancher by.
  sim.setServerUrl(front.url);
  // …and, as Rancher does with a certificate it generated itself, it publishes that CA in `cacerts`.
  sim.setCaCerts(tls.cert);

  return {
    url:    front.url,
    simUrl: sim.url,
    close:  async() => {
      await front.close();
      await sim.close();
    },
  };
}
