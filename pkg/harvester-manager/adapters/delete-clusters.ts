import {
  apiErrorMessage, deleteRequests, type DeleteResult, type JoinedCluster, type SkippedDelete, PROVISIONING_CLUSTER,
} from '../domain';
import { noteRemovalRequested } from './removal-requests';
import type { ShellStore } from './shell-store';

/**
 * Runs exactly the domain's delete requests: a DELETE of each selected provisioning cluster on
 * its `links.remove`, through the shell's model so the store learns about it. Nothing else.
 */
export async function deleteHarvesterClusters(store: ShellStore, clusters: readonly JoinedCluster[]): Promise<{ results: DeleteResult[]; skipped: SkippedDelete[] }> {
  const { requests, skipped } = deleteRequests(clusters);

  const results = await Promise.all(requests.map(async(request): Promise<DeleteResult> => {
    const model = store.getters['management/byId'](PROVISIONING_CLUSTER, request.id);

    try {
      if (model?.remove) {
        await model.remove({ url: request.url });
      } else {
        await store.dispatch('management/request', { url: request.url, method: 'delete' });
      }

      return { id: request.id, ok: true as const };
    } catch (err) {
      return {
        id: request.id, ok: false as const, error: apiErrorMessage(err)
      };
    }
  }));

  noteRemovalRequested(results.filter((r) => r.ok).map((r) => r.id));

  return { results, skipped };
}
