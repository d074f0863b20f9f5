import type { RancherProfile } from '../profile';
import { KubeObject } from '../store/kube-object';
import { legacyList } from './legacy-list';
import { filterAndSort } from './list-eval';
import { parseSqlListQuery } from './sql-dialect';

/** One page of a Steve collection and the collection fields that go with it. */
export interface ListAnswer {
  items: KubeObject[];
  /** Omitted when 0 (apiserver `writer/encoding.go`: `count,omitempty`). */
  count?: number;
  /** Only the list processor sets it; the SQL cache never does. */
  pages?: number;
  /** The SQL cache of 2.10/2.11 leaves it empty (omitted); 2.12 and the list processor set it. */
  revision?: string;
  /** SQL cache: the offset of the next rows when there are more (2.10/2.11 read it back). */
  continueToken?: string;
}

const omitZero = (n: number) => (n || undefined);

/**
 * A list request answered the way this profile's Steve does: the SQL cache (sql-dialect.ts) or
 * the older list processor (legacy-list.ts). `sortedFor` memoises the filtered and sorted SQL
 * result per request shape and store revision (ListCache).
 */
export function answerList(
  profile: RancherProfile, type: string, params: URLSearchParams, revision: number,
  visible: () => readonly KubeObject[], sortedFor: (compute: () => KubeObject[]) => KubeObject[],
): ListAnswer {
  if (!profile.sqlCache) {
    const { items, count, pages } = legacyList(visible(), params, profile.minor);

    return {
      items, count: omitZero(count), pages: pages || undefined, revision: `${ revision }`,
    };
  }
  const { query, paging } = parseSqlListQuery(type, params, profile.minor);
  const sorted = sortedFor(() => filterAndSort(visible(), query));
  const end = paging.limit === undefined ? sorted.length : paging.offset + paging.limit;
  const items = sorted.slice(paging.offset, end);
  const more = paging.limit !== undefined && paging.offset + items.length < sorted.length;

  return {
    items,
    count:         omitZero(sorted.length),
    revision:      profile.minor >= 12 ? `${ revision }` : undefined,
    continueToken: more ? `${ end }` : undefined,
  };
}
