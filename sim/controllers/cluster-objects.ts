import { summarizeClusterConditions } from '../core/cluster-summary';
import { kubeTimestamp } from '../core/time';
import { KubeObject, ResourceState } from '../store/kube-object';
import { ADMINISTRATED_ANNOTATION } from '../steve/render';
import { TYPES } from '../steve/type-catalog';

export const FLEET_DEFAULT = 'fleet-default';
export const HARVESTER_LABEL = 'provider.cattle.io';
export const CREATOR_ANNOTATION = 'field.cattle.io/creatorId';
export const OWNER_NAME_ANNOTATION = 'objectset.rio.cattle.io/owner-name';
export const OWNER_NAMESPACE_ANNOTATION = 'objectset.rio.cattle.io/owner-namespace';
export const REGISTRATION_TOKEN_NAME = 'default-token';

export function resourceState(name: string, message = '', opts: { error?: boolean, transitioning?: boolean } = {}): ResourceState {
  return {
    name, message, error: !!opts.error, transitioning: opts.transitioning ?? ['pending', 'waiting', 'removing'].includes(name)
  };
}

export function condition(type: string, status: 'True' | 'False' | 'Unknown', message = '', reason = ''): Record<string, string> {
  const now = kubeTimestamp();

  return {
    type, status, message, reason, lastUpdateTime: now, lastTransitionTime: now
  };
}

/** Replace or add a condition by type (kept in a stable order). */
export function setCondition(conditions: Array<Record<string, string>> | undefined, next: Record<string, string>): Array<Record<string, string>> {
  const list = [...(conditions || [])];
  const idx = list.findIndex((c) => c.type === next.type);

  if (idx >= 0) {
    if (list[idx].status === next.status) {
      next.lastTransitionTime = list[idx].lastTransitionTime;
    }
    list[idx] = next;
  } else {
    list.push(next);
  }

  return list;
}

export interface ManagementClusterInput {
  id: string;
  displayName: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Set when a provisioning cluster owns it (Steve create path). */
  owner?: { namespace: string, name: string };
  creatorId?: string;
}

/** A freshly imported management cluster, before any agent connected. */
export function newManagementCluster(input: ManagementClusterInput): KubeObject {
  const annotations: Record<string, string> = { ...(input.annotations || {}) };

  if (input.owner) {
    annotations[OWNER_NAME_ANNOTATION] = input.owner.name;
    annotations[OWNER_NAMESPACE_ANNOTATION] = input.owner.namespace;
    annotations['objectset.rio.cattle.io/owner-gvk'] = 'provisioning.cattle.io/v1, Kind=Cluster';
    // "true" only with an RKE config, so "false" for every imported cluster: rancher/rancher
    // pkg/controllers/provisioningv2/cluster/controller.go createNewCluster,
    // strconv.FormatBool(cluster.Spec.RKEConfig != nil) (release/v2.10, v2.11, v2.12).
    annotations[ADMINISTRATED_ANNOTATION] = 'false';
  }
  if (input.creatorId) {
    annotations[CREATOR_ANNOTATION] = input.creatorId;
  }

  return {
    apiVersion: 'management.cattle.io/v3',
    kind:       'Cluster',
    metadata:   {
      name:   input.id,
      labels: { ...(input.labels || {}) },
      annotations,
      state:  summarizeClusterConditions(newClusterConditions()),
    },
    spec: {
      displayName:        input.displayName,
      description:        input.description || '',
      fleetWorkspaceName: FLEET_DEFAULT,
      internal:           false,
      agentEnvVars:       [],
      importedConfig:     { kubeConfig: '' },
    },
    // No driver, provider or version until an agent registers (see newClusterConditions).
    status: { conditions: newClusterConditions() },
  };
}

/**
 * Conditions of a management cluster no agent has registered with yet. rancher
 * `pkg/controllers/management/clusterprovisioner/provisioner.go` (release/v2.10–v2.12) starts
 * Pending, Provisioned and Waiting ("Waiting for API to be available") as Unknown; Provisioned
 * stays Unknown until the first agent connection sets `status.driver`
 * (`pkg/tunnelserver/mcmauthorizer/tunnel.go`). The namespace/project/role controllers mark
 * their own conditions True meanwhile. Steve summarises this as `pending` with no message.
 */
export function newClusterConditions(): Array<Record<string, string>> {
  return [
    condition('Pending', 'Unknown'),
    condition('Provisioned', 'Unknown'),
    condition('Waiting', 'Unknown', 'Waiting for API to be available'),
    condition('BackingNamespaceCreated', 'True'),
    condition('DefaultProjectCreated', 'True'),
    condition('SystemProjectCreated', 'True'),
    condition('InitialRolesPopulated', 'True'),
    condition('CreatorMadeOwner', 'True'),
  ];
}

export function newProvisioningCluster(namespace: string, name: string, clusterId: string | undefined, opts: { labels?: Record<string, string>, annotations?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: 'provisioning.cattle.io/v1',
    kind:       'Cluster',
    metadata:   {
      name,
      namespace,
      labels:      { ...(opts.labels || {}) },
      annotations: { ...(opts.annotations || {}) },
      state:       resourceState('pending', 'Waiting for the cluster agent to connect'),
    },
    spec:   {},
    status: clusterId ? provisioningStatus(clusterId, false) : { ready: false, conditions: [] },
  };
}

export function provisioningStatus(clusterId: string, ready: boolean): Record<string, unknown> {
  return {
    clusterName:        clusterId,
    clientSecretName:   `${ clusterId }-kubeconfig`,
    ready,
    observedGeneration: 1,
    conditions:         [condition('Ready', ready ? 'True' : 'False', ready ? '' : 'Waiting for the cluster agent to connect')],
  };
}

/** `relationships` as Steve derives them from owner references, which the shell follows. */
export function linkRelationships(mgmt: KubeObject, prov: KubeObject): void {
  const provId = `${ prov.metadata.namespace }/${ prov.metadata.name }`;

  mgmt.metadata.relationships = [{
    fromId: provId, fromType: TYPES.PROV_CLUSTER, rel: 'owner', state: prov.metadata.state?.name || 'active'
  }];
  prov.metadata.relationships = [{
    toId: mgmt.metadata.name, toType: TYPES.MGMT_CLUSTER, rel: 'applies', state: mgmt.metadata.state?.name || 'active'
  }];
}

/**
 * Made by Rancher from a provisioning cluster (the Steve create path): objectset's owner
 * annotations point back at it. What "administrated" used to stand for in this simulator.
 */
export function isOwnedByProvisioningCluster(mgmt: KubeObject | undefined): boolean {
  return !!mgmt?.metadata.annotations?.[OWNER_NAME_ANNOTATION];
}

/**
 * The management cluster fields Rancher 2.10 derives from a provisioning cluster (spec.DisplayName
 * = its name, Description = its field.cattle.io/description annotation, AgentEnvVars = its
 * spec.agentEnvVars): rancher/rancher pkg/controllers/provisioningv2/cluster/controller.go
 * createNewCluster (release/v2.10).
 */
export function specFromProvisioning(prov: KubeObject): { displayName: string, description: string, agentEnvVars: Array<{ name: string, value?: string }> } {
  const envVars = Array.isArray(prov.spec?.agentEnvVars) ? prov.spec.agentEnvVars as Array<{ name: string, value?: string }> : [];

  return {
    displayName:  prov.metadata.name,
    description:  prov.metadata.annotations?.['field.cattle.io/description'] || '',
    agentEnvVars: envVars.map((e) => ({ name: e.name, value: e.value })),
  };
}
