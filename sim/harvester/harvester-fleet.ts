import { randomBytes, randomUUID } from 'crypto';
import { kubeTimestamp } from '../core/time';
import type { KubeObject } from '../store/kube-object';
import { objectKey } from '../kube/cluster-objects';
import { kindOf, type KubeKind } from '../kube/kinds';

const NAMESPACE = kindOf('v1', 'Namespace') as KubeKind;
const DEPLOYMENT = kindOf('apps/v1', 'Deployment') as KubeKind;
const SETTING = kindOf('harvesterhci.io/v1beta1', 'Setting') as KubeKind;

/** The Rancher agent as it runs on a Harvester cluster once its registration manifest was applied. */
export interface HarvesterAgent {
  deployment: 'cattle-cluster-agent';
  namespace: 'cattle-system';
  /** The Rancher URL from the agent's `cattle-credentials-*` Secret. */
  serverUrl: string;
  /** Rancher cluster the agent's token registered it as. */
  clusterId: string;
  installedAt: string;
  /** How the manifest got there: `kubectl apply` or the cluster-registration-url setting. */
  installedBy: 'kubectl-apply' | 'registration-url';
  /** sha256 of the URL and token it runs with (a change restarts it); never the token itself. */
  credentials?: string;
}

/** One simulated Harvester cluster: its Kubernetes objects and the Rancher agent running on it. */
export interface SimulatedHarvester {
  name: string;
  /** The Harvester release it was installed as (its `server-version` setting starts as this). */
  version: string;
  /**
   * Every Kubernetes object of the cluster (sim/kube/cluster-objects.ts keys them). Absent until
   * its API is first used (HarvesterKube materialises a fresh installation, plus the agent of a
   * seeded cluster), so thousands of seeded clusters cost little.
   */
  objects?: Record<string, KubeObject>;
  /** The bearer token of the cluster's admin kubeconfig (`GET /sim/harvester/<name>/kubeconfig`). */
  token: string;
  /** The agent's connection to Rancher, once its Deployment runs with valid credentials. */
  agent: HarvesterAgent | null;
  /** The cluster-wide resourceVersion counter of its objects. */
  resourceVersion: number;
  createdAt: string;
  /** Human-readable history, newest last (what happened to this cluster and why). */
  history: string[];
  /** Set when the cluster was damaged (e.g. `cattle-system` deleted by `kubectl delete -f`). */
  broken?: string;
}

/**
 * The namespaces a Harvester installation has before anything is registered: Kubernetes' own,
 * Harvester's and Longhorn's, and `cattle-system`, where Harvester runs its embedded Rancher
 * (harvester/harvester-installer `pkg/config/templates/rancherd-*` installs Rancher there).
 */
export const BASE_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'cattle-system', 'harvester-system', 'longhorn-system'];
export const DEFAULT_HARVESTER_VERSION = 'v1.4.1';
export const REGISTRATION_SETTING = 'cluster-registration-url';

function baseObject(h: { createdAt: string, resourceVersion: number }, body: Omit<KubeObject, 'metadata'> & { metadata: Record<string, unknown> }): KubeObject {
  h.resourceVersion++;

  return {
    ...body,
    metadata: {
      ...body.metadata, uid: randomUUID(), resourceVersion: String(h.resourceVersion), creationTimestamp: h.createdAt,
    } as KubeObject['metadata'],
  };
}

/** The objects of a freshly installed Harvester (keys as KubeCluster stores them). */
export function installationObjects(h: { createdAt: string, resourceVersion: number }, version: string): Record<string, KubeObject> {
  const objects: Record<string, KubeObject> = {};

  for (const name of BASE_NAMESPACES) {
    objects[objectKey(NAMESPACE, undefined, name)] = baseObject(h, {
      apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' },
    });
  }
  objects[objectKey(DEPLOYMENT, 'cattle-system', 'rancher')] = baseObject(h, {
    apiVersion: 'apps/v1',
    kind:       'Deployment',
    metadata:   {
      name: 'rancher', namespace: 'cattle-system', labels: { app: 'rancher' }, generation: 1
    },
    spec: {
      replicas: 1, selector: { matchLabels: { app: 'rancher' } }, template: { metadata: { labels: { app: 'rancher' } }, spec: { containers: [{ name: 'rancher', image: 'rancher/rancher:v2.9.3' }] } },
    },
    status: {
      replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1
    },
  });
  for (const [name, value] of [[REGISTRATION_SETTING, ''], ['server-version', version]]) {
    objects[objectKey(SETTING, undefined, name)] = baseObject(h, {
      apiVersion: 'harvesterhci.io/v1beta1', kind: 'Setting', metadata: { name }, value, default: '',
    });
  }

  return objects;
}

export function namespacesOf(h: SimulatedHarvester): string[] {
  if (!h.objects) {
    return [...BASE_NAMESPACES].sort();
  }

  return Object.values(h.objects).filter((o) => o.kind === 'Namespace' && !o.metadata.deletionTimestamp).map((o) => o.metadata.name).sort();
}

export function settingsOf(h: SimulatedHarvester): Record<string, string> {
  if (!h.objects) {
    return { [REGISTRATION_SETTING]: '', 'server-version': h.version };
  }

  return Object.fromEntries(Object.values(h.objects).filter((o) => o.kind === 'Setting').map((o) => [o.metadata.name, typeof o.value === 'string' ? o.value : '']));
}

export function harvesterVersionOf(h: SimulatedHarvester): string {
  return settingsOf(h)['server-version'] || h.version || DEFAULT_HARVESTER_VERSION;
}

/** State saved before the Harvester clusters had objects: namespaces and settings as lists. */
interface LegacyHarvester extends Omit<SimulatedHarvester, 'token' | 'version'> {
  namespaces?: string[];
  settings?: Record<string, string>;
  token?: string;
  version?: string;
}

/** Older saved state: the cluster keeps its agent and release; its objects start as a fresh installation. */
function upgraded(saved: LegacyHarvester): SimulatedHarvester {
  const { namespaces: _namespaces, settings, ...rest } = structuredClone(saved);

  return {
    ...rest, token: rest.token || newToken(), version: rest.version || settings?.['server-version'] || DEFAULT_HARVESTER_VERSION,
  };
}

function newToken(): string {
  return `harvester-admin-${ randomBytes(24).toString('hex') }`;
}

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
      const createdAt = kubeTimestamp();
      const created: SimulatedHarvester = {
        name,
        version:         version || this.defaultVersion,
        token:           newToken(),
        agent:           null,
        resourceVersion: 1,
        createdAt,
        history:         [`${ createdAt } cluster created (Harvester ${ version || this.defaultVersion })`],
      };

      this.clusters.set(name, created);
      cluster = created;
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
    cluster.history.push(`${ kubeTimestamp() } ${ message }`);
    if (cluster.history.length > 50) {
      cluster.history.splice(0, cluster.history.length - 50);
    }
  }

  snapshot(): SimulatedHarvester[] {
    return structuredClone(this.list());
  }

  load(clusters: LegacyHarvester[]): void {
    this.clusters = new Map(clusters.map((c) => [c.name, upgraded(c)]));
  }

  clear(): void {
    this.clusters.clear();
  }
}
