import {
  DEFAULT_PROVISIONING_TIMEOUT_MS, DEFAULT_WORKSPACE, registrationArtefacts,
  type JoinedCluster, type ProvisioningCluster, type RegistrationArtefacts, type RegistrationToken,
} from '../pkg/harvester-manager/domain';
import type { CommandContext, Timing } from './command-context';
import { failure } from './errors';
import { t } from './messages';
import { pollUntil } from './wait';

// After the create: the provisioning cluster Rancher makes for it, and the registration token.

/** How long Rancher gets to create `default-token` before we ask for one, as the UI does. */
export const TOKEN_GRACE_MS = 5_000;
/** Rancher makes both within a second or so: look often (the requests are small). */
export const QUICK_POLL_MS = 250;

/** The provisioning cluster Rancher ≥ 2.11 creates for management cluster `clusterId`. */
export async function waitForProvisioningCluster(ctx: CommandContext, clusterId: string, timing: Timing): Promise<JoinedCluster> {
  const client = ctx.rancher();
  const find = async(): Promise<ProvisioningCluster | undefined> => (await client.getProvisioningCluster(`${ DEFAULT_WORKSPACE }/${ clusterId }`)) ||
    (await client.listProvisioningClusters({ filter: `status.clusterName=${ clusterId }` })).items[0];
  const { done, value } = await pollUntil(find, (p) => !!p, {
    timeoutMs: Math.min(DEFAULT_PROVISIONING_TIMEOUT_MS, timing.timeoutMs), intervalMs: Math.min(QUICK_POLL_MS, timing.intervalMs), now: ctx.io.now, sleep: ctx.io.sleep,
  });

  if (!done || !value) {
    throw failure(`Rancher created management cluster ${ clusterId } but not its provisioning cluster within ${ Math.round(Math.min(DEFAULT_PROVISIONING_TIMEOUT_MS, timing.timeoutMs) / 1000) }s.`,
      `Check Rancher's health (its controllers create it); then re-run the same import command to continue. What exists now: management cluster ${ clusterId }.`);
  }

  const management = await client.getManagementCluster(clusterId);

  return {
    id:           value.id || `${ value.metadata?.namespace }/${ value.metadata?.name }`,
    provisioning: value,
    management,
    managementId: clusterId,
  };
}

/**
 * The cluster's registration token: waits briefly for Rancher's own, then creates one as the UI
 * does (unless `create` is false, for dry runs). undefined when there is none.
 */
export async function ensureRegistrationToken(ctx: CommandContext, clusterId: string, opts: Timing & { create: boolean }): Promise<RegistrationToken | undefined> {
  const client = ctx.rancher();
  const { value } = await pollUntil(async() => (await client.registrationTokens(clusterId))[0], (tk) => !!tk?.manifestUrl, {
    timeoutMs: opts.create ? Math.min(TOKEN_GRACE_MS, opts.timeoutMs) : 0, intervalMs: Math.min(QUICK_POLL_MS, opts.intervalMs), now: ctx.io.now, sleep: ctx.io.sleep,
  });

  if (value || !opts.create) {
    return value;
  }
  ctx.progress(`Rancher has not created a registration token for ${ clusterId } yet; asking for one.`);

  return client.createRegistrationToken(clusterId);
}

export function requireArtefacts(token: RegistrationToken | undefined, harvesterVersion?: string): RegistrationArtefacts {
  const result = registrationArtefacts(token, harvesterVersion);

  if (!result.ok) {
    throw failure(t(result.error), token ? 'Set Rancher\'s server-url setting (Global Settings) to an address Harvester can reach, then re-run.' : 'Check that Rancher is healthy and that you may create cluster registration tokens, then re-run the same import command.');
  }

  return result.value;
}
