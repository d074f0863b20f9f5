import {
  MANAGEMENT_CLUSTER, PROVISIONING_CLUSTER, type JoinedCluster, type ManagementCluster, type ProvisioningCluster,
} from '../domain';

// Which provisioning and management cluster a Harvester cluster model reads: the one answer to
// "which object am I reading?". A row of the list page reads what its page fetched; a cluster the
// shell made (detail page, Edit Config, the delete dialog) reads the store's live objects.

type ById = (type: string, id: string) => unknown;
type ClusterCopy = ProvisioningCluster & { id: string };

/** A row of a list page: its provisioning and management cluster came in the same page answer. */
export function pageJoin(row: ClusterCopy, management?: ManagementCluster): JoinedCluster {
  return {
    id: row.id, provisioning: row, management, managementId: row.status?.clusterName || management?.id,
  };
}

/**
 * A cluster the shell made from the virtual type (a copy): the store's provisioning and
 * management cluster, kept current by the websocket; the copy until the store holds one.
 */
export function storeJoin(byId: ById, copy: ClusterCopy): JoinedCluster {
  const provisioning = (byId(PROVISIONING_CLUSTER, copy.id) as ProvisioningCluster | undefined) || copy;
  const managementOf = (cluster: ProvisioningCluster) => {
    const id = cluster.status?.clusterName;

    return id ? byId(MANAGEMENT_CLUSTER, id) as ManagementCluster | undefined : undefined;
  };
  const management = managementOf(provisioning) || managementOf(copy);

  return {
    id: copy.id, provisioning, management, managementId: provisioning.status?.clusterName || management?.id,
  };
}
