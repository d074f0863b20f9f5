import type { CloudCredential, ProvisioningCluster } from './types';
import { decodeBase64 } from './base64';
import { provisioningIdOf } from './harvester-cluster';

/** A list we could read (maybe empty), or `unknown` because the user may not list that type. */
export type Known<T> = { status: 'known'; items: T[] } | { status: 'unknown' };

export interface DependantRef {
  id: string;
  name: string;
}

export interface ClusterDependants {
  cloudCredentials: Known<DependantRef>;
  guestClusters: Known<DependantRef>;
}

export interface DependantSources {
  /** Norman cloud credentials or Steve secrets; null/undefined when they could not be read. */
  cloudCredentials?: readonly CloudCredential[] | null;
  /** Provisioning clusters (all of them is fine; Harvester clusters are never their own guests). */
  guestClusters?: readonly ProvisioningCluster[] | null;
}

const NAME_ANNOTATION = 'field.cattle.io/name';

/** Norman ids are `ns:name`, Steve ids and `cloudCredentialSecretName` mix both separators. */
function normalizeSecretRef(ref: string | undefined): string {
  return (ref || '').replace(':', '/');
}

export function credentialClusterId(credential: CloudCredential): string | undefined {
  return credential.harvestercredentialConfig?.clusterId ||
    credential.decodedData?.clusterId ||
    decodeBase64(credential.data?.['harvestercredentialConfig-clusterId']) ||
    undefined;
}

function credentialRef(credential: CloudCredential): DependantRef {
  const id = credential.id || [credential.metadata?.namespace, credential.metadata?.name].filter(Boolean).join('/');

  return {
    id,
    name: credential.name || credential.metadata?.annotations?.[NAME_ANNOTATION] || credential.metadata?.name || id,
  };
}

function credentialRefsOf(cluster: ProvisioningCluster): string[] {
  const refs = [cluster.spec?.cloudCredentialSecretName];

  for (const pool of cluster.spec?.rkeConfig?.machinePools || []) {
    refs.push(pool?.cloudCredentialSecretName);
  }

  return refs.filter((r): r is string => !!r).map(normalizeSecretRef);
}

/**
 * Whether guest clusters must be looked up at all: a guest cluster is tied to a Harvester cluster
 * only through a credential holding its id, so without such a credential there is none (and the
 * dialog need not load every provisioning cluster of a large Rancher).
 */
export function mayHaveGuestClusters(managementIds: readonly (string | undefined)[], credentials: readonly CloudCredential[] | null | undefined): boolean {
  if (!credentials) {
    return false; // unknown anyway: findDependants says so
  }
  const ids = new Set(managementIds.filter(Boolean));

  return credentials.some((c) => ids.has(credentialClusterId(c)));
}

/**
 * What in Rancher still points at a Harvester cluster (by management id): credentials holding
 * its id, and guest clusters provisioned through those credentials. A guest cluster can only be
 * tied to a Harvester cluster through its credential, so without readable credentials the guest
 * list is unknown too.
 */
export function findDependants(managementId: string | undefined, sources: DependantSources): ClusterDependants {
  if (!sources.cloudCredentials) {
    return { cloudCredentials: { status: 'unknown' }, guestClusters: { status: 'unknown' } };
  }

  const credentials = managementId ? sources.cloudCredentials.filter((c) => credentialClusterId(c) === managementId) : [];
  const credentialIds = new Set(credentials.map((c) => normalizeSecretRef(credentialRef(c).id)));

  let guestClusters: Known<DependantRef> = { status: 'unknown' };

  if (sources.guestClusters) {
    const items = sources.guestClusters
      .filter((g) => g.status?.clusterName !== managementId)
      .filter((g) => credentialRefsOf(g).some((ref) => credentialIds.has(ref)))
      .map((g) => ({ id: provisioningIdOf(g), name: g.metadata?.name || provisioningIdOf(g) }));

    guestClusters = { status: 'known', items };
  }

  return { cloudCredentials: { status: 'known', items: credentials.map(credentialRef) }, guestClusters };
}
