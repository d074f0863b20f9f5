// Rancher objects for component tests: the domain's recorded fixtures, plus a Norman-created
// (Rancher ≥ 2.11) cluster whose management cluster is not administrated by its provisioning cluster.
import type { ManagementCluster, ProvisioningCluster } from '@pkg/harvester-manager/domain';
import {
  activeHarvester, mgmt, pendingHarvester, prov,
} from '../../unit/domain/fixtures/rancher';

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

/** As Rancher ≥ 2.11 leaves a Norman import: no administrated annotation, labels only on mgmt. */
export function normanPair(name = 'harv1', id = 'c-abcde'): Pair {
  const p = pendingPair(name, id);

  delete p.mgmt.metadata!.annotations!['provisioning.cattle.io/administrated'];

  return p;
}

/** Without update/remove links, as a read-only user receives it. */
export function readOnly(p: ProvisioningCluster): ProvisioningCluster {
  return { ...p, links: { self: p.links?.self, view: p.links?.view } };
}

/** A non-Harvester cluster, which the product must not show. */
export function rke2Pair(): Pair {
  return {
    prov: prov({ name: 'do-rke2', clusterName: 'c-m-4x8vwq7k', labels: { 'provider.cattle.io': 'rke2' } }),
    mgmt: mgmt({ id: 'c-m-4x8vwq7k', displayName: 'do-rke2', labels: { 'provider.cattle.io': 'rke2' }, provider: 'rke2' }),
  };
}
