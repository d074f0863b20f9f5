import express, { NextFunction, Request, Response, Router } from 'express';
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../store/kube-object';
import type { KubeCluster } from './cluster-objects';
import { apiGroupList, apiResourceList, coreVersions, KUBERNETES_VERSION } from './discovery';
import type { KubeKind } from './kinds';
import { apiVersionOf, kindByResource } from './kinds';
import { openApiDocument, openApiIndex } from './openapi';
import { jsonPatch, mergePatch, PatchError, strategicMerge } from './patch';
import { selectorTest } from './selectors';
import { KubeError, kubeErrors } from './status';
import { asTable, wantsTable } from './table';
import { checkType, dropUnknownFields, parseFieldValidation } from './validate';
import type { WatchLog } from './watch-log';
import { tooDeep } from '../http/json-depth';

/** One cluster as the API sees it: its objects, its change log and the bearer token it accepts. */
export interface KubeApiTarget {
  cluster: KubeCluster;
  /** The same cluster's objects in a throw-away copy, for `dryRun=All`. */
  dryRun(): KubeCluster;
  log: WatchLog;
  token: string;
}

type Resolve = (req: Request) => KubeApiTarget | undefined;

interface Located { kind: KubeKind, namespace?: string, name?: string }

/** `/api/v1/...` or `/apis/<group>/<version>/...` → the resource, namespace and name it names. */
function locate(path: string): Located | 'discovery' | undefined {
  const parts = path.split('/').filter(Boolean);
  let group = '';
  let version: string;
  let rest: string[];

  if (parts[0] === 'api' && parts.length >= 2) {
    [version, rest] = [parts[1], parts.slice(2)];
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  } else {
    return undefined;
  }
  if (rest.length === 0) {
    return 'discovery';
  }
  let namespace: string | undefined;

  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const kind = kindByResource(group, version, rest[0]);

  if (!kind || rest.length > 2 || (namespace && !kind.namespaced)) {
    return undefined;
  }

  return {
    kind, namespace: kind.namespaced ? namespace : undefined, name: rest[1]
  };
}

function bodyObject(req: Request): KubeObject {
  const type = String(req.headers['content-type'] || '').split(';')[0].trim();
  const text = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  let parsed: unknown;

  try {
    parsed = type.endsWith('yaml') ? parseYaml(text) : JSON.parse(text || 'null');
  } catch (e) {
    throw kubeErrors.badRequest(`the body of the request could not be decoded: ${ (e as Error).message }`);
  }
  if (tooDeep(parsed)) {
    throw kubeErrors.badRequest('the body of the request could not be decoded: exceeded max depth');
  }
  if (type === 'application/json-patch+json') {
    return parsed as KubeObject;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw kubeErrors.badRequest('the body of the request must be an object');
  }

  return parsed as KubeObject;
}

const PATCH_TYPES = new Set(['application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml']);

function patched(kind: KubeKind, current: KubeObject, type: string, patch: unknown): KubeObject {
  try {
    switch (type) {
    case 'application/json-patch+json':
      return jsonPatch(current, patch) as KubeObject;
    case 'application/merge-patch+json':
      return mergePatch(current, patch) as KubeObject;
    default:
      // Strategic merge, and server-side apply read as one: the applied fields win, fields the
      // configuration no longer names stay (the simulator keeps no managedFields to drop them).
      return strategicMerge(current, patch) as KubeObject;
    }
  } catch (e) {
    if (e instanceof PatchError) {
      throw new KubeError(422, 'Invalid', `${ kind.kind } could not be patched: ${ e.message }`);
    }
    throw e;
  }
}

function sendWarnings(res: Response, warnings: string[]): void {
  if (warnings.length) {
    res.setHeader('Warning', warnings.map((w) => `299 - ${ JSON.stringify(w) }`).join(', '));
  }
}

function requireMatchingNamespace(at: Located, body: KubeObject): void {
  body.metadata = body.metadata || ({} as KubeObject['metadata']);
  if (!at.kind.namespaced) {
    return;
  }
  if (body.metadata.namespace && body.metadata.namespace !== at.namespace) {
    throw kubeErrors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  body.metadata.namespace = at.namespace;
}

function listOf(at: Located, target: KubeApiTarget, req: Request) {
  const test = selectorTest(req.query.labelSelector, req.query.fieldSelector);

  return {
    apiVersion: apiVersionOf(at.kind),
    kind:       `${ at.kind.kind }List`,
    metadata:   { resourceVersion: target.cluster.resourceVersion },
    items:      target.cluster.list(at.kind, at.namespace).filter(test),
  };
}

/** `?watch=true`: one JSON watch event per line, from the given resourceVersion on. */
function watch(at: Located, target: KubeApiTarget, req: Request, res: Response): void {
  const test = selectorTest(req.query.labelSelector, req.query.fieldSelector);
  const from = Number(req.query.resourceVersion || target.cluster.resourceVersion);
  const backlog = target.log.since(Number.isFinite(from) ? from : 0);
  const relevant = (c: { kind: KubeKind, object: KubeObject }) => c.kind === at.kind && (!at.namespace || c.object.metadata.namespace === at.namespace) &&
    (!at.name || c.object.metadata.name === at.name) && test(c.object);

  res.status(200).setHeader('Content-Type', 'application/json');
  res.setHeader('Transfer-Encoding', 'chunked');
  res.flushHeaders();
  if (!backlog) {
    res.end(`${ JSON.stringify({ type: 'ERROR', object: new KubeError(410, 'Expired', `too old resource version: ${ from }`).toStatus() }) }\n`);

    return;
  }
  const send = (c: { type: string, kind: KubeKind, object: KubeObject }) => {
    if (relevant(c)) {
      res.write(`${ JSON.stringify({ type: c.type, object: c.object }) }\n`);
    }
  };

  backlog.forEach(send);
  const unsubscribe = target.log.subscribe(send);
  const seconds = Math.min(Number(req.query.timeoutSeconds) || 1800, 1800);
  const timer = setTimeout(() => res.end(), seconds * 1000);

  res.on('close', () => {
    clearTimeout(timer);
    unsubscribe();
  });
}

/**
 * The Kubernetes API of one simulated cluster, as the real kubectl and @kubernetes/client-node
 * use it: bearer-token authentication, discovery, OpenAPI v3, get/list/watch/create/update/patch
 * (JSON merge, JSON patch, strategic merge, server-side apply)/delete, `dryRun=All`, field
 * validation, Table answers for `kubectl get`, and errors as `Status` objects.
 */
export function kubeApi(resolve: Resolve): Router {
  const router = Router({ mergeParams: true });

  router.use(express.raw({ type: () => true, limit: '3mb' }));
  router.use((req, res, next) => {
    const target = resolve(req);

    if (!target) {
      throw kubeErrors.noResource();
    }
    const header = String(req.headers.authorization || '');

    if (header !== `Bearer ${ target.token }`) {
      throw kubeErrors.unauthorized();
    }
    res.locals.target = target;
    next();
  });
  router.get('/version', (_req, res) => {
    res.json(KUBERNETES_VERSION);
  });
  router.get('/api', (req, res) => {
    res.json(coreVersions(String(req.headers.host || '')));
  });
  router.get('/apis', (_req, res) => {
    res.json(apiGroupList());
  });
  router.get('/openapi/v3', (req, res) => {
    res.json(openApiIndex(req.baseUrl));
  });
  // OpenAPI v2 is only read by kubectl for kinds this server does not serve (client-side validation
  // fallback, k8s.io/client-go discovery OpenAPISchema, protobuf only): an empty document, so it
  // validates nothing and kubectl reports the unknown kind itself.
  router.get('/openapi/v2', (_req, res) => {
    res.type('application/octet-stream').send(Buffer.from([0x0a, 0x03, 0x32, 0x2e, 0x30]));
  });
  router.get('/openapi/v3/{*gv}', (req, res) => {
    const [root, a, b] = String(req.path.slice('/openapi/v3/'.length)).split('/');
    const doc = root === 'api' ? openApiDocument('', a) : root === 'apis' ? openApiDocument(a, b) : undefined;

    if (!doc) {
      throw kubeErrors.noResource();
    }
    res.json(doc);
  });
  router.all('/{*path}', (req, res) => {
    const target = res.locals.target as KubeApiTarget;
    const at = locate(req.path);

    if (at === 'discovery' && req.method === 'GET') {
      const parts = req.path.split('/').filter(Boolean);
      const list = parts[0] === 'api' ? apiResourceList('', parts[1]) : apiResourceList(parts[1], parts[2]);

      if (!list) {
        throw kubeErrors.noResource();
      }
      res.json(list);

      return;
    }
    if (!at || at === 'discovery') {
      throw kubeErrors.noResource();
    }
    handle(at, target, req, res);
  });
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const e = err as { type?: string, status?: number };

    if (e instanceof KubeError) {
      res.status(e.code).json(e.toStatus());
    } else if (e?.type === 'entity.too.large') {
      res.status(413).json(new KubeError(413, 'RequestEntityTooLarge', 'the request body is larger than 3 MB').toStatus());
    } else {
      next(err);
    }
  });

  return router;
}

function handle(at: Located, target: KubeApiTarget, req: Request, res: Response): void {
  const dryRun = req.query.dryRun === 'All';
  const cluster = dryRun ? target.dryRun() : target.cluster;
  const { kind } = at;

  if (req.method === 'GET') {
    if (req.query.watch === 'true' || req.query.watch === '1') {
      return watch(at, target, req, res);
    }
    if (!at.name) {
      const list = listOf(at, target, req);

      res.json(wantsTable(req) ? asTable(kind, list.items, list.metadata.resourceVersion) : list);

      return;
    }
    const found = cluster.get(kind, at.namespace, at.name);

    if (!found) {
      throw kubeErrors.notFound(kind, at.name);
    }
    res.json(wantsTable(req) ? asTable(kind, [found], found.metadata.resourceVersion || '') : found);

    return;
  }
  if (req.method === 'POST' && !at.name) {
    const body = bodyObject(req);
    const warnings = dropUnknownFields(kind, body, parseFieldValidation(req.query.fieldValidation));

    checkType(kind, body);
    requireMatchingNamespace(at, body);
    sendWarnings(res, warnings);
    res.status(201).json(cluster.create(kind, body));

    return;
  }
  if (!at.name) {
    throw kubeErrors.methodNotAllowed();
  }
  if (req.method === 'PUT') {
    const body = bodyObject(req);
    const warnings = dropUnknownFields(kind, body, parseFieldValidation(req.query.fieldValidation));

    checkType(kind, body);
    requireMatchingNamespace(at, body);
    if (body.metadata.name !== at.name) {
      throw kubeErrors.badRequest('the name of the object does not match the name on the URL');
    }
    sendWarnings(res, warnings);
    res.json(cluster.update(kind, body));

    return;
  }
  if (req.method === 'PATCH') {
    const type = String(req.headers['content-type'] || '').split(';')[0].trim();

    if (!PATCH_TYPES.has(type)) {
      throw kubeErrors.unsupportedMediaType(type);
    }
    const patch = bodyObject(req);
    const current = cluster.get(kind, at.namespace, at.name);
    const mode = parseFieldValidation(req.query.fieldValidation);

    if (!current) {
      if (type !== 'application/apply-patch+yaml') {
        throw kubeErrors.notFound(kind, at.name);
      }
      const warnings = dropUnknownFields(kind, patch, mode);

      checkType(kind, patch);
      requireMatchingNamespace(at, patch);
      sendWarnings(res, warnings);
      res.status(201).json(cluster.create(kind, patch));

      return;
    }
    const next = patched(kind, current, type, patch);
    const warnings = dropUnknownFields(kind, next, mode);

    checkType(kind, next);
    next.metadata = {
      ...next.metadata, name: at.name, namespace: at.namespace
    };
    if (!at.namespace) {
      delete next.metadata.namespace;
    }
    // A patch carries no precondition unless it names a resourceVersion itself.
    if (!(patch as KubeObject).metadata?.resourceVersion) {
      next.metadata.resourceVersion = current.metadata.resourceVersion;
    }
    sendWarnings(res, warnings);
    res.json(cluster.update(kind, next));

    return;
  }
  if (req.method === 'DELETE') {
    res.json(cluster.delete(kind, at.namespace, at.name));

    return;
  }
  throw kubeErrors.methodNotAllowed();
}
