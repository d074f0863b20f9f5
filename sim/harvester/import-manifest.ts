import { createHash } from 'crypto';
import { TYPES } from '../steve/type-catalog';
import type { SimState } from '../state';
import type { KubeObject } from '../store/kube-object';
import { ManifestOptions, renderAgentManifest } from './manifest';

/**
 * Rancher's `/v3/import/<token>_<clusterId>.yaml` (rancher `pkg/api/norman/customization/
 * clusterregistrationtokens/import.go`, answered `text/plain`):
 * - release/v2.11 and v2.12 render only when the cluster exists and a registration token with
 *   that value (`status.token`, index `crtKeyIndex`) lives in the cluster's namespace, else
 *   `400 cluster not found or invalid token`;
 * - release/v2.10 checks neither and renders a manifest for any token (whose agent then fails).
 * The URL in the manifest is the `server-url` setting.
 */
export type ImportManifest = { ok: true, text: string } | { ok: false, status: number, text: string };

export function tokenByValue(state: SimState, token: string): KubeObject | undefined {
  return state.store.list(TYPES.REGISTRATION_TOKEN).find((t) => t.status?.token === token);
}

export function importManifest(state: SimState, token: string, clusterId: string): ImportManifest {
  const { profile } = state;

  if (profile.minor >= 11) {
    const crt = tokenByValue(state, token);

    if (!state.store.get(TYPES.MGMT_CLUSTER, clusterId) || crt?.metadata.namespace !== clusterId) {
      return {
        ok: false, status: 400, text: 'cluster not found or invalid token'
      };
    }
  }

  return { ok: true, text: renderAgentManifest(manifestOptions(state, token)) };
}

/** The manifest for `token` as this Rancher renders it now (server-url, release, CA, TLS mode). */
export function manifestOptions(state: SimState, token: string): ManifestOptions {
  const cacerts = state.setting('cacerts') || '';

  return {
    serverUrl:      state.serverUrl,
    token,
    rancherVersion: state.profile.version,
    minor:          state.profile.minor,
    caChecksum:     cacerts ? createHash('sha256').update(`${ cacerts }\n`).digest('hex') : '',
    strictVerify:   state.setting('agent-tls-mode') === 'strict',
  };
}
