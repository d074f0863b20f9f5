import { errors } from '../core/api-error';
import { parsePath, PathSegment } from '../core/object-path';

/**
 * Steve's list query language (SQL-cache flavour, as shell 3.x sends it):
 *   filter=<field><op><value>   ops: = == != ~ !~, `<field> IN (a,b)`, `<field> NOTIN (a,b)`,
 *                               `<field>` (exists), `!<field>` (does not exist), `<field> > (n)`, `< (n)`
 *   `,` inside one filter = OR, repeated `filter` params = AND; values may be quoted.
 *   sort=a,-b  page=N  pagesize=N  projectsornamespaces[!]=p1,ns2
 *   plus the older labelSelector=… and fieldSelector=metadata.namespace=… (exclude=… is not a
 *   query of the list but of each object's rendering: excluded-fields.ts)
 * `=` is an exact match and `~` a case-insensitive substring match, matching
 * PaginationFilterEquality in @rancher/shell.
 */
/** `ieq`/`!ieq`: 2.10's SQL `LIKE 'v'` (exact, case-insensitive), see sql-dialect.ts. */
export type FilterOp = '=' | '!=' | '~' | '!~' | 'in' | 'notin' | 'exists' | '!exists' | '<' | '>' | 'ieq' | '!ieq';

export interface FieldFilter {
  field: string;
  path: PathSegment[];
  op: FilterOp;
  values: string[];
}

export interface SortKey {
  field: string;
  path: PathSegment[];
  desc: boolean;
}

export interface ListQuery {
  /** AND of OR-groups. */
  filters: FieldFilter[][];
  sort: SortKey[];
  page: number;
  pageSize?: number;
  limit?: number;
  projectsOrNamespaces?: { values: string[], negate: boolean };
}

/** Split on `sep` outside quotes, parentheses and brackets. */
export function splitTopLevel(input: string, sep: string): string[] {
  const out: string[] = [];
  let depthParen = 0;
  let depthBracket = 0;
  let quote: string | null = null;
  let current = '';

  let escaped = false;

  for (const ch of input) {
    if (quote) {
      // 2.12's lexer: a backslash inside a quoted string escapes the next character.
      if (escaped) {
        escaped = false;
      } else if (ch === '\\') {
        escaped = true;
      } else if (ch === quote) {
        quote = null;
      }
      current += ch;
      continue;
    }
    if (ch === '"' || ch === '\'') {
      quote = ch;
    } else if (ch === '(') {
      depthParen++;
    } else if (ch === ')') {
      depthParen = Math.max(0, depthParen - 1);
    } else if (ch === '[') {
      depthBracket++;
    } else if (ch === ']') {
      depthBracket = Math.max(0, depthBracket - 1);
    } else if (ch === sep && depthParen === 0 && depthBracket === 0) {
      out.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current);

  return out;
}

function unquote(value: string): string {
  const v = value.trim();

  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith('\'') && v.endsWith('\'')))) {
    return v.slice(1, -1).replace(/\\(.)/g, '$1');
  }

  return v;
}

function field(raw: string): { field: string, path: PathSegment[] } {
  const name = raw.trim();

  if (!name) {
    throw errors.badRequest('invalid filter: missing field name');
  }
  try {
    return { field: name, path: parsePath(name) };
  } catch (e) {
    throw errors.badRequest(`invalid filter field "${ name }": ${ (e as Error).message }`);
  }
}

/** What a field path may consist of (so `a=x in (y)` is not mistaken for a set filter). */
const FIELD_CHARS = /^[\w.\-/\[\]]+$/;
const SET_OP = /^(.+?)\s+(in|notin)\s*\((.*)\)\s*$/i;
const COMPARE_OP = /^(.+?)\s*([<>])\s*\(?\s*([^)]*?)\s*\)?\s*$/;

/** Parse one filter term, e.g. `metadata.labels[provider.cattle.io]=harvester`. */
export function parseFilterTerm(term: string): FieldFilter {
  const text = term.trim();

  if (!text) {
    throw errors.badRequest('invalid filter: empty expression');
  }
  const set = SET_OP.exec(text);

  if (set && FIELD_CHARS.test(set[1].trim())) {
    return {
      ...field(set[1]),
      op:     set[2].toLowerCase() as FilterOp,
      values: splitTopLevel(set[3], ',').map(unquote).filter((v) => v !== ''),
    };
  }

  // Find the first operator outside brackets (label keys may contain dots and slashes).
  let depth = 0;

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];

    if (ch === '[') {
      depth++;
    } else if (ch === ']') {
      depth--;
    } else if (depth === 0) {
      const two = text.slice(i, i + 2);
      let op: FilterOp | undefined;
      let width = 1;

      if (two === '!=' || two === '!~' || two === '==') {
        op = two === '==' ? '=' : two as FilterOp;
        width = 2;
      } else if (ch === '=' || ch === '~') {
        op = ch;
      } else if ((ch === '<' || ch === '>') && i > 0) {
        const cmp = COMPARE_OP.exec(text);

        if (cmp) {
          return {
            ...field(cmp[1]), op: cmp[2] as FilterOp, values: [unquote(cmp[3])]
          };
        }
      }
      if (op) {
        if (i === 0) {
          throw errors.badRequest(`invalid filter "${ text }": missing field name`);
        }

        return {
          ...field(text.slice(0, i)), op, values: [unquote(text.slice(i + width))]
        };
      }
    }
  }

  const negated = text.startsWith('!');
  const existsField = field(negated ? text.slice(1) : text);

  // No operator: an existence test, so what is left must be a field path (`a IN (` is not).
  if (!FIELD_CHARS.test(existsField.field)) {
    throw errors.badRequest(`invalid filter "${ text }"`);
  }

  return {
    ...existsField, op: negated ? '!exists' : 'exists', values: []
  };
}

/** Kubernetes label selector syntax (`a=b,c!=d,e in (x,y),!f`) → filters on metadata.labels. */
export function parseLabelSelector(selector: string): FieldFilter[] {
  return splitTopLevel(selector, ',').map((s) => s.trim()).filter(Boolean).map((req) => {
    const set = SET_OP.exec(req);
    const labelPath = (key: string) => ({ field: `metadata.labels[${ key.trim() }]`, path: ['metadata', 'labels', key.trim()] as PathSegment[] });

    if (set) {
      return {
        ...labelPath(set[1]), op: set[2].toLowerCase() as FilterOp, values: splitTopLevel(set[3], ',').map(unquote)
      };
    }
    const m = /^([^!=]+?)\s*(==|!=|=)\s*(.*)$/.exec(req);

    if (m) {
      return {
        ...labelPath(m[1]), op: (m[2] === '!=' ? '!=' : '=') as FilterOp, values: [unquote(m[3])]
      };
    }
    if (req.startsWith('!')) {
      return {
        ...labelPath(req.slice(1)), op: '!exists' as FilterOp, values: []
      };
    }

    return {
      ...labelPath(req), op: 'exists' as FilterOp, values: []
    };
  });
}

function positiveInt(name: string, raw: string | null): number | undefined {
  if (raw === null || raw === '') {
    return undefined;
  }
  const n = Number(raw);

  if (!Number.isInteger(n) || n < 0) {
    throw errors.badRequest(`invalid ${ name } "${ raw }": must be a non-negative integer`);
  }

  return n;
}

export function parseListQuery(params: URLSearchParams): ListQuery {
  const filters: FieldFilter[][] = [];

  for (const raw of params.getAll('filter')) {
    filters.push(splitTopLevel(raw, ',').map(parseFilterTerm));
  }
  for (const raw of params.getAll('labelSelector')) {
    parseLabelSelector(raw).forEach((f) => filters.push([f]));
  }
  for (const raw of params.getAll('fieldSelector')) {
    for (const term of splitTopLevel(raw, ',')) {
      if (term.trim()) {
        filters.push([parseFilterTerm(term)]);
      }
    }
  }

  const sort: SortKey[] = [];

  for (const raw of params.getAll('sort')) {
    for (const part of splitTopLevel(raw, ',')) {
      const text = part.trim();

      if (!text) {
        continue;
      }
      const desc = text.startsWith('-');
      const name = desc ? text.slice(1) : text;

      sort.push({ ...field(name), desc });
    }
  }

  const pageSize = positiveInt('pagesize', params.get('pagesize'));
  const page = positiveInt('page', params.get('page')) || 1;
  const limit = params.get('limit') === '-1' ? undefined : positiveInt('limit', params.get('limit'));

  let projectsOrNamespaces: ListQuery['projectsOrNamespaces'];
  const pon = params.get('projectsornamespaces');
  const ponNot = params.get('projectsornamespaces!');

  if (pon) {
    projectsOrNamespaces = { values: pon.split(',').map((s) => s.trim()).filter(Boolean), negate: false };
  } else if (ponNot) {
    projectsOrNamespaces = { values: ponNot.split(',').map((s) => s.trim()).filter(Boolean), negate: true };
  }

  return {
    filters,
    sort,
    page,
    pageSize: pageSize === 0 ? undefined : pageSize,
    limit,
    projectsOrNamespaces,
  };
}
