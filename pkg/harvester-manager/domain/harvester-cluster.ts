import type { JoinedCluster, ManagementCluster, ProvisioningCluster } from './types';
import { HARVESTER_PROVIDER, OWNER_NAME_ANNOTATION, OWNER_NAMESPACE_ANNOTATION, PROVIDER_LABEL } from './resource-types';

type Maybe<T> = T | undefined | null;

/**
 * Rancher < 2.11 copies the provider label to the management cluster, ≥ 2.11 does not, and a
 * cluster created elsewhere may only get `status.provider` once its agent reports in: check all.
 */
export function isHarvester(prov: Maybe<ProvisioningCluster>, mgmt: Maybe<ManagementCluster>): boolean {
  return prov?.metadata?.labels?.[PROVIDER_LABEL] === HARVESTER_PROVIDER ||
    mgmt?.metadata?.labels?.[PROVIDER_LABEL] === HARVESTER_PROVIDER ||
    mgmt?.status?.provider === HARVESTER_PROVIDER;
}

/** `namespace/name`, the id Steve gives a provisioning cluster, also when `id` is missing. */
export function provisioningIdOf(prov: ProvisioningCluster): string {
  if (prov.id) {
    return prov.id;
  }

  const ns = prov.metadata?.namespace;
  const name = prov.metadata?.name || '';

  return ns ? `${ ns }/${ name }` : name;
}

function managementIdOfMgmt(mgmt: ManagementCluster): string | undefined {
  return mgmt.id || mgmt.metadata?.name;
}

/**
 * The management cluster that belongs to a provisioning cluster: `status.clusterName` once
 * Rancher has set it, else the owner annotations Rancher 2.6–2.10 put on the management cluster
 * (there is a window after create where only those exist).
 */
export function findManagementCluster(
  prov: ProvisioningCluster,
  mgmts: readonly ManagementCluster[],
): ManagementCluster | undefined {
  const clusterName = prov.status?.clusterName;

  if (clusterName) {
    const byName = mgmts.find((m) => managementIdOfMgmt(m) === clusterName);

    if (byName) {
      return byName;
    }
  }

  const name = prov.metadata?.name;
  const namespace = prov.metadata?.namespace;

  if (!name) {
    return undefined;
  }

  return mgmts.find((m) => {
    const a = m.metadata?.annotations || {};

    return a[OWNER_NAME_ANNOTATION] === name &&
      (!a[OWNER_NAMESPACE_ANNOTATION] || !namespace || a[OWNER_NAMESPACE_ANNOTATION] === namespace);
  });
}

/** Every provisioning cluster with its management cluster (if found), Harvester or not. */
export function joinClusters(
  provs: readonly ProvisioningCluster[],
  mgmts: readonly ManagementCluster[],
): JoinedCluster[] {
  return provs.map((provisioning) => {
    const management = findManagementCluster(provisioning, mgmts);
    const managementId = provisioning.status?.clusterName || (management && managementIdOfMgmt(management));

    return {
      id: provisioningIdOf(provisioning), provisioning, management, managementId
    };
  });
}

/** The rows of the product's list: joined clusters that are Harvester clusters. */
export function harvesterClusters(
  provs: readonly ProvisioningCluster[],
  mgmts: readonly ManagementCluster[],
): JoinedCluster[] {
  return joinClusters(provs, mgmts).filter((c) => isHarvester(c.provisioning, c.management));
}

/** What users call the cluster: on Rancher ≥ 2.11 the provisioning name is the generated `c-xxxxx`. */
export function clusterDisplayName(cluster: JoinedCluster): string {
  return cluster.management?.spec?.displayName ||
    cluster.provisioning.metadata?.name ||
    cluster.managementId ||
    cluster.id;
}

export function kubernetesVersion(cluster: JoinedCluster): string | undefined {
  const status = cluster.management?.status;

  return status?.version?.gitVersion ||
    status?.info?.kubernetesVersion ||
    cluster.provisioning.spec?.kubernetesVersion ||
    undefined;
}

/**
 * Node count of the cluster. Given the management nodes (ids `<cluster-id>/<node>`), count those
 * as upstream's list does; otherwise fall back to what the management cluster reports.
 */
export function machineCount(cluster: JoinedCluster, nodes?: readonly { id?: string }[] | null): number {
  // Nodes are loaded per cluster (its detail page): none known for this one means not loaded.
  const prefix = `${ cluster.managementId }/`;
  const own = nodes && cluster.managementId ? nodes.filter((n) => (n.id || '').startsWith(prefix)).length : 0;

  if (own) {
    return own;
  }

  const status = cluster.management?.status;

  return status?.nodeCount ?? status?.info?.nodeCount ?? 0;
}
