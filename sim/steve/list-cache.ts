import { KubeObject } from '../store/kube-object';

const MAX_ENTRIES = 64;

/**
 * Filtered + sorted results per (user, type, namespace, filter, sort), valid for one store
 * revision. Paging through a list of thousands then costs a slice, not a filter and a sort per
 * request, the way Steve's SQL cache answers from an index. Any write bumps the revision and
 * so invalidates every entry.
 */
export class ListCache {
  private entries = new Map<string, { revision: number, items: KubeObject[] }>();

  get(key: string, revision: number, compute: () => KubeObject[]): KubeObject[] {
    const hit = this.entries.get(key);

    if (hit && hit.revision === revision) {
      // Refresh recency (Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, hit);

      return hit.items;
    }
    const items = compute();

    this.entries.delete(key);
    this.entries.set(key, { revision, items });
    if (this.entries.size > MAX_ENTRIES) {
      this.entries.delete(this.entries.keys().next().value as string);
    }

    return items;
  }
}

/** The page-independent part of a list request, as a cache key. */
export function listKey(userId: string | null, type: string, namespace: string | undefined, params: URLSearchParams): string {
  const relevant = ['filter', 'labelSelector', 'fieldSelector', 'sort', 'projectsornamespaces', 'projectsornamespaces!']
    .map((name) => `${ name }=${ params.getAll(name).join('\u0000') }`);

  return [userId || '', type, namespace || '', ...relevant].join('\u0001');
}
