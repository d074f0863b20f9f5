import { NORMAN } from '@shell/config/types';
import type { RegistrationToken } from '../domain';
import type { ShellStore } from './shell-store';

/** Norman lists a cluster's tokens with a clusterId filter (that is how Rancher's own UI asks). */
export function registrationTokensUrl(clusterId: string): string {
  return `/v3/clusterregistrationtokens?clusterId=${ encodeURIComponent(clusterId) }`;
}

/**
 * The cluster's registration token, read fresh from Rancher. With `create`, POSTs one when there
 * is none yet (Rancher normally makes `default-token` itself within seconds). Resolves null when
 * there is none; rejects with Rancher's error.
 */
export async function loadRegistrationToken(store: ShellStore, clusterId: string, { create = false } = {}): Promise<RegistrationToken | null> {
  const tokens: RegistrationToken[] = await store.dispatch('rancher/findAll', {
    type: NORMAN.CLUSTER_TOKEN,
    opt:  { url: registrationTokensUrl(clusterId), force: true },
  });
  const existing = (tokens || []).find((t) => t.clusterId === clusterId && !!t.manifestUrl) ||
    (tokens || []).find((t) => t.clusterId === clusterId);

  if (existing || !create) {
    return existing || null;
  }

  const token = await store.dispatch('rancher/create', { type: NORMAN.CLUSTER_TOKEN, clusterId });

  return token.save();
}
