import type { JoinedCluster } from './types';
import { canDelete, isUsableLink } from './permissions';

export interface DeleteRequest {
  method: 'DELETE';
  url: string;
  /** Provisioning cluster id the request removes. */
  id: string;
}

export interface SkippedDelete {
  id: string;
  reason: 'forbidden' | 'removing' | 'unsafeUrl';
}

// Only Steve's provisioning-cluster URLs qualify: Rancher then removes the management cluster
// and the token itself, and nothing here may ever address a Harvester cluster (/k8s/clusters/…).
const PROVISIONING_PATH = /^(?:https?:\/\/[^/?#\s]+)?\/v1\/provisioning\.cattle\.io\.clusters\/[^/?#\s]+\/[^/?#\s]+$/;

/**
 * The exact API calls a confirmed delete makes: one DELETE per provisioning cluster, on its
 * `links.remove` (which Steve sets to the object's own URL). Never the management cluster,
 * which Rancher blocks for provisioned clusters, never anything on Harvester.
 */
export function deleteRequests(selected: readonly JoinedCluster[]): { requests: DeleteRequest[]; skipped: SkippedDelete[] } {
  const requests: DeleteRequest[] = [];
  const skipped: SkippedDelete[] = [];

  for (const cluster of selected) {
    const prov = cluster.provisioning;
    const url = isUsableLink(prov.links?.remove) ? prov.links?.remove : undefined;

    if (prov.metadata?.deletionTimestamp || prov.metadata?.state?.name === 'removing') {
      skipped.push({ id: cluster.id, reason: 'removing' });
    } else if (!canDelete(prov) || !url) {
      skipped.push({ id: cluster.id, reason: 'forbidden' });
    } else if (!PROVISIONING_PATH.test(url)) {
      skipped.push({ id: cluster.id, reason: 'unsafeUrl' });
    } else if (!requests.some((r) => r.url === url)) {
      requests.push({
        method: 'DELETE', url, id: cluster.id
      });
    }
  }

  return { requests, skipped };
}
