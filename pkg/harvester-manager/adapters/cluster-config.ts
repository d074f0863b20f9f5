import { NORMAN } from '@shell/config/types';
import {
  editTarget, normanClusterUpdateBody, provisioningClusterChanges, type ClusterConfigInput, type JoinedCluster,
} from '../domain';
import { loadedVersion } from './steve-dialect';
import type { ShellStore } from './shell-store';

/**
 * Edit Config: Norman `PUT /v3/clusters/<id>` as upstream does; a cluster made through Steve on
 * Rancher 2.10, whose provisioning cluster is the source of truth, is saved there instead.
 */
export async function saveClusterConfig(store: ShellStore, cluster: JoinedCluster, input: ClusterConfigInput): Promise<void> {
  if (editTarget(cluster, loadedVersion(store)) === 'provisioning') {
    const prov = cluster.provisioning;
    const changes = provisioningClusterChanges(input);
    const copy = await store.dispatch('management/clone', { resource: prov });

    copy.metadata.labels = changes.labels;
    copy.metadata.annotations = changes.annotations;
    copy.spec = { ...(copy.spec || {}), agentEnvVars: changes.agentEnvVars };
    await copy.save();

    return;
  }

  const norman = await store.dispatch('rancher/find', {
    type: NORMAN.CLUSTER, id: cluster.managementId, opt: { force: true }
  });
  const body = normanClusterUpdateBody(norman.toJSON ? norman.toJSON() : { ...norman }, input);

  await store.dispatch('rancher/request', {
    url: norman.links?.update || norman.links?.self || `/v3/${ NORMAN.CLUSTER }s/${ encodeURIComponent(cluster.managementId || '') }`, method: 'put', data: body,
  });
}

/** The form's starting values: from the Norman cluster when that is where edits go. */
export async function loadClusterConfig(store: ShellStore, cluster: JoinedCluster): Promise<Omit<ClusterConfigInput, 'name'>> {
  if (editTarget(cluster, loadedVersion(store)) === 'provisioning' || !cluster.managementId) {
    const prov = cluster.provisioning;
    const annotations: Record<string, string> = { ...(prov.metadata?.annotations || {}) };
    const agentEnvVars = Array.isArray(prov.spec?.agentEnvVars) ? prov.spec.agentEnvVars as NonNullable<ClusterConfigInput['agentEnvVars']> : [];
    const description = annotations['field.cattle.io/description'] || cluster.management?.spec?.description || '';

    delete annotations['field.cattle.io/description'];

    return {
      description, labels: { ...(prov.metadata?.labels || {}) }, annotations, agentEnvVars: [...agentEnvVars],
    };
  }

  const norman = await store.dispatch('rancher/find', {
    type: NORMAN.CLUSTER, id: cluster.managementId, opt: { force: true }
  });

  return {
    description:  norman.description || '',
    labels:       { ...(norman.labels || {}) },
    annotations:  { ...(norman.annotations || {}) },
    agentEnvVars: [...(norman.agentEnvVars || [])],
  };
}
