import type { Message } from './types';
import { apiErrorDetail, apiErrorMessage } from './api-error';
import { firstClusterNameError, type ExistingClusterName } from './cluster-name';
import { normanClusterCreateBody, provisioningIdForNormanCluster, type ClusterConfigInput, type NormanClusterBody } from './cluster-config';

// Import Existing as one sequence with its failure handling, independent of Vue and of the store:
// the extension passes store-backed ports, the CLI HTTP-backed ones, tests fakes.

export interface ImportPorts {
  /** Norman POST /v3/clusters; resolves with the created cluster (its `id` is `c-xxxxx`). */
  createCluster(body: NormanClusterBody): Promise<{ id?: string }>;
  /** Resolves true once the provisioning cluster exists, false when `timeoutMs` passed first. */
  waitForProvisioningCluster(provisioningId: string, timeoutMs: number): Promise<boolean>;
  /** Norman DELETE of the half-made cluster, used only to clean up a failed import. */
  removeCluster(clusterId: string): Promise<unknown>;
  /** Get-or-create the cluster's registration token. */
  ensureRegistrationToken(clusterId: string): Promise<unknown>;
  /** Save the member role bindings chosen in the form, if any. */
  saveMembers?(clusterId: string): Promise<unknown>;
}

export interface ImportOptions {
  existing?: readonly ExistingClusterName[];
  /** How long Rancher gets to create the provisioning cluster (the shell waits 60 s too). */
  provisioningTimeoutMs?: number;
}

export type ImportOutcome =
  | {
      ok: true;
      clusterId: string;
      provisioningId: string;
      /** Created, but something after it failed; the registration view still works. */
      warnings: Message[];
    }
  | {
      ok: false;
      /** What went wrong, in our words. */
      error: Message;
      /** Rancher's answer, when there was one. */
      cause?: Message;
      /** What the failed import left behind, or that it cleaned up. */
      cleanup?: Message;
      /** Ids of objects still in Rancher because cleaning up failed too. */
      leftovers: string[];
    };

export const DEFAULT_PROVISIONING_TIMEOUT_MS = 60_000;

const K = 'harvesterManager.import';

export async function importHarvesterCluster(
  input: ClusterConfigInput,
  ports: ImportPorts,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const invalid = firstClusterNameError(input.name, options.existing);

  if (invalid) {
    return {
      ok: false, error: invalid, leftovers: []
    };
  }

  let clusterId: string | undefined;

  try {
    clusterId = (await ports.createCluster(normanClusterCreateBody(input)))?.id;
  } catch (err) {
    return {
      ok: false, error: { key: `${ K }.error.create`, args: { name: input.name } }, cause: apiErrorMessage(err), leftovers: []
    };
  }

  if (!clusterId) {
    return {
      ok: false, error: { key: `${ K }.error.noId`, args: { name: input.name } }, leftovers: []
    };
  }

  const provisioningId = provisioningIdForNormanCluster(clusterId);
  const timeoutMs = options.provisioningTimeoutMs ?? DEFAULT_PROVISIONING_TIMEOUT_MS;
  let appeared = false;
  let waitError: unknown;

  try {
    appeared = await ports.waitForProvisioningCluster(provisioningId, timeoutMs);
  } catch (err) {
    waitError = err;
  }

  if (!appeared) {
    const error: Message = { key: `${ K }.error.noProvisioningCluster`, args: { id: provisioningId, seconds: Math.round(timeoutMs / 1000) } };

    try {
      await ports.removeCluster(clusterId);

      return {
        ok:        false,
        error,
        cause:     waitError === undefined ? undefined : apiErrorMessage(waitError),
        cleanup:   { key: `${ K }.cleanup.removed`, args: { id: clusterId } },
        leftovers: [],
      };
    } catch (cleanupErr) {
      return {
        ok:        false,
        error,
        cause:     waitError === undefined ? undefined : apiErrorMessage(waitError),
        cleanup:   { key: `${ K }.cleanup.failed`, args: { id: clusterId, detail: apiErrorDetail(cleanupErr) } },
        leftovers: [clusterId],
      };
    }
  }

  const warnings: Message[] = [];

  try {
    await ports.ensureRegistrationToken(clusterId);
  } catch (err) {
    warnings.push({ key: `${ K }.warning.token`, args: { detail: apiErrorDetail(err) } });
  }

  if (ports.saveMembers) {
    try {
      await ports.saveMembers(clusterId);
    } catch (err) {
      warnings.push({ key: `${ K }.warning.members`, args: { detail: apiErrorDetail(err) } });
    }
  }

  return {
    ok: true, clusterId, provisioningId, warnings
  };
}
