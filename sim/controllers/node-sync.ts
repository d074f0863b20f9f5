import { randomBytes, randomUUID } from 'crypto';
import { randomSuffix } from '../core/ids';
import { kubeTimestamp } from '../core/time';
import type { SimState } from '../state';
import { clone, KubeObject } from '../store/kube-object';
import { TYPES } from '../steve/type-catalog';
import { resourceState } from './cluster-objects';

/**
 * Rancher's node syncer for a downstream cluster, reduced to an imported Harvester cluster:
 * rancher/rancher `pkg/controllers/managementuser/nodesyncer/nodessyncer.go` (release/v2.10,
 * v2.11, v2.12; the 2.10/2.11 file only adds RKE1 label syncing). It runs in the cluster's user
 * context, which `pkg/clustermanager/manager.go` starts once the downstream API answers
 * (`doStart`) and stops when it does not (`markUnavailable`, `Stop`): so machines appear when the
 * agent's API becomes reachable, and nothing touches them while the cluster is disconnected.
 *
 * For every downstream `v1.Node` (`reconcileAll`) it creates a `nodes.management.cattle.io` in
 * the cluster's namespace (`convertNodeToMachine`): `generateName: machine-`, the node's spec and
 * status copied into `spec.internalNodeSpec` / `status.internalNodeStatus` (`cleanStatus` keeps
 * only the Ready condition, drops images and volumes), `status.nodeLabels`/`nodeAnnotations`
 * (without the pod-requests/limits annotations, which become `status.requested`/`limits`), the
 * roles from the node-role labels (`determineNodeRoles`), the label
 * `management.cattle.io/nodename`, the annotation `management.cattle.io/nodesyncer: "true"`
 * (`createNode`), and the conditions Ready (copied) and Registered ("registered with kubernetes").
 * A machine whose node is gone is deleted (`removeNode`, only with the nodesyncer annotation).
 */
export const NODESYNCER_ANNOTATION = 'management.cattle.io/nodesyncer';
/** rancher `pkg/node/node.go` LabelNodeName. */
export const NODE_NAME_LABEL = 'management.cattle.io/nodename';
/** rancher `pkg/controllers/managementagent/podresources/register.go`. */
export const POD_REQUESTS_ANNOTATION = 'management.cattle.io/pod-requests';
export const POD_LIMITS_ANNOTATION = 'management.cattle.io/pod-limits';
/**
 * Set by the management node controller's first sync (rancher `pkg/controllers/management/node/controller.go`
 * userNodeRemoveCleanupAnnotation); norman's object client labels what it creates `cattle.io/creator: norman`
 * (rancher/norman `objectclient/object_client.go`, v0.4.2–v0.6.1). Both are on every recorded machine.
 */
export const USER_NODE_REMOVE_ANNOTATION = 'cleanup.cattle.io/user-node-remove';
export const CREATOR_LABEL = 'cattle.io/creator';

/** The simulated Harvester is a 3-node cluster; the management cluster's `status.nodeCount`. */
export const HARVESTER_NODE_COUNT = 3;

/** What the simulated downstream node reports (a v1.Node reduced to the fields the syncer copies). */
export interface DownstreamNode {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: Record<string, unknown>;
  status: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a Kubernetes Node status as Harvester reports it, read field by field
}

/**
 * Per-node resources; they add up to the management cluster's capacity / allocatable / requested
 * set in agent-connection.ts `markReady` (Rancher's clusterstats sums the machines).
 */
const NODE_RESOURCES = [
  {
    cpu:         '24',
    memory:      87927502,
    allocMemory: 87893369,
    requested:   {
      cpu: '2450m', memory: '3910Mi', pods: '34'
    }
  },
  {
    cpu:         '24',
    memory:      87927503,
    allocMemory: 87893370,
    requested:   {
      cpu: '2300m', memory: '3700Mi', pods: '31'
    }
  },
  {
    cpu:         '16',
    memory:      87927503,
    allocMemory: 87893369,
    requested:   {
      cpu: '2100m', memory: '3600Mi', pods: '29'
    }
  },
];

export function harvesterNodeName(i: number): string {
  return `harvester-node-${ i }`;
}

/** Go's `time.Time.String()` ("2026-02-27 14:58:48 +0000 UTC"), as `cleanStatus` writes the Ready condition's times. */
export function goTimeString(ts: string): string {
  return `${ ts.replace('T', ' ').replace('Z', '') } +0000 UTC`;
}

/**
 * The v1.Node objects of a Harvester server node: RKE2 labels a server `control-plane`, `etcd` and
 * `master` (no `worker` label; Harvester relies on those labels, harvester/harvester
 * `pkg/util/drainhelper/helper.go`), provider id `rke2://<name>`, pod CIDR in Harvester's
 * 10.52.0.0/16, OS image "Harvester <version>".
 */
export function downstreamNodes(kubeletVersion: string, harvesterVersion: string, now = kubeTimestamp()): DownstreamNode[] {
  return NODE_RESOURCES.map((r, i) => {
    const name = harvesterNodeName(i);
    const ip = `192.168.100.${ 11 + i }`;

    return {
      name,
      labels: {
        'beta.kubernetes.io/arch':               'amd64',
        'beta.kubernetes.io/instance-type':      'rke2',
        'beta.kubernetes.io/os':                 'linux',
        'kubernetes.io/arch':                    'amd64',
        'kubernetes.io/hostname':                name,
        'kubernetes.io/os':                      'linux',
        'node-role.kubernetes.io/control-plane': 'true',
        'node-role.kubernetes.io/etcd':          'true',
        'node-role.kubernetes.io/master':        'true',
        'node.kubernetes.io/instance-type':      'rke2',
      },
      annotations: {
        'alpha.kubernetes.io/provided-node-ip':                   ip,
        'node.alpha.kubernetes.io/ttl':                           '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        [POD_REQUESTS_ANNOTATION]:                                JSON.stringify(r.requested),
        [POD_LIMITS_ANNOTATION]:                                  JSON.stringify({ memory: '1700Mi' }),
      },
      spec: {
        podCIDR: `10.52.${ i }.0/24`, podCIDRs: [`10.52.${ i }.0/24`], providerID: `rke2://${ name }`
      },
      status: {
        addresses:   [{ address: ip, type: 'InternalIP' }, { address: name, type: 'Hostname' }],
        allocatable: {
          cpu: r.cpu, 'ephemeral-storage': '149527126718', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${ r.allocMemory }Ki`, pods: '220'
        },
        capacity: {
          cpu: r.cpu, 'ephemeral-storage': '153707984Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${ r.memory }Ki`, pods: '220'
        },
        conditions: [
          {
            type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastHeartbeatTime: now, lastTransitionTime: now
          },
          {
            type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now
          },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        // NodeStatus.runtimeHandlers (Kubernetes 1.30+) and .features (1.31+), as on every recorded machine
        runtimeHandlers: ['', 'runc'].map((name) => ({ features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name })),
        features:        { supplementalGroupsPolicy: true },
        images:          [{ names: [`docker.io/rancher/harvester:${ harvesterVersion }`], sizeBytes: 120000000 }],
        nodeInfo:        {
          architecture:            'amd64',
          bootID:                  randomUUID(),
          containerRuntimeVersion: 'containerd://1.7.23-k3s2',
          kernelVersion:           '5.14.21-150500.55.83-default',
          kubeProxyVersion:        '',
          kubeletVersion,
          machineID:               randomBytes(16).toString('hex'),
          operatingSystem:         'linux',
          osImage:                 `Harvester ${ harvesterVersion }`,
          systemUUID:              randomUUID(),
        },
      },
    };
  });
}

/** `determineNodeRoles`: roles from the node-role labels; a node with none is a worker. */
export function rolesFromLabels(labels: Record<string, string>): { etcd: boolean, controlPlane: boolean, worker: boolean } {
  const etcd = 'node-role.kubernetes.io/etcd' in labels;
  const controlPlane = 'node-role.kubernetes.io/controlplane' in labels || 'node-role.kubernetes.io/control-plane' in labels;
  let worker = 'node-role.kubernetes.io/worker' in labels;

  if (!worker && !controlPlane && !etcd) {
    worker = true;
  }

  return {
    etcd, controlPlane, worker
  };
}

/** `convertNodeToMachine` + `cleanStatus`, for a new machine (`existing` undefined) or an update. */
export function convertNodeToMachine(clusterId: string, node: DownstreamNode, existing?: KubeObject): KubeObject {
  const machine: KubeObject = existing ? clone(existing) : {
    // The recorded machines carry a top-level `namespace` besides metadata.namespace (stored so;
    // which writer adds it was not traced in the source).
    namespace: clusterId,
    metadata:  {
      name: `machine-${ randomSuffix(5) }`, generateName: 'machine-', namespace: clusterId
    },
    spec: {
      controlPlane: false, customConfig: null, desiredNodeTaints: null, displayName: '', etcd: false, imported: false, metadataUpdate: { annotations: {}, labels: {} }, nodePoolName: '', requestedHostname: node.name, worker: false,
    },
    status: { requested: {}, limits: {} },
  };
  const internal = structuredClone(node.status);
  const ready = internal.conditions?.find((c: { type: string }) => c.type === 'Ready');
  const parse = (key: string): Record<string, string> => {
    try {
      return node.annotations[key] ? JSON.parse(node.annotations[key]) : {};
    } catch {
      return {};
    }
  };
  const now = kubeTimestamp();

  machine.spec.internalNodeSpec = structuredClone(node.spec);
  Object.assign(machine.spec, rolesFromLabels(node.labels));
  // cleanStatus: only the Ready condition; no images, volumes or config.
  delete internal.images;
  delete internal.volumesInUse;
  delete internal.volumesAttached;
  delete internal.config;
  internal.conditions = ready ? [ready] : [];
  machine.status.internalNodeStatus = internal;
  machine.status.requested = { ...(machine.status.requested || {}), ...parse(POD_REQUESTS_ANNOTATION) };
  machine.status.limits = { ...(machine.status.limits || {}), ...parse(POD_LIMITS_ANNOTATION) };
  machine.status.nodeLabels = { ...node.labels };
  machine.status.nodeAnnotations = Object.fromEntries(Object.entries(node.annotations).filter(([k]) => k !== POD_REQUESTS_ANNOTATION && k !== POD_LIMITS_ANNOTATION));
  machine.status.nodeName = node.name;
  machine.metadata.labels = {
    ...(machine.metadata.labels || {}), [CREATOR_LABEL]: 'norman', [NODE_NAME_LABEL]: node.name
  };
  machine.metadata.annotations = {
    ...(machine.metadata.annotations || {}), [NODESYNCER_ANNOTATION]: 'true', [USER_NODE_REMOVE_ANNOTATION]: 'true'
  };

  const conditions: Array<Record<string, string>> = (machine.status.conditions || []).filter((c: { type: string }) => c.type !== 'Ready' && c.type !== 'Registered');
  const registered = (machine.status.conditions || []).find((c: { type: string }) => c.type === 'Registered');

  if (ready) {
    conditions.unshift({
      type: 'Ready', status: ready.status, lastTransitionTime: goTimeString(ready.lastTransitionTime), lastUpdateTime: goTimeString(ready.lastHeartbeatTime), reason: ready.reason, message: ready.message,
    });
  }
  // norman condition.Cond True/Message: lastUpdateTime is set when the status changes.
  conditions.push(registered?.status === 'True' ? registered : {
    type: 'Registered', status: 'True', message: 'registered with kubernetes', lastUpdateTime: now,
  });
  machine.status.conditions = conditions;
  machine.metadata.state = ready?.status === 'True' ? resourceState('active', 'Resource is Ready') : resourceState('unavailable', ready?.message || '', { error: false, transitioning: true });

  return machine;
}

/**
 * The same node reports the same boot/machine ids, and its Ready condition keeps its transition
 * time while the status holds (the kubelet's heartbeat moves, the transition does not).
 */
function keepIdentity(node: DownstreamNode, machine: KubeObject): void {
  const before = machine.status?.internalNodeStatus;

  if (!before) {
    return;
  }
  for (const key of ['bootID', 'machineID', 'systemUUID']) {
    if (before.nodeInfo?.[key]) {
      node.status.nodeInfo[key] = before.nodeInfo[key];
    }
  }
  const wasReady = before.conditions?.find((c: { type: string }) => c.type === 'Ready');
  const ready = node.status.conditions?.find((c: { type: string }) => c.type === 'Ready');

  if (wasReady && ready && wasReady.status === ready.status && wasReady.lastTransitionTime) {
    ready.lastTransitionTime = wasReady.lastTransitionTime;
  }
}

const TIME_KEYS = new Set(['lastHeartbeatTime', 'lastTransitionTime', 'lastUpdateTime']);

/**
 * `objectsAreEqual` compares spec, status, labels and annotations with the node conditions' times
 * reset (`resetConditions`); the simulator also leaves the machine conditions' times out, so a
 * restart over unchanged nodes writes nothing.
 */
function sameIgnoringTimes(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => JSON.stringify({
    spec: o.spec, status: o.status, labels: o.metadata.labels, annotations: o.metadata.annotations
  }, (k, v) => (TIME_KEYS.has(k) ? undefined : v));

  return strip(a) === strip(b);
}

/** The management nodes (machines) of one cluster. */
export function machinesOf(state: SimState, clusterId: string): KubeObject[] {
  return state.store.list(TYPES.MGMT_NODE).filter((m) => m.metadata.namespace === clusterId);
}

/**
 * `reconcileAll` for one cluster whose user controllers run: a machine per downstream node
 * (created, or updated in place), machines of nodes that are gone removed.
 */
export function syncClusterNodes(state: SimState, clusterId: string, nodes: DownstreamNode[]): KubeObject[] {
  const { store } = state;
  const existing = machinesOf(state, clusterId);
  const byNode = new Map(existing.map((m) => [m.metadata.labels?.[NODE_NAME_LABEL] || m.status?.nodeName, m]));

  for (const node of nodes) {
    const machine = byNode.get(node.name);

    if (!machine) {
      store.create(TYPES.MGMT_NODE, convertNodeToMachine(clusterId, node));
    } else {
      keepIdentity(node, machine);
      const next = convertNodeToMachine(clusterId, node, machine);

      if (sameIgnoringTimes(machine, next)) {
        continue;
      }
      store.patch(TYPES.MGMT_NODE, `${ clusterId }/${ machine.metadata.name }`, (m) => {
        m.spec = next.spec;
        m.status = next.status;
        m.metadata.labels = next.metadata.labels;
        m.metadata.annotations = next.metadata.annotations;
        m.metadata.state = next.metadata.state;
      });
    }
  }
  const names = new Set(nodes.map((n) => n.name));

  for (const machine of existing) {
    const nodeName = machine.metadata.labels?.[NODE_NAME_LABEL] || machine.status?.nodeName;

    if (!names.has(nodeName) && machine.metadata.annotations?.[NODESYNCER_ANNOTATION] !== undefined) {
      store.remove(TYPES.MGMT_NODE, `${ clusterId }/${ machine.metadata.name }`);
    }
  }

  return machinesOf(state, clusterId);
}

/** With the cluster's namespace go the objects in it (the cluster removal's namespace delete). */
export function removeClusterNodes(state: SimState, clusterId: string): void {
  for (const machine of machinesOf(state, clusterId)) {
    state.store.remove(TYPES.MGMT_NODE, `${ clusterId }/${ machine.metadata.name }`);
  }
}
