import { errors } from '../core/api-error';
import { ClusterLifecycle } from '../controllers/cluster-lifecycle';
import { applyObjects, parseManifest } from '../kube/apply-objects';
import { kindOf } from '../kube/kinds';
import { KubeError } from '../kube/status';
import type { SimState } from '../state';
import { TYPES } from '../steve/type-catalog';
import { AgentController } from './agent-controller';
import { SimulatedHarvester } from './harvester-fleet';
import { HarvesterKube } from './harvester-kube';
import { importManifest } from './import-manifest';
import { parseManifestUrl } from './manifest';
import { RegistrationUrlController } from './registration-url-controller';

export { parseRegistrationSetting } from './registration-setting';

/**
 * The Harvester side of registration. What really happens runs through each simulated
 * Harvester's Kubernetes API (sim/kube): `kubectl apply -f` or Harvester's registration
 * controller create the manifest's objects, and the agent controller connects the agent its
 * Deployment describes. The `/sim/harvester/apply` and `delete-manifest` shortcuts below do what
 * kubectl would, through the same API; Rancher removing a cluster makes the agent remove itself.
 */
export class HarvesterRegistration {
  readonly kube: HarvesterKube;

  constructor(private state: SimState, private lifecycle: ClusterLifecycle) {
    this.kube = new HarvesterKube(state);
    new AgentController(state, this.kube, lifecycle);
    new RegistrationUrlController(state, this.kube);
    state.on('cluster-removed', (clusterId: string) => this.uninstallAgent(clusterId));
    state.on('agent-disconnected', (clusterId: string, message?: string) => lifecycle.agentDisconnected(clusterId, message || 'Cluster agent is not connected'));
  }

  private manifestObjects(manifestUrl: unknown) {
    const { secret, clusterId } = parseManifestUrl(manifestUrl);
    const answer = importManifest(this.state, secret, clusterId);

    if (!answer.ok || !this.lifecycle.findTokenBySecret(secret, clusterId)) {
      throw errors.notFound(`registration manifest not found: no registration token matches ${ String(manifestUrl).replace(secret, '<token>') } (wrong URL, or the cluster was deleted)`);
    }

    return { clusterId, objects: parseManifest(answer.text) };
  }

  private target(clusterId: string, harvesterName?: string): SimulatedHarvester {
    const { fleet } = this.state;

    if (harvesterName) {
      const found = fleet.get(harvesterName);

      if (!found) {
        throw errors.notFound(`simulated Harvester cluster "${ harvesterName }" not found`);
      }

      return found;
    }
    const mgmt = this.state.store.get(TYPES.MGMT_CLUSTER, clusterId);

    return fleet.byClusterId(clusterId) || fleet.ensure(fleet.freeName(mgmt?.spec?.displayName || clusterId));
  }

  private rethrow(e: unknown): never {
    if (e instanceof KubeError) {
      throw errors.invalid(e.message);
    }
    throw e;
  }

  /** `kubectl apply -f <manifestUrl>` on a Harvester node (the manifest's objects, through its API). */
  apply(manifestUrl: unknown, harvesterName?: string): SimulatedHarvester {
    const { clusterId, objects } = this.manifestObjects(manifestUrl);
    const harvester = this.target(clusterId, harvesterName);

    if (harvester.broken) {
      throw errors.invalid(`Harvester cluster "${ harvester.name }" is broken (${ harvester.broken }); it cannot run the agent`);
    }
    try {
      const lines = applyObjects(this.kube.cluster(harvester), objects);

      this.state.fleet.record(harvester, `kubectl apply -f (shortcut): ${ lines.join(', ') }`);
    } catch (e) {
      this.rethrow(e);
    }

    return harvester;
  }

  /** `kubectl delete -f <manifestUrl>`: deletes the manifest's objects, `cattle-system` with them. */
  deleteManifest(manifestUrl: unknown, harvesterName?: string): SimulatedHarvester {
    const { clusterId, objects } = this.manifestObjects(manifestUrl);
    const harvester = harvesterName ? this.state.fleet.get(harvesterName) : this.state.fleet.byClusterId(clusterId);

    if (!harvester) {
      throw errors.notFound(`no simulated Harvester cluster runs the agent of ${ clusterId }`);
    }
    const cluster = this.kube.cluster(harvester);
    const deleted: string[] = [];

    for (const obj of objects) {
      const kind = kindOf(String(obj.apiVersion), String(obj.kind));

      if (kind && cluster.get(kind, obj.metadata.namespace, obj.metadata.name)) {
        cluster.delete(kind, obj.metadata.namespace, obj.metadata.name);
        deleted.push(`${ kind.singular }/${ obj.metadata.name }`);
      }
    }
    this.state.fleet.record(harvester, `kubectl delete -f (shortcut): ${ deleted.join(', ') || 'nothing found' } deleted`);

    return harvester;
  }

  /**
   * Rancher removed the cluster: its agent Deployment goes and `cattle-system` with the rest of
   * the manifest's objects stays, which is what the product's delete guard promises (modelled on
   * Harvester's docs, not on a Rancher source file: see sim/FIDELITY.md).
   */
  uninstallAgent(clusterId: string): void {
    const harvester = this.state.fleet.byClusterId(clusterId);
    const deployment = kindOf('apps/v1', 'Deployment');

    if (!harvester || !deployment) {
      return;
    }
    const cluster = this.kube.cluster(harvester);

    this.state.fleet.record(harvester, `Rancher removed cluster ${ clusterId }: cattle-cluster-agent uninstalled, namespace cattle-system kept`);
    if (cluster.get(deployment, 'cattle-system', 'cattle-cluster-agent')) {
      cluster.delete(deployment, 'cattle-system', 'cattle-cluster-agent');
    }
    harvester.agent = null;
    this.state.saveHarvester(harvester);
  }
}
