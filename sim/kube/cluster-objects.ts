import { randomUUID } from 'crypto';
import { kubeTimestamp } from '../core/time';
import type { KubeObject } from '../store/kube-object';
import type { KubeKind } from './kinds';
import { apiVersionOf, KINDS, kindOf } from './kinds';
import { kubeErrors } from './status';
import { validateObject } from './validate';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface KubeChange { type: WatchEventType, kind: KubeKind, object: KubeObject }

/** Where a cluster's objects live (a simulated Harvester) and how its controllers are told. */
export interface KubeClusterHost {
  objects: Record<string, KubeObject>;
  /** The cluster-wide resourceVersion counter (etcd's revision). */
  resourceVersion: number;
  /** Run later (the namespace controller's cleanup). */
  schedule(ms: number, fn: () => void): void;
  changed(change: KubeChange): void;
  /** How long the namespace controller takes to empty a namespace being deleted. */
  namespaceCleanupMs: number;
}

/** Where a cluster keeps an object in its `objects` record (also how a fresh installation is written). */
export function objectKey(k: KubeKind, namespace: string | undefined, name: string): string {
  return `${ k.plural }.${ k.group || 'core' }/${ k.namespaced ? namespace : '' }/${ name }`;
}

let clusterIpCounter = 10;

/**
 * One Kubernetes cluster's objects with the API server's semantics: uids, resourceVersions and
 * optimistic concurrency (`Conflict` on a stale resourceVersion), defaulting of the kinds served
 * (k8s.io/kubernetes `pkg/apis/*\/v1/defaults.go`: Secret type, Service clusterIP and ports,
 * Deployment replicas and strategy, Namespace finalizer), validation, and graceful deletion:
 * a namespace goes `Terminating` and the namespace controller removes what it holds before it
 * disappears (k8s.io/kubernetes `pkg/controller/namespace/deletion`); objects with finalizers keep
 * a deletionTimestamp until their finalizers are removed.
 */
export class KubeCluster {
  constructor(private host: KubeClusterHost) {}

  private nextVersion(): string {
    this.host.resourceVersion++;

    return String(this.host.resourceVersion);
  }

  get resourceVersion(): string {
    return String(this.host.resourceVersion);
  }

  get(k: KubeKind, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.host.objects[objectKey(k, namespace, name)];

    return found && structuredClone(found);
  }

  list(k: KubeKind, namespace?: string): KubeObject[] {
    const prefix = `${ k.plural }.${ k.group || 'core' }/${ k.namespaced && namespace ? `${ namespace }/` : '' }`;

    return Object.entries(this.host.objects)
      .filter(([key]) => key.startsWith(prefix))
      .map(([, o]) => structuredClone(o))
      .sort((a, b) => `${ a.metadata.namespace || '' }/${ a.metadata.name }`.localeCompare(`${ b.metadata.namespace || '' }/${ b.metadata.name }`));
  }

  private requireNamespace(k: KubeKind, obj: KubeObject): void {
    if (!k.namespaced) {
      return;
    }
    const ns = this.host.objects[objectKey(NAMESPACE, undefined, String(obj.metadata.namespace))];

    if (!ns) {
      throw kubeErrors.namespaceNotFound(String(obj.metadata.namespace));
    }
    if (ns.metadata.deletionTimestamp) {
      throw kubeErrors.namespaceTerminating(k, obj.metadata.name, String(obj.metadata.namespace));
    }
  }

  create(k: KubeKind, input: KubeObject): KubeObject {
    const obj = structuredClone(input);

    obj.apiVersion = apiVersionOf(k);
    obj.kind = k.kind;
    obj.metadata = obj.metadata || ({} as KubeObject['metadata']);
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = `${ obj.metadata.generateName }${ randomUUID().slice(0, 5) }`;
    }
    if (!k.namespaced) {
      delete obj.metadata.namespace;
    }
    applyDefaults(k, obj);
    validateObject(k, obj);
    this.requireNamespace(k, obj);
    const key = objectKey(k, obj.metadata.namespace, obj.metadata.name);

    if (this.host.objects[key]) {
      throw kubeErrors.alreadyExists(k, obj.metadata.name);
    }
    for (const field of ['deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink']) {
      delete obj.metadata[field];
    }
    obj.metadata.uid = randomUUID();
    obj.metadata.creationTimestamp = kubeTimestamp();
    obj.metadata.resourceVersion = this.nextVersion();
    if (obj.spec !== undefined || k.kind === 'Deployment') {
      obj.metadata.generation = 1;
    }
    settleStatus(k, obj);
    this.host.objects[key] = obj;
    this.host.changed({
      type: 'ADDED', kind: k, object: structuredClone(obj)
    });

    return structuredClone(obj);
  }

  /** PUT semantics: the whole object; a resourceVersion that is not the current one is a Conflict. */
  update(k: KubeKind, input: KubeObject): KubeObject {
    const key = objectKey(k, input.metadata?.namespace, input.metadata?.name);
    const old = this.host.objects[key];

    if (!old) {
      throw kubeErrors.notFound(k, String(input.metadata?.name));
    }
    if (input.metadata.resourceVersion && input.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw kubeErrors.conflict(k, old.metadata.name);
    }
    const obj = structuredClone(input);

    obj.apiVersion = apiVersionOf(k);
    obj.kind = k.kind;
    applyDefaults(k, obj);
    validateObject(k, obj, old);
    for (const field of ['uid', 'creationTimestamp', 'deletionTimestamp', 'namespace', 'name'] as const) {
      if (old.metadata[field] === undefined) {
        delete obj.metadata[field];
      } else {
        obj.metadata[field] = old.metadata[field];
      }
    }
    if (JSON.stringify(withoutVersion(obj)) === JSON.stringify(withoutVersion(old))) {
      return structuredClone(old); // a no-op update does not bump the resourceVersion
    }
    if (old.metadata.generation !== undefined) {
      obj.metadata.generation = JSON.stringify(obj.spec) === JSON.stringify(old.spec) ? old.metadata.generation : old.metadata.generation + 1;
    }
    obj.metadata.resourceVersion = this.nextVersion();
    settleStatus(k, obj);
    if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers || []).length && k.kind !== 'Namespace') {
      delete this.host.objects[key];
      this.host.changed({
        type: 'DELETED', kind: k, object: structuredClone(obj)
      });

      return structuredClone(obj);
    }
    this.host.objects[key] = obj;
    this.host.changed({
      type: 'MODIFIED', kind: k, object: structuredClone(obj)
    });

    return structuredClone(obj);
  }

  /** DELETE: gone at once, or marked for deletion (namespaces, finalizers). Returns the last state. */
  delete(k: KubeKind, namespace: string | undefined, name: string): KubeObject {
    const key = objectKey(k, namespace, name);
    const obj = this.host.objects[key];

    if (!obj) {
      throw kubeErrors.notFound(k, name);
    }
    if (k.kind === 'Namespace') {
      return this.terminateNamespace(obj);
    }
    if ((obj.metadata.finalizers || []).length) {
      if (!obj.metadata.deletionTimestamp) {
        obj.metadata.deletionTimestamp = kubeTimestamp();
        obj.metadata.resourceVersion = this.nextVersion();
        this.host.changed({
          type: 'MODIFIED', kind: k, object: structuredClone(obj)
        });
      }

      return structuredClone(obj);
    }
    delete this.host.objects[key];
    obj.metadata.resourceVersion = this.nextVersion();
    this.host.changed({
      type: 'DELETED', kind: k, object: structuredClone(obj)
    });

    return structuredClone(obj);
  }

  private terminateNamespace(ns: KubeObject): KubeObject {
    if (!ns.metadata.deletionTimestamp) {
      ns.metadata.deletionTimestamp = kubeTimestamp();
      ns.status = { ...ns.status, phase: 'Terminating' };
      ns.metadata.resourceVersion = this.nextVersion();
      this.host.changed({
        type: 'MODIFIED', kind: NAMESPACE, object: structuredClone(ns)
      });
      this.host.schedule(this.host.namespaceCleanupMs, () => this.finishNamespace(ns.metadata.name));
    }

    return structuredClone(ns);
  }

  /** The namespace controller: delete everything in the namespace, then the namespace itself. */
  private finishNamespace(name: string): void {
    for (const k of KINDS.filter((kind) => kind.namespaced)) {
      for (const obj of this.list(k, name)) {
        const key = objectKey(k, name, obj.metadata.name);

        delete this.host.objects[key];
        obj.metadata.resourceVersion = this.nextVersion();
        this.host.changed({
          type: 'DELETED', kind: k, object: obj
        });
      }
    }
    const key = objectKey(NAMESPACE, undefined, name);
    const ns = this.host.objects[key];

    if (ns?.metadata.deletionTimestamp) {
      delete this.host.objects[key];
      ns.metadata.resourceVersion = this.nextVersion();
      this.host.changed({
        type: 'DELETED', kind: NAMESPACE, object: structuredClone(ns)
      });
    }
  }
}

const NAMESPACE = kindOf('v1', 'Namespace') as KubeKind;

function withoutVersion(obj: KubeObject): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata, resourceVersion: undefined, generation: undefined
    }
  };
}

function applyDefaults(k: KubeKind, obj: KubeObject): void {
  switch (k.kind) {
  case 'Namespace':
    obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name };
    obj.spec = { finalizers: ['kubernetes'], ...obj.spec };
    break;
  case 'Secret':
    obj.type = obj.type || 'Opaque';
    if (obj.stringData && typeof obj.stringData === 'object') {
      obj.data = { ...obj.data };
      for (const [key, value] of Object.entries(obj.stringData)) {
        obj.data[key] = Buffer.from(String(value)).toString('base64');
      }
    }
    delete obj.stringData;
    break;
  case 'Service': {
    const spec = obj.spec = obj.spec || {};

    spec.type = spec.type || 'ClusterIP';
    spec.sessionAffinity = spec.sessionAffinity || 'None';
    if (!spec.clusterIP && spec.type !== 'ExternalName') {
      clusterIpCounter = (clusterIpCounter % 250) + 1;
      spec.clusterIP = `10.53.${ Math.floor(Math.random() * 250) }.${ clusterIpCounter }`;
      spec.clusterIPs = [spec.clusterIP];
    }
    if (Array.isArray(spec.ports)) {
      spec.ports = spec.ports.map((p: Record<string, unknown>) => ({
        protocol: 'TCP', targetPort: p?.port, ...p
      }));
    }
    break;
  }
  case 'Deployment': {
    const spec = obj.spec = obj.spec || {};

    spec.replicas = spec.replicas ?? 1;
    spec.revisionHistoryLimit = spec.revisionHistoryLimit ?? 10;
    spec.progressDeadlineSeconds = spec.progressDeadlineSeconds ?? 600;
    spec.strategy = spec.strategy || { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
    break;
  }
  default:
  }
}

/** The status the kind's controller would write: namespaces Active, deployments rolled out. */
function settleStatus(k: KubeKind, obj: KubeObject): void {
  if (k.kind === 'Namespace' && !obj.metadata.deletionTimestamp) {
    obj.status = { phase: 'Active' };
  } else if (k.kind === 'Deployment') {
    const replicas = obj.spec.replicas;

    obj.status = {
      observedGeneration: obj.metadata.generation,
      replicas,
      updatedReplicas:    replicas,
      readyReplicas:      replicas,
      availableReplicas:  replicas,
      conditions:         [{
        type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.',
      }],
    };
  } else if (k.kind === 'Service') {
    obj.status = { loadBalancer: {} };
  }
}
