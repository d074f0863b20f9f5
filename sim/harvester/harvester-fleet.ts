import { kubeTimestamp } from '../core/time';

/** The Rancher agent as it runs on a Harvester cluster once a registration manifest was applied. */
export interface HarvesterAgent {
  deployment: 'cattle-cluster-agent';
  namespace: 'cattle-system';
  /** CATTLE_SERVER from the manifest. */
  serverUrl: string;
  /** Rancher cluster the agent registered as. */
  clusterId: string;
  installedAt: string;
  /** How it got there: `kubectl apply -f` or the cluster-registration-url setting. */
  installedBy: 'kubectl-apply' | 'registration-url';
}

/** One simulated Harvester cluster, as an operator would inspect it with kubectl. */
export interface SimulatedHarvester {
  name: string;
  namespaces: string[];
  agent: HarvesterAgent | null;
  /** harvesterhci.io/v1beta1 Settings: name → value. */
  settings: Record<string, string>;
  /** Monotonic counter used as the resourceVersion of the simulated Kubernetes objects. */
  resourceVersion: number;
  createdAt: string;
  /** Human-readable history, newest last (what happened to this cluster and why). */
  history: string[];
  /** Set when the cluster was damaged (e.g. `cattle-system` deleted by `kubectl delete -f`). */
  broken?: string;
}

export const BASE_NAMESPACES = ['default', 'kube-system', 'kube-public', 'harvester-system', 'longhorn-system'];
export const DEFAULT_HARVESTER_VERSION = 'v1.4.1';

export class HarvesterFleet {
  private clusters = new Map<string, SimulatedHarvester>();

  constructor(private defaultVersion = DEFAULT_HARVESTER_VERSION) {}

  get(name: string): SimulatedHarvester | undefined {
    return this.clusters.get(name);
  }

  list(): SimulatedHarvester[] {
    return Array.from(this.clusters.values());
  }

  ensure(name: string, version?: string): SimulatedHarvester {
    let cluster = this.clusters.get(name);

    if (!cluster) {
      cluster = {
        name,
        namespaces:      [...BASE_NAMESPACES],
        agent:           null,
        settings:        { 'cluster-registration-url': '', 'server-version': version || this.defaultVersion },
        resourceVersion: 1,
        createdAt:       kubeTimestamp(),
        history:         [`${ kubeTimestamp() } cluster created (Harvester ${ version || this.defaultVersion })`],
      };
      this.clusters.set(name, cluster);
    }

    return cluster;
  }

  /** A name not used yet, derived from `base`. */
  freeName(base: string): string {
    const clean = base.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'harvester';

    if (!this.clusters.has(clean)) {
      return clean;
    }
    for (let i = 2; ; i++) {
      if (!this.clusters.has(`${ clean }-${ i }`)) {
        return `${ clean }-${ i }`;
      }
    }
  }

  byClusterId(clusterId: string): SimulatedHarvester | undefined {
    return this.list().find((h) => h.agent?.clusterId === clusterId);
  }

  record(cluster: SimulatedHarvester, message: string): void {
    cluster.resourceVersion++;
    cluster.history.push(`${ kubeTimestamp() } ${ message }`);
    if (cluster.history.length > 50) {
      cluster.history.splice(0, cluster.history.length - 50);
    }
  }

  snapshot(): SimulatedHarvester[] {
    return structuredClone(this.list());
  }

  load(clusters: SimulatedHarvester[]): void {
    this.clusters = new Map(clusters.map((c) => [c.name, structuredClone(c)]));
  }

  clear(): void {
    this.clusters.clear();
  }
}
