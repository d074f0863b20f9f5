import { reactive } from 'vue';
import { HarvesterVersionCache, type VersionEntry } from '../domain';
import type { ShellStore } from './shell-store';

// A reactive mirror of the domain's version cache, so list cells and model getters (state
// "Denied" for Harvester < v1.3.0) re-render when a version arrives. One cache per page load.

const entries = reactive<Record<string, VersionEntry>>({});
let cache: HarvesterVersionCache | null = null;

export function harvesterVersionUrl(clusterId: string): string {
  return `/k8s/clusters/${ encodeURIComponent(clusterId) }/v1/harvesterhci.io.settings/server-version`;
}

export function harvesterVersionEntry(clusterId: string | undefined | null): VersionEntry | undefined {
  return clusterId ? entries[clusterId] : undefined;
}

/** The cluster's Harvester version once read; undefined while unknown. */
export function harvesterVersionOf(clusterId: string | undefined | null): string | null | undefined {
  const entry = harvesterVersionEntry(clusterId);

  return entry?.status === 'loaded' ? entry.version : undefined;
}

/** Queue a read of the cluster's `server-version` setting (cached, at most 4 in flight). */
export function requestHarvesterVersion(store: ShellStore, clusterId: string | undefined | null): void {
  if (!clusterId) {
    return;
  }
  if (!cache) {
    cache = new HarvesterVersionCache({
      fetch: async(id, signal) => {
        const setting = await store.dispatch('management/request', { url: harvesterVersionUrl(id), signal });

        return setting?.value;
      },
      onChange: (id, entry) => {
        if (entry) {
          entries[id] = entry;
        } else {
          delete entries[id];
        }
      },
    });
  }
  cache.request(clusterId);
}

/** The list moved to other rows: drop queued reads and abort those in flight for clusters no longer shown. */
export function retainHarvesterVersions(clusterIds: Iterable<string>): void {
  cache?.retain(clusterIds);
}

/** For tests: start from an empty cache. */
export function resetHarvesterVersions(): void {
  cache = null;
  Object.keys(entries).forEach((k) => delete entries[k]);
}
