import { summarizeClusterConditions } from '../core/cluster-summary';
import { randomSuffix } from '../core/ids';
import type { SimState } from '../state';
import { KubeObject } from '../store/kube-object';
import { TYPES } from '../steve/type-catalog';
import type { ClusterConnectedChecker } from './cluster-connected';
import { downstreamNodes, HARVESTER_NODE_COUNT, syncClusterNodes } from './node-sync';
import { recordClusterEvent } from './cluster-events';
import {
  condition, HARVESTER_LABEL, provisioningStatus, resourceState, setCondition,
} from './cluster-objects';

/** What a finished registration reports about the downstream cluster. */
export interface AgentReport {
  harvesterVersion: string;
  kubernetesVersion: string;
}

/** Stands in for the CA the agent reports (`status.caCert`, base64 PEM in Rancher). */
const SIMULATED_CA_CERT = Buffer.from('-----BEGIN CERTIFICATE-----\nsimulated\n-----END CERTIFICATE-----\n').toString('base64');

/**
 * What a cluster agent's life does to Rancher's objects: first registration over the tunnel,
 * the API becoming reachable (Ready, version, provider), and the tunnel closing. The sessions
 * themselves are the connected checker's (cluster-connected.ts).
 */
export class AgentConnection {
  constructor(
    private state: SimState,
    private connected: ClusterConnectedChecker,
    private provisioningFor: (clusterId: string) => KubeObject | undefined,
  ) {}

  private get store() {
    return this.state.store;
  }

  /**
   * After a restart the agents of connected clusters dial in again: their sessions exist before
   * the first check, so a restart does not flap them to Disconnected.
   */
  resumeAgentSessions(): void {
    for (const mgmt of this.store.list(TYPES.MGMT_CLUSTER)) {
      const connected = mgmt.status?.conditions?.some((c: { type: string, status: string }) => c.type === 'Connected' && c.status === 'True');

      if (connected && this.state.fleet.byClusterId(mgmt.metadata.name)?.agent) {
        this.connected.resumeSession(mgmt.metadata.name);
      }
    }
  }

  /**
   * The agent came up on the Harvester side and registered over the tunnel: rancher
   * `pkg/tunnelserver/mcmauthorizer/tunnel.go` (`authorizeCluster`) sets the driver, API endpoint,
   * CA and service-account secret on first contact; `clusterprovisioner` then marks Pending and
   * Provisioned True; the session makes the connected checker write `Connected=True`. Waiting
   * stays Unknown ("Waiting for API to be available") until the health check sees the API.
   */
  agentConnected(clusterId: string, report: AgentReport): void {
    const registered = this.store.patch(TYPES.MGMT_CLUSTER, clusterId, (m) => {
      m.status.driver = m.status.driver || 'imported';
      m.status.apiEndpoint = m.status.apiEndpoint || 'https://10.53.0.1:443';
      m.status.caCert = m.status.caCert || SIMULATED_CA_CERT;
      m.status.serviceAccountTokenSecret = m.status.serviceAccountTokenSecret || `cluster-serviceaccounttoken-${ randomSuffix(5) }`;
      m.status.conditions = setCondition(m.status.conditions, condition('Pending', 'True'));
      m.status.conditions = setCondition(m.status.conditions, condition('Provisioned', 'True'));
      m.metadata.state = summarizeClusterConditions(m.status.conditions);
    });

    if (!registered) {
      return;
    }
    this.connected.openSession(clusterId);
    recordClusterEvent(this.store, registered, {
      type: 'Normal', reason: 'AgentConnected', message: 'The cluster agent connected to Rancher'
    });
    this.patchProvisioning(clusterId, (p) => {
      p.metadata.state = this.store.get(TYPES.MGMT_CLUSTER, clusterId)?.metadata.state;
    });
    this.state.scheduler.after(this.state.config.harvesterDelayMs, () => this.markReady(clusterId, report));
  }

  /**
   * The API answers through the tunnel: Ready and Waiting True (the health syncer), the version
   * from discovery (`clusterstats`: `status.version`), and then the provider
   * (`pkg/controllers/dashboard/kubernetesprovider`: `status.provider` and the
   * `provider.cattle.io` label). Rancher ≤ 2.12 has no `status.info`.
   */
  markReady(clusterId: string, report: AgentReport): void {
    const agent = this.state.fleet.byClusterId(clusterId);

    if (!agent) {
      return; // uninstalled or deleted meanwhile
    }
    if (!this.connected.hasSession(clusterId)) {
      this.connected.openSession(clusterId); // seeded clusters and restarts: the agent dials in again
    }
    const ready = this.store.patch(TYPES.MGMT_CLUSTER, clusterId, (m) => {
      if (m.metadata.deletionTimestamp) {
        return;
      }
      const [major, minor] = report.kubernetesVersion.replace(/^v/, '').split('.');

      m.status.driver = m.status.driver || 'imported';
      for (const type of ['Pending', 'Provisioned', 'Waiting', 'Connected', 'Ready', 'Updated']) {
        m.status.conditions = setCondition(m.status.conditions, condition(type, 'True'));
      }
      m.status.provider = 'harvester';
      m.status.version = {
        gitVersion: report.kubernetesVersion, major, minor, platform: 'linux/amd64'
      };
      m.status.capacity = {
        cpu: '64', memory: '263782508Ki', pods: '660'
      };
      m.status.allocatable = {
        cpu: '64', memory: '263680108Ki', pods: '660'
      };
      m.status.requested = {
        cpu: '6850m', memory: '11210Mi', pods: '94'
      };
      m.status.nodeCount = HARVESTER_NODE_COUNT;
      m.metadata.labels = { ...(m.metadata.labels || {}), [HARVESTER_LABEL]: 'harvester' };
      m.metadata.state = summarizeClusterConditions(m.status.conditions);
    });

    if (ready && !ready.metadata.deletionTimestamp) {
      this.syncNodes(clusterId, report);
      recordClusterEvent(this.store, ready, {
        type: 'Normal', reason: 'Ready', message: `The cluster is ready: Kubernetes ${ report.kubernetesVersion }`
      });
    }
    this.patchProvisioning(clusterId, (p) => {
      p.status = { ...provisioningStatus(clusterId, true), ready: true };
      p.metadata.state = resourceState('active');
    });
  }

  /**
   * The cluster's user controllers run (rancher `pkg/clustermanager/manager.go` `doStart`, once the
   * downstream API answers): the node syncer mirrors the Harvester nodes as management nodes
   * (sim/controllers/node-sync.ts). When the agent goes, the user context stops and nothing
   * changes them: a disconnected cluster keeps its machines as they were last synced.
   */
  syncNodes(clusterId: string, report: AgentReport): void {
    syncClusterNodes(this.state, clusterId, downstreamNodes(report.kubernetesVersion, report.harvesterVersion));
  }

  /** The agent lost its connection (or was removed from the Harvester side): the connected checker's Disconnected. */
  agentDisconnected(clusterId: string, message: string): void {
    const before = this.store.get(TYPES.MGMT_CLUSTER, clusterId);

    if (!before || before.metadata.deletionTimestamp) {
      return;
    }
    this.connected.closeSession(clusterId, message);
    const disconnected = this.store.get(TYPES.MGMT_CLUSTER, clusterId);

    if (disconnected) {
      recordClusterEvent(this.store, disconnected, {
        type: 'Warning', reason: 'Disconnected', message
      });
    }
    this.patchProvisioning(clusterId, (p) => {
      p.status = { ...provisioningStatus(clusterId, false) };
      p.metadata.state = disconnected?.metadata.state;
    });
  }

  private patchProvisioning(clusterId: string, mutate: (p: KubeObject) => void): void {
    const prov = this.provisioningFor(clusterId);

    if (prov && !prov.metadata.deletionTimestamp) {
      this.store.patch(TYPES.PROV_CLUSTER, `${ prov.metadata.namespace }/${ prov.metadata.name }`, mutate);
    }
  }
}
