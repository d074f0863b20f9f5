import {
  createHelmRepository, getHelmRepositoryMatch, getLatestExtensionVersion, installHelmChart, refreshHelmRepository,
  waitForUIExtension, waitForUIPackage,
} from '@shell/utils/uiplugins';
import { getVersionData, isRancherPrime } from '@shell/config/version';
import { MANAGEMENT } from '@shell/config/types';
import {
  HARVESTER_CATALOG_IMAGES, HARVESTER_COMMUNITY_REPO, HARVESTER_EXTENSION_CHART, HARVESTER_PRIME_REPO, HARVESTER_REPO_PATTERNS,
  UI_PLUGIN_NAMESPACE,
} from '../config/harvester-extension';
import { HARVESTER_UI_ROUTE_NAME } from '../config/constants';
import { CATALOG_CLUSTER_REPO, canInstallUiExtensions, type ExtensionInstallPorts, type RepositoryPresence } from '../domain';
import type { ShellStore } from './shell-store';

// The Harvester UI extension as the browser sees it, through the shell's own `utils/uiplugins`
// helpers (the ones upstream's list uses): what is loaded, which repository holds it, what the
// repository offers for this Rancher, and the ports of the one-click install.

/** How often / how long to wait for Rancher to serve a freshly installed extension (upstream: 20 × 2.5 s). */
const WAIT_RETRIES = 20;

/** A catalog ClusterRepo, as far as this adapter reads it. */
export interface ClusterRepo {
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: { gitRepo?: string; gitBranch?: string; url?: string };
}

/** What the chart annotations are checked against. */
export interface RancherEnvironment {
  rancherVersion: string;
  kubeVersion: string;
  prime: boolean;
}

interface LoadedPlugin {
  name?: string;
  version?: string;
  metadata?: { version?: string };
}

interface IndexEntry {
  Ready?: boolean;
  [field: string]: unknown;
}

/** Where the extension comes from: Rancher's UI plugin charts on Prime, its own repository otherwise. */
export function harvesterRepositorySpec(prime = false) {
  return prime ? HARVESTER_PRIME_REPO : HARVESTER_COMMUNITY_REPO;
}

/** Version of the Harvester UI extension this page loaded, or null. */
export function loadedHarvesterExtensionVersion(store: ShellStore): string | null {
  const plugin = (store.getters['uiplugins/plugins'] as LoadedPlugin[] || []).find((p) => p?.name === HARVESTER_EXTENSION_CHART.name);

  return plugin ? String(plugin.version || plugin.metadata?.version || '0.0.0') : null;
}

/**
 * The Harvester entry of Rancher's UI Plugin index (`/v1/uiplugins`, readable by every user):
 * present with `Ready: false` when Rancher could not download the extension's files.
 */
export async function harvesterIndexEntry(store: ShellStore): Promise<IndexEntry | undefined> {
  try {
    const res = await store.dispatch('management/request', {
      url: '/v1/uiplugins', method: 'GET', headers: { accept: 'application/json' }, redirectUnauthorized: false,
    });

    return (res?.entries || res?.Entries || {})[HARVESTER_EXTENSION_CHART.name];
  } catch {
    return undefined;
  }
}

/** Does the route Manage opens exist (the extension registered it)? */
export function harvesterRouteAvailable(router: { hasRoute?(name: string): boolean } | undefined): boolean {
  try {
    return !!router?.hasRoute?.(HARVESTER_UI_ROUTE_NAME);
  } catch {
    return false;
  }
}

/** May this user add repositories and install extensions? (upstream: admins) */
export function canInstallExtensions(store: ShellStore): boolean {
  return canInstallUiExtensions((type: string) => store.getters['management/schemaFor'](type));
}

export async function findHarvesterRepository(store: ShellStore): Promise<{ presence: RepositoryPresence; repository?: ClusterRepo }> {
  if (!store.getters['management/schemaFor'](CATALOG_CLUSTER_REPO)) {
    return { presence: 'unknown' };
  }
  // The helper declares string[], but matches with utils/string.js `ensureRegex`, which takes a
  // RegExp as it is and would read a string as an exact URL.
  const repository: ClusterRepo | undefined = await getHelmRepositoryMatch(store, HARVESTER_REPO_PATTERNS as unknown as string[], HARVESTER_CATALOG_IMAGES);

  return repository ? { presence: 'found', repository } : { presence: 'missing' };
}

function repositoryUrl(repository: ClusterRepo | undefined): string {
  return repository?.spec?.gitRepo || repository?.spec?.url || '';
}

/**
 * Rancher and Kubernetes versions the chart annotations are checked against. Asked from Rancher:
 * the shell's version module bundled into an extension is not the one the dashboard filled in.
 */
export async function rancherEnvironment(store: ShellStore): Promise<RancherEnvironment> {
  let rancherVersion = getVersionData()?.Version || '';
  let prime = isRancherPrime();

  try {
    const version = await store.dispatch('management/request', { url: '/rancherversion', redirectUnauthorized: false });

    rancherVersion = version?.Version || rancherVersion;
    prime = String(version?.RancherPrime || prime).toLowerCase() === 'true';
  } catch {
    // keep what the bundled module knows
  }
  let kubeVersion = store.getters['management/byId'](MANAGEMENT.CLUSTER, 'local')?.kubernetesVersionBase || '';

  if (!kubeVersion) {
    // standard users cannot see the local cluster; /version is what the extension loader checks too
    try {
      const version = await store.dispatch('management/request', { url: '/version', redirectUnauthorized: false });

      kubeVersion = String(version?.gitVersion || '').replace(/[+-].*$/, '');
    } catch {
      kubeVersion = '';
    }
  }

  return {
    rancherVersion, kubeVersion, prime
  };
}

/** Newest version in the loaded catalog compatible with this Rancher (reloads the catalog). */
export async function latestCompatibleHarvesterVersion(store: ShellStore, env: RancherEnvironment): Promise<string | null> {
  const version = await getLatestExtensionVersion(store, HARVESTER_EXTENSION_CHART.name, env.rancherVersion, env.kubeVersion);

  return version || null;
}

/**
 * Refresh through the shell's helper, which saves the store's copy of the repository: when Rancher's
 * catalog controller wrote its status meanwhile (a download finishing), that copy is stale and the
 * save answers 409 Conflict. Read it again and refresh once more, as `kubectl edit` would.
 */
export async function refreshHarvesterRepository(store: ShellStore, repository: ClusterRepo | undefined): Promise<void> {
  try {
    await refreshHelmRepository(store, repositoryUrl(repository));
  } catch (err) {
    const failed = err as { status?: number; _status?: number } | undefined;

    if ((failed?.status ?? failed?._status) !== 409 || !repository?.metadata?.name) {
      throw err;
    }
    await store.dispatch('management/find', {
      type: CATALOG_CLUSTER_REPO, id: repository.metadata.name, opt: { force: true }
    });
    await refreshHelmRepository(store, repositoryUrl(repository));
  }
}

/** Ports of the domain's `installOrUpdateHarvesterExtension`, on the shell's helpers. */
export function harvesterInstallPorts(store: ShellStore, env: RancherEnvironment): ExtensionInstallPorts<ClusterRepo> {
  return {
    findRepository: async() => (await findHarvesterRepository(store)).repository,
    addRepository:  () => {
      const spec = harvesterRepositorySpec(env.prime);

      return createHelmRepository(store, spec.name, spec.gitRepo, spec.gitBranch);
    },
    refreshRepository:       (repository) => refreshHarvesterRepository(store, repository),
    latestCompatibleVersion: () => latestCompatibleHarvesterVersion(store, env),
    installChart:            (repository, version, action) => installHelmChart(repository, {
      ...HARVESTER_EXTENSION_CHART, repoName: repository?.metadata?.name || HARVESTER_EXTENSION_CHART.repoName, version
    }, {}, UI_PLUGIN_NAMESPACE, action),
    pause:            (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    waitForExtension: async(version) => {
      const extension = await waitForUIExtension(store, HARVESTER_EXTENSION_CHART.name, WAIT_RETRIES);

      return !!extension && await waitForUIPackage(store, { ...extension, version }, WAIT_RETRIES);
    },
  };
}
