/**
 * The bench's third flavour: upstream's own list (rancher/dashboard's pkg/harvester-manager, built
 * as an extension by scripts/build-upstream-extension.sh), measured like ours when
 * BENCH_UPSTREAM_PKG=<its build-pkg output folder> is set. Its package has our package's name, so
 * it runs in a product process of its own that serves it instead of ours (HM_EXTENSION_DIR).
 */
import fs from 'fs';
import path from 'path';
import semver from 'semver';
import type { Browser } from 'playwright-core';
import { ProductProcess } from '../drivers/product-process';
import { newContext } from '../drivers/browser';
import { login } from '../drivers/dashboard';
import { waitFor } from '../drivers/wait';
import { measureList } from './list';
import type { ListFigures } from './request-meter';
import { adminApi, AdminCall, resetSimulator } from './simulator';

export const UPSTREAM_PKG_ENV = 'BENCH_UPSTREAM_PKG';

/** Upstream's rows: the shell's ResourceTable, with upstream's own name cell (`span.cluster-link`). */
export const UPSTREAM_ROWS = 'table.sortable-table tbody tr.main-row:has(span.cluster-link)';

/** Upstream at 5,000 clusters takes ~36 s to its first rows; a list that takes longer is reported as timed out. */
const UPSTREAM_TIMEOUT_MS = 120_000;

/** How long the Harvester UI extension's installation may take, and how often it is looked at. */
const WAIT_MS = 60_000;
const POLL_MS = 500;

export interface UpstreamPackage {
  dir: string;
  name: string;
  version: string;
  /** rancher/dashboard commit it was built from (UPSTREAM_COMMIT, written by the build script). */
  commit?: string;
}

/** The upstream build BENCH_UPSTREAM_PKG points at, or undefined when it is unset. */
export function upstreamPackage(): UpstreamPackage | undefined {
  const raw = process.env[UPSTREAM_PKG_ENV];

  if (!raw) {
    return undefined;
  }
  const dir = path.resolve(raw);
  const pkgFile = path.join(dir, 'package.json');

  if (!fs.existsSync(pkgFile)) {
    throw new Error(`${ UPSTREAM_PKG_ENV }=${ raw }: no package.json there (expected <build>/dist-pkg/harvester-manager-<version>, see scripts/build-upstream-extension.sh)`);
  }
  const { name, version } = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  const commitFile = path.resolve(dir, '../../UPSTREAM_COMMIT');

  return {
    dir, name, version, commit: fs.existsSync(commitFile) ? fs.readFileSync(commitFile, 'utf8').trim() : undefined,
  };
}

type ChartVersion = { version: string, annotations: Record<string, string> };

/** The newest Harvester UI extension this Rancher and our shell's extension API accept. */
function compatibleVersion(versions: ChartVersion[], rancherVersion: string): string {
  const shellVersion = JSON.parse(fs.readFileSync(require.resolve('@rancher/shell/package.json'), 'utf8')).version;
  const rancher = semver.coerce(rancherVersion)?.version || rancherVersion;
  const ok = versions.filter(({ annotations: a }) => semver.satisfies(rancher, a['catalog.cattle.io/rancher-version'] || '*', { includePrerelease: true }) &&
    semver.satisfies(shellVersion, a['catalog.cattle.io/ui-extensions-version'] || '*'));
  const best = ok.map((v) => v.version).sort(semver.rcompare)[0];

  if (!best) {
    throw new Error(`no Harvester UI extension for Rancher ${ rancherVersion } and extension API ${ shellVersion }`);
  }

  return best;
}

/**
 * Upstream's list shows rows only once the Harvester UI extension is installed (otherwise its
 * install prompt): an admin adds the Harvester repository and installs the extension through
 * Rancher's API, as upstream's Install button does. Returns the installed version.
 */
async function installHarvesterExtension(simUrl: string): Promise<string> {
  const call: AdminCall = await adminApi(simUrl);
  const repos = '/v1/catalog.cattle.io.clusterrepos';

  await call('POST', repos, {
    type: 'catalog.cattle.io.clusterrepo', metadata: { name: 'harvester' }, spec: { gitRepo: 'https://github.com/harvester/harvester-ui-extension', gitBranch: 'gh-pages' },
  });
  const index = await waitFor('the Harvester repository index', () => call('GET', `${ repos }/harvester?link=index`) as Promise<{ entries: { harvester: ChartVersion[] } }>, WAIT_MS, POLL_MS);
  const server = await call('GET', '/v1/management.cattle.io.settings/server-version') as { value: string };
  const version = compatibleVersion(index.entries.harvester, server.value);

  await call('POST', `${ repos }/harvester?action=install`, {
    charts: [{
      chartName: 'harvester', version, releaseName: 'harvester'
    }],
    namespace: 'cattle-ui-plugin-system'
  });
  await waitFor('the Harvester UI extension in /v1/uiplugins', async() => {
    const { entries } = await call('GET', '/v1/uiplugins') as { entries: Record<string, { version: string }> };

    return entries.harvester?.version === version ? true : undefined;
  }, WAIT_MS, POLL_MS);

  return version;
}

export interface UpstreamRun {
  /** Figures by fleet size. */
  lists: Map<number, ListFigures>;
  harvesterExtension: string;
}

/** Upstream's list at every size on one Rancher profile, in a product process serving upstream's package. */
export async function measureUpstream(browser: Browser, env: Record<string, string>, sizes: number[], pkg: UpstreamPackage, log: (line: string) => void): Promise<UpstreamRun> {
  const product = new ProductProcess({
    SIM_HARVESTER_DELAY_MS: '300', ...env, HM_EXTENSION_DIR: pkg.dir
  });
  const stack = await product.start();
  const lists = new Map<number, ListFigures>();
  let harvesterExtension = '';

  try {
    for (const n of sizes) {
      await resetSimulator(stack.simUrl, Math.max(0, n - 2));
      harvesterExtension = await installHarvesterExtension(stack.simUrl);
      const context = await newContext(browser);
      const page = await context.newPage();

      try {
        await login(page, stack.url, 'admin');
        const opts = {
          rows: UPSTREAM_ROWS, timeoutMs: UPSTREAM_TIMEOUT_MS, timeoutIsFigure: true
        };

        await measureList(page, stack.url, opts); // warm the browser cache and the shell's chunks
        lists.set(n, await measureList(page, stack.url, opts));
      } finally {
        await context.close();
      }
      log(`upstream N=${ n } done`);
    }
  } finally {
    await product.stop();
  }

  return { lists, harvesterExtension };
}
