import type { JoinedCluster } from './types';
import { DEFAULT_WORKSPACE, HARVESTER_PROVIDER, PROVIDER_LABEL } from './resource-types';

// What the Import Existing and Edit Config forms send to Rancher. Rancher ≥ 2.11 creates and
// edits imported clusters through Norman (`/v3/clusters`); a cluster that was created through its
// provisioning cluster (Rancher 2.6–2.10) is administrated by it and must be edited there.

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

export const ADMINISTRATED_ANNOTATION = 'provisioning.cattle.io/administrated';
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

/** The same edit for a cluster administrated by its provisioning cluster (Steve `PUT`). */
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

/** Where Edit Config saves: Norman, unless the management cluster is administrated by the provisioning cluster. */
export function editTarget(cluster: JoinedCluster): EditTarget {
  return cluster.management?.metadata?.annotations?.[ADMINISTRATED_ANNOTATION] === 'true' ? 'provisioning' : 'norman';
}

/** Rancher ≥ 2.11 names the provisioning cluster of a Norman-created cluster after its id. */
export function provisioningIdForNormanCluster(clusterId: string): string {
  return `${ DEFAULT_WORKSPACE }/${ clusterId }`;
}
