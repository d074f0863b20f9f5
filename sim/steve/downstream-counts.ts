import type { KubeObject } from '../store/kube-object';

/** One type's entry in Steve's `count` object. */
export interface ItemCount {
  summary: { count?: number };
  namespaces?: Record<string, { count?: number }>;
}

/**
 * Steve's count of one type (rancher/steve `pkg/resources/counts/counts.go` `getCount`, the same
 * file in v0.4.8, v0.5.15 and v0.6.53): every object given (the caller's visible ones) adds to
 * `summary.count` and, when namespaced, to `namespaces[<ns>].count`. The JSON is Go's: `count` is
 * `omitempty` (a type with no objects is `{"summary":{}}`) and so is `namespaces` (absent for
 * cluster-scoped types and for none). Steve's `states`, `errors` and `transitioning` (from each
 * object's summary) are not modelled.
 */
export function countItem(objects: readonly KubeObject[]): ItemCount {
  const namespaces: Record<string, { count: number }> = {};

  for (const o of objects) {
    const ns = o.metadata.namespace;

    if (ns) {
      namespaces[ns] = { count: (namespaces[ns]?.count || 0) + 1 };
    }
  }

  return {
    summary: objects.length ? { count: objects.length } : {},
    ...(Object.keys(namespaces).length ? { namespaces } : {}),
  };
}
