import { projectWorkloads, type ProjectWorkloads, type SteveCounts, type SteveResource } from '../domain';
import type { ShellStore } from './shell-store';

// Two requests through Rancher's proxy to the Harvester cluster's own Steve, whatever it holds:
// its counts (one object, a count per type and namespace) and its namespaces (to map them to
// projects). What this user may not list there is absent from the counts, as Rancher decides.

export async function loadProjectWorkloads(store: ShellStore, managementId: string): Promise<ProjectWorkloads> {
  const base = `/k8s/clusters/${ encodeURIComponent(managementId) }/v1`;
  const [counts, namespaces] = await Promise.all([
    store.dispatch('management/request', { url: `${ base }/counts` }) as Promise<{ data?: SteveCounts[] } | undefined>,
    store.dispatch('management/request', { url: `${ base }/namespaces?exclude=metadata.managedFields` }) as Promise<{ data?: SteveResource[] } | undefined>,
  ]);

  return projectWorkloads(counts?.data?.[0], namespaces?.data || [], managementId);
}
