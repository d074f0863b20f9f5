import type { JoinedCluster } from './types';
import { DEFAULT_WORKSPACE, HARVESTER_PROVIDER, OWNER_NAME_ANNOTATION, PROVIDER_LABEL } from './resource-types';

// What the Import Existing and Edit Config forms send to Rancher. Imported clusters are created and
// edited through Norman (`/v3/clusters`), except one made through its provisioning cluster (Steve)
// on Rancher 2.10: there Rancher rewrites the management cluster from the provisioning cluster,
// so an edit must go to the provisioning cluster to last.

export interface AgentEnvVar {
  name: string;
  value?: string;
  valueFrom?: unknown;
}

/** The fields the forms edit. */
export interface ClusterConfigInput {
  name: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  agentEnvVars?: readonly AgentEnvVar[];
}

export interface NormanClusterBody {
  type: 'cluster';
  name: string;
  description: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  agentEnvVars: AgentEnvVar[];
  [field: string]: unknown;
}

export const DESCRIPTION_ANNOTATION = 'field.cattle.io/description';

/** Rows the key/value editor leaves behind without a name are not variables. */
export function cleanAgentEnvVars(vars: readonly AgentEnvVar[] | undefined | null): AgentEnvVar[] {
  return (vars || [])
    .map((v) => ({ ...v, name: (v?.name || '').trim() }))
    .filter((v) => !!v.name);
}

function harvesterLabels(labels: Record<string, string> | undefined): Record<string, string> {
  return { ...(labels || {}), [PROVIDER_LABEL]: HARVESTER_PROVIDER };
}

/** Norman `POST /v3/clusters` body for importing a Harvester cluster. */
export function normanClusterCreateBody(input: ClusterConfigInput): NormanClusterBody {
  return {
    type:         'cluster',
    name:         input.name,
    description:  input.description || '',
    labels:       harvesterLabels(input.labels),
    annotations:  { ...(input.annotations || {}) },
    agentEnvVars: cleanAgentEnvVars(input.agentEnvVars),
  };
}

/**
 * Norman `PUT /v3/clusters/<id>` body: the cluster as Rancher returned it with the edited
 * fields replaced. The provider label always stays: without it the cluster leaves this product.
 */
export function normanClusterUpdateBody(current: Record<string, unknown>, input: ClusterConfigInput): NormanClusterBody {
  return {
    ...current,
    type:         'cluster',
    name:         input.name,
    description:  input.description || '',
    labels:       harvesterLabels(input.labels),
    annotations:  { ...(input.annotations || {}) },
    agentEnvVars: cleanAgentEnvVars(input.agentEnvVars),
  };
}

export interface ProvisioningClusterChanges {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  agentEnvVars: AgentEnvVar[];
}

/** The same edit for a cluster whose provisioning cluster is the source of truth (Steve `PUT`). */
export function provisioningClusterChanges(input: ClusterConfigInput): ProvisioningClusterChanges {
  const annotations = { ...(input.annotations || {}) };

  if (input.description) {
    annotations[DESCRIPTION_ANNOTATION] = input.description;
  } else {
    delete annotations[DESCRIPTION_ANNOTATION];
  }

  return {
    labels: harvesterLabels(input.labels), annotations, agentEnvVars: cleanAgentEnvVars(input.agentEnvVars)
  };
}

export type EditTarget = 'norman' | 'provisioning';

/** Rancher's minor version from `/rancherversion`'s `Version` ("v2.10.3" → 10); undefined for dev builds. */
export function rancherMinorVersion(version: string | undefined | null): number | undefined {
  const match = /^v?2\.(\d+)\./.exec(version || '');

  return match ? Number(match[1]) : undefined;
}

/**
 * Where Edit Config saves. `provisioning.cattle.io/administrated` does not decide it: Rancher
 * writes "false" on every imported cluster, and nothing (Norman, its validator, the webhook)
 * refuses a Norman PUT. What decides is which object Rancher treats as the source of truth:
 * - made through Norman (a legacy `c-xxxxx` cluster): the management cluster, on every version;
 * - made through Steve (its management cluster carries the objectset owner annotation):
 *   on 2.10 the provisioning cluster (the controller rebuilds the management cluster's name,
 *   description and agent env vars from it), from 2.11 the management cluster
 *   (rancher/rancher pkg/controllers/provisioningv2/cluster/controller.go createNewCluster,
 *   updateImportedCluster). An unknown version (a dev build) is taken as the newest.
 */
export function editTarget(cluster: JoinedCluster, rancherVersion?: string | null): EditTarget {
  const minor = rancherMinorVersion(rancherVersion);
  const madeThroughSteve = !!cluster.management?.metadata?.annotations?.[OWNER_NAME_ANNOTATION];

  return madeThroughSteve && minor !== undefined && minor < 11 ? 'provisioning' : 'norman';
}

/** Rancher ≥ 2.11 names the provisioning cluster of a Norman-created cluster after its id. */
export function provisioningIdForNormanCluster(clusterId: string): string {
  return `${ DEFAULT_WORKSPACE }/${ clusterId }`;
}
