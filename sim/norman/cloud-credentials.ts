import { Request, Router } from 'express';
import { ApiError, errors } from '../core/api-error';
import { randomSuffix } from '../core/ids';
import { deleteSecret, syncCloudCredential } from '../controllers/cloud-credentials';
import { requireJsonObject } from '../http/body';
import { requireUser } from '../http/context';
import type { SimState } from '../state';
import { CORE_TYPES } from '../store/core-types';
import { KubeObject, objectId } from '../store/kube-object';
import { TYPES } from '../steve/type-catalog';
import {
  CLOUD_CREDENTIAL, CREATOR_ANNOTATION, CredentialDraft, DESCRIPTION_ANNOTATION, encode, GLOBAL_DATA_NAMESPACE, HARVESTER_CONFIG,
  isCloudCredential, NAME_ANNOTATION, parseCredentialBody, renderCredential,
} from './cloud-credential-model';
import { checkHarvesterKubeconfig } from './cloud-credential-tokens';
import { normanCollection } from './render';

/**
 * Norman's `/v3/cloudcredentials`: rancher `pkg/api/norman/server/managementstored/setup.go`
 * wraps a proxy store of Secrets (norman `store/proxy/proxy_store.go`) in `cred.Wrap`
 * (`pkg/api/norman/customization/cred/store.go`) and namespacedresource.Wrap (every credential in
 * cattle-global-data), on release/v2.10, v2.11, v2.12 (norman v0.4.2, v0.5.2, v0.6.1).
 *
 * Who sees what follows the proxy store: the list is read with Rancher's own client and then
 * filtered by the caller's list/get on each Secret (FilterList, rancher `pkg/rbac/user_based.go`),
 * so it is always 200; get, create, update and delete are sent to Kubernetes as the caller
 * (doAuthed impersonates), so a refusal is Kubernetes' 403, relayed as it is (translateError).
 */
const forbidden = (userId: string | null, verb: string, namespace: string, name?: string) => errors.forbidden(
  `secrets${ name ? ` "${ name }"` : '' } is forbidden: User "${ userId }" cannot ${ verb } resource "secrets" in API group "" in the namespace "${ namespace }"`,
);

/** Filterable fields of the collection (its `filters`), matched for equality as Norman's `?field=value`. */
const FILTERS = ['created', 'creatorId', 'description', 'id', 'name', 'removed', 'uuid'];

function collection(origin: string, path: string, revision: number, data: Record<string, unknown>[]): Record<string, unknown> {
  const base = `${ origin }/v3/cloudcredentials`;

  return {
    ...normanCollection(origin, CLOUD_CREDENTIAL, path, revision, data),
    createTypes: { [CLOUD_CREDENTIAL]: base },
    sort:        {
      order: 'asc', reverse: `${ base }?order=desc`, links: Object.fromEntries(['description', 'name', 'uuid'].map((f) => [f, `${ base }?sort=${ f }`]))
    },
    filters: Object.fromEntries(FILTERS.map((f) => [f, null])),
  };
}

export function cloudCredentialRoutes(state: SimState): Router {
  const router = Router();
  const { store, authorizer } = state;
  const render = (req: Request, secret: KubeObject) => renderCredential(req.ctx.origin, secret);

  /** `ns:name`, as the proxy store's byID requires it (else 404 "failed to find resource by id"). */
  const splitId = (id: string) => {
    const parts = id.trim().split(':');

    if (parts.length !== 2 || !parts[0].trim() || !parts[1].trim()) {
      throw errors.notFound('failed to find resource by id');
    }

    return { namespace: parts[0], name: parts[1] };
  };

  /** An impersonated GET of the Secret: 403 before 404, as the Kubernetes API authorizes first. */
  const readAs = (req: Request, id: string, verb = 'get'): KubeObject => {
    const { access } = requireUser(req);
    const { namespace, name } = splitId(id);

    if (!authorizer.can(access, verb, CORE_TYPES.SECRET, { metadata: { namespace, name } })) {
      throw forbidden(access.userId, verb, namespace, name);
    }
    const secret = store.get(CORE_TYPES.SECRET, `${ namespace }/${ name }`);

    if (!secret) {
      throw errors.notFound(`secrets "${ name }" not found`);
    }

    return secret;
  };

  /** Create and Update alike: cred.Validator, then the kubeconfig's tokens (cloud-credential-tokens.ts). */
  const draftOf = (req: Request, op: 'create' | 'update'): CredentialDraft => {
    const draft = parseCredentialBody(requireJsonObject(req.body), op);

    checkHarvesterKubeconfig(state, draft.config);

    return draft;
  };

  const mappedAnnotations = (draft: CredentialDraft): Record<string, string> => ({
    ...(draft.annotations || {}),
    ...(draft.name !== undefined ? { [NAME_ANNOTATION]: draft.name } : {}),
    ...(draft.description !== undefined ? { [DESCRIPTION_ANNOTATION]: draft.description } : {}),
  });

  router.get('/v3/cloudcredentials', (req, res) => {
    const { access } = requireUser(req);
    const query = req.query as Record<string, unknown>;
    const items = store.list(CORE_TYPES.SECRET)
      .filter((s) => isCloudCredential(s) && (authorizer.can(access, 'list', CORE_TYPES.SECRET, s) || authorizer.can(access, 'get', CORE_TYPES.SECRET, s)))
      .map((s) => render(req, s))
      .filter((c) => FILTERS.every((f) => typeof query[f] !== 'string' || String(c[f] ?? '') === query[f]));

    res.json(collection(req.ctx.origin, req.originalUrl, store.revision, items));
  });

  router.get('/v3/cloudcredentials/:id', (req, res) => {
    const secret = readAs(req, String(req.params.id));

    // The Transformer of cred/store.go: a Secret without an `xConfig-` key is no credential.
    if (!isCloudCredential(secret)) {
      throw errors.notFound(`${ req.params.id } not found`);
    }
    res.json(render(req, secret));
  });

  router.post('/v3/cloudcredentials', (req, res) => {
    const { access, user } = requireUser(req);
    const draft = draftOf(req, 'create');

    // The client's namespaceId is dropped by the schema (Drop mapper): always cattle-global-data.
    if (!authorizer.can(access, 'create', CORE_TYPES.SECRET, { metadata: { namespace: GLOBAL_DATA_NAMESPACE, name: '' } })) {
      throw forbidden(access.userId, 'create', GLOBAL_DATA_NAMESPACE);
    }
    // Norman's proxy store Create: creator annotation and label over whatever the body set, and
    // generateName from the schema id (norman types/id.go GenerateTypePrefix("cloudCredential") = "cc-").
    const created = store.create(CORE_TYPES.SECRET, {
      apiVersion: 'v1',
      kind:       'Secret',
      metadata:   {
        name:         `cc-${ randomSuffix(5) }`,
        generateName: 'cc-',
        namespace:    GLOBAL_DATA_NAMESPACE,
        labels:       { ...(draft.labels || {}), 'cattle.io/creator': 'norman' },
        annotations:  { ...mappedAnnotations(draft), [CREATOR_ANNOTATION]: user.metadata.name },
      },
      type: 'Opaque',
      data: Object.fromEntries(Object.entries(draft.config || {}).map(([k, v]) => [`${ HARVESTER_CONFIG }-${ k }`, encode(v)])),
    });

    res.status(201).json(render(req, syncCloudCredential(state, created)));
  });

  router.put('/v3/cloudcredentials/:id', (req, res) => {
    const { access } = requireUser(req);
    const draft = draftOf(req, 'update');
    const existing = readAs(req, String(req.params.id));
    const { namespace, name } = existing.metadata;

    if (!authorizer.can(access, 'update', CORE_TYPES.SECRET, existing)) {
      throw forbidden(access.userId, 'update', namespace as string, name);
    }
    if (!isCloudCredential(existing)) {
      throw errors.notFound(`${ req.params.id } not found`);
    }
    // Norman merges the body into the stored object (merge.APIUpdateMerge) and sends the config as
    // stringData, which Kubernetes merges into data: fields not sent, kubeconfigContent too, stay.
    const saved = store.patch(CORE_TYPES.SECRET, objectId(existing), (s) => {
      s.metadata.labels = { ...(s.metadata.labels || {}), ...(draft.labels || {}) };
      s.metadata.annotations = { ...(s.metadata.annotations || {}), ...mappedAnnotations(draft) };
      for (const [k, v] of Object.entries(draft.config || {})) {
        s.data = { ...(s.data || {}), [`${ HARVESTER_CONFIG }-${ k }`]: encode(v) };
      }
    }) as KubeObject;

    res.json(render(req, syncCloudCredential(state, saved)));
  });

  router.delete('/v3/cloudcredentials/:id', (req, res) => {
    requireUser(req);
    const id = String(req.params.id);
    // cred Store.Delete asks the provisioning clusters' by-cloud-cred index first, before any
    // permission or existence check: the index holds spec.cloudCredentialSecretName as written
    // (rancher pkg/controllers/provisioningv2/cluster/controller.go byCloudCredentialIndex).
    const user = store.list(TYPES.PROV_CLUSTER).find((p) => p.spec?.cloudCredentialSecretName === id);

    if (user) {
      throw new ApiError(422, 'InvalidAction', `Cloud credential is currently referenced by provisioning cluster ${ user.metadata.name }`);
    }
    const secret = readAs(req, id, 'delete');
    const after = deleteSecret(state, secret);

    // norman api/handler/delete.go: 204 when the object is gone, else 200 with it (being removed).
    if (!after) {
      res.status(204).end();

      return;
    }
    res.json(render(req, after));
  });

  return router;
}
