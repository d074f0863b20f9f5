import { NORMAN } from '@shell/config/types';
import type { ImportPorts } from '../domain';
import { MANAGEMENT_CLUSTER, PROVISIONING_CLUSTER } from '../domain';
import { loadRegistrationToken } from './registration-token';
import type { ShellStore } from './shell-store';

export interface MembershipUpdate {
  save?: (clusterId: string) => Promise<unknown>;
}

const POLL_MS = 500;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The import sequence's ports, implemented with the shell's stores (Norman `rancher`, Steve `management`). */
export function importPorts(store: ShellStore, membership?: MembershipUpdate | null): ImportPorts {
  return {
    async createCluster(body) {
      const cluster = await store.dispatch('rancher/create', body);

      return cluster.save();
    },

    async waitForProvisioningCluster(provisioningId, timeoutMs) {
      const deadline = Date.now() + timeoutMs;

      for (;;) {
        // Ask Steve directly when the store does not have it: nothing may watch provisioning clusters.
        const prov = store.getters['management/byId'](PROVISIONING_CLUSTER, provisioningId) ||
          await store.dispatch('management/find', {
            type: PROVISIONING_CLUSTER, id: provisioningId, opt: { force: true }
          }).catch(() => undefined);

        if (prov) {
          // The detail page joins it with its management cluster: have that too, even if the
          // websocket has not delivered it yet.
          const managementId = prov.status?.clusterName || provisioningId.split('/')[1];

          if (!store.getters['management/byId'](MANAGEMENT_CLUSTER, managementId)) {
            await store.dispatch('management/find', {
              type: MANAGEMENT_CLUSTER, id: managementId, opt: { force: true }
            }).catch(() => undefined);
          }

          return true;
        }
        if (Date.now() >= deadline) {
          return false;
        }
        await sleep(POLL_MS); // 404 until Rancher has made it
      }
    },

    removeCluster(clusterId) {
      return store.dispatch('rancher/request', { url: `/v3/${ NORMAN.CLUSTER }s/${ encodeURIComponent(clusterId) }`, method: 'delete' });
    },

    ensureRegistrationToken(clusterId) {
      return loadRegistrationToken(store, clusterId, { create: true });
    },

    saveMembers: membership?.save ? (clusterId) => (membership.save as (id: string) => Promise<unknown>)(clusterId) : undefined,
  };
}
