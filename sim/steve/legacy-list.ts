import { errors } from '../core/api-error';
import { KubeObject, objectId } from '../store/kube-object';
import { selectorTest } from '../kube/selectors';

/**
 * Steve's list processor without the SQL cache (steve `pkg/stores/partition/listprocessor/processor.go`,
 * v0.4.8 / v0.5.15 / v0.6.53 as Rancher 2.10 / 2.11 / 2.12 pin it; the filter code is the same in
 * all three), what 2.10 and 2.11 run by default (`ui-sql-cache` off):
 * - each `filter` value splits on `,` into an OR group, repeated `filter`s are AND-ed;
 * - an item's operator is `!=` if it contains `!=`, else `=`; it is split on `[!]?=` and dropped
 *   unless that gives exactly two parts (so `~`, `IN (...)` and `a=b=c` are dropped); a group
 *   whose items were all dropped matches nothing;
 * - the field is split on `.` (no brackets: `metadata.labels[provider.cattle.io]` is
 *   `metadata`, `labels[provider`, `cattle`, `io]` and never matches); a missing path is
 *   shortened from the end and a list matches if any element does;
 * - `=` is a case-sensitive substring test on strings, numbers and booleans; `!=` its negation
 *   (true when the field is missing);
 * - `sort`: `-` for descending, values compared as strings; at most two keys on 2.10 (`SplitN`),
 *   any number from 2.11;
 * - `pagesize`/`page` page the sorted list, `count` is the filtered length and `pages` the page
 *   count; `labelSelector` goes to the Kubernetes list call (`decodeParams`).
 */

interface LegacyFilter {
  field: string[];
  match: string;
  negate: boolean;
}

const OP = /!?=/;

export function parseLegacyFilters(params: URLSearchParams): LegacyFilter[][] {
  return params.getAll('filter').map((raw) => raw.split(',').flatMap((item) => {
    const negate = item.includes('!=');
    const parts = item.split(OP);

    return parts.length === 2 ? [{
      field: parts[0].split('.'), match: parts[1], negate
    }] : [];
  }));
}

type Json = unknown;

function getValue(obj: Json, path: string[]): { ok: boolean, value?: Json } {
  let current: Json = obj;

  for (const key of path) {
    if (!current || typeof current !== 'object' || Array.isArray(current) || !(key in (current as Record<string, Json>))) {
      return { ok: false };
    }
    current = (current as Record<string, Json>)[key];
  }

  return { ok: true, value: current };
}

function scalarText(value: Json): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** steve `matchesOne`: shorten a missing path from the end; lists match element-wise on the rest. */
function matchesOne(obj: Json, fieldPath: string[], match: string): boolean {
  let field = [...fieldPath];
  const rest: string[] = [];
  let found: { ok: boolean, value?: Json } = { ok: false };

  while (field.length) {
    found = getValue(obj, field);
    if (found.ok) {
      break;
    }
    rest.unshift(field[field.length - 1]);
    field = field.slice(0, -1);
  }
  if (!found.ok) {
    return false;
  }
  if (Array.isArray(found.value)) {
    return found.value.some((el) => (rest.length ? matchesOne(el, rest, match) : scalarText(el)?.includes(match) ?? false));
  }
  const text = scalarText(found.value);

  return rest.length === 0 && text !== undefined && text.includes(match);
}

function matchesGroup(obj: KubeObject, group: LegacyFilter[]): boolean {
  return group.some((f) => matchesOne(obj, f.field, f.match) !== f.negate);
}

function sortKeys(raw: string | null, minor: number): { field: string[], desc: boolean }[] {
  if (!raw) {
    return [];
  }
  const parts = minor <= 10 ? splitN(raw, ',', 2) : raw.split(',');

  return parts.map((p) => p.trim()).filter(Boolean).map((p) => {
    const desc = p.startsWith('-');

    return { field: (desc ? p.slice(1) : p).split('.'), desc };
  });
}

function splitN(text: string, sep: string, n: number): string[] {
  const parts = text.split(sep);

  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function sortText(obj: KubeObject, field: string[]): string {
  const { ok, value } = getValue(obj, field);

  return ok ? scalarText(value) ?? (value === null || value === undefined ? '' : JSON.stringify(value)) : '';
}

export interface LegacyAnswer {
  items: KubeObject[];
  count: number;
  pages?: number;
}

/** Filter, sort and page an already-authorised list the way the list processor does. */
export function legacyList(objects: readonly KubeObject[], params: URLSearchParams, minor: number): LegacyAnswer {
  let items = [...objects];
  const selector = params.get('labelSelector');

  if (selector) {
    // The selector goes to the Kubernetes list call, which parses it (k8s.io/apimachinery
    // pkg/labels/selector.go Parse) and refuses one that does not parse with 400: the
    // simulator's Kubernetes selector grammar does the same (sim/kube/selectors.ts).
    let matches: ReturnType<typeof selectorTest>;

    try {
      matches = selectorTest(selector, undefined);
    } catch (e) {
      throw errors.badRequest((e as Error).message);
    }
    items = items.filter(matches);
  }
  const filters = parseLegacyFilters(params);

  items = items.filter((o) => filters.every((group) => matchesGroup(o, group)));
  const keys = sortKeys(params.get('sort'), minor);

  // Kubernetes lists come back in key order (namespace/name); the processor's sort is stable from 2.12.
  items.sort((a, b) => (objectId(a) < objectId(b) ? -1 : (objectId(a) > objectId(b) ? 1 : 0)));
  if (keys.length) {
    const decorated = items.map((obj) => ({ obj, values: keys.map((k) => sortText(obj, k.field)) }));

    decorated.sort((x, y) => {
      for (let i = 0; i < keys.length; i++) {
        const c = x.values[i] < y.values[i] ? -1 : (x.values[i] > y.values[i] ? 1 : 0);

        if (c !== 0) {
          return keys[i].desc ? -c : c;
        }
      }

      return 0;
    });
    items = decorated.map((d) => d.obj);
  }
  const count = items.length;
  const pageSize = Number.parseInt(params.get('pagesize') || '', 10);

  if (!Number.isInteger(pageSize) || pageSize <= 0) {
    return { items, count };
  }
  const parsedPage = Number.parseInt(params.get('page') || '', 10);
  const page = Number.isInteger(parsedPage) && parsedPage >= 1 ? parsedPage : 1;

  return {
    items: items.slice((page - 1) * pageSize, page * pageSize), count, pages: Math.ceil(count / pageSize)
  };
}
