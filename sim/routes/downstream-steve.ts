import { NextFunction, Request, Response, Router } from 'express';
import { errors } from '../core/api-error';
import { requireUser } from '../http/context';
import { AccessSet } from '../rbac/access-set';
import { downstreamAccessSet, downstreamTypeVerbs } from '../rbac/downstream-access';
import type { SimState } from '../state';
import { KubeObject } from '../store/kube-object';
import { downstreamNamespaces, downstreamObjects } from '../steve/downstream-objects';
import { downstreamType, DOWNSTREAM_TYPE_DEFS, HCI_SETTING } from '../steve/downstream-type-catalog';
import { filterAndSort, paginate } from '../steve/list-eval';
import { parseListQuery } from '../steve/list-query';
import { renderCollection, renderResource, Permits } from '../steve/render';
import { renderSchema } from '../steve/schemas';
import { TYPE_DEFS, TYPES } from '../steve/type-catalog';
import type { SimulatedHarvester } from '../harvester/harvester-fleet';
import { countItem } from '../steve/downstream-counts';

/** Virtual types Steve serves itself in every cluster. */
const STEVE_OWN = TYPE_DEFS.filter((d) => d.id === TYPES.COUNT || d.id === TYPES.SCHEMA);

/**
 * The simulated Harvester behind a downstream cluster as this caller reaches it through Rancher's
 * cluster proxy, or the error the proxy answers with: 404 when the user may not see the cluster,
 * 503 until the agent's tunnel is up (Connected; Rancher's proxy works before Ready).
 */
export function reachableHarvester(state: SimState, access: AccessSet, clusterId: string): SimulatedHarvester {
  const cluster = state.store.get(TYPES.MGMT_CLUSTER, clusterId);

  if (!cluster || !state.authorizer.canSee(access, TYPES.MGMT_CLUSTER, cluster)) {
    throw errors.notFound(`cluster ${ clusterId } not found`);
  }
  const harvester = state.fleet.byClusterId(clusterId);
  const connected = cluster.status?.conditions?.some((c: { type: string, status: string }) => c.type === 'Connected' && c.status === 'True');

  if (!harvester || !connected) {
    throw errors.unavailable('ClusterUnavailable', `cluster agent disconnected: cluster ${ clusterId } is not connected to Rancher`);
  }

  return harvester;
}

interface Downstream {
  clusterId: string;
  harvester: SimulatedHarvester;
  access: AccessSet;
  /** `<origin>/k8s/clusters/<id>`: Steve's links in this cluster start here. */
  base: string;
  /** The cluster's namespaces (with Rancher's project marks) and the project of each. */
  namespaces: KubeObject[];
  projectOf: Map<string, string | undefined>;
}

/**
 * Steve inside a downstream Harvester cluster, as Rancher's cluster proxy serves it at
 * `/k8s/clusters/<id>/v1`: what the dashboard's `cluster` store loads when a user opens the
 * cluster (schemas, counts, namespaces, Harvester settings) and what the product counts per
 * project (virtual machines, VM images, volumes). Objects come from the simulated Harvester's
 * Kubernetes objects (its namespaces carry the project marks Rancher gives them:
 * sim/controllers/namespace-projects.ts); what a user sees and may do follows the role templates
 * bound to them in that cluster (see `downstreamAccessSet`): a project role only in the namespaces
 * of its project.
 */
export function downstreamSteveRoutes(state: SimState): Router {
  const router = Router();
  const { store } = state;

  /** The cluster as this caller reaches it, or the error Rancher's proxy answers with. */
  const open = (req: Request): Downstream => {
    const { access } = requireUser(req);
    const clusterId = String(req.params.clusterId);
    const harvester = reachableHarvester(state, access, clusterId);
    const namespaces = downstreamNamespaces(store, clusterId, harvester);

    return {
      clusterId,
      harvester,
      access:     downstreamAccessSet(store, access, clusterId),
      base:       `${ req.ctx.origin }/k8s/clusters/${ clusterId }`,
      namespaces: namespaces.map((n) => n.object),
      projectOf:  new Map(namespaces.map((n) => [n.object.metadata.name, n.projectKey])),
    };
  };

  /** Per object: the cluster's grants, else the grants of the project the namespace belongs to. */
  const permits = (d: Downstream): Permits => ({
    can(access: AccessSet, verb: string, type: string, obj: KubeObject): boolean {
      if (access.admin || access.clusters.get(d.clusterId)?.get(type)?.has(verb)) {
        return true;
      }
      const ns = type === TYPES.NAMESPACE ? obj.metadata.name : obj.metadata.namespace;
      const projectKey = ns ? d.projectOf.get(ns) : undefined;

      return !!(projectKey && access.projects.get(projectKey)?.get(type)?.has(verb));
    },
  });

  const objectsOf = (d: Downstream, type: string): KubeObject[] => (type === TYPES.NAMESPACE ? d.namespaces : downstreamObjects(d.clusterId, d.harvester, type));

  const visible = (d: Downstream, type: string) => {
    const can = permits(d);

    return objectsOf(d, type).filter((o) => can.can(d.access, 'get', type, o));
  };

  const schemas = (d: Downstream) => {
    const out: Record<string, unknown>[] = [];

    for (const def of [...DOWNSTREAM_TYPE_DEFS, ...STEVE_OWN]) {
      const verbs = def.virtual ? def.supportedVerbs as string[] : downstreamTypeVerbs(d.access, def);
      const schema = renderSchema(d.base, def, verbs);

      if (schema) {
        out.push(schema);
      }
    }

    return out;
  };

  router.get('/k8s/clusters/:clusterId/v1/schemas{/:id}', (req, res) => {
    const d = open(req);
    const all = schemas(d);

    if (req.params.id) {
      const one = all.find((s) => s.id === String(req.params.id).toLowerCase());

      if (!one) {
        throw errors.notFound(`schema ${ req.params.id } not found`);
      }
      res.json(one);

      return;
    }
    res.json(renderCollection(d.base, TYPES.SCHEMA, `${ d.base }/v1/schemas`, d.harvester.resourceVersion, all));
  });

  // Steve counts the types the caller may list and watch, and in each the objects they may list or
  // get where they are (steve pkg/resources/counts/counts.go `schemasToWatch`, `getCount`).
  router.get(['/k8s/clusters/:clusterId/v1/counts', '/k8s/clusters/:clusterId/v1/counts/count'], (req, res) => {
    const d = open(req);
    const can = permits(d);
    const counts: Record<string, unknown> = {};

    for (const def of DOWNSTREAM_TYPE_DEFS) {
      const verbs = downstreamTypeVerbs(d.access, def);

      if (verbs.includes('list') && verbs.includes('watch')) {
        counts[def.id] = countItem(objectsOf(d, def.id).filter((o) => can.can(d.access, 'list', def.id, o) || can.can(d.access, 'get', def.id, o)));
      }
    }
    const count = {
      id: 'count', type: TYPES.COUNT, links: { self: `${ d.base }/v1/counts/count` }, counts
    };

    res.json(req.path.endsWith('/count') ? count : renderCollection(d.base, TYPES.COUNT, `${ d.base }/v1/counts`, d.harvester.resourceVersion, [count]));
  });

  // Steve's paths: `/<type>` lists, `/<type>/<name>` is one cluster-scoped object or, for a
  // namespaced type, the list of that namespace, `/<type>/<namespace>/<name>` one namespaced object.
  router.get(['/k8s/clusters/:clusterId/v1/:type{/:name}', '/k8s/clusters/:clusterId/v1/:type/:namespace/:name'], (req: Request, res: Response, next: NextFunction) => {
    const def = downstreamType(String(req.params.type));
    const namespace = def?.namespaced ? req.params.namespace ?? req.params.name : undefined;
    const name = def?.namespaced && !req.params.namespace ? undefined : req.params.name;

    // One Harvester setting by name stays with downstreamRoutes (the list's version column reads it).
    if (!def || (def.id === HCI_SETTING && name) || (!def.namespaced && req.params.namespace)) {
      return next();
    }
    const d = open(req);
    const objects = visible(d, def.id).filter((o) => !namespace || o.metadata.namespace === namespace);
    const render = (o: KubeObject) => renderResource(d.base, def.id, o, d.access, permits(d), def);

    if (name) {
      const obj = objects.find((o) => o.metadata.name === name);

      if (!obj) {
        throw errors.notFound(`${ def.resource }${ def.group ? `.${ def.group }` : '' } "${ name }" not found`);
      }
      res.json(render(obj));

      return;
    }
    const query = parseListQuery(new URLSearchParams(req.originalUrl.split('?')[1] || ''));
    const result = paginate(filterAndSort(objects, query), query);

    res.json(renderCollection(d.base, def.id, `${ req.ctx.origin }${ req.originalUrl }`, d.harvester.resourceVersion, result.items.map(render), { count: result.count, pages: result.pages }));
  });

  return router;
}
