import { ApiError, errors } from '../core/api-error';
import { parsePath } from '../core/object-path';
import { FieldFilter, ListQuery, parseListQuery, splitTopLevel } from './list-query';
import { TYPES } from './type-catalog';

/**
 * What Steve's SQL cache accepts in a list request, by release (steve tags as Rancher's go.mod
 * pins them: 2.10 → v0.4.8, 2.11 → v0.5.15, 2.12 → v0.6.53), on top of the query language that
 * `list-query.ts` parses (2.12's):
 * - 2.10 (`pkg/stores/sqlpartition/listprocessor/processor.go`, no query parser): the list
 *   processor's splitting (`,` OR, `[!]?=`, items that do not split in two are dropped), no `~`;
 *   `=` is SQL `LIKE '%v%'` (case-insensitive), exact `LIKE 'v'` when the value is single-quoted;
 *   at most two sort keys;
 * - 2.11 (`pkg/stores/sqlpartition/queryparser`): the 2.12 operators but no quoted strings, and a
 *   value must start with a letter, digit or `_`;
 * - 2.12: quoted strings; an unquoted value must start with a letter, digit or `_`;
 * - every release: a field that is not indexed is a 422 "column is invalid"
 *   (`pkg/sqlcache/informer/listoption_indexer.go` validateColumn); `labelSelector` is ignored;
 *   2.10/2.11 offset `continue + pagesize*(page-1)` (2.12 reads neither `continue` nor `limit`).
 * Parse errors are plain errors in Steve, which the API server answers as 500 ServerError.
 */

const COMMON_FIELDS = ['id', 'metadata.name', 'metadata.namespace', 'metadata.creationTimestamp', 'metadata.state.name'];

/** steve `pkg/stores/sqlproxy/proxy_store.go` typeSpecificIndexedFields, per release. */
function typeIndexedFields(type: string, minor: number): string[] | undefined {
  if (type === TYPES.MGMT_CLUSTER) {
    return [
      'spec.internal', 'spec.displayName', 'status.provider',
      ...(minor >= 11 ? ['status.connected'] : ['metadata.labels[provider.cattle.io]']),
    ];
  }
  if (type === TYPES.PROV_CLUSTER) {
    return [
      'status.clusterName', 'status.provider',
      ...(minor <= 11 ? ['metadata.labels[provider.cattle.io]'] : []),
      ...(minor >= 11 ? ['metadata.annotations[provisioning.cattle.io/management-cluster-display-name]'] : []),
    ];
  }

  if (type === TYPES.PROJECT) {
    // v0.4.8: none; v0.5.15: spec.clusterName; v0.6.53: spec.clusterName, spec.displayName
    return [...(minor >= 11 ? ['spec.clusterName'] : []), ...(minor >= 12 ? ['spec.displayName'] : [])];
  }
  if (type === TYPES.CRTB) {
    // v0.4.8 and v0.5.15: none; v0.6.53: clusterName, userName, userPrincipalName
    return minor >= 12 ? ['clusterName', 'userName', 'userPrincipalName'] : [];
  }
  if (type === TYPES.PRTB) {
    // v0.4.8 and v0.5.15: none; v0.6.53: userName, userPrincipalName (not projectName)
    return minor >= 12 ? ['userName', 'userPrincipalName'] : [];
  }

  return undefined; // other types: not modelled, every field is accepted
}

/** A field as Steve names it in its error: dotted, with brackets around keys holding `.` or `/`. */
function canonical(field: string): string {
  try {
    return parsePath(field).reduce<string>((out, seg, i) => {
      if (typeof seg === 'number' || /[./]/.test(seg)) {
        return `${ out }[${ seg }]`;
      }

      return i === 0 ? seg : `${ out }.${ seg }`;
    }, '');
  } catch {
    return field;
  }
}

/** Whether the SQL cache of this release may filter or sort `type` on `field`. */
export function isIndexed(type: string, field: string, minor: number): boolean {
  const typed = typeIndexedFields(type, minor);

  if (!typed) {
    return true;
  }
  const name = canonical(field);

  if (minor >= 11 && /^metadata\.labels(\[|\.)/.test(name)) {
    return true; // labels are joined from their own table from steve v0.5
  }

  return [...COMMON_FIELDS, ...typed].includes(name) || /^metadata\.fields\[\d+\]$/.test(name);
}

function invalidColumn(field: string): ApiError {
  return errors.invalidBody(`column is invalid [${ field }]: supplied column is invalid`);
}

function parseError(message: string): ApiError {
  return new ApiError(500, 'ServerError', message);
}

/** 2.11/2.12 lexer: the first character of an unquoted value. */
function checkValueStart(value: string, quotesAllowed: boolean): void {
  const v = value.trimStart();

  if (v === '') {
    return;
  }
  if ((v[0] === '"' || v[0] === '\'') && quotesAllowed) {
    return;
  }
  if (!/^[A-Za-z0-9_(]/.test(v)) {
    throw parseError(`unexpected character '${ v[0] }'`);
  }
}

const VALUE_OP = /(!=|!~|==|=|~|<|>)/;

function lexerChecks(params: URLSearchParams, minor: number): void {
  for (const raw of params.getAll('filter')) {
    for (const term of splitTopLevel(raw, ',')) {
      const parts = term.split(VALUE_OP);

      if (parts.length >= 3 && !/\[[^\]]*$/.test(parts[0])) {
        checkValueStart(parts.slice(2).join(''), minor >= 12);
      }
    }
  }
}

/** 2.10: the list processor's splitting, `=` as LIKE. */
function parse210Filters(params: URLSearchParams): FieldFilter[][] {
  return params.getAll('filter').map((raw) => raw.split(',').flatMap((item): FieldFilter[] => {
    const negate = item.includes('!=');
    const parts = item.split(/!?=/);

    if (parts.length !== 2) {
      return [];
    }
    const [field, value] = parts;
    const quoted = value.length >= 2 && value.startsWith('\'') && value.endsWith('\'');

    return [{
      field, path: parsePath(field), op: quoted ? (negate ? '!ieq' : 'ieq') : (negate ? '!~' : '~'), values: [quoted ? value.slice(1, -1) : value],
    }];
  }));
}

export interface SqlPaging {
  offset: number;
  limit?: number;
}

/** The list query as this release's SQL cache reads it; throws Steve's errors. */
export function parseSqlListQuery(type: string, params: URLSearchParams, minor: number): { query: ListQuery, paging: SqlPaging } {
  const cleaned = new URLSearchParams(params);

  cleaned.delete('labelSelector');
  if (minor >= 11) {
    lexerChecks(cleaned, minor);
  }
  const query = parseListQuery(cleaned);

  if (minor <= 10) {
    query.filters = parse210Filters(cleaned);
    query.sort = query.sort.slice(0, 2);
  }
  for (const f of query.filters.flat()) {
    if (!isIndexed(type, f.field, minor)) {
      throw invalidColumn(canonical(f.field));
    }
  }
  for (const s of query.sort) {
    if (!isIndexed(type, s.field, minor)) {
      throw invalidColumn(canonical(s.field));
    }
  }
  const offsetFromContinue = minor <= 11 ? Number.parseInt(params.get('continue') || '0', 10) : 0;

  if (Number.isNaN(offsetFromContinue)) {
    throw parseError(`strconv.Atoi: parsing "${ params.get('continue') }": invalid syntax`);
  }
  const pageSize = query.pageSize || 0;
  const limit = minor <= 11 ? (query.limit ?? 100000) : undefined;

  return {
    query:  { ...query, limit: undefined },
    paging: {
      offset: offsetFromContinue + (pageSize ? pageSize * (query.page - 1) : 0),
      limit:  pageSize ? Math.min(pageSize, limit ?? pageSize) : limit,
    },
  };
}
