import { FLEET_DEFAULT, REGISTRATION_TOKEN_NAME } from '../../../sim/controllers/cluster-objects';
import {
  downstreamNodes, HARVESTER_NODE_COUNT, machinesOf, NODE_NAME_LABEL, NODESYNCER_ANNOTATION, POD_REQUESTS_ANNOTATION, syncClusterNodes
} from '../../../sim/controllers/node-sync';
import { KUBERNETES_VERSION } from '../../../sim/kube/discovery';
import { TYPES } from '../../../sim/steve/type-catalog';
import { KubeObject } from '../../../sim/store/kube-object';
import { buildInMemorySim, InMemorySim, SERVER_URL } from './support/in-memory-sim';

describe('sim: node syncer (management nodes of an imported Harvester cluster)', () => {
  let sim: InMemorySim;

  const store = () => sim.state.store;
  const tick = (ms: number) => jest.advanceTimersByTime(ms);
  const mgmt = (id: string) => store().get(TYPES.MGMT_CLUSTER, id);

  beforeEach(() => {
    jest.useFakeTimers();
    sim = buildInMemorySim({ harvesterDelayMs: 20, deleteDelayMs: 20 });
  });
  afterEach(() => {
    sim.close();
    jest.useRealTimers();
  });

  /** Import through Steve, up to the registration token; the agent not yet installed. */
  function imported(name: string): string {
    const draft: KubeObject = {
      metadata: {
        name, namespace: FLEET_DEFAULT, labels: { 'provider.cattle.io': 'harvester' }
      },
      spec: {}
    };

    sim.hooks.for(TYPES.PROV_CLUSTER).beforeCreate?.(draft, sim.ctx('admin'));
    store().create(TYPES.PROV_CLUSTER, draft);
    tick(50);
    const id = store().get(TYPES.PROV_CLUSTER, `${ FLEET_DEFAULT }/${ name }`)?.status.clusterName as string;

    tick(20);

    return id;
  }

  function connect(id: string): void {
    const token = store().get(TYPES.REGISTRATION_TOKEN, `${ id }/${ REGISTRATION_TOKEN_NAME }`)?.status.token;

    sim.registration.apply(`${ SERVER_URL }/v3/import/${ token }_${ id }.yaml`);
  }

  it('creates no machine before the agent connects, and one per Harvester node once the cluster is Ready', () => {
    const id = imported('nodes-one');

    expect(machinesOf(sim.state, id)).toEqual([]);
    connect(id);
    tick(20); // agent registered: Provisioned, not yet Ready
    expect(mgmt(id)?.metadata.state?.name).not.toBe('active');
    expect(machinesOf(sim.state, id)).toEqual([]);
    tick(20);
    expect(mgmt(id)?.metadata.state?.name).toBe('active');

    const machines = machinesOf(sim.state, id);

    expect(machines).toHaveLength(HARVESTER_NODE_COUNT);
    expect(mgmt(id)?.status.nodeCount).toBe(machines.length);
    expect(machines.map((m) => m.status.nodeName).sort()).toEqual(['harvester-node-0', 'harvester-node-1', 'harvester-node-2']);
    for (const m of machines) {
      // nodessyncer.go convertNodeToMachine / createNode
      expect(m.metadata.name).toMatch(/^machine-[a-z0-9]{5}$/);
      expect(m.metadata).toMatchObject({
        namespace: id, generateName: 'machine-', labels: { [NODE_NAME_LABEL]: m.status.nodeName }, annotations: { [NODESYNCER_ANNOTATION]: 'true' },
      });
      expect(m.metadata.state).toMatchObject({
        name: 'active', error: false, transitioning: false
      });
      // RKE2 server labels control-plane, etcd, master: determineNodeRoles gives no worker
      expect(m.spec).toMatchObject({
        requestedHostname: m.status.nodeName, controlPlane: true, etcd: true, worker: false, internalNodeSpec: { providerID: `rke2://${ m.status.nodeName }` },
      });
      const internal = m.status.internalNodeStatus;

      expect(internal.nodeInfo).toMatchObject({
        kubeletVersion: KUBERNETES_VERSION.gitVersion, osImage: 'Harvester v1.4.1', operatingSystem: 'linux'
      });
      expect(internal.addresses).toEqual(expect.arrayContaining([{ type: 'InternalIP', address: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) }]));
      // cleanStatus: only Ready among the node conditions, no images
      expect(internal.conditions.map((c: { type: string }) => c.type)).toEqual(['Ready']);
      expect(internal.images).toBeUndefined();
      expect(internal.capacity).toMatchObject({
        cpu: expect.any(String), memory: expect.stringMatching(/Ki$/), pods: '220'
      });
      expect(internal.allocatable).toMatchObject({ pods: '220' });
      expect(m.status.conditions).toEqual([
        expect.objectContaining({
          type: 'Ready', status: 'True', reason: 'KubeletReady', lastUpdateTime: expect.stringMatching(/ \+0000 UTC$/)
        }),
        expect.objectContaining({
          type: 'Registered', status: 'True', message: 'registered with kubernetes'
        }),
      ]);
      expect(m.status.nodeLabels).toMatchObject({ 'kubernetes.io/hostname': m.status.nodeName, 'node-role.kubernetes.io/control-plane': 'true' });
      // the pod-requests annotation becomes status.requested and is dropped from nodeAnnotations
      expect(m.status.nodeAnnotations[POD_REQUESTS_ANNOTATION]).toBeUndefined();
      expect(m.status.requested).toMatchObject({ cpu: expect.stringMatching(/m$/), pods: expect.any(String) });
    }
  });

  it('the seeded Active clusters have their machines', () => {
    for (const name of ['harvester-prod', 'harvester-lab']) {
      expect(machinesOf(sim.state, sim.clusterId(name))).toHaveLength(HARVESTER_NODE_COUNT);
    }
    expect(machinesOf(sim.state, 'local')).toEqual([]);
  });

  it('a disconnected cluster keeps its machines as last synced (the user controllers stop)', () => {
    const id = sim.clusterId('harvester-prod');
    const before = machinesOf(sim.state, id);

    sim.state.emit('agent-disconnected', id, 'Cluster agent is not connected');
    expect(mgmt(id)?.status.conditions.find((c: { type: string }) => c.type === 'Ready')?.status).toBe('False');
    expect(machinesOf(sim.state, id)).toEqual(before);
  });

  it('reconcile() after a restart writes nothing over unchanged machines and recreates missing ones', () => {
    const id = sim.clusterId('harvester-prod');
    const before = machinesOf(sim.state, id);

    sim.lifecycle.reconcile();
    expect(machinesOf(sim.state, id)).toEqual(before);

    // state saved before machines were modelled: the syncer creates them
    before.forEach((m) => store().remove(TYPES.MGMT_NODE, `${ id }/${ m.metadata.name }`));
    sim.lifecycle.reconcile();
    expect(machinesOf(sim.state, id).map((m) => m.status.nodeName).sort()).toEqual(before.map((m) => m.status.nodeName).sort());
  });

  it('removes the machine of a node that is gone, but not one the syncer did not create (removeNode)', () => {
    const id = sim.clusterId('harvester-lab');
    const nodes = downstreamNodes(KUBERNETES_VERSION.gitVersion, 'v1.5.0');

    store().create(TYPES.MGMT_NODE, {
      metadata: {
        name: 'm-custom', namespace: id, labels: { [NODE_NAME_LABEL]: 'elsewhere' }
      },
      spec:   {},
      status: { nodeName: 'elsewhere' },
    });
    const after = syncClusterNodes(sim.state, id, nodes.slice(0, 2));

    expect(after.map((m) => m.status.nodeName).sort()).toEqual(['elsewhere', 'harvester-node-0', 'harvester-node-1']);
  });

  it('a NotReady node makes its machine unavailable, Ready copied from the node', () => {
    const id = sim.clusterId('harvester-lab');
    const nodes = downstreamNodes(KUBERNETES_VERSION.gitVersion, 'v1.5.0');
    const ready = nodes[0].status.conditions.find((c: { type: string }) => c.type === 'Ready');

    Object.assign(ready, {
      status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.'
    });
    syncClusterNodes(sim.state, id, nodes);
    const m = machinesOf(sim.state, id).find((x) => x.status.nodeName === 'harvester-node-0') as KubeObject;

    expect(m.status.conditions[0]).toMatchObject({
      type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown'
    });
    expect(m.metadata.state?.name).toBe('unavailable');
  });
});
