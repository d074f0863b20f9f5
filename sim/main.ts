/**
 * `npm run sim` — the Rancher API simulator on its own (no dashboard), for the CLI and tests.
 * Options come from the environment: SIM_PORT, SIM_DATA_DIR, SIM_PASSWORD, SIM_SEED_CLUSTERS,
 * SIM_HARVESTER_DELAY_MS, SIM_RANCHER_VERSION, SIM_UI_SQL_CACHE, SIM_SERVER_URL; `--reset` starts fresh.
 * SIM_IN_MEMORY=1 keeps nothing on disk (what tests use; `npm run bench` compares the two).
 */
import path from 'path';
import { exposureWarning } from './exposure';
import { CorruptStateError } from './store/persistence';
import { parseSqlCacheFlag, ProfileConfigError } from './profile';
import { startSimulator } from './server';

function numberFromEnv(name: string, fallback?: number): number | undefined {
  const raw = process.env[name];

  if (raw === undefined || raw === '') {
    return fallback;
  }
  const n = Number(raw);

  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`${ name } must be a non-negative integer (got "${ raw }")\n`);
    process.exit(2);
  }

  return n;
}

(async() => {
  const sim = await startSimulator({
    port:             numberFromEnv('SIM_PORT', 8006),
    host:             process.env.SIM_HOST || '127.0.0.1',
    dataDir:          process.env.SIM_IN_MEMORY === '1' ? null : path.resolve(process.env.SIM_DATA_DIR || '.data'),
    reset:            process.argv.includes('--reset'),
    password:         process.env.SIM_PASSWORD || undefined,
    seedClusters:     numberFromEnv('SIM_SEED_CLUSTERS', 0),
    harvesterDelayMs: numberFromEnv('SIM_HARVESTER_DELAY_MS'),
    rancherVersion:   process.env.SIM_RANCHER_VERSION || undefined,
    uiSqlCache:       parseSqlCacheFlag(process.env.SIM_UI_SQL_CACHE),
    serverUrl:        process.env.SIM_SERVER_URL || undefined,
    harvesterApiPort: numberFromEnv('SIM_HARVESTER_API_PORT', 6443),
  });

  if (!process.env.SIM_SERVER_URL) {
    sim.setServerUrl(sim.url); // standalone, the simulator is the Rancher that Harvester reaches
  }
  process.stdout.write(`Rancher simulator on ${ sim.url }, Rancher ${ sim.state.profile.version } with ui-sql-cache ${ sim.state.profile.sqlCache ? 'on' : 'off' } (logins: admin, project-owner, project-readonly, no-access, standard-user)\n` +
    `Simulated Harvester clusters' Kubernetes API on ${ sim.harvesterApiUrl } (kubeconfigs: ${ sim.url }/sim/harvester/<name>/kubeconfig)\n`);
  const warning = exposureWarning({
    host: process.env.SIM_HOST || '127.0.0.1', port: sim.port, what: 'The Rancher simulator', customPassword: !!process.env.SIM_PASSWORD,
  });

  if (warning) {
    process.stderr.write(`${ warning }\n`);
  }
  const stop = () => {
    sim.close().then(() => process.exit(0));
  };

  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
})().catch((err) => {
  process.stderr.write(`${ err instanceof CorruptStateError || err instanceof ProfileConfigError || /SIM_HARVESTER_API_PORT/.test(err?.message) ? err.message : err?.stack || err }\n`);
  process.exit(err instanceof ProfileConfigError ? 2 : 1);
});
