import type { KubeApiTarget } from '../kube/api';
import type { KubeChange, KubeClusterHost } from '../kube/cluster-objects';
import { KubeCluster } from '../kube/cluster-objects';
import { WatchLog } from '../kube/watch-log';
import type { SimState } from '../state';
import type { SimulatedHarvester } from './harvester-fleet';
import { installationObjects } from './harvester-fleet';
import { applyObjects } from '../kube/apply-objects';
import type { KubeObject } from '../store/kube-object';
import { TYPES } from '../steve/type-catalog';
import { manifestOptions } from './import-manifest';
import { agentCredentials, agentManifestObjects } from './manifest';

/** A change on one simulated Harvester, as its controllers (agent, registration URL) are told. */
export interface HarvesterChange extends KubeChange { harvester: SimulatedHarvester }

export const HARVESTER_CHANGE = 'harvester-kube-change';

/**
 * The Kubernetes side of every simulated Harvester: a KubeCluster over the Harvester's saved
 * objects, its watch log, and the `harvester-kube-change` event its controllers listen to.
 */
/**
 * How long a Terminating namespace keeps its objects. Kubernetes' namespace controller works
 * asynchronously (k8s.io/kubernetes pkg/controller/namespace/deletion, a queue and discovery of
 * every namespaced resource): `kubectl delete -f` deletes the namespace and then, one request
 * each, the objects listed after it, and those still exist. Never shorter than MIN_NAMESPACE_CLEANUP_MS,
 * so a slow machine's kubectl does not find them already gone (NotFound), whatever the delays.
 */
const MIN_NAMESPACE_CLEANUP_MS = 500;

function namespaceCleanupMs(harvesterDelayMs: number): number {
  return Math.max(MIN_NAMESPACE_CLEANUP_MS, Math.min(harvesterDelayMs, 2000));
}

export class HarvesterKube {
  private logs = new Map<string, WatchLog>();

  constructor(private state: SimState) {}

  /**
   * The cluster's objects, made on first use: a fresh installation, and for a cluster seeded as
   * registered the agent manifest of its registration token (as if it had been applied).
   */
  objectsOf(h: SimulatedHarvester): Record<string, KubeObject> {
    if (!h.objects) {
      h.objects = installationObjects(h, h.version);
      const token = h.agent && this.state.store.list(TYPES.REGISTRATION_TOKEN).find((t) => t.metadata.namespace === h.agent?.clusterId)?.status?.token;

      if (h.agent && token) {
        const options = manifestOptions(this.state, token);
        const quiet = new KubeCluster(this.host(h, false));

        applyObjects(quiet, agentManifestObjects(options) as KubeObject[]);
        h.agent.credentials = agentCredentials(options.serverUrl, token);
      }
    }

    return h.objects;
  }

  private host(h: SimulatedHarvester, notify: boolean): KubeClusterHost {
    const { state } = this;

    return {
      objects: this.objectsOf(h),
      get resourceVersion() {
        return h.resourceVersion;
      },
      set resourceVersion(value: number) {
        h.resourceVersion = value;
      },
      schedule:           (ms, fn) => state.scheduler.after(ms, fn),
      namespaceCleanupMs: namespaceCleanupMs(state.config.harvesterDelayMs),
      changed:            (change) => {
        if (!notify) {
          return;
        }
        this.log(h.name).record(change);
        state.saveHarvester(h);
        state.emit(HARVESTER_CHANGE, { ...change, harvester: h } satisfies HarvesterChange);
      },
    };
  }

  cluster(h: SimulatedHarvester): KubeCluster {
    return new KubeCluster(this.host(h, true));
  }

  /**
   * Objects a cluster already held when the simulator started (seeding): applied through the
   * API's semantics (uids, resourceVersions, defaults, validation) without telling anyone.
   */
  seed(h: SimulatedHarvester, objects: KubeObject[]): void {
    applyObjects(new KubeCluster(this.host(h, false)), objects);
  }

  log(name: string): WatchLog {
    let log = this.logs.get(name);

    if (!log) {
      log = new WatchLog();
      this.logs.set(name, log);
    }

    return log;
  }

  target(name: string): KubeApiTarget | undefined {
    const h = this.state.fleet.get(name);

    if (!h) {
      return undefined;
    }

    return {
      cluster: this.cluster(h),
      dryRun:  () => {
        const copy = structuredClone({ objects: this.objectsOf(h), resourceVersion: h.resourceVersion });
        const host = this.host({ ...h, ...copy }, false);

        host.schedule = () => undefined;

        return new KubeCluster(host);
      },
      log:   this.log(name),
      token: h.token,
    };
  }
}
