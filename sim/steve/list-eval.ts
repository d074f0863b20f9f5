import { getPath, PathSegment } from '../core/object-path';
import { KubeObject, objectId } from '../store/kube-object';
import { FieldFilter, ListQuery, SortKey } from './list-query';

/** Values at a path, flattened to strings (arrays match if any element matches). */
/** Steve's computed `id` (`namespace/name`) is filterable and sortable like a stored field. */
function lookup(obj: KubeObject, path: PathSegment[]): unknown {
  return path.length === 1 && path[0] === 'id' ? objectId(obj) : getPath(obj, path);
}

function valuesAt(obj: KubeObject, filter: FieldFilter): string[] | undefined {
  const raw = lookup(obj, filter.path);

  if (raw === undefined || raw === null) {
    return undefined;
  }
  const list = Array.isArray(raw) ? raw.flat(Infinity) : [raw];

  return list.filter((v) => v !== undefined && v !== null).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)));
}

export function matchesFilter(obj: KubeObject, filter: FieldFilter): boolean {
  const values = valuesAt(obj, filter);
  const target = filter.values[0] ?? '';

  switch (filter.op) {
  case 'exists':
    return values !== undefined;
  case '!exists':
    return values === undefined;
  case '=':
    return !!values?.some((v) => v === target);
  case '!=':
    return !values?.some((v) => v === target);
  case '~': {
    const needle = target.toLowerCase();

    return !!values?.some((v) => v.toLowerCase().includes(needle));
  }
  case '!~': {
    const needle = target.toLowerCase();

    return !values?.some((v) => v.toLowerCase().includes(needle));
  }
  case 'ieq':
    return !!values?.some((v) => v.toLowerCase() === target.toLowerCase());
  case '!ieq':
    return !values?.some((v) => v.toLowerCase() === target.toLowerCase());
  case 'in':
    return !!values?.some((v) => filter.values.includes(v));
  case 'notin':
    return !values?.some((v) => filter.values.includes(v));
  case '<':
  case '>': {
    const limit = Number(target);

    return !!values?.some((v) => {
      const n = Number(v);

      if (Number.isNaN(n) || Number.isNaN(limit)) {
        return filter.op === '<' ? v < target : v > target;
      }

      return filter.op === '<' ? n < limit : n > limit;
    });
  }
  default:
    return false;
  }
}

export function matchesAll(obj: KubeObject, filters: FieldFilter[][]): boolean {
  return filters.every((group) => group.some((f) => matchesFilter(obj, f)));
}

type SortValue = string | number | boolean | undefined;

function sortValue(obj: KubeObject, key: SortKey): SortValue {
  const v = lookup(obj, key.path);

  if (v === null || v === undefined) {
    return undefined;
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    return v;
  }

  return JSON.stringify(v);
}

/** Missing values first (like SQL NULLs ascending), then false < true, numbers, strings (binary order). */
export function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) {
    return 0;
  }
  if (a === undefined) {
    return -1;
  }
  if (b === undefined) {
    return 1;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    return a ? 1 : -1;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  const sa = String(a);
  const sb = String(b);

  return sa < sb ? -1 : (sa > sb ? 1 : 0);
}

const DEFAULT_SORT: SortKey[] = [
  {
    field: 'metadata.namespace', path: ['metadata', 'namespace'], desc: false
  },
  {
    field: 'metadata.name', path: ['metadata', 'name'], desc: false
  },
];

export function sortObjects(objects: readonly KubeObject[], sort: SortKey[]): KubeObject[] {
  const keys = [...sort, ...DEFAULT_SORT];
  // Decorate once: path lookups are the expensive part with thousands of objects.
  const decorated = objects.map((obj) => ({ obj, values: keys.map((k) => sortValue(obj, k)) }));

  decorated.sort((x, y) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareValues(x.values[i], y.values[i]);

      if (c !== 0) {
        return keys[i].desc ? -c : c;
      }
    }

    return 0;
  });

  return decorated.map((d) => d.obj);
}

export interface ListResult {
  items: KubeObject[];
  count: number;
  pages?: number;
}

/** Filter and sort an already-authorised list (the expensive, page-independent part). */
export function filterAndSort(objects: readonly KubeObject[], query: ListQuery, namespacesInScope?: (values: string[]) => Set<string>): KubeObject[] {
  let items: readonly KubeObject[] = objects;

  if (query.filters.length) {
    items = items.filter((o) => matchesAll(o, query.filters));
  }
  if (query.projectsOrNamespaces && namespacesInScope) {
    const allowed = namespacesInScope(query.projectsOrNamespaces.values);
    const negate = query.projectsOrNamespaces.negate;

    items = items.filter((o) => allowed.has(o.metadata.namespace || '') !== negate);
  }

  return sortObjects(items, query.sort);
}

/** One page of a filtered, sorted list. */
export function paginate(sorted: readonly KubeObject[], query: ListQuery): ListResult {
  const count = sorted.length;
  let pageItems = sorted as KubeObject[];
  let pages: number | undefined;

  if (query.pageSize) {
    pages = Math.ceil(count / query.pageSize);
    const start = (query.page - 1) * query.pageSize;

    pageItems = sorted.slice(start, start + query.pageSize);
  }
  if (query.limit !== undefined && pageItems.length > query.limit) {
    pageItems = pageItems.slice(0, query.limit);
  }

  return {
    items: pageItems, count, pages
  };
}
