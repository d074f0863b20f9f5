// What a Rancher's Steve understands in a list request, by release and by whether its SQL cache
// (`ui-sql-cache`) is on. Each rule names the Steve code it follows (tags as Rancher's go.mod pins
// them: 2.10 → steve v0.4.8, 2.11 → v0.5.15, 2.12 → v0.6.53); sim/FIDELITY.md has the table.

export interface SteveDialect {
  /** Rancher minor release: 10, 11, 12 (newer releases are treated as 12). */
  minor: number;
  /** Lists come from Steve's SQL cache (`pkg/stores/sqlpartition`), not the older list processor. */
  sqlCache: boolean;
}

/** What this extension was written against first: Rancher 2.12 with its SQL cache on (its default). */
export const LATEST_DIALECT: SteveDialect = { minor: 12, sqlCache: true };

/** `ui-sql-cache` as each release ships it (rancher `pkg/features/feature.go`). */
export function defaultSqlCache(minor: number): boolean {
  return minor >= 12;
}

/** Rancher minor release of a version string (`v2.11.3` → 11); unknown → 12. */
export function rancherMinor(version: string | undefined | null): number {
  const m = /^v?2\.(\d+)/.exec(String(version || '').trim());

  return m ? Math.min(Math.max(Number(m[1]), 10), 12) : 12;
}

/** A `management.cattle.io.feature` as Steve serves it. */
export interface FeatureObject {
  spec?: { value?: boolean | null };
  status?: { default?: boolean; lockedValue?: boolean | null };
}

/** Whether a feature is on, as Rancher decides it: locked value, else the admin's value, else the default. */
export function featureEnabled(feature: FeatureObject | undefined | null): boolean | undefined {
  if (!feature) {
    return undefined;
  }
  const locked = feature.status?.lockedValue;
  const value = feature.spec?.value;

  if (typeof locked === 'boolean') {
    return locked;
  }

  return typeof value === 'boolean' ? value : feature.status?.default;
}

export function steveDialect(version: string | undefined | null, sqlCache?: boolean | null): SteveDialect {
  const minor = rancherMinor(version);

  return { minor, sqlCache: typeof sqlCache === 'boolean' ? sqlCache : defaultSqlCache(minor) };
}

/**
 * `mode: resource.changes` on the websocket: rancher/apiserver v0.6.x (Rancher 2.12). Older
 * releases ignore the mode and send every `resource.create/change/remove` instead.
 */
export function supportsResourceChanges(d: SteveDialect): boolean {
  return d.minor >= 12;
}

/**
 * Management-cluster fields the SQL cache indexes, so may be sorted and filtered on (steve
 * `pkg/stores/sqlproxy/proxy_store.go` typeSpecificIndexedFields + commonIndexFields,
 * `pkg/sqlcache/informer/listoption_indexer.go` defaultIndexedFields); anything else is a 422
 * "column is invalid". `status.connected` (mirrors Ready) exists from steve v0.5 (2.11).
 */
const SQL_MANAGEMENT_FIELDS = ['id', 'metadata.name', 'metadata.creationTimestamp', 'metadata.state.name', 'spec.displayName', 'spec.internal', 'status.provider'];

export function canSortOn(d: SteveDialect, field: string): boolean {
  if (!d.sqlCache) {
    return true; // the list processor sorts in memory on any field
  }

  return SQL_MANAGEMENT_FIELDS.includes(field) || (d.minor >= 11 && field === 'status.connected');
}

/**
 * A project's `spec.displayName` is indexed by the SQL cache from steve v0.6 (Rancher 2.12); the
 * list processor (cache off) sorts in memory on any field.
 */
export function canSortProjectsByDisplayName(d: SteveDialect): boolean {
  return !d.sqlCache || d.minor >= 12;
}

/**
 * Whether role template bindings may be filtered by `userName` / `userPrincipalName`: the SQL
 * cache indexes them for cluster and project bindings from steve v0.6 (Rancher 2.12), a group's
 * principal never (steve `pkg/stores/sqlproxy/proxy_store.go` typeSpecificIndexedFields); the
 * list processor (cache off) filters on any field.
 */
export function canFilterBindingsBy(d: SteveDialect, field: 'userName' | 'userPrincipalName' | 'groupPrincipalName'): boolean {
  return !d.sqlCache || (d.minor >= 12 && field !== 'groupPrincipalName');
}

/** Steve 0.4 (Rancher 2.10) reads at most a primary and a secondary sort key, in both modes. */
export function maxSortKeys(d: SteveDialect): number {
  return d.minor <= 10 ? 2 : Number.POSITIVE_INFINITY;
}

/** One filter term: `field`, `value`, exact or contains, negated when `!equals`. */
export interface FilterTerm {
  field: string;
  value: string;
  equals: boolean;
  exact: boolean;
}

/** Characters the 2.11/2.12 query lexer gives meaning to (steve `pkg/stores/sqlpartition/queryparser`). */
const LEXER_SPECIAL = /[\s=!(),<>~"']/;
/** The lexer's identifier must start with a letter, a digit or `_`. */
const LEXER_START = /^[A-Za-z0-9_]/;

function plainToken(value: string): boolean {
  return value !== '' && LEXER_START.test(value) && !LEXER_SPECIAL.test(value);
}

/** 2.12's quoted string: `"…"` with backslash escapes. */
function quoted(value: string): string {
  return `"${ value.replace(/["\\]/g, (c) => `\\${ c }`) }"`;
}

/**
 * The text of one filter term in this dialect, or `null` when that Steve cannot express it:
 * - SQL, 2.12: `= != ~ !~`, values quoted when the lexer needs it;
 * - SQL, 2.11: the same operators, but no quoted strings: only plain tokens;
 * - SQL, 2.10 and the list processor (SQL off): `=`/`!=` only, split on `=` and `,`, so values
 *   holding either cannot be sent. `=` is a substring test there; 2.10's SQL makes it exact when
 *   the value is single-quoted, the list processor has no exact test at all (callers that need
 *   one compare the answer themselves).
 */
export function filterTermText(d: SteveDialect, term: FilterTerm): string | null {
  const {
    field, value, equals, exact
  } = term;

  if (d.sqlCache && d.minor >= 11) {
    const op = `${ equals ? '' : '!' }${ exact ? '=' : '~' }`;

    if (plainToken(value)) {
      return `${ field }${ op }${ value }`;
    }

    return d.minor >= 12 ? `${ field }${ op }${ quoted(value) }` : null;
  }
  if (value === '' || /[,=]/.test(value) || (d.sqlCache && value.includes('\''))) {
    return null;
  }
  const text = d.sqlCache && exact ? `'${ value }'` : value;

  return `${ field }${ equals ? '=' : '!=' }${ text }`;
}

/** Whether `=` on this dialect may match more than the exact value (substring tests). */
export function exactMatchIsFuzzy(d: SteveDialect): boolean {
  return !d.sqlCache;
}

/**
 * Label selection: the SQL cache filters labels as fields (`metadata.labels[key]`) and ignores
 * `labelSelector`; the list processor cannot address a dotted label key as a field (it splits
 * on `.`) but hands `labelSelector` to the Kubernetes list.
 */
export function selectsLabelsWithSelector(d: SteveDialect): boolean {
  return !d.sqlCache;
}

/**
 * The part of a typed search this dialect can send, and whether it had to drop something: 2.11's
 * SQL lexer takes no quotes, spaces or symbols and no leading `-`, `.`, `/`, `:`; 2.10 and the
 * list processor cannot send `,` or `=`.
 */
export function searchableText(d: SteveDialect, raw: string): { text: string; adjusted: boolean } {
  const typed = raw.trim();
  let text = typed;

  if (d.sqlCache && d.minor >= 12) {
    return { text, adjusted: false };
  }
  if (d.sqlCache && d.minor === 11) {
    const tokens = typed.split(LEXER_SPECIAL).map((t) => t.replace(/^[^A-Za-z0-9_]+/, '')).filter(Boolean);

    text = tokens.sort((a, b) => b.length - a.length)[0] || '';
  } else {
    const parts = typed.split(/[,=]/).map((t) => t.trim()).filter(Boolean);

    text = parts.sort((a, b) => b.length - a.length)[0] || '';
    if (d.sqlCache) {
      text = text.replace(/'/g, '');
    }
  }

  return { text, adjusted: text !== typed };
}
