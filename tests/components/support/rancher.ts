// Rancher objects for component tests: the domain's recorded fixtures, plus a Norman-created
// cluster and one imported through Steve (whose provisioning cluster is the source of truth on 2.10).
import type { ManagementCluster, ProvisioningCluster } from '@pkg/harvester-manager/domain';
import { activeHarvester, mgmt, pendingHarvester, prov } from '../../unit/domain/fixtures/rancher';

export * from '../../unit/domain/fixtures/rancher';

export interface Pair { prov: ProvisioningCluster; mgmt: ManagementCluster }

function pairOf(joined: { provisioning: ProvisioningCluster; management?: ManagementCluster }): Pair {
  return { prov: joined.provisioning, mgmt: joined.management as ManagementCluster };
}

export function activePair(name = 'harv1', id = 'c-abcde'): Pair {
  return pairOf(activeHarvester(name, id));
}

export function pendingPair(name = 'harv1', id = 'c-abcde'): Pair {
  return pairOf(pendingHarvester(name, id));
}

/** As Rancher leaves a Norman import: no administrated annotation, labels only on mgmt. */
export function normanPair(name = 'harv1', id = 'c-abcde'): Pair {
  return pendingPair(name, id);
}

/**
 * Imported through Steve (Rancher 2.10's dashboard): the management cluster `c-m-…` points back
 * with objectset's owner annotations and says administrated "false" (RKEConfig is nil).
 */
export function steveMadePair(name = 'harv1', provName = 'c-abcde', id = 'c-m-abcdefgh'): Pair {
  return {
    prov: prov({ name: provName, clusterName: id }),
    mgmt: mgmt({
      id,
      displayName: name,
      labels:      { 'provider.cattle.io': 'harvester' },
      annotations: {
        'objectset.rio.cattle.io/owner-name': provName, 'objectset.rio.cattle.io/owner-namespace': 'fleet-default', 'provisioning.cattle.io/administrated': 'false'
      },
    }),
  };
}

/** Without update/remove links, as a read-only user receives it. */
export function readOnly(p: ProvisioningCluster): ProvisioningCluster {
  return { ...p, links: { self: p.links?.self, view: p.links?.view } };
}

/** A non-Harvester cluster, which the product must not show. */
export function rke2Pair(): Pair {
  return {
    prov: prov({
      name: 'do-rke2', clusterName: 'c-m-4x8vwq7k', labels: { 'provider.cattle.io': 'rke2' }
    }),
    mgmt: mgmt({
      id: 'c-m-4x8vwq7k', displayName: 'do-rke2', labels: { 'provider.cattle.io': 'rke2' }, provider: 'rke2'
    }),
  };
}
