import { Request, Router } from 'express';
import { ApiError, errors } from '../core/api-error';
import { metadataMapProblem } from '../core/labels';
import { randomSuffix } from '../core/ids';
import { ClusterLifecycle } from '../controllers/cluster-lifecycle';
import { requireJsonObject } from '../http/body';
import { requireUser } from '../http/context';
import type { SimState } from '../state';
import { KubeObject, objectId } from '../store/kube-object';
import { HookRegistry } from '../steve/hooks';
import { supportedVerbs, TypeDef, TYPES, typeDef } from '../steve/type-catalog';
import { visibleObjects } from '../routes/steve';
import { cloudCredentialSchemas } from './cloud-credential-model';
import { PROVISIONING_OWNER_GVK, tokenCommands } from './token-commands';
import {
  normanCollection, normanType, NormanTypeDef, NORMAN_TYPES, principalFor, renderNorman, steveIdFromNorman
} from './render';

/** labels / annotations of a body: a map of strings Kubernetes accepts (Rancher stores them on an object). */
function stringMap(value: unknown, field: 'labels' | 'annotations'): Record<string, string> | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw errors.invalidFormat(field, `${ field } must be a map of strings`);
  }
  const problem = metadataMapProblem(field, value as Record<string, string>);

  if (problem) {
    throw errors.invalidFormat(field, problem);
  }

  return value as Record<string, string>;
}

const requireBody = (req: Request) => requireJsonObject(req.body);

/** `httperror.NewFieldAPIError(httperror.MissingRequired, "Cluster name", "")`: rancher/rancher pkg/api/norman/store/cluster/cluster_store.go Create/Update (release/v2.10-v2.12). */
const clusterNameRequired = () => new ApiError(422, 'MissingRequired', '', { fieldName: 'Cluster name' });

/**
 * The characters a Norman cluster `name` (the display name) may have, on POST and on PUT alike.
 * Rancher refuses more: the cluster schema makes `name` a `dnsLabel` (rancher/rancher
 * pkg/schemas/management.cattle.io/v3/schema.go `clusterTypes`, `MustCustomizeField("name")`,
 * release/v2.10-v2.12), which norman's builder checks with IsDNS1123Label on Create and Update
 * alike (parse/builder/builder.go `ConvertSimple`, v0.4.2, v0.5.2, v0.6.1): 422 InvalidFormat,
 * fieldName "name". The simulator keeps a looser rule, every refusal of which Rancher also makes:
 * no control character (C0, DEL, C1) and at most 253 characters (see sim/FIDELITY.md).
 */
function normanClusterNameProblem(name: unknown): ApiError | undefined {
  if (typeof name !== 'string' || name.length > 253 || /[\u0000-\u001f\u007f-\u009f]/.test(name)) { // eslint-disable-line no-control-regex
    return errors.invalidFormat('name', 'name must be a string of at most 253 printable characters');
  }

  return undefined;
}

/** Rancher's Norman (`/v3`) API: the parts the shell and the import flow use. */
export function normanRoutes(state: SimState, lifecycle: ClusterLifecycle, hooks: HookRegistry): Router {
  const router = Router();
  const { store, authorizer } = state;

  const renderTokenExtras = (token: KubeObject) => {
    const clusterId = token.metadata.namespace as string;
    const secret = token.status?.token as string;
    const manifestUrl = `${ state.serverUrl }/v3/import/${ secret }_${ clusterId }.yaml`;

    const mgmt = store.get(TYPES.MGMT_CLUSTER, clusterId);

    return {
      clusterId,
      token: secret,
      manifestUrl,
      ...tokenCommands({
        serverUrl:                  state.serverUrl,
        manifestUrl,
        token:                      secret,
        minor:                      state.rancherMinor,
        rancherVersion:             state.config.rancherVersion,
        ownedByProvisioningCluster: mgmt?.metadata.annotations?.['objectset.rio.cattle.io/owner-gvk'] === PROVISIONING_OWNER_GVK,
      }),
    };
  };

  const render = (req: Request, def: NormanTypeDef, obj: KubeObject) => {
    const extra: Record<string, unknown> = {};

    if (def.steveType === TYPES.REGISTRATION_TOKEN) {
      Object.assign(extra, renderTokenExtras(obj));
    } else if (def.steveType === TYPES.MGMT_CLUSTER) {
      Object.assign(extra, {
        name:        obj.spec?.displayName || obj.metadata.name,
        description: obj.spec?.description || '',
        links:       {
          ...(renderNorman(req.ctx.origin, def, obj, req.ctx.access, authorizer).links as object),
          clusterRegistrationTokens: `${ req.ctx.origin }/v3/clusterregistrationtokens?clusterId=${ obj.metadata.name }`,
        },
      });
    } else if (def.steveType === TYPES.PROJECT) {
      extra.clusterId = obj.metadata.namespace;
    } else if (def.steveType === TYPES.CRTB) {
      Object.assign(extra, {
        clusterId: obj.clusterName, userId: obj.userName, roleTemplateId: obj.roleTemplateName, userPrincipalId: obj.userPrincipalName
      });
    } else if (def.steveType === TYPES.PRTB) {
      Object.assign(extra, {
        projectId: obj.projectName, userId: obj.userName, roleTemplateId: obj.roleTemplateName, userPrincipalId: obj.userPrincipalName
      });
    } else if (def.steveType === TYPES.USER) {
      extra.principalIds = [`local://${ obj.metadata.name }`];
      extra.me = obj.metadata.name === req.ctx.access.userId;
    }

    return renderNorman(req.ctx.origin, def, obj, req.ctx.access, authorizer, extra);
  };

  router.get(['/v3', '/v3/'], (req, res) => {
    const links = Object.fromEntries(NORMAN_TYPES.map((t) => [t.plural, `${ req.ctx.origin }/v3/${ t.plural }`]));

    res.json({
      type:  'apiRoot',
      links: {
        ...links, cloudCredentials: `${ req.ctx.origin }/v3/cloudCredentials`, self: `${ req.ctx.origin }/v3`, schemas: `${ req.ctx.origin }/v3/schemas`
      }
    });
  });

  router.get(['/v3/schemas', '/v3/schemas/:id'], (req, res) => {
    const schemas: Array<Record<string, unknown> & { id: string }> = [];

    requireUser(req);
    // Norman's schemas are the same for every logged-in user: Rancher's userCachedAccess embeds
    // authorization.AllAccess, whose CanList/CanCreate/CanUpdate/CanDelete look only at the
    // schema's own methods (rancher/rancher pkg/rbac/user_based.go, release/v2.10-v2.12; rancher/norman
    // authorization/all.go, store/schema/schema_store.go, v0.4.2-v0.6.1). RBAC decides per request.
    for (const def of NORMAN_TYPES) {
      const verbs = supportedVerbs(typeDef(def.steveType) as TypeDef);

      schemas.push({
        id:                def.id,
        type:              'schema',
        pluralName:        def.plural,
        links:             { self: `${ req.ctx.origin }/v3/schemas/${ def.id.toLowerCase() }`, collection: `${ req.ctx.origin }/v3/${ def.plural }` },
        collectionMethods: ['GET', ...(verbs.includes('create') ? ['POST'] : [])],
        resourceMethods:   ['GET', ...(verbs.includes('update') ? ['PUT'] : []), ...(verbs.includes('delete') ? ['DELETE'] : [])],
        resourceFields:    {},
      });
    }
    for (const id of ['principal', 'token', 'preference']) {
      schemas.push({
        id, type: 'schema', pluralName: `${ id }s`, links: { self: `${ req.ctx.origin }/v3/schemas/${ id }`, collection: `${ req.ctx.origin }/v3/${ id }s` }, collectionMethods: ['GET', 'POST'], resourceMethods: ['GET', 'DELETE'], resourceFields: {},
      });
    }
    // Served by sim/norman/cloud-credentials.ts.
    schemas.push(...cloudCredentialSchemas(req.ctx.origin));
    if (req.params.id) {
      const one = schemas.find((s) => s.id.toLowerCase() === String(req.params.id).toLowerCase());

      if (!one) {
        throw errors.notFound(`schema ${ req.params.id } not found`);
      }
      res.json(one);

      return;
    }
    res.json(normanCollection(req.ctx.origin, 'schema', '/v3/schemas', store.revision, schemas));
  });

  router.get('/v3/principals', (req, res) => {
    const { user } = requireUser(req);

    res.json(normanCollection(req.ctx.origin, 'principal', '/v3/principals', store.revision, [principalFor(req.ctx.origin, user, true)]));
  });
  router.get('/v3/principals/:id', (req, res) => {
    const { user } = requireUser(req);
    const id = decodeURIComponent(String(req.params.id));
    const target = store.list(TYPES.USER).find((u) => `local://${ u.metadata.name }` === id);

    if (!target) {
      throw errors.notFound(`principal ${ id } not found`);
    }
    res.json(principalFor(req.ctx.origin, target, target.metadata.name === user.metadata.name));
  });
  router.post('/v3/principals', (req, res) => {
    const { user } = requireUser(req);

    if (req.query.action !== 'search') {
      throw errors.methodNotAllowed('only ?action=search is supported');
    }
    const needle = String(requireBody(req).name || '').toLowerCase();
    const found = store.list(TYPES.USER)
      .filter((u) => !needle || String(u.username).toLowerCase().includes(needle) || String(u.displayName || '').toLowerCase().includes(needle))
      .map((u) => principalFor(req.ctx.origin, u, u.metadata.name === user.metadata.name));

    res.json(normanCollection(req.ctx.origin, 'principal', '/v3/principals', store.revision, found));
  });

  router.get('/v3/tokens', (req, res) => {
    const { user } = requireUser(req);
    const tokens = state.sessions.list().filter((t) => t.userId === user.metadata.name).map((t) => ({
      id:          t.name,
      type:        'token',
      name:        t.name,
      description: t.description,
      userId:      t.userId,
      created:     t.created,
      current:     t.name === req.ctx.token?.name,
      isDerived:   !t.isSession,
      links:       { self: `${ req.ctx.origin }/v3/tokens/${ t.name }`, remove: `${ req.ctx.origin }/v3/tokens/${ t.name }` },
    }));

    res.json(normanCollection(req.ctx.origin, 'token', '/v3/tokens', store.revision, tokens));
  });
  router.delete('/v3/tokens/:name', (req, res) => {
    const { user } = requireUser(req);
    const token = state.sessions.list().find((t) => t.name === req.params.name && t.userId === user.metadata.name);

    if (!token) {
      throw errors.notFound(`token ${ req.params.name } not found`);
    }
    state.sessions.revoke(token.name);
    res.status(204).end();
  });

  router.post('/v3/clusters', (req, res) => {
    const { access, user } = requireUser(req);

    if (!authorizer.can(access, 'create', TYPES.MGMT_CLUSTER, { metadata: { name: '' } })) {
      throw errors.forbidden(`clusters.management.cattle.io is forbidden: User "${ user.metadata.name }" cannot create resource "clusters" in API group "management.cattle.io"`);
    }
    const body = requireBody(req);
    const name = body.name;

    if (name === undefined || name === null || name === '') {
      throw clusterNameRequired();
    }
    const nameProblem = normanClusterNameProblem(name);

    if (nameProblem) {
      throw nameProblem;
    }
    if (body.description !== undefined && typeof body.description !== 'string') {
      throw errors.invalidFormat('description', 'description must be a string');
    }
    const labels = stringMap(body.labels, 'labels');
    const annotations = stringMap(body.annotations, 'annotations');

    lifecycle.assertUniqueDisplayName(name, visibleObjects(state, access, TYPES.MGMT_CLUSTER));
    const created = lifecycle.createFromNorman({
      name, description: body.description, labels, annotations
    }, user.metadata.name);

    res.status(201).json(render(req, NORMAN_TYPES[0], created));
  });

  router.put('/v3/clusters/:id', (req, res) => {
    const { access } = requireUser(req);
    const body = requireBody(req);
    const existing = store.get(TYPES.MGMT_CLUSTER, String(req.params.id));

    if (!existing || !authorizer.canSee(access, TYPES.MGMT_CLUSTER, existing)) {
      throw errors.notFound(`cluster ${ req.params.id } not found`);
    }
    if (!authorizer.can(access, 'update', TYPES.MGMT_CLUSTER, existing)) {
      throw errors.forbidden(`clusters.management.cattle.io "${ existing.metadata.name }" is forbidden: User "${ access.userId }" cannot update resource "clusters"`);
    }
    // Nobody refuses this PUT for an imported cluster made through Steve (not Norman's cluster
    // store or validator, not the webhook's cluster validator): rancher/rancher
    // pkg/api/norman/store/cluster/cluster_store.go Update, pkg/api/norman/customization/cluster/validator.go
    // (release/v2.10-v2.12); rancher/webhook pkg/resources/management.cattle.io/v3/cluster/validator.go
    // (v0.6.12, v0.7.10, v0.8.9). On 2.10 the controller then overwrites it (syncImportedFromProvisioning).
    const labels = stringMap(body.labels, 'labels');
    const annotations = stringMap(body.annotations, 'annotations');

    if (body.description !== undefined && typeof body.description !== 'string') {
      throw errors.invalidFormat('description', 'description must be a string');
    }
    // Norman's Update needs the name and checks its uniqueness only when it changes other than in
    // case: cluster_store.go Update, strings.EqualFold (release/v2.10-v2.12). Its characters are
    // checked as on create, before the store (the schema's `dnsLabel`, above
    // normanClusterNameProblem), whether or not the name changes.
    if (body.name === undefined || body.name === null || body.name === '') {
      throw clusterNameRequired();
    }
    const nameProblem = normanClusterNameProblem(body.name);

    if (nameProblem) {
      throw nameProblem;
    }
    if (body.name.toLowerCase() !== String(existing.spec?.displayName ?? '').toLowerCase()) {
      lifecycle.assertUniqueDisplayName(body.name, visibleObjects(state, access, TYPES.MGMT_CLUSTER));
    }
    const saved = store.patch(TYPES.MGMT_CLUSTER, existing.metadata.name, (m) => {
      m.spec.displayName = body.name ?? m.spec.displayName;
      m.spec.description = body.description ?? m.spec.description;
      // Labels Rancher's controllers own survive a client edit.
      m.metadata.labels = labels ? { ...labels, ...(m.status?.provider === 'harvester' ? { 'provider.cattle.io': 'harvester' } : {}) } : m.metadata.labels;
      m.metadata.annotations = annotations ? { ...m.metadata.annotations, ...annotations } : m.metadata.annotations;
    });

    lifecycle.syncImportedFromProvisioning(existing.metadata.name);
    res.json(render(req, NORMAN_TYPES[0], saved as KubeObject));
  });

  // The dashboard's project form saves through Norman (models/management.cattle.io.project.js).
  router.put('/v3/projects/:id', (req, res) => {
    const { access } = requireUser(req);
    const body = requireBody(req);
    const existing = store.get(TYPES.PROJECT, steveIdFromNorman(String(req.params.id)));

    if (!existing || !authorizer.canSee(access, TYPES.PROJECT, existing)) {
      throw errors.notFound(`project ${ req.params.id } not found`);
    }
    if (!authorizer.can(access, 'update', TYPES.PROJECT, existing)) {
      throw errors.forbidden(`projects.management.cattle.io "${ existing.metadata.name }" is forbidden: User "${ access.userId }" cannot update resource "projects" in the namespace "${ existing.metadata.namespace }"`);
    }
    if (body.name !== undefined && (typeof body.name !== 'string' || !body.name)) {
      throw errors.invalidFormat('name', 'name must be a non-empty string');
    }
    if (body.description !== undefined && body.description !== null && typeof body.description !== 'string') {
      throw errors.invalidFormat('description', 'description must be a string');
    }
    const labels = stringMap(body.labels, 'labels');
    const annotations = stringMap(body.annotations, 'annotations');
    const saved = store.patch(TYPES.PROJECT, objectId(existing), (p) => {
      p.spec.displayName = body.name ?? p.spec.displayName;
      p.spec.description = body.description ?? p.spec.description;
      for (const field of ['resourceQuota', 'namespaceDefaultResourceQuota', 'containerDefaultResourceLimit']) {
        if (body[field] !== undefined) {
          p.spec[field] = body[field];
        }
      }
      p.metadata.labels = labels ? { ...labels } : p.metadata.labels;
      p.metadata.annotations = annotations ? { ...p.metadata.annotations, ...annotations } : p.metadata.annotations;
    });

    res.json(render(req, normanType('projects') as NormanTypeDef, saved as KubeObject));
  });

  router.post('/v3/clusterregistrationtokens', (req, res) => {
    const { access } = requireUser(req);
    const body = requireBody(req);
    const clusterId = body.clusterId;

    if (typeof clusterId !== 'string' || !clusterId) {
      throw errors.missingRequired('clusterId');
    }
    const cluster = store.get(TYPES.MGMT_CLUSTER, clusterId);

    if (!cluster || !authorizer.canSee(access, TYPES.MGMT_CLUSTER, cluster)) {
      throw errors.notFound(`cluster ${ clusterId } not found`);
    }
    if (!authorizer.can(access, 'create', TYPES.REGISTRATION_TOKEN, { metadata: { name: 'default-token', namespace: clusterId } })) {
      throw errors.forbidden(`clusterregistrationtokens.management.cattle.io is forbidden: User "${ access.userId }" cannot create resource "clusterregistrationtokens" in the namespace "${ clusterId }"`);
    }
    const token = lifecycle.ensureRegistrationToken(clusterId);

    if (!token) {
      throw errors.unavailable('ServiceUnavailable', `the registration token for ${ clusterId } could not be created; try again later`);
    }
    res.status(201).json(render(req, normanType('clusterregistrationtokens') as NormanTypeDef, token));
  });

  const createBinding = (req: Request, kind: 'cluster' | 'project') => {
    const { access } = requireUser(req);
    const body = requireBody(req);
    const roleTemplateId = body.roleTemplateId;
    const principal = body.userPrincipalId || (body.userId ? `local://${ body.userId }` : undefined);

    if (typeof roleTemplateId !== 'string' || !store.has(TYPES.ROLE_TEMPLATE, roleTemplateId)) {
      throw errors.invalidFormat('roleTemplateId', `role template "${ String(roleTemplateId) }" not found`);
    }
    const userId = typeof principal === 'string' && principal.startsWith('local://') ? principal.slice('local://'.length) : undefined;

    if (!userId || !store.has(TYPES.USER, userId)) {
      throw errors.invalidFormat('userPrincipalId', `principal "${ String(principal) }" not found`);
    }
    let obj: KubeObject;

    if (kind === 'cluster') {
      if (typeof body.clusterId !== 'string' || !store.has(TYPES.MGMT_CLUSTER, body.clusterId)) {
        throw errors.invalidFormat('clusterId', `cluster "${ String(body.clusterId) }" not found`);
      }
      obj = {
        metadata: { name: `crtb-${ randomSuffix(5) }`, namespace: body.clusterId }, clusterName: body.clusterId, userName: userId, userPrincipalName: principal, roleTemplateName: roleTemplateId,
      };
    } else {
      const projectId = String(body.projectId || '');
      const [clusterId, project] = projectId.split(':');

      if (!project || !store.has(TYPES.PROJECT, `${ clusterId }/${ project }`)) {
        throw errors.invalidFormat('projectId', `project "${ projectId }" not found`);
      }
      obj = {
        metadata: { name: `prtb-${ randomSuffix(5) }`, namespace: project }, projectName: projectId, userName: userId, userPrincipalName: principal, roleTemplateName: roleTemplateId,
      };
    }
    const type = kind === 'cluster' ? TYPES.CRTB : TYPES.PRTB;

    if (!authorizer.can(access, 'create', type, obj)) {
      throw errors.forbidden(`${ typeDef(type)?.resource }.management.cattle.io is forbidden: User "${ access.userId }" cannot create resource "${ typeDef(type)?.resource }"`);
    }

    return { type, obj };
  };

  router.post(['/v3/clusterroletemplatebindings', '/v3/projectroletemplatebindings'], (req, res) => {
    const kind = req.path.includes('cluster') ? 'cluster' : 'project';
    const { type, obj } = createBinding(req, kind);

    hooks.for(type).beforeCreate?.(obj, req.ctx); // Rancher's admission webhook (sim/webhook/role-template-bindings.ts)
    const created = store.create(type, obj);

    res.status(201).json(render(req, normanType(kind === 'cluster' ? 'clusterroletemplatebindings' : 'projectroletemplatebindings') as NormanTypeDef, created));
  });

  // Generic reads and deletes for the mapped types.
  router.get('/v3/:plural{/:id}', (req, res) => {
    const { access } = requireUser(req);
    const def = normanType(String(req.params.plural));

    if (!def) {
      throw errors.notFound(`resource type ${ req.params.plural } not found`);
    }
    if (req.params.id) {
      const obj = store.get(def.steveType, steveIdFromNorman(String(req.params.id)));

      if (!obj || !visibleObjects(state, access, def.steveType).includes(obj)) {
        throw errors.notFound(`${ def.id } ${ req.params.id } not found`);
      }
      res.json(render(req, def, obj));

      return;
    }
    let objects = visibleObjects(state, access, def.steveType);
    const q = req.query as Record<string, string>;

    if (def.steveType === TYPES.USER && q.me === 'true') {
      objects = objects.filter((u) => u.metadata.name === access.userId);
    }
    if (typeof q.clusterId === 'string') {
      objects = objects.filter((o) => o.metadata.namespace === q.clusterId || o.clusterName === q.clusterId || o.spec?.clusterName === q.clusterId);
    }
    if (typeof q.projectId === 'string') {
      objects = objects.filter((o) => o.projectName === q.projectId);
    }
    if (typeof q.name === 'string') {
      objects = objects.filter((o) => (o.spec?.displayName ?? o.metadata.name) === q.name);
    }
    res.json(normanCollection(req.ctx.origin, def.id, req.originalUrl, store.revision, objects.map((o) => render(req, def, o))));
  });

  router.put('/v3/settings/:id', (req, res) => {
    const { access } = requireUser(req);
    const body = requireBody(req);
    const existing = store.get(TYPES.SETTING, String(req.params.id));

    if (!existing) {
      throw errors.notFound(`setting ${ req.params.id } not found`);
    }
    if (!authorizer.can(access, 'update', TYPES.SETTING, existing)) {
      throw errors.forbidden(`settings.management.cattle.io "${ existing.metadata.name }" is forbidden: User "${ access.userId }" cannot update resource "settings"`);
    }
    if (typeof body.value !== 'string') {
      throw errors.invalidFormat('value', 'value must be a string');
    }
    const saved = store.patch(TYPES.SETTING, existing.metadata.name, (s) => {
      s.value = body.value;
    });

    res.json(render(req, normanType('settings') as NormanTypeDef, saved as KubeObject));
  });

  router.delete('/v3/:plural/:id', (req, res) => {
    const { access } = requireUser(req);
    const def = normanType(String(req.params.plural));

    if (!def || ![TYPES.MGMT_CLUSTER, TYPES.CRTB, TYPES.PRTB].includes(def.steveType as never)) {
      throw errors.methodNotAllowed(`DELETE is not supported on ${ req.params.plural }`);
    }
    const id = steveIdFromNorman(String(req.params.id));
    const obj = store.get(def.steveType, id);

    if (!obj || !authorizer.canSee(access, def.steveType, obj)) {
      throw errors.notFound(`${ def.id } ${ req.params.id } not found`);
    }
    if (!authorizer.can(access, 'delete', def.steveType, obj)) {
      throw errors.forbidden(`${ def.plural }.management.cattle.io "${ obj.metadata.name }" is forbidden: User "${ access.userId }" cannot delete resource "${ def.plural }"`);
    }
    if (def.steveType === TYPES.MGMT_CLUSTER) {
      const after = hooks.for(TYPES.MGMT_CLUSTER).delete?.(obj, req.ctx) || obj;

      res.json(render(req, def, after));

      return;
    }
    store.remove(def.steveType, id);
    res.json(render(req, def, obj));
  });

  return router;
}
