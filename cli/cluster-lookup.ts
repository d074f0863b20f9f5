import {
  clusterDisplayName, DEFAULT_WORKSPACE, filterParam, filterTermText, harvesterClusters, HARVESTER_MANAGEMENT_FILTER, HARVESTER_PROVIDER,
  isHarvester, joinClusters, PROVIDER_LABEL, selectsLabelsWithSelector, type JoinedCluster, type ManagementCluster, type ProvisioningCluster,
  type SteveDialect,
} from '../pkg/harvester-manager/domain';
import { failure } from './errors';
import type { RancherClient } from './rancher-client';

// Finding clusters in Rancher by the name users know them by (the display name; on Rancher ≥ 2.11
// the provisioning cluster is called c-xxxxx), and listing the Harvester ones page by page. Filters
// are written in the dialect of the Rancher asked (domain/steve-dialect.ts); where `=` is only a
// substring test (SQL cache off) more comes back, and every match is checked exactly here.

/** Raw objects that carry `name` one way or another, for name checks and matching. */
export interface RelatedObjects {
  provs: ProvisioningCluster[];
  mgmts: ManagementCluster[];
}

const WORKSPACES = [DEFAULT_WORKSPACE, 'fleet-local'];
const OR_CHUNK = 25;

function mgmtId(m: ManagementCluster): string | undefined {
  return m.id || m.metadata?.name;
}

function uniqueBy<T>(items: T[], key: (t: T) => string | undefined): T[] {
  const seen = new Map<string, T>();

  for (const item of items) {
    const k = key(item);

    if (k && !seen.has(k)) {
      seen.set(k, item);
    }
  }

  return [...seen.values()];
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];

  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }

  return out;
}

function exactTerm(dialect: SteveDialect, field: string, value: string): string | null {
  return filterTermText(dialect, {
    field, value, equals: true, exact: true,
  });
}

/** `field=a,field=b,…` (Steve: commas inside one filter are OR), in chunks. */
function orFilters(dialect: SteveDialect, field: string, values: string[]): string[] {
  return chunks(values, OR_CHUNK).map((chunk) => chunk.map((v) => exactTerm(dialect, field, v)).filter(Boolean).join(',')).filter(Boolean);
}

/** Adds the counterpart of every object: the management cluster of each provisioning cluster and back. */
async function completePairs(client: RancherClient, provs: ProvisioningCluster[], mgmts: ManagementCluster[], pageSize?: number): Promise<RelatedObjects> {
  const dialect = await client.steveDialect();
  const mgmtIds = new Set(mgmts.map(mgmtId));
  const provOwners = new Set(provs.map((p) => p.status?.clusterName).filter(Boolean));
  const missingProvsFor = mgmts.map(mgmtId).filter((id): id is string => !!id && !provOwners.has(id));
  const missingMgmts = provs.map((p) => p.status?.clusterName).filter((id): id is string => !!id && !mgmtIds.has(id));

  for (const filter of orFilters(dialect, 'status.clusterName', missingProvsFor)) {
    provs.push(...(await client.listProvisioningClusters({ filter }, pageSize)).items);
  }
  for (const filter of orFilters(dialect, 'metadata.name', [...new Set(missingMgmts)])) {
    mgmts.push(...(await client.listManagementClusters({ filter }, pageSize)).items);
  }

  return { provs: uniqueBy(provs, (p) => p.id || `${ p.metadata?.namespace }/${ p.metadata?.name }`), mgmts: uniqueBy(mgmts, mgmtId) };
}

/** Everything in Rancher that could be what the user means by `name`. */
export async function findRelatedObjects(client: RancherClient, name: string): Promise<RelatedObjects> {
  const byName = exactTerm(await client.steveDialect(), 'spec.displayName', name);
  // A name this Steve cannot put in a filter: every cluster, matched here.
  const mgmts = [...(await client.listManagementClusters(byName ? { filter: byName } : {})).items];
  const provs: ProvisioningCluster[] = [];
  const byId = /^[a-z0-9][a-z0-9-]*$/.test(name) ? await client.getManagementCluster(name) : undefined;

  if (byId) {
    mgmts.push(byId);
  }

  const provIds = name.includes('/') ? [name] : WORKSPACES.map((ns) => `${ ns }/${ name }`);

  for (const id of provIds) {
    if (/^[a-z0-9-]+\/[a-z0-9][a-z0-9.-]*$/.test(id)) {
      const prov = await client.getProvisioningCluster(id);

      if (prov) {
        provs.push(prov);
      }
    }
  }

  return completePairs(client, provs, mgmts);
}

export interface ClusterMatch {
  cluster: JoinedCluster;
  displayName: string;
  harvester: boolean;
}

function matches(cluster: JoinedCluster, name: string): boolean {
  return clusterDisplayName(cluster) === name || cluster.provisioning.metadata?.name === name ||
    cluster.managementId === name || cluster.id === name;
}

/**
 * The one cluster called `name`. A management cluster whose provisioning cluster Rancher has not
 * created yet (the first moment after an import) counts as not found here; callers that need it
 * look at `findRelatedObjects` themselves.
 */
export function pickCluster(related: RelatedObjects, name: string): ClusterMatch | undefined {
  const candidates = joinClusters(related.provs, related.mgmts).filter((c) => matches(c, name));

  if (candidates.length > 1) {
    throw failure(`"${ name }" matches ${ candidates.length } clusters: ${ candidates.map((c) => `${ c.id } (${ clusterDisplayName(c) })`).join(', ') }.`,
      'Name the cluster by its id instead, e.g. fleet-default/c-xxxxx.');
  }

  const cluster = candidates[0];

  return cluster && {
    cluster, displayName: clusterDisplayName(cluster), harvester: isHarvester(cluster.provisioning, cluster.management)
  };
}

export async function findCluster(client: RancherClient, name: string): Promise<ClusterMatch | undefined> {
  return pickCluster(await findRelatedObjects(client, name), name);
}

/** The cluster called `name`, which must be a Harvester cluster. */
export async function requireHarvesterCluster(client: RancherClient, name: string): Promise<ClusterMatch> {
  const match = await findCluster(client, name);

  if (!match) {
    throw failure(`No cluster named "${ name }" is visible to you in Rancher.`, 'Check the name with: harvester-manager list');
  }
  if (!match.harvester) {
    throw failure(`"${ name }" (${ match.cluster.id }) is not a Harvester cluster.`, 'This tool only manages Harvester clusters; use Rancher\'s Cluster Management for other clusters.');
  }

  return match;
}

/** A cluster again, fresh from Rancher, by its ids; undefined once it is gone. */
export async function reloadCluster(client: RancherClient, cluster: JoinedCluster): Promise<JoinedCluster | undefined> {
  const provisioning = await client.getProvisioningCluster(cluster.id);

  if (!provisioning) {
    return undefined;
  }

  const managementId = provisioning.status?.clusterName || cluster.managementId;
  const management = managementId ? await client.getManagementCluster(managementId) : undefined;

  return {
    id: cluster.id, provisioning, management, managementId,
  };
}

/**
 * Every Harvester cluster the user can see: management clusters labelled or reporting provider
 * harvester, plus provisioning clusters labelled so (Rancher ≥ 2.11 labels only one of the two),
 * each completed with its counterpart. Steve pages through both lists on the server.
 */
export async function listHarvesterClusters(client: RancherClient, pageSize = 100): Promise<JoinedCluster[]> {
  const dialect = await client.steveDialect();
  // Without the SQL cache a dotted label key is no filter field, but a label selector (which the SQL cache ignores).
  const byLabel = selectsLabelsWithSelector(dialect) ? { labelSelector: `${ PROVIDER_LABEL }=${ HARVESTER_PROVIDER }` } : { filter: filterParam([HARVESTER_MANAGEMENT_FILTER[0]], dialect) };
  const mgmtQuery = selectsLabelsWithSelector(dialect) ? byLabel : { filter: filterParam(HARVESTER_MANAGEMENT_FILTER, dialect) };
  const mgmts = (await client.listManagementClusters(mgmtQuery, pageSize)).items;
  const provs = (await client.listProvisioningClusters(byLabel, pageSize)).items;
  const related = await completePairs(client, [...provs], [...mgmts], pageSize);

  return harvesterClusters(related.provs, related.mgmts)
    .sort((a, b) => clusterDisplayName(a).localeCompare(clusterDisplayName(b)) || a.id.localeCompare(b.id));
}
