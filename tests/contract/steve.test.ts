/**
 * Contract: the simulator's Steve answers (`/v1`) have the shape of a real Rancher's, as recorded
 * in @rancher/cypress 1.0.11 (`e2e/blueprints/`, fetched by scripts/fetch-rancher-recordings.ts).
 * Field names, JSON types and nesting are compared, not values; each allowed difference is in
 * KNOWN_DIFFERENCES with its reason.
 */
import type { Simulator } from '../../sim/server';
import { SimClient, startTestSim } from '../integration/support/sim-client';
import { KNOWN_DIFFERENCES } from './known-differences';
import { recorded, source } from './support/recordings';
import { against, Difference, shapeDiff, ShapeOptions } from './support/shape';

const MGMT = 'management.cattle.io.cluster';
const PROV = 'provisioning.cattle.io.cluster';
const BP = 'e2e/blueprints';

/** Steve collections recorded from real Rancher (all `GET /v1/<type>`), empty and small sets. */
const COLLECTIONS: Array<[string, string]> = [
  ['explorer/cluster/events.ts', 'eventsGetEmptyEventsSet'],
  ['explorer/cluster/events.ts', 'eventsGetResponseSmallSet'],
  ['explorer/core/service-accounts-get.ts', 'serviceAccGetResponseEmpty'],
  ['explorer/core/service-accounts-get.ts', 'serviceAcctResponseSmallSet'],
  ['explorer/fleet/contents-get.ts', 'fleetContentsResponseSmallSet'],
  ['explorer/rbac/cluster-role-bindings-get.ts', 'clusterRoleBindingResponseSmallSet'],
  ['explorer/rbac/cluster-roles-get.ts', 'clusterRolesResponseSmallSet'],
  ['explorer/storage/storage-classes-get.ts', 'storageclassesResponseSmallSet'],
  ['explorer/workloads/pods/pods-get.ts', 'podsGetResponseSmallSet'],
  ['fleet/cluster-registration-tokens-get.ts', 'clusterRegistrationTokensGetResponseSmallSet'],
  ['fleet/workspaces-get.ts', 'fleetworkspacesGetResponseSmallSet'],
  ['roles/global-roles-get.ts', 'globalRolesGetResponseSmallSet'],
];

/** Cluster objects as Steve renders them: the hosted (AKS, EKS, GKE, imported k3s) mocks and a CAPI one. */
const MGMT_CLUSTERS = () => [
  ...recorded<unknown[]>(`${ BP }/manager/hosted-cluster-mocks.ts`, 'managementClusters'),
  recorded(`${ BP }/manager/v2prov-capi-cluster-mocks.ts`, 'mockCapiMgmtCluster'),
];
const PROV_CLUSTERS = () => [
  ...recorded<unknown[]>(`${ BP }/manager/hosted-cluster-mocks.ts`, 'provisioningClusters'),
  recorded(`${ BP }/manager/v2prov-capi-cluster-mocks.ts`, 'mockCapiProvCluster'),
];

/** Options shared by the Kubernetes objects: label/annotation keys are data; link values are URLs or `blocked`. */
const OBJECT: ShapeOptions = {
  maps:        ['metadata.labels', 'metadata.annotations'],
  stringKinds: ['links.*', 'actions.*'],
};

function check(contract: string, diffs: Difference[]): void {
  const { unexplained, stale } = against(diffs, KNOWN_DIFFERENCES[contract] || []);

  expect({ contract, unexplained }).toEqual({ contract, unexplained: [] });
  expect({ contract, stale }).toEqual({ contract, stale: [] });
}

describe('contract: Steve (/v1) answers have the shape of recorded Rancher answers', () => {
  let sim: Simulator;
  let admin: SimClient;
  let prodId: string;

  beforeAll(async() => {
    sim = await startTestSim();
    admin = await SimClient.cookieLogin(sim.url, 'admin');
    const list = await admin.get(`/v1/${ MGMT }s`);

    prodId = list.body.data.find((c: { id: string; spec?: { displayName?: string } }) => c.spec?.displayName === 'harvester-prod').id;
  });
  afterAll(() => sim?.close());

  it(`steve-collection: a collection (type, links, createTypes, resourceType, revision, count, data) — ${ COLLECTIONS.length } recordings`, async() => {
    const recordings = COLLECTIONS.map(([file, name]) => recorded(`${ BP }/${ file }`, name));
    const answers = [
      (await admin.get(`/v1/${ MGMT }s`)).body,
      (await admin.get(`/v1/${ PROV }s`)).body,
      (await admin.get(`/v1/${ PROV }s/fleet-default`)).body,
    ];

    // The envelope only: the recorded `data` hold other types (their objects are compared below).
    check('steve-collection', shapeDiff(recordings, answers, { maps: ['createTypes'], ignore: ['data[]'] }));
  });

  it(`steve-management-cluster: a management cluster (metadata.state, links and their kind, status.conditions) — ${ source(`${ BP }/manager/hosted-cluster-mocks.ts`, 'managementClusters') } + CAPI mock`, async() => {
    const answers = [
      (await admin.get(`/v1/${ MGMT }s/${ prodId }`)).body,
      (await admin.get(`/v1/${ MGMT }s/local`)).body,
    ];

    check('steve-management-cluster', shapeDiff(MGMT_CLUSTERS(), answers, OBJECT));
  });

  it(`steve-provisioning-cluster: a provisioning cluster — ${ source(`${ BP }/manager/hosted-cluster-mocks.ts`, 'provisioningClusters') } + CAPI mock`, async() => {
    const answers = [
      (await admin.get(`/v1/${ PROV }s/fleet-default/harvester-prod`)).body,
      (await admin.get(`/v1/${ PROV }s/fleet-local/local`)).body,
    ];

    check('steve-provisioning-cluster', shapeDiff(PROV_CLUSTERS(), answers, OBJECT));
  });

  it(`steve-management-node: a management node (machine) — ${ source(`${ BP }/manager/hosted-cluster-mocks.ts`, 'nodes') }`, async() => {
    const machines = (await admin.get(`/v1/management.cattle.io.nodes/${ prodId }`)).body.data;

    expect(machines).toHaveLength(3);
    check('steve-management-node', shapeDiff(recorded<unknown[]>(`${ BP }/manager/hosted-cluster-mocks.ts`, 'nodes'), machines, {
      ...OBJECT,
      maps: [...(OBJECT.maps || []), 'status.nodeLabels', 'status.nodeAnnotations', 'status.internalNodeStatus.capacity', 'status.internalNodeStatus.allocatable', 'status.requested', 'status.limits'],
    }));
  });

  it(`steve-schema: a schema (id, type, links, resourceMethods, collectionMethods, attributes) — ${ source(`${ BP }/nav/k8s-schemas.ts`, 'generateFake*Schema') }`, async() => {
    const recordings = ['Node', 'Namespace', 'Daemonset', 'Pod'].map((kind) => recorded(`${ BP }/nav/k8s-schemas.ts`, `generateFake${ kind }Schema`));
    const answers = [
      (await admin.get(`/v1/schemas/${ MGMT }`)).body,
      (await admin.get(`/v1/schemas/${ PROV }`)).body,
      (await admin.get('/v1/schemas/namespace')).body,
    ];

    check('steve-schema', shapeDiff(recordings, answers));
  });

  it(`steve-error: an error (type: error, links, code, message, status) — ${ source('e2e/tests/pages/explorer/dashboard/cluster-dashboard.spec.ts', 'forbiddenResponse') }`, async() => {
    const recordings = [recorded('e2e/tests/pages/explorer/dashboard/cluster-dashboard.spec.ts', 'forbiddenResponse')];
    const readonly = await SimClient.cookieLogin(sim.url, 'project-readonly');
    const forbidden = await readonly.request('DELETE', `/v1/${ PROV }s/fleet-default/harvester-prod`);
    const notFound = await admin.get(`/v1/${ MGMT }s/c-nosuch`);

    expect([forbidden.status, notFound.status]).toEqual([403, 404]);
    check('steve-error', shapeDiff(recordings, [forbidden.body, notFound.body]));
  });
});
