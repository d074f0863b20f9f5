import { NextFunction, Request, Response, Router } from 'express';
import { errors } from '../core/api-error';
import { requireUser } from '../http/context';
import { AccessSet } from '../rbac/access-set';
import { downstreamAccessSet, downstreamTypeVerbs, DOWNSTREAM_TYPE_DEFS, HCI_SETTING } from '../rbac/downstream-access';
import type { SimState } from '../state';
import { KubeObject } from '../store/kube-object';
import { filterAndSort, paginate } from '../steve/list-eval';
import { parseListQuery } from '../steve/list-query';
import { renderCollection, renderResource, Permits } from '../steve/render';
import { renderSchema } from '../steve/schemas';
import { TypeDef, TYPE_DEFS, TYPES } from '../steve/type-catalog';
import type { SimulatedHarvester } from '../harvester/harvester-fleet';
import { namespacesOf, settingsOf } from '../harvester/harvester-fleet';

const PROJECT_ANNOTATION = 'field.cattle.io/projectId';
/** Namespaces Rancher moves into a cluster's System project. */
const SYSTEM_NAMESPACE = /^(kube-|cattle-|harvester-|longhorn-)/;

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
}

/**
 * Steve inside a downstream Harvester cluster, as Rancher's cluster proxy serves it at
 * `/k8s/clusters/<id>/v1`: what the dashboard's `cluster` store loads when a user opens the
 * cluster (schemas, counts, namespaces, Harvester settings). Objects come from the simulated
 * Harvester (its namespaces, each in the cluster's Default or System project as Rancher files
 * them, and its settings); what a user sees and may do follows the role templates bound to them
 * in that cluster (see `downstreamAccessSet`).
 */
export function downstreamSteveRoutes(state: SimState): Router {
  const router = Router();
  const { store } = state;

  /** The cluster as this caller reaches it, or the error Rancher's proxy answers with. */
  const open = (req: Request): Downstream => {
    const { access } = requireUser(req);
    const clusterId = String(req.params.clusterId);
    const harvester = reachableHarvester(state, access, clusterId);

    return {
      clusterId, harvester, access: downstreamAccessSet(store, access, clusterId), base: `${ req.ctx.origin }/k8s/clusters/${ clusterId }`
    };
  };

  /** Per object: the cluster's grants, else the grants of the project the namespace belongs to. */
  const permits = (d: Downstream): Permits => ({
    can(access: AccessSet, verb: string, type: string, obj: KubeObject): boolean {
      if (access.admin || access.clusters.get(d.clusterId)?.get(type)?.has(verb)) {
        return true;
      }
      const ns = type === TYPES.NAMESPACE ? obj.metadata.name : obj.metadata.namespace;
      const projectKey = ns ? namespaceProject(d, ns) : undefined;

      return !!(projectKey && access.projects.get(projectKey)?.get(type)?.has(verb));
    },
  });

  const namespaceProject = (d: Downstream, ns: string): string | undefined => {
    const projects = store.list(TYPES.PROJECT).filter((p) => p.metadata.namespace === d.clusterId);
    const wanted = ns === 'default' ? 'Default' : SYSTEM_NAMESPACE.test(ns) ? 'System' : undefined;
    const project = wanted && projects.find((p) => p.spec?.displayName === wanted);

    return project ? `${ d.clusterId }:${ project.metadata.name }` : undefined;
  };

  const objectsOf = (d: Downstream, type: string): KubeObject[] => {
    const created = d.harvester.createdAt;

    if (type === TYPES.NAMESPACE) {
      return namespacesOf(d.harvester).map((name): KubeObject => {
        const projectKey = namespaceProject(d, name);
        const labels: Record<string, string> = { 'kubernetes.io/metadata.name': name };
        const annotations: Record<string, string> = {};

        if (projectKey) {
          labels[PROJECT_ANNOTATION] = projectKey.split(':')[1];
          annotations[PROJECT_ANNOTATION] = projectKey;
        }

        return {
          apiVersion: 'v1',
          kind:       'Namespace',
          metadata:   {
            name,
            uid:               `${ d.clusterId }-ns-${ name }`,
            resourceVersion:   `${ d.harvester.resourceVersion }`,
            creationTimestamp: created,
            labels,
            annotations,
          },
          spec:   { finalizers: ['kubernetes'] },
          status: { phase: 'Active' },
        };
      });
    }
    if (type === HCI_SETTING) {
      return Object.entries(settingsOf(d.harvester)).map(([name, value]) => ({
        apiVersion: 'harvesterhci.io/v1beta1',
        kind:       'Setting',
        metadata:   {
          name, uid: `${ d.clusterId }-setting-${ name }`, resourceVersion: `${ d.harvester.resourceVersion }`, creationTimestamp: created
        },
        value,
      }));
    }

    return [];
  };

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

  const typeFor = (segment: string): TypeDef | undefined => DOWNSTREAM_TYPE_DEFS.find((t) => {
    const plural = t.group ? `${ t.group }.${ t.resource }` : t.resource;

    return segment.toLowerCase() === t.id || segment.toLowerCase() === plural;
  });

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

  router.get(['/k8s/clusters/:clusterId/v1/counts', '/k8s/clusters/:clusterId/v1/counts/count'], (req, res) => {
    const d = open(req);
    const counts: Record<string, unknown> = {};

    for (const def of DOWNSTREAM_TYPE_DEFS) {
      if (!downstreamTypeVerbs(d.access, def).includes('list')) {
        continue;
      }
      const objects = visible(d, def.id);
      const namespaces: Record<string, { count: number }> = {};

      for (const o of def.namespaced ? objects : []) {
        const ns = o.metadata.namespace || '';

        namespaces[ns] = { count: (namespaces[ns]?.count || 0) + 1 };
      }
      counts[def.id] = { summary: { count: objects.length }, namespaces };
    }
    const count = {
      id: 'count', type: TYPES.COUNT, links: { self: `${ d.base }/v1/counts/count` }, counts
    };

    res.json(req.path.endsWith('/count') ? count : renderCollection(d.base, TYPES.COUNT, `${ d.base }/v1/counts`, d.harvester.resourceVersion, [count]));
  });

  router.get('/k8s/clusters/:clusterId/v1/:type{/:name}', (req: Request, res: Response, next: NextFunction) => {
    const def = typeFor(String(req.params.type));

    // One Harvester setting by name stays with downstreamRoutes (the list's version column reads it).
    if (!def || (def.id === HCI_SETTING && req.params.name)) {
      return next();
    }
    const d = open(req);
    const objects = visible(d, def.id);
    const render = (o: KubeObject) => renderResource(d.base, def.id, o, d.access, permits(d));

    if (req.params.name) {
      const obj = objects.find((o) => o.metadata.name === req.params.name);

      if (!obj) {
        throw errors.notFound(`${ def.resource }${ def.group ? `.${ def.group }` : '' } "${ req.params.name }" not found`);
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
