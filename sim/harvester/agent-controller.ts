import type { ClusterLifecycle } from '../controllers/cluster-lifecycle';
import type { SimState } from '../state';
import type { KubeObject } from '../store/kube-object';
import { KUBERNETES_VERSION } from '../kube/discovery';
import { kindOf } from '../kube/kinds';
import type { KubeKind } from '../kube/kinds';
import { TYPES } from '../steve/type-catalog';
import type { HarvesterAgent, SimulatedHarvester } from './harvester-fleet';
import { harvesterVersionOf } from './harvester-fleet';
import type { HarvesterChange, HarvesterKube } from './harvester-kube';
import { HARVESTER_CHANGE } from './harvester-kube';
import { tokenByValue } from './import-manifest';
import { agentCredentials } from './manifest';

const DEPLOYMENT = kindOf('apps/v1', 'Deployment') as KubeKind;
const SECRET = kindOf('v1', 'Secret') as KubeKind;
const AGENT_NAMESPACE = 'cattle-system';
const AGENT_NAME = 'cattle-cluster-agent';

function decode(value: unknown): string {
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '';
}

/** Where the agent's pod reads its credentials: the Secret mounted as `cattle-credentials`. */
function credentialSecretOf(deployment: KubeObject): string | undefined {
  const volumes: { name?: string, secret?: { secretName?: string } }[] = deployment.spec?.template?.spec?.volumes || [];

  return volumes.find((v) => v.name === 'cattle-credentials')?.secret?.secretName;
}

/**
 * The Rancher agent on a simulated Harvester, driven by what is in its Kubernetes API, not by a
 * shortcut: when Deployment `cattle-system/cattle-cluster-agent` exists, its pod reads `url` and
 * `token` from the Secret mounted at `/cattle-credentials` (rancher `cmd/agent/main.go`) and
 * dials Rancher's tunnel with the token (`X-API-Tunnel-Token`). Rancher's tunnel authorizer
 * (rancher `pkg/tunnelserver/mcmauthorizer`) finds the registration token by value
 * (`crtKeyIndex`) and the cluster it belongs to; an unknown token is refused (400 "cluster not
 * found"). The simulated agent does not open a socket: it reaches Rancher when the URL's origin
 * is Rancher's `server-url`, which is where the simulator answers. Deleting the Deployment (or its
 * namespace) stops the agent, and Rancher sees it disconnect.
 */
export class AgentController {
  constructor(private state: SimState, private kube: HarvesterKube, private lifecycle: ClusterLifecycle) {
    state.on(HARVESTER_CHANGE, (change: HarvesterChange) => {
      const { kind, object } = change;

      if (kind.kind === 'Namespace' && object.metadata.name === AGENT_NAMESPACE && change.type === 'DELETED') {
        this.namespaceDeleted(change.harvester);
      }
      if ((kind === DEPLOYMENT || kind === SECRET) && object.metadata.namespace === AGENT_NAMESPACE) {
        this.reconcile(change.harvester);
      }
    });
  }

  private namespaceDeleted(h: SimulatedHarvester): void {
    h.broken = 'namespace cattle-system was deleted (kubectl delete -f with the registration manifest); Harvester components that live there are gone';
    this.state.fleet.record(h, 'namespace cattle-system deleted: Harvester is broken');
  }

  private stop(h: SimulatedHarvester, why: string): void {
    const agent = h.agent;

    if (!agent) {
      return;
    }
    h.agent = null;
    this.state.fleet.record(h, `cattle-cluster-agent stopped (${ why })`);
    this.state.saveHarvester(h);
    if (this.state.store.get(TYPES.MGMT_CLUSTER, agent.clusterId)) {
      this.lifecycle.agentDisconnected(agent.clusterId, 'Cluster agent is not connected');
    }
  }

  /** Rancher's side of the agent's dial: which cluster the token registers, or why not. */
  private authorize(url: string, token: string): { clusterId: string } | { error: string } {
    let origin: string;

    try {
      origin = new URL(url).origin;
    } catch {
      return { error: `CATTLE_SERVER "${ url }" is not a URL` };
    }
    if (origin !== new URL(this.state.serverUrl).origin) {
      return { error: `cannot reach Rancher at ${ origin } (this Rancher answers at ${ new URL(this.state.serverUrl).origin })` };
    }
    const crt = tokenByValue(this.state, token);
    const clusterId = crt?.metadata.namespace;

    if (!token || !crt || !clusterId || !this.state.store.get(TYPES.MGMT_CLUSTER, clusterId)) {
      return { error: `${ origin }/v3/connect/register answered 400: cluster not found (the token in the credentials Secret is not a registration token of this Rancher)` };
    }
    if (this.state.faults.take('agent-never-connects')) {
      return { error: `cannot connect to ${ origin } (fault injected)` };
    }

    return { clusterId };
  }

  reconcile(h: SimulatedHarvester): void {
    const cluster = this.kube.cluster(h);
    const deployment = cluster.get(DEPLOYMENT, AGENT_NAMESPACE, AGENT_NAME);

    if (!deployment || deployment.metadata.deletionTimestamp) {
      this.stop(h, 'its Deployment was deleted');

      return;
    }
    const secretName = credentialSecretOf(deployment);
    const secret = secretName ? cluster.get(SECRET, AGENT_NAMESPACE, secretName) : undefined;

    if (!secret) {
      this.stop(h, 'pod cannot start');
      this.state.fleet.record(h, `cattle-cluster-agent pod: CreateContainerConfigError: secret "${ secretName || '(none mounted)' }" not found`);

      return;
    }
    const url = decode(secret.data?.url);
    const token = decode(secret.data?.token);

    const credentials = agentCredentials(url, token);

    if (h.agent && h.agent.credentials === credentials) {
      return; // the running agent's credentials did not change
    }
    const answer = this.authorize(url, token);

    if ('error' in answer) {
      this.stop(h, 'credentials changed');
      this.state.fleet.record(h, `cattle-cluster-agent cannot register: ${ answer.error }`);

      return;
    }
    const { clusterId } = answer;
    // wrangler's apply (Harvester's registration controller) marks what it applied with its set ID.
    const installedBy: HarvesterAgent['installedBy'] = deployment.metadata.annotations?.['objectset.rio.cattle.io/id'] === 'cluster-registration' ? 'registration-url' : 'kubectl-apply';

    h.agent = {
      deployment: AGENT_NAME, namespace: AGENT_NAMESPACE, serverUrl: url, clusterId, installedAt: new Date().toISOString(), installedBy, credentials,
    };
    this.state.fleet.record(h, `cattle-cluster-agent started with ${ secret.metadata.name }: dialing ${ url } for Rancher cluster ${ clusterId } (${ installedBy })`);
    this.state.saveHarvester(h);
    const version = harvesterVersionOf(h);

    this.state.scheduler.after(this.state.config.harvesterDelayMs, () => {
      if (h.agent?.credentials === credentials && this.state.fleet.get(h.name) === h) {
        this.state.fleet.record(h, `cattle-cluster-agent connected to ${ url }`);
        this.lifecycle.agentConnected(clusterId, { harvesterVersion: version, kubernetesVersion: KUBERNETES_VERSION.gitVersion });
      }
    });
  }
}
