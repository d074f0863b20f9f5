/**
 * npm start: the real Rancher dashboard with our extension, on https://127.0.0.1:8005.
 * Backend: the embedded Rancher simulator, or a real Rancher when API=https://… is set.
 */
import path from 'path';
import { ensureDashboardBuild, ensureExtensionBuild } from '../scripts/support/builds';
import { startFrontServer } from './front-server';
import { EXTENSION_DIR_ENV, readBuiltExtension, readExtensionDir } from './extension-entry';
import { loadOrCreateCertificate } from './tls';
import { PLUGIN_NAME } from '../pkg/harvester-manager/config/constants';
import { DEFAULT_REPO_DIR, ensurePackagedRepository } from '../scripts/package';

const rootDir = path.resolve(__dirname, '..');
const log = (line: string) => process.stdout.write(`[start] ${ line }\n`);

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];

  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);

  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${ name } must be a whole number, got "${ raw }"`);
  }

  return value;
}

async function main() {
  const started = Date.now();
  const args = process.argv.slice(2);
  const port = numberFromEnv('PORT', 8005);
  const host = process.env.HOST || '127.0.0.1';
  const api = process.env.API ? (process.env.API.startsWith('http') ? process.env.API : `https://${ process.env.API }`) : undefined;
  const frontUrl = `https://${ host === '0.0.0.0' ? '127.0.0.1' : host }:${ port }`;

  // HM_EXTENSION_DIR: another built extension (e.g. upstream's, for the bench) is served instead of ours.
  const otherExtension = process.env[EXTENSION_DIR_ENV] ? readExtensionDir(process.env[EXTENSION_DIR_ENV]) : undefined;
  // With a packaged chart repository (npm run package) the simulator installs the extension from
  // it and serves it as Rancher's UI Plugin operator does; without one, the front server serves dist-pkg/.
  let fromChart = false;

  if (otherExtension) {
    log(`Extension: ${ otherExtension.name } ${ otherExtension.version } served from ${ otherExtension.dir } (${ EXTENSION_DIR_ENV }) through /v1/uiplugins, instead of ours`);
  } else {
    await ensureExtensionBuild(rootDir, PLUGIN_NAME, log);
    fromChart = !api && await ensurePackagedRepository(DEFAULT_REPO_DIR, log);
    log(fromChart ? 'Extension: installed from the Helm chart repository dist-repo/ (UIPlugin → /v1/uiplugins)' : `Extension: served from dist-pkg/ through /v1/uiplugins${ api ? '' : ' (npm run package loads it from a Helm chart instead)' }`);
  }
  await ensureDashboardBuild(rootDir, log);

  let backendUrl = api;
  let stopSimulator: (() => Promise<void>) | undefined;
  const tls = await loadOrCreateCertificate(path.join(rootDir, '.data', 'tls'));

  if (!backendUrl) {
    const { startSimulator } = await import('../sim/server');
    const { parseSqlCacheFlag } = await import('../sim/profile');
    const sim = await startSimulator({
      port:             numberFromEnv('SIM_PORT', 0),
      host:             '127.0.0.1',
      dataDir:          path.resolve(rootDir, process.env.SIM_DATA_DIR || '.data'),
      reset:            args.includes('--reset'),
      password:         process.env.SIM_PASSWORD || undefined,
      seedClusters:     numberFromEnv('SIM_SEED_CLUSTERS', 0),
      harvesterDelayMs: process.env.SIM_HARVESTER_DELAY_MS ? numberFromEnv('SIM_HARVESTER_DELAY_MS', 1500) : undefined,
      rancherVersion:   process.env.SIM_RANCHER_VERSION || undefined,
      uiSqlCache:       parseSqlCacheFlag(process.env.SIM_UI_SQL_CACHE),
      serverUrl:        process.env.SIM_SERVER_URL || frontUrl,
      harvesterApiPort: numberFromEnv('SIM_HARVESTER_API_PORT', 6443),
      quiet:            true,
      extensionRepoDir: fromChart ? DEFAULT_REPO_DIR : undefined,
    });

    backendUrl = sim.url;
    stopSimulator = sim.close;
    // Rancher publishes the CA of a certificate it generated itself in `cacerts`; ours is self-signed.
    sim.setCaCerts(tls.cert);
    log(`Simulated Harvester clusters' Kubernetes API: ${ sim.harvesterApiUrl } (kubeconfigs: ${ frontUrl }/sim/harvester/<name>/kubeconfig)`);
    log(`Rancher simulator: ${ sim.url }, Rancher ${ sim.state.profile.version } with ui-sql-cache ${ sim.state.profile.sqlCache ? 'on' : 'off' } (state in ${ process.env.SIM_DATA_DIR || '.data' }/, --reset starts fresh)`);
  }

  const front = await startFrontServer({
    port,
    host,
    tls,
    backendUrl,
    dashboardDir:     path.join(rootDir, 'dist'),
    extension:        otherExtension || (fromChart ? undefined : readBuiltExtension(rootDir, PLUGIN_NAME)),
    exposeSimControl: !api,
    log,
  });

  log(`ready in ${ ((Date.now() - started) / 1000).toFixed(1) } s`);
  process.stdout.write(`\n  Rancher dashboard with Virtualization Management: ${ front.url }\n`);
  if (api) {
    process.stdout.write(`  API: ${ api } (log in with your Rancher account)\n\n`);
  } else {
    const password = process.env.SIM_PASSWORD || 'password1234';

    process.stdout.write(`  Logins (password "${ password }"): admin, project-owner, project-readonly, no-access, standard-user\n\n`);
    const { exposureWarning } = await import('../sim/exposure');
    const warning = exposureWarning({
      host, port: front.port, what: 'The dashboard with the simulated Rancher', customPassword: !!process.env.SIM_PASSWORD,
    });

    if (warning) {
      process.stderr.write(`${ warning }\n\n`);
    }
  }

  let stopping = false;
  const stop = async() => {
    if (stopping) {
      return;
    }
    stopping = true;
    log('stopping…');
    await front.close();
    await stopSimulator?.();
    process.exit(0);
  };

  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`[start] ${ err.message || err }\n`);
  process.exit(1);
});
