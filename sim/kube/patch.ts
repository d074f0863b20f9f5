/**
 * The three patch types a Kubernetes API server accepts (k8s.io/apiserver
 * `pkg/endpoints/handlers/patch.go`, release-1.32):
 * - `application/merge-patch+json`: RFC 7386 (what kubectl sends for custom resources);
 * - `application/json-patch+json`: RFC 6902;
 * - `application/strategic-merge-patch+json`: k8s.io/apimachinery `pkg/util/strategicpatch`,
 *   what `kubectl apply` and `kubectl patch` send for built-in kinds. Lists with a `patchMergeKey`
 *   in the Go types merge element by element; other lists are replaced; the `$patch`,
 *   `$retainKeys`, `$setElementOrder/…` and `$deleteFromPrimitiveList/…` directives are honoured.
 * Every function returns a new object; a patch that cannot apply throws PatchError (the server's 422/400).
 */
export class PatchError extends Error {}

type Json = unknown;
type JsonObject = Record<string, Json>;

function isObject(v: Json): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) {
    return structuredClone(patch);
  }
  const out: JsonObject = isObject(target) ? { ...target } : {};

  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
    } else {
      out[key] = mergePatch(out[key], value);
    }
  }

  return out;
}

function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function pointerParts(path: unknown): string[] {
  if (typeof path !== 'string' || (path !== '' && !path.startsWith('/'))) {
    throw new PatchError(`invalid JSON pointer ${ JSON.stringify(path) }`);
  }

  return path === '' ? [] : path.slice(1).split('/').map(unescapePointer);
}

function getAt(doc: Json, parts: string[]): Json {
  let node = doc;

  for (const part of parts) {
    if (Array.isArray(node)) {
      node = node[Number(part)];
    } else if (isObject(node)) {
      node = node[part];
    } else {
      return undefined;
    }
  }

  return node;
}

function parentOf(doc: Json, parts: string[], op: string): { parent: JsonObject | Json[], key: string } {
  const parent = getAt(doc, parts.slice(0, -1));

  if (!isObject(parent) && !Array.isArray(parent)) {
    throw new PatchError(`${ op } operation does not apply: doc is missing path: "/${ parts.join('/') }"`);
  }

  return { parent, key: parts[parts.length - 1] };
}

function arrayIndex(list: Json[], key: string, forInsert: boolean): number {
  if (forInsert && key === '-') {
    return list.length;
  }
  const index = Number(key);

  if (!/^\d+$/.test(key) || index > list.length || (!forInsert && index === list.length)) {
    throw new PatchError(`index ${ key } out of bounds`);
  }

  return index;
}

function addAt(doc: Json, parts: string[], value: Json): Json {
  if (parts.length === 0) {
    return structuredClone(value);
  }
  const { parent, key } = parentOf(doc, parts, 'add');

  if (Array.isArray(parent)) {
    parent.splice(arrayIndex(parent, key, true), 0, structuredClone(value));
  } else {
    parent[key] = structuredClone(value);
  }

  return doc;
}

function removeAt(doc: Json, parts: string[]): Json {
  const { parent, key } = parentOf(doc, parts, 'remove');

  if (Array.isArray(parent)) {
    parent.splice(arrayIndex(parent, key, false), 1);
  } else {
    if (!(key in parent)) {
      throw new PatchError(`remove operation does not apply: doc is missing path: "/${ parts.join('/') }"`);
    }
    delete parent[key];
  }

  return doc;
}

export function jsonPatch(target: Json, operations: Json): Json {
  if (!Array.isArray(operations)) {
    throw new PatchError('a JSON patch must be a list of operations');
  }
  let doc = structuredClone(target);

  for (const op of operations) {
    if (!isObject(op)) {
      throw new PatchError('each JSON patch operation must be an object');
    }
    const parts = pointerParts(op.path);

    switch (op.op) {
    case 'add':
      doc = addAt(doc, parts, op.value);
      break;
    case 'remove':
      doc = removeAt(doc, parts);
      break;
    case 'replace':
      doc = addAt(removeAt(doc, parts), parts, op.value);
      break;
    case 'move':
    case 'copy': {
      const from = pointerParts(op.from);
      const value = getAt(doc, from);

      if (value === undefined) {
        throw new PatchError(`${ op.op } operation does not apply: doc is missing from path: ${ String(op.from) }`);
      }
      if (op.op === 'move') {
        doc = removeAt(doc, from);
      }
      doc = addAt(doc, parts, value);
      break;
    }
    case 'test':
      if (JSON.stringify(getAt(doc, parts)) !== JSON.stringify(op.value)) {
        throw new PatchError(`testing value ${ String(op.path) } failed`);
      }
      break;
    default:
      throw new PatchError(`unexpected kind of operation ${ JSON.stringify(op.op) }`);
    }
  }

  return doc;
}

/**
 * `patchMergeKey` of the lists in the kinds served (k8s.io/api core/v1, apps/v1, meta/v1 types.go),
 * by the field path without list indices. Lists not named here are atomic (replaced).
 */
const MERGE_KEYS: Record<string, string> = {
  'metadata.ownerReferences':                       'uid',
  'spec.template.spec.containers':                  'name',
  'spec.template.spec.initContainers':              'name',
  'spec.template.spec.containers.env':              'name',
  'spec.template.spec.initContainers.env':          'name',
  'spec.template.spec.containers.ports':            'containerPort',
  'spec.template.spec.containers.volumeMounts':     'mountPath',
  'spec.template.spec.initContainers.volumeMounts': 'mountPath',
  'spec.template.spec.volumes':                     'name',
  'spec.template.spec.imagePullSecrets':            'name',
  'spec.template.spec.hostAliases':                 'ip',
  'spec.ports':                                     'port',
  'status.conditions':                              'type',
  imagePullSecrets:                                 'name',
  secrets:                                          'name',
};

/** Lists of scalars with `patchStrategy:"merge"`: a patch adds to them instead of replacing. */
const MERGED_PRIMITIVE_LISTS = new Set(['metadata.finalizers']);

const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

function orderBy(list: Json[], order: Json[], key: string | undefined): Json[] {
  const keyOf = (v: Json) => JSON.stringify(key && isObject(v) ? v[key] : v);
  const wanted = order.map((o) => JSON.stringify(key && isObject(o) ? o[key] : o));
  const rank = (v: Json) => {
    const i = wanted.indexOf(keyOf(v));

    return i < 0 ? wanted.length : i;
  };

  return [...list].sort((a, b) => rank(a) - rank(b));
}

function mergeList(current: Json, patch: Json[], path: string): Json[] {
  const key = MERGE_KEYS[path];

  if (!key) {
    if (MERGED_PRIMITIVE_LISTS.has(path)) {
      const base = Array.isArray(current) ? [...current] : [];

      return [...base, ...patch.filter((v) => !base.some((b) => JSON.stringify(b) === JSON.stringify(v)))];
    }

    return structuredClone(patch.filter((v) => !(isObject(v) && v.$patch === 'delete')));
  }
  if (patch.some((v) => isObject(v) && v.$patch === 'replace')) {
    return structuredClone(patch.filter((v) => !(isObject(v) && v.$patch === 'replace')));
  }
  const out: Json[] = Array.isArray(current) ? [...current] : [];

  for (const element of patch) {
    if (!isObject(element) || element[key] === undefined) {
      throw new PatchError(`map: ${ JSON.stringify(element) } does not contain declared merge key: ${ key }`);
    }
    const at = out.findIndex((o) => isObject(o) && o[key] === element[key]);

    if (element.$patch === 'delete') {
      if (at >= 0) {
        out.splice(at, 1);
      }
    } else if (at >= 0) {
      out[at] = strategicMerge(out[at], element, path);
    } else {
      out.push(strategicMerge({}, element, path));
    }
  }

  return out;
}

export function strategicMerge(target: Json, patch: Json, path = ''): Json {
  if (!isObject(patch)) {
    return structuredClone(patch);
  }
  if (patch.$patch === 'delete') {
    return undefined;
  }
  const replace = patch.$patch === 'replace';
  const out: JsonObject = isObject(target) && !replace ? { ...target } : {};
  const at = (key: string) => (path ? `${ path }.${ key }` : key);

  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith(SET_ORDER) || key.startsWith(DELETE_FROM)) {
      continue;
    }
    if (value === null) {
      delete out[key];
    } else if (Array.isArray(value)) {
      out[key] = mergeList(out[key], value, at(key));
    } else if (isObject(value)) {
      const merged = strategicMerge(out[key], value, at(key));

      if (merged === undefined) {
        delete out[key];
      } else {
        out[key] = merged;
      }
    } else {
      out[key] = value;
    }
  }
  for (const [directive, value] of Object.entries(patch)) {
    if (directive.startsWith(DELETE_FROM) && Array.isArray(value)) {
      const field = directive.slice(DELETE_FROM.length);

      if (Array.isArray(out[field])) {
        out[field] = (out[field] as Json[]).filter((v) => !value.some((d) => JSON.stringify(d) === JSON.stringify(v)));
      }
    } else if (directive.startsWith(SET_ORDER) && Array.isArray(value)) {
      const field = directive.slice(SET_ORDER.length);

      if (Array.isArray(out[field])) {
        out[field] = orderBy(out[field] as Json[], value, MERGE_KEYS[at(field)]);
      }
    }
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[]);

    for (const key of Object.keys(out)) {
      if (!keep.has(key)) {
        delete out[key];
      }
    }
  }

  return out;
}
