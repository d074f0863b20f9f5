import { Request, Response, Router } from 'express';
import { ApiError, errors } from '../core/api-error';
import { metadataMapProblem } from '../core/labels';
import { labelProblem, subdomainProblem } from '../core/names';
import { requireJsonObject } from '../http/body';
import { requireUser } from '../http/context';
import { AccessSet } from '../rbac/access-set';
import type { SimState } from '../state';
import { clone, KubeObject, objectId } from '../store/kube-object';
import { HookRegistry } from '../steve/hooks';
import { ListCache, listKey } from '../steve/list-cache';
import { answerList } from '../steve/list-answer';
import { PUBLIC_SETTINGS } from '../steve/public-settings';
import { renderCollection, renderResource } from '../steve/render';
import { excludedPaths, withoutExcluded } from '../steve/excluded-fields';
import { blockedError, isBlocked, type HttpMethod } from '../steve/disallow';
import {
  hasSchema, mayList, schemaDefinition, schemasFor, verbsForSchema,
} from '../steve/schemas';
import {
  resolveUrlType, TypeDef, TYPE_DEFS, TYPES, typeDef
} from '../steve/type-catalog';

/** Types whose names Rancher restricts to an RFC 1123 label (cluster names become namespaces). */
const LABEL_NAMED = new Set<string>([TYPES.PROV_CLUSTER, TYPES.MGMT_CLUSTER, TYPES.NAMESPACE, TYPES.PROJECT]);

function forbidden(def: TypeDef, verb: string, userId: string | null, namespace?: string): ApiError {
  const where = namespace ? ` in the namespace "${ namespace }"` : '';

  return errors.forbidden(`${ def.resource }${ def.group ? `.${ def.group }` : '' } is forbidden: User "${ userId }" cannot ${ verb } resource "${ def.resource }" in API group "${ def.group }"${ where }`);
}

function resolveType(segment: string): TypeDef {
  const def = resolveUrlType(segment);

  if (!def || def.virtual) {
    throw errors.notFound(`schema ${ segment } not found`);
  }

  return def;
}

/** Objects of a type this caller may see (anonymous callers see public settings only). */
export function visibleObjects(state: SimState, access: AccessSet, type: string): readonly KubeObject[] {
  const all = state.store.list(type);

  if (!access.userId) {
    return type === TYPES.SETTING ? all.filter((s) => PUBLIC_SETTINGS.has(s.metadata.name)) : [];
  }
  if (type === TYPES.SETTING) {
    return all;
  }

  return state.authorizer.visible(access, type, all);
}

function requireObjectBody(body: unknown): KubeObject {
  const obj = requireJsonObject(body) as KubeObject;

  if (obj.metadata !== undefined && (typeof obj.metadata !== 'object' || obj.metadata === null || Array.isArray(obj.metadata))) {
    throw errors.invalidBody('metadata must be an object');
  }

  return obj;
}

function validateMeta(def: TypeDef, obj: KubeObject): void {
  const {
    name, namespace, labels, annotations
  } = obj.metadata;

  if (typeof name !== 'string' || !name) {
    throw errors.invalid(`${ def.kind }.${ def.group || 'core' } is invalid: metadata.name: Required value: name or generateName is required`);
  }
  const problem = LABEL_NAMED.has(def.id) ? labelProblem(name) : subdomainProblem(name);

  if (problem) {
    throw errors.invalid(`${ def.kind }.${ def.group || 'core' } "${ name }" is invalid: metadata.name: Invalid value: "${ name }": ${ problem }`);
  }
  if (def.namespaced && !namespace) {
    throw errors.invalid(`${ def.kind } "${ name }" is invalid: metadata.namespace: Required value`);
  }
  if (!def.namespaced && namespace) {
    delete obj.metadata.namespace;
  }
  for (const [field, map] of [['labels', labels], ['annotations', annotations]] as const) {
    if (map === undefined || map === null) {
      continue;
    }
    if (typeof map !== 'object' || Array.isArray(map) || Object.values(map).some((v) => typeof v !== 'string')) {
      throw errors.invalid(`${ def.kind } "${ name }" is invalid: metadata.${ field }: must be a map of strings`);
    }
    const problem = metadataMapProblem(field, map as Record<string, string>);

    if (problem) {
      throw errors.invalid(`${ def.kind }.${ def.group || 'core' } "${ name }" is invalid: ${ problem }`);
    }
  }
}

/**
 * What GET may do with a type for this user, from the verbs their schema is built from:
 * steve pkg/schema/factory.go schemasForSubject drops a schema without verbs and puts GET in
 * resourceMethods only for get/list; apiserver's ValidateMethod lets a collection GET through
 * when the schema has POST (steve v0.4.8, v0.5.15, v0.6.53; apiserver v0.4.2-v0.6.6).
 */
function schemaReadability(def: TypeDef, verbs: readonly string[]): 'no-schema' | 'create-only' | 'readable' {
  if (!hasSchema(def, verbs, true)) {
    return 'no-schema';
  }

  // A schema from the template alone (listable by everyone) has no resource GET either.
  return verbs.includes('get') || verbs.includes('list') ? 'readable' : 'create-only';
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
    return patch;
  }
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};

  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete out[k];
    } else {
      out[k] = mergePatch(out[k], v);
    }
  }

  return out;
}

export interface SteveDeps {
  state: SimState;
  hooks: HookRegistry;
}

/**
 * Steve's `/v1` API: schemas, counts, user preferences, self-user, and generic CRUD with
 * server-side pagination/sort/filter for every type of the catalog. Every object goes
 * through the authorizer; links reflect the caller's verbs.
 */
export function steveRoutes({ state, hooks }: SteveDeps): Router {
  const router = Router();
  const { store, authorizer } = state;

  const listCache = new ListCache();

  /** What apiserver refuses before RBAC: a type without a schema for this user (404, no body), a disallowed method (403). */
  const refuseWrite = (access: AccessSet, def: TypeDef, method: HttpMethod): void => {
    if (!hasSchema(def, verbsForSchema(access, authorizer, def), true)) {
      throw errors.noSchema();
    }
    if (isBlocked(def, method, state.rancherMinor)) {
      throw blockedError(def, method);
    }
  };
  const excludedOf = (req: Request) => excludedPaths(new URLSearchParams(req.originalUrl.split('?')[1] || ''));
  // a list passes the request's `exclude=` paths, read once for all its objects
  const render = (req: Request, type: string, obj: KubeObject, excluded = excludedOf(req)) => withoutExcluded(renderResource(req.ctx.origin, type, obj, req.ctx.access, authorizer), excluded);

  router.get('/v1/schemas', (req, res) => {
    const data = schemasFor(req.ctx.origin, req.ctx.access, authorizer, state.rancherMinor);

    res.json(renderCollection(req.ctx.origin, 'schema', `${ req.ctx.origin }/v1/schemas`, store.revision, data));
  });
  router.get('/v1/schemas/:id', (req, res) => {
    const schema = schemasFor(req.ctx.origin, req.ctx.access, authorizer, state.rancherMinor).find((s) => s.id === String(req.params.id).toLowerCase());

    if (!schema) {
      throw errors.notFound(`schema ${ req.params.id } not found`);
    }
    res.json(schema);
  });
  router.get('/v1/schemaDefinitions/:id', (req, res) => {
    const def = typeDef(String(req.params.id));

    if (!def || !verbsForSchema(req.ctx.access, authorizer, def).length) {
      throw errors.notFound(`schema definition ${ req.params.id } not found`);
    }
    res.json(schemaDefinition(def));
  });

  router.get(['/v1/counts', '/v1/counts/count'], (req, res) => {
    requireUser(req);
    const count = countsFor(state, req.ctx.access, req.ctx.origin);

    res.json(req.path.endsWith('/count') ? count : renderCollection(req.ctx.origin, TYPES.COUNT, `${ req.ctx.origin }/v1/counts`, store.revision, [count]));
  });

  router.get(['/v1/userpreferences', '/v1/userpreferences/:id'], (req, res) => {
    const { user } = requireUser(req);
    const pref = renderPreference(req.ctx.origin, user.metadata.name, state.preferences.get(user.metadata.name) || {});

    res.json(req.params.id ? pref : renderCollection(req.ctx.origin, TYPES.USER_PREFERENCE, `${ req.ctx.origin }/v1/userpreferences`, store.revision, [pref]));
  });
  router.put('/v1/userpreferences/:id', (req, res) => {
    const { user } = requireUser(req);
    const data = req.body?.data;

    if (!data || typeof data !== 'object' || Array.isArray(data) || Object.values(data).some((v) => typeof v !== 'string')) {
      throw errors.invalidBody('data must be a map of strings');
    }
    state.setPreferences(user.metadata.name, { ...data });
    res.json(renderPreference(req.ctx.origin, user.metadata.name, data));
  });

  router.post(['/v1/ext.cattle.io.selfuser', '/v1/ext.cattle.io.selfusers'], (req, res) => {
    const { user } = requireUser(req);

    res.status(201).json({
      apiVersion: 'ext.cattle.io/v1', kind: 'SelfUser', type: TYPES.SELF_USER, metadata: { creationTimestamp: null }, status: { userID: user.metadata.name },
    });
  });

  // Generic CRUD: /v1/<type>[/<namespace>][/<name>]
  router.get('/v1/:type{/:a}{/:b}', (req, res) => {
    const def = resolveType(String(req.params.type));
    const { a, b } = req.params as { a?: string, b?: string };

    if (!req.ctx.access.userId && def.id !== TYPES.SETTING) {
      throw errors.unauthorized();
    }
    const readable = schemaReadability(def, verbsForSchema(req.ctx.access, authorizer, def));

    if (readable === 'no-schema') {
      // rancher/apiserver pkg/server/server.go handleOp: no schema for this user → 404, no body
      // (v0.4.2, v0.5.2, v0.6.6 = Rancher 2.10, 2.11, 2.12).
      res.status(404).end();

      return;
    }
    if (b || (a && !def.namespaced)) {
      if (readable === 'create-only') {
        // rancher/apiserver pkg/parse/validate.go ValidateMethod: GET by id needs GET in the
        // schema's resourceMethods (steve pkg/schema/factory.go adds it only for get/list).
        throw new ApiError(403, 'PermissionDenied', 'Method GET not supported');
      }
      const id = b ? `${ a }/${ b }` : String(a);
      const obj = store.get(def.id, id);
      const visible = obj && (def.id === TYPES.SETTING ? visibleObjects(state, req.ctx.access, def.id).includes(obj) : authorizer.canSee(req.ctx.access, def.id, obj));

      if (!obj || !visible) {
        throw errors.notFound(`${ def.resource }${ def.group ? `.${ def.group }` : '' } "${ b || a }" not found`);
      }
      res.json(render(req, def.id, obj));

      return;
    }
    const params = new URLSearchParams(req.originalUrl.split('?')[1] || '');
    const visible = () => {
      const objects = visibleObjects(state, req.ctx.access, def.id);

      return a ? objects.filter((o) => o.metadata.namespace === a) : objects;
    };
    const answer = answerList(state.profile, def.id, params, store.revision, visible,
      (compute) => listCache.get(listKey(req.ctx.access.userId, def.id, a, params), store.revision, compute));
    const selfUrl = `${ req.ctx.origin }${ req.originalUrl }`;
    const excluded = excludedPaths(params);

    res.json(renderCollection(req.ctx.origin, def.id, selfUrl, answer.revision, answer.items.map((o) => render(req, def.id, o, excluded)), {
      count: answer.count, pages: answer.pages, continue: answer.continueToken,
    }));
  });

  router.post('/v1/:type{/:namespace}', (req, res) => {
    const { access } = requireUser(req);
    const def = resolveType(String(req.params.type));

    refuseWrite(access, def, 'POST');
    const draft = clone(requireObjectBody(req.body));

    draft.metadata = { ...(draft.metadata || {}) } as KubeObject['metadata'];
    if (req.params.namespace) {
      if (draft.metadata.namespace && draft.metadata.namespace !== req.params.namespace) {
        throw errors.badRequest(`the namespace of the object (${ draft.metadata.namespace }) does not match the namespace on the request (${ req.params.namespace })`);
      }
      draft.metadata.namespace = String(req.params.namespace);
    }
    delete draft.id;
    delete draft.type;
    delete draft.links;
    delete draft.metadata.state;
    delete draft.metadata.resourceVersion;
    delete draft.metadata.uid;
    delete draft.metadata.creationTimestamp;
    delete draft.metadata.deletionTimestamp;
    delete draft.status;
    if (!draft.metadata.name && typeof draft.metadata.generateName === 'string' && draft.metadata.generateName) {
      draft.metadata.name = `${ draft.metadata.generateName }${ Math.random().toString(36).slice(2, 7) }`;
    }
    // Authorization before validation, as the Kubernetes API server does: no 422 hints for a caller who may not create.
    if (!authorizer.can(access, 'create', def.id, draft)) {
      throw forbidden(def, 'create', access.userId, draft.metadata.namespace);
    }
    validateMeta(def, draft);
    if (def.namespaced && draft.metadata.namespace && !store.has(TYPES.NAMESPACE, draft.metadata.namespace)) {
      throw errors.notFound(`namespaces "${ draft.metadata.namespace }" not found`);
    }
    if (store.has(def.id, objectId(draft))) {
      throw errors.alreadyExists(`${ def.resource }${ def.group ? `.${ def.group }` : '' } "${ draft.metadata.name }" already exists`);
    }
    hooks.for(def.id).beforeCreate?.(draft, req.ctx);
    const created = store.create(def.id, draft);

    res.status(201).json(render(req, def.id, created));
  });

  const METHODS: Record<string, 'PUT' | 'PATCH' | 'DELETE'> = {
    update: 'PUT', patch: 'PATCH', delete: 'DELETE'
  };
  const loadForWrite = (req: Request, verb: string): { def: TypeDef, existing: KubeObject } => {
    const { access } = requireUser(req);
    const def = resolveType(String(req.params.type));

    refuseWrite(access, def, METHODS[verb]);
    const { a, b } = req.params as { a: string, b?: string };
    const id = b ? `${ a }/${ b }` : a;
    const existing = store.get(def.id, id);

    if (!existing || !authorizer.canSee(access, def.id, existing)) {
      throw errors.notFound(`${ def.resource }${ def.group ? `.${ def.group }` : '' } "${ b || a }" not found`);
    }
    if (!authorizer.can(access, verb, def.id, existing)) {
      throw forbidden(def, verb, access.userId, existing.metadata.namespace);
    }

    return { def, existing };
  };

  const update = (req: Request, res: Response, draft: KubeObject, def: TypeDef, existing: KubeObject) => {
    draft.metadata = { ...(draft.metadata || {}) } as KubeObject['metadata'];
    if ((draft.metadata.name && draft.metadata.name !== existing.metadata.name) || (def.namespaced && draft.metadata.namespace && draft.metadata.namespace !== existing.metadata.namespace)) {
      throw errors.badRequest('the name and namespace of the object cannot be changed');
    }
    const expected = draft.metadata.resourceVersion;

    draft.metadata.name = existing.metadata.name;
    draft.metadata.namespace = existing.metadata.namespace;
    draft.metadata.state = existing.metadata.state;
    draft.metadata.relationships = existing.metadata.relationships;
    draft.status = existing.status;
    delete draft.id;
    delete draft.type;
    delete draft.links;
    validateMeta(def, draft);
    hooks.for(def.id).beforeUpdate?.(draft, existing, req.ctx);
    const saved = store.replace(def.id, draft, typeof expected === 'string' && expected ? expected : undefined);

    res.json(render(req, def.id, saved));
  };

  router.put('/v1/:type/:a{/:b}', (req, res) => {
    const { def, existing } = loadForWrite(req, 'update');

    update(req, res, clone(requireObjectBody(req.body)), def, existing);
  });

  router.patch('/v1/:type/:a{/:b}', (req, res) => {
    const { def, existing } = loadForWrite(req, 'patch');
    const patch = requireObjectBody(req.body);

    update(req, res, mergePatch(clone(existing), patch) as KubeObject, def, existing); // an object patch on an object gives an object
  });

  router.delete('/v1/:type/:a{/:b}', (req, res) => {
    const { def, existing } = loadForWrite(req, 'delete');
    const hook = hooks.for(def.id).delete;
    const after = hook ? hook(existing, req.ctx) : (store.remove(def.id, objectId(existing)), undefined);

    res.status(200).json(render(req, def.id, after || existing));
  });

  return router;
}

function renderPreference(origin: string, userId: string, data: Record<string, unknown>) {
  return {
    id: userId, type: TYPES.USER_PREFERENCE, links: { self: `${ origin }/v1/userpreferences/${ userId }`, update: `${ origin }/v1/userpreferences/${ userId }` }, data,
  };
}

/** Steve's `count` resource for this user: per type, how many objects they can see. */
export function countsFor(state: SimState, access: AccessSet, origin: string): Record<string, unknown> {
  const counts: Record<string, unknown> = {};

  for (const def of TYPE_DEFS) {
    if (def.virtual) {
      continue;
    }
    const objects = visibleObjects(state, access, def.id);

    // A type the user may list counts, even if nothing is there.
    if (!objects.length && !mayList(def, verbsForSchema(access, state.authorizer, def), !!access.userId)) {
      continue;
    }
    const namespaces: Record<string, { count: number }> = {};

    if (def.namespaced) {
      for (const o of objects) {
        const ns = o.metadata.namespace || '';

        namespaces[ns] = { count: (namespaces[ns]?.count || 0) + 1 };
      }
    }
    counts[def.id] = { summary: { count: objects.length }, namespaces };
  }

  return {
    id: 'count', type: TYPES.COUNT, links: { self: `${ origin }/v1/counts/count` }, counts
  };
}
