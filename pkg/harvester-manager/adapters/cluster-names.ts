import {
  anyOfQuery, existingClusterNames, nameTakenQueries, pageQueryString, type ExistingClusterName, type ManagementCluster, type ProvisioningCluster, MANAGEMENT_CLUSTER, PROVISIONING_CLUSTER,
} from '../domain';
import { fetchCollection } from './cluster-page';
import { resolveSteveDialect } from './steve-dialect';
import type { ShellStore } from './shell-store';

/**
 * The clusters in Rancher already using `name` (Harvester or not), asked of the server for that
 * one name: Import Existing checks a name without loading every cluster of a large Rancher.
 */
export async function clustersNamed(store: ShellStore, name: string): Promise<ExistingClusterName[]> {
  const dialect = await resolveSteveDialect(store);
  const queries = nameTakenQueries(name, dialect);
  const [provisioning, management] = await Promise.all([
    fetchCollection<ProvisioningCluster>(store, PROVISIONING_CLUSTER, pageQueryString(queries.provisioning, dialect)),
    fetchCollection<ManagementCluster>(store, MANAGEMENT_CLUSTER, pageQueryString(queries.management, dialect)),
  ]);
  const provs = provisioning.data || [];
  const mgmts = management.data || [];
  // Whether a provisioning cluster is Harvester may only show on its management cluster.
  const missing = provs.map((p) => p.status?.clusterName || '').filter((id) => id && !mgmts.some((m) => m.id === id));
  const theirs = missing.length ? (await fetchCollection<ManagementCluster>(store, MANAGEMENT_CLUSTER, pageQueryString(anyOfQuery('metadata.name', missing, dialect), dialect))).data || [] : [];

  // Case-insensitive, as Norman compares (strings.EqualFold); the server filter may match either way.
  return existingClusterNames(provs, [...mgmts, ...theirs]).filter((taken) => taken.name.toLowerCase() === name.toLowerCase());
}
