import { AccessSet } from '../rbac/access-set';
import { Authorizer } from '../rbac/authorizer';
import { isBlocked } from './disallow';
import { TypeDef, TYPE_DEFS, TYPES } from './type-catalog';

/** Types a logged-out client may read (the login page needs settings and the auth endpoints). */
export const PUBLIC_TYPES = new Set<string>([TYPES.SETTING]);

/** Types every logged-in user gets regardless of RBAC (Steve serves them itself). */
const ALWAYS_FOR_USERS = new Set<string>([TYPES.COUNT, TYPES.USER_PREFERENCE, TYPES.SCHEMA, TYPES.SELF_USER, TYPES.SETTING]);

/**
 * rancher `pkg/api/steve/clusters/clusters.go` (release/v2.10–v2.12): a schema template gives every
 * user collection GET on these, "even if they have no list or get privileges" (the list may be empty).
 */
export const LISTABLE_BY_EVERYONE = new Set<string>([TYPES.MGMT_CLUSTER, TYPES.PROJECT, TYPES.NAMESPACE]);

const COLLECTION_VERBS: Record<string, string> = { list: 'GET', create: 'POST' };
const RESOURCE_VERBS: Record<string, string> = {
  get: 'GET', delete: 'DELETE', update: 'PUT', patch: 'PATCH'
};

export function verbsForSchema(access: AccessSet, authorizer: Authorizer, def: TypeDef): string[] {
  if (!access.userId) {
    return PUBLIC_TYPES.has(def.id) ? ['get', 'list', 'watch'] : [];
  }
  const verbs = authorizer.typeVerbs(access, def.id);

  if (!verbs.length && ALWAYS_FOR_USERS.has(def.id)) {
    return def.supportedVerbs || ['get', 'list', 'watch'];
  }

  // Clusters get no special treatment: a user without a verb on them has no schema (404), a
  // Standard User (create only) a POST-only one (rancher/steve pkg/schema/factory.go
  // schemasForSubject, v0.4.8-v0.6.53; rancher/rancher pkg/data/management/role_data.go addUserRules).
  return verbs;
}

/** A method as the schema lists it: `blocked-<METHOD>` where Rancher disallows it on Steve (disallow.ts). */
function methodName(def: TypeDef, method: string, minor: number): string {
  return method !== 'GET' && isBlocked(def, method as 'POST', minor) ? `blocked-${ method }` : method;
}

/** A logged-in user may list these whatever their verbs (the clusters.go template). */
function listableByTemplate(def: TypeDef, loggedIn: boolean): boolean {
  return loggedIn && LISTABLE_BY_EVERYONE.has(def.id);
}

/**
 * Whether the user gets a schema for the type at all: some verb on it (steve `schemasForSubject`
 * drops a schema without verbs), or the template's GET. Without one, apiserver answers every
 * method 404 with no body.
 */
export function hasSchema(def: TypeDef, verbs: readonly string[], loggedIn: boolean): boolean {
  return verbs.length > 0 || listableByTemplate(def, loggedIn);
}

/** Whether the user's schema has collection GET: the list verb, or the template's. */
export function mayList(def: TypeDef, verbs: readonly string[], loggedIn: boolean): boolean {
  return verbs.includes('list') || listableByTemplate(def, loggedIn);
}

/** A Steve schema for this user, or undefined when the user may do nothing with the type. */
export function renderSchema(origin: string, def: TypeDef, verbs: string[], opts: { loggedIn?: boolean, minor?: number } = {}): Record<string, unknown> | undefined {
  const listableAnyway = listableByTemplate(def, !!opts.loggedIn);

  if (!hasSchema(def, verbs, !!opts.loggedIn)) {
    return undefined;
  }
  const minor = opts.minor ?? 12;
  const collectionMethods = Object.entries(COLLECTION_VERBS).filter(([v]) => verbs.includes(v)).map(([, m]) => methodName(def, m, minor));
  const resourceMethods = Object.entries(RESOURCE_VERBS).filter(([v]) => verbs.includes(v)).map(([, m]) => methodName(def, m, minor));

  if (listableAnyway && !collectionMethods.includes('GET')) {
    collectionMethods.unshift('GET');
  }
  const plural = def.group ? `${ def.group }.${ def.resource }` : def.resource;

  return {
    id:             def.id,
    type:           'schema',
    links:          { self: `${ origin }/v1/schemas/${ def.id }`, collection: `${ origin }/v1/${ plural }` },
    pluralName:     plural,
    resourceMethods,
    collectionMethods,
    resourceFields: null,
    attributes:     {
      group:      def.group,
      version:    def.version,
      kind:       def.kind,
      resource:   def.resource,
      namespaced: def.namespaced,
      verbs,
      columns:    def.columns || [],
    },
  };
}

export function schemasFor(origin: string, access: AccessSet, authorizer: Authorizer, minor = 12): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];

  for (const def of TYPE_DEFS) {
    const schema = renderSchema(origin, def, verbsForSchema(access, authorizer, def), { loggedIn: !!access.userId, minor });

    if (schema) {
      out.push(schema);
    }
  }

  return out;
}

/**
 * Shell 3.x asks for `schemaDefinitions/<id>` before it builds a create/edit form; a generic
 * object definition is enough for the forms our extension uses.
 */
export function schemaDefinition(def: TypeDef): Record<string, unknown> {
  const fields = {
    apiVersion: { type: 'string' },
    kind:       { type: 'string' },
    metadata:   { type: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
    spec:       { type: 'map[json]' },
    status:     { type: 'map[json]' },
  };

  return {
    id:             def.id,
    type:           'schemaDefinition',
    definitionType: def.id,
    definitions:    {
      [def.id]: {
        resourceFields: fields, type: def.id, description: def.kind
      },
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
        resourceFields: {
          name:        { type: 'string' },
          namespace:   { type: 'string' },
          labels:      { type: 'map[string]' },
          annotations: { type: 'map[string]' },
        },
        type: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      },
    },
  };
}
