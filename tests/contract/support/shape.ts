/**
 * Shape comparison: field names, JSON types and nesting — not values — of an answer against one
 * or more recorded samples of the same kind of answer.
 *
 * The samples are merged into one Shape: a field is *required* when every recorded object has
 * it, *known* when at least one has it; a value may have any JSON type seen in some sample. An
 * answer then differs by
 *   - `missing`: a field every recorded sample has is absent;
 *   - `extra`:   a field no recorded sample has is present (Rancher never sends it);
 *   - `type`:    a value's JSON type (or its string kind, see `stringKinds`) was never recorded there.
 *
 * Paths: `metadata.state.name`, `status.conditions[].type` (any array element), `metadata.labels.*`
 * (any key of a map), keys with dots or odd characters quoted: `links["a.b"]`.
 */
import { OPEN, UNKNOWN } from './recordings';

export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'unknown';

export interface Shape {
  types: Set<string>;
  /** Objects seen here (for `required`). */
  objects: number;
  fields: Map<string, { shape: Shape, seen: number }>;
  /** Some recorded object here spreads in fields the recording does not show. */
  open: boolean;
  items?: Shape;
}

export interface ShapeOptions {
  /** Paths (globs: `*` one segment, `**` any) whose object keys are data, not field names. */
  maps?: string[];
  /** Paths not compared (and nothing below them). */
  ignore?: string[];
  /** Paths whose string values are told apart by kind (e.g. a link: a URL or `blocked`). */
  stringKinds?: string[];
}

export interface Difference {
  kind: 'missing' | 'extra' | 'type';
  path: string;
  detail: string;
}

function jsonType(v: unknown): JsonType {
  if (v === UNKNOWN || v === undefined) {
    return 'unknown';
  }
  if (v === null) {
    return 'null';
  }
  if (Array.isArray(v)) {
    return 'array';
  }

  return typeof v === 'object' ? 'object' : (typeof v as JsonType);
}

/** What kind of string a link-like value is. */
export function stringKind(s: string): string {
  if (s === 'blocked') {
    return 'string:blocked';
  }
  if (/^(https?|wss?):\/\//.test(s)) {
    return 'string:url';
  }

  return s === '' ? 'string:empty' : 'string:other';
}

function globToRegExp(glob: string): RegExp {
  const body = glob.split('**').map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^.\\[]+')).join('.*');

  return new RegExp(`^${ body }$`);
}

function matcher(globs: string[] = []): (path: string) => boolean {
  const res = globs.map(globToRegExp);

  return (path) => res.some((re) => re.test(path));
}

function child(path: string, key: string): string {
  const plain = /^[A-Za-z_$][\w$-]*$/.test(key) || key === '*';
  const seg = plain ? key : `[${ JSON.stringify(key) }]`;

  return !path ? seg : plain ? `${ path }.${ seg }` : `${ path }${ seg }`;
}

function emptyShape(): Shape {
  return {
    types: new Set(), objects: 0, fields: new Map(), open: false
  };
}

class Comparer {
  private readonly isMap: (p: string) => boolean;
  private readonly isIgnored: (p: string) => boolean;
  private readonly hasKinds: (p: string) => boolean;

  constructor(opts: ShapeOptions) {
    this.isMap = matcher(opts.maps);
    this.isIgnored = matcher(opts.ignore);
    this.hasKinds = matcher(opts.stringKinds);
  }

  typeAt(path: string, v: unknown): string {
    const t = jsonType(v);

    return t === 'string' && this.hasKinds(path) ? stringKind(v as string) : t;
  }

  add(shape: Shape, v: unknown, path: string): void {
    if (this.isIgnored(path)) {
      return;
    }
    shape.types.add(this.typeAt(path, v));
    if (Array.isArray(v)) {
      shape.items = shape.items || emptyShape();
      for (const item of v) {
        this.add(shape.items, item, `${ path }[]`);
      }
    } else if (v && typeof v === 'object') {
      const obj = v as Record<string | symbol, unknown>;

      shape.objects++;
      shape.open = shape.open || !!obj[OPEN];
      const entries = this.isMap(path) ? Object.values(obj).map((val) => ['*', val] as const) : Object.entries(obj);
      const seenHere = new Set<string>();

      for (const [key, val] of entries) {
        const field = shape.fields.get(key) || { shape: emptyShape(), seen: 0 };

        shape.fields.set(key, field);
        if (!seenHere.has(key)) {
          field.seen++;
          seenHere.add(key);
        }
        this.add(field.shape, val, child(path, key));
      }
      if (this.isMap(path) && !seenHere.has('*')) {
        // An empty map: counts as seen, with no value types.
        const field = shape.fields.get('*') || { shape: emptyShape(), seen: 0 };

        shape.fields.set('*', field);
        field.seen++;
      }
    }
  }

  diff(shape: Shape, v: unknown, path: string, out: Difference[]): void {
    if (this.isIgnored(path) || shape.types.has('unknown') || !shape.types.size) {
      return;
    }
    const t = this.typeAt(path, v);

    if (!shape.types.has(t)) {
      out.push({
        kind: 'type', path: path || '(root)', detail: `Rancher: ${ [...shape.types].sort().join(' | ') }; simulator: ${ t }`
      });

      return;
    }
    if (Array.isArray(v)) {
      if (shape.items && shape.items.types.size) {
        v.forEach((item) => this.diff(shape.items as Shape, item, `${ path }[]`, out));
      }
    } else if (v && typeof v === 'object') {
      const obj = v as Record<string, unknown>;

      if (this.isMap(path)) {
        const values = shape.fields.get('*')?.shape;

        if (values?.types.size) {
          for (const val of Object.values(obj)) {
            this.diff(values, val, child(path, '*'), out);
          }
        }

        return;
      }
      for (const [key, field] of shape.fields) {
        const p = child(path, key);

        if (field.seen === shape.objects && !(key in obj) && !this.isIgnored(p)) {
          out.push({
            kind: 'missing', path: p, detail: `Rancher: ${ [...field.shape.types].sort().join(' | ') } (in all ${ shape.objects } recorded)`
          });
        }
      }
      for (const [key, val] of Object.entries(obj)) {
        const p = child(path, key);
        const field = shape.fields.get(key);

        if (!field) {
          if (!shape.open && !this.isIgnored(p)) {
            out.push({
              kind: 'extra', path: p, detail: `simulator: ${ this.typeAt(p, val) }; no recorded Rancher answer has it`
            });
          }
        } else {
          this.diff(field.shape, val, p, out);
        }
      }
    }
  }
}

/** Several differences at one path (e.g. one per array element) are reported once. */
function dedupe(diffs: Difference[]): Difference[] {
  const seen = new Map<string, Difference>();

  for (const d of diffs) {
    seen.set(`${ d.kind } ${ d.path } ${ d.detail }`, d);
  }

  return [...seen.values()];
}

/** The merged shape of the recorded samples. */
export function shapeOf(samples: unknown[], opts: ShapeOptions = {}): Shape {
  const c = new Comparer(opts);
  const shape = emptyShape();

  for (const s of samples) {
    c.add(shape, s, '');
  }

  return shape;
}

/** How each of `actuals` differs from the shape of `recorded` samples. */
export function shapeDiff(recorded: unknown[], actuals: unknown[], opts: ShapeOptions = {}): Difference[] {
  const c = new Comparer(opts);
  const shape = shapeOf(recorded, opts);
  const out: Difference[] = [];

  for (const a of actuals) {
    c.diff(shape, a, '', out);
  }

  return dedupe(out);
}

export function formatDifference(d: Difference): string {
  return `${ d.kind.padEnd(7) } ${ d.path }: ${ d.detail }`;
}

/** A difference the simulator is allowed to have, and why. */
export interface KnownDifference {
  kind: Difference['kind'];
  /** A path as reported, or a glob (`*` one segment, `**` any). */
  path: string;
  reason: string;
}

/**
 * Splits differences into the unexplained ones (each formatted, for `expect(...).toEqual([])`)
 * and the known entries that no longer occur (stale allowances, to be removed).
 */
export function against(diffs: Difference[], known: KnownDifference[]): { unexplained: string[], stale: string[] } {
  const matches = (k: KnownDifference, d: Difference) => k.kind === d.kind && globToRegExp(k.path).test(d.path);

  return {
    unexplained: diffs.filter((d) => !known.some((k) => matches(k, d))).map(formatDifference),
    stale:       known.filter((k) => !diffs.some((d) => matches(k, d))).map((k) => `${ k.kind } ${ k.path } (${ k.reason })`),
  };
}
