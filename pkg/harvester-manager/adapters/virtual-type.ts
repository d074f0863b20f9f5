import {
  harvesterClusters, type ManagementCluster, type ProvisioningCluster, MANAGEMENT_CLUSTER, PROVISIONING_CLUSTER,
} from '../domain';
import { DETAIL_ROUTE_NAME, HARVESTER_CLUSTER_TYPE, PRODUCT_NAME } from '../config/constants';
import { routerOf, type ShellStore } from './shell-store';

// The instances of the virtual Harvester cluster type, for the shell's spoofed-type lookups. The
// shell asks for all instances even when it wants one (a detail or Edit Config page), so on such
// a page only that cluster is fetched: opening one cluster must not load every cluster of Rancher.

interface RouteLike {
  name?: unknown;
  params?: Record<string, unknown>;
}

/** `fleet-default/<name>` when the route is this product's page of one Harvester cluster. */
export function openedClusterId(route: RouteLike | undefined): string | undefined {
  const params = route?.params || {};

  return route?.name === DETAIL_ROUTE_NAME && params.product === PRODUCT_NAME && params.resource === HARVESTER_CLUSTER_TYPE &&
    typeof params.namespace === 'string' && typeof params.id === 'string' ? `${ params.namespace }/${ params.id }` : undefined;
}

const asInstances = (provs: ProvisioningCluster[], mgmts: ManagementCluster[]) => harvesterClusters(provs, mgmts).map((c) => ({ ...c.provisioning, type: HARVESTER_CLUSTER_TYPE }));

/**
 * The shell's `find` answers nothing when a page of that type reached the store meanwhile (it
 * will not mix one object into a cached page, e.g. Home's cluster list right after a login);
 * asked again, the page is already there and the object is loaded.
 */
async function findOne<T>(store: ShellStore, type: string, id: string): Promise<T | undefined> {
  const find = (opt?: Record<string, unknown>) => store.dispatch('management/find', {
    type, id, opt
  }).catch(() => undefined);

  return await find() || find({ force: true });
}

/**
 * The page of a cluster that is not there (deleted, or not shared with this user): the shell's
 * ResourceDetail cannot show a spoofed id its lookup does not find (it renders an undefined
 * model and breaks), so the page gets a stand-in that says so and offers nothing to do.
 */
export function missingClusterInstance(provisioningId: string) {
  const [namespace, name] = provisioningId.split('/');

  return {
    id: provisioningId, type: HARVESTER_CLUSTER_TYPE, metadata: { namespace, name }, spec: {}, status: {}, harvesterNotFound: true,
  };
}

async function oneCluster(store: ShellStore, provisioningId: string) {
  const prov = await findOne<ProvisioningCluster>(store, PROVISIONING_CLUSTER, provisioningId);
  const managementId = prov?.status?.clusterName;
  const mgmt = managementId ? await findOne<ManagementCluster>(store, MANAGEMENT_CLUSTER, managementId) : undefined;
  const found = asInstances(prov ? [prov] : [], mgmt ? [mgmt] : []);

  return found.length ? found : [missingClusterInstance(provisioningId)];
}

export async function harvesterInstances(store: ShellStore): Promise<object[]> {
  const router = routerOf<{ currentRoute?: { value?: RouteLike } }>(store);
  const opened = openedClusterId(router?.currentRoute?.value);

  if (opened) {
    return oneCluster(store, opened);
  }
  const [provs, mgmts] = await Promise.all([
    store.dispatch('management/findAll', { type: PROVISIONING_CLUSTER }),
    store.dispatch('management/findAll', { type: MANAGEMENT_CLUSTER }),
  ]);

  return asInstances(provs, mgmts);
}
