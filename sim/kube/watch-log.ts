import type { KubeChange } from './cluster-objects';

/**
 * Recent changes of one cluster, so a watch that starts from the resourceVersion of its list
 * sees what happened in between, as etcd's history lets the API server do; a resourceVersion
 * older than what is kept is answered `410 Gone` ("too old resource version") and the client
 * lists again (k8s.io/apiserver `pkg/storage/cacher`).
 */
export interface LoggedChange extends KubeChange { resourceVersion: number }

const KEPT = 500;

export class WatchLog {
  private changes: LoggedChange[] = [];
  private listeners = new Set<(c: LoggedChange) => void>();

  record(change: KubeChange): void {
    const logged = { ...change, resourceVersion: Number(change.object.metadata.resourceVersion) };

    this.changes.push(logged);
    if (this.changes.length > KEPT) {
      this.changes.splice(0, this.changes.length - KEPT);
    }
    this.listeners.forEach((l) => l(logged));
  }

  /** Changes after `resourceVersion`, or undefined when they are no longer kept. */
  since(resourceVersion: number): LoggedChange[] | undefined {
    const oldest = this.changes[0]?.resourceVersion;

    if (oldest !== undefined && resourceVersion < oldest - 1) {
      return undefined;
    }

    return this.changes.filter((c) => c.resourceVersion > resourceVersion);
  }

  subscribe(listener: (c: LoggedChange) => void): () => void {
    this.listeners.add(listener);

    return () => this.listeners.delete(listener);
  }
}
