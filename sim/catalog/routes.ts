import { Request, Router } from 'express';
import { errors } from '../core/api-error';
import { loopbackOnly } from '../control/guard';
import { requireUser } from '../http/context';
import type { SimState } from '../state';
import { TYPES } from '../steve/type-catalog';
import type { Catalog } from './catalog';
import { ChartAction, parseChartActionRequest } from './helm-releases';
import { DEFAULT_HARVESTER_VERSIONS, HarvesterChartVersion } from './harvester-remote';

const CONTENT_TYPES: Record<string, string> = {
  js:    'application/javascript',
  mjs:   'application/javascript',
  json:  'application/json',
  map:   'application/json',
  css:   'text/css',
  html:  'text/html',
  svg:   'image/svg+xml',
  png:   'image/png',
  jpg:   'image/jpeg',
  txt:   'text/plain',
  woff:  'font/woff',
  woff2: 'font/woff2',
};

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];

  return typeof value === 'string' ? value : undefined;
}

function parseVersions(body: unknown): HarvesterChartVersion[] {
  const list = (body as { versions?: unknown })?.versions;

  if (!Array.isArray(list)) {
    throw errors.invalidBody('versions must be a list of versions ("1.6.0") or {version, rancherVersion, extensionsVersion, kubeVersion?} objects');
  }

  return list.map((v, i) => {
    if (typeof v === 'string') {
      const known = DEFAULT_HARVESTER_VERSIONS.find((d) => d.version === v);

      if (!known) {
        throw errors.invalidFormat(`versions[${ i }]`, `unknown version "${ v }"; known: ${ DEFAULT_HARVESTER_VERSIONS.map((d) => d.version).join(', ') } (or give an object)`);
      }

      return known;
    }
    const o = v as Record<string, unknown>;

    if (!o || typeof o.version !== 'string' || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(o.version) || typeof o.rancherVersion !== 'string' || typeof o.extensionsVersion !== 'string') {
      throw errors.invalidFormat(`versions[${ i }]`, 'each version needs version (x.y.z), rancherVersion and extensionsVersion');
    }

    return {
      version: o.version, rancherVersion: o.rancherVersion, extensionsVersion: o.extensionsVersion, kubeVersion: typeof o.kubeVersion === 'string' ? o.kubeVersion : undefined,
    };
  });
}

/**
 * The catalog's HTTP surface: `/v1/uiplugins` (index and files), the ClusterRepo `?link=` and
 * `?action=` endpoints, App `?action=uninstall`, and `/sim/catalog` for tests. Plain CRUD of
 * the catalog types stays with the generic Steve routes (RBAC, watches).
 */
export function catalogRoutes(state: SimState, catalog: Catalog): Router {
  const router = Router();
  const { store, authorizer } = state;

  router.get('/v1/uiplugins', (req, res) => {
    res.set('cache-control', 'no-cache').json({ entries: catalog.operator.entries(!!req.ctx.user) });
  });

  router.get('/v1/uiplugins/:name/:version/{*rest}', (req, res) => {
    const rest = (req.params as { rest?: string[] }).rest || [];
    const file = rest.join('/');
    const data = catalog.operator.file(String(req.params.name), String(req.params.version), file, !!req.ctx.user);

    if (!data) {
      throw errors.notFound(`${ req.path } not found`);
    }
    res.set('content-type', CONTENT_TYPES[file.split('.').pop() || ''] || 'application/octet-stream').set('cache-control', 'no-cache').send(data);
  });

  const visibleRepo = (req: Request) => {
    const { access } = requireUser(req);
    const name = String(req.params.name);
    const repo = store.get(TYPES.CLUSTER_REPO, name);

    if (!repo || !authorizer.canSee(access, TYPES.CLUSTER_REPO, repo)) {
      throw errors.notFound(`clusterrepos.catalog.cattle.io "${ name }" not found`);
    }

    return {
      repo, access, name
    };
  };

  router.get(['/v1/catalog.cattle.io.clusterrepos/:name', '/v1/catalog.cattle.io.clusterrepo/:name'], (req, res, next) => {
    const link = queryString(req, 'link');

    if (!link) {
      return next();
    }
    const { name } = visibleRepo(req);
    const index = catalog.repos.index(name);

    if (!index) {
      throw errors.unavailable('RepositoryNotDownloaded', `the index of repository "${ name }" has not been downloaded (see its Downloaded condition)`);
    }
    if (link === 'index') {
      return res.json(index);
    }
    if (link === 'info' || link === 'chart' || link === 'icon') {
      const chartName = queryString(req, 'chartName') || '';
      const versions = index.entries[chartName] || [];
      const version = queryString(req, 'version') || versions[0]?.version;
      const chart = version ? catalog.repos.chart(name, chartName, version) : undefined;

      if (!chart) {
        throw errors.notFound(`chart "${ chartName }"${ version ? ` version "${ version }"` : '' } not found in repository "${ name }"`);
      }
      if (link === 'info') {
        return res.json({
          chart: chart.metadata, values: chart.values, readme: chart.readme || '', appReadme: ''
        });
      }
      throw errors.notFound(`the simulator does not serve chart ${ link }s`);
    }
    throw errors.notFound(`link "${ link }" not found`);
  });

  router.post(['/v1/catalog.cattle.io.clusterrepos/:name', '/v1/catalog.cattle.io.clusterrepo/:name'], (req, res, next) => {
    const action = queryString(req, 'action');

    if (!action) {
      return next();
    }
    const { name, access } = visibleRepo(req);

    if (action !== 'install' && action !== 'upgrade') {
      throw errors.notFound(`action "${ action }" not found on clusterrepos.catalog.cattle.io`);
    }
    const request = parseChartActionRequest(req.body);

    for (const c of request.charts) {
      if (!authorizer.can(access, 'create', TYPES.APP, { metadata: { name: c.releaseName, namespace: request.namespace } })) {
        throw errors.forbidden(`apps.catalog.cattle.io is forbidden: User "${ access.userId }" cannot create resource "apps" in API group "catalog.cattle.io" in the namespace "${ request.namespace }"`);
      }
    }
    const operation = catalog.releases.chartAction(action as ChartAction, name, request);

    res.status(201).json({
      type: 'chartActionOutput', links: {}, operationName: operation.metadata.name, operationNamespace: operation.metadata.namespace,
    });
  });

  router.post(['/v1/catalog.cattle.io.apps/:namespace/:name', '/v1/catalog.cattle.io.app/:namespace/:name'], (req, res, next) => {
    const action = queryString(req, 'action');

    if (!action) {
      return next();
    }
    const { access } = requireUser(req);
    const id = `${ req.params.namespace }/${ req.params.name }`;
    const app = store.get(TYPES.APP, id);

    if (!app || !authorizer.canSee(access, TYPES.APP, app)) {
      throw errors.notFound(`apps.catalog.cattle.io "${ req.params.name }" not found`);
    }
    if (action !== 'uninstall') {
      throw errors.notFound(`action "${ action }" not found on apps.catalog.cattle.io`);
    }
    if (!authorizer.can(access, 'delete', TYPES.APP, app)) {
      throw errors.forbidden(`apps.catalog.cattle.io "${ req.params.name }" is forbidden: User "${ access.userId }" cannot delete resource "apps" in API group "catalog.cattle.io" in the namespace "${ req.params.namespace }"`);
    }
    const operation = catalog.releases.uninstall(app);

    res.status(201).json({
      type: 'chartActionOutput', links: {}, operationName: operation.metadata.name, operationNamespace: operation.metadata.namespace,
    });
  });

  router.use('/sim/catalog', loopbackOnly);
  router.get('/sim/catalog', (_req, res) => {
    res.json(catalog.snapshot());
  });
  // What the Harvester UI extension's repository offers: `versions` (a new release, none
  // compatible…) and `filesUnreachable` (its files cannot be downloaded: the operator fails).
  router.put('/sim/catalog/remotes/harvester', (req, res) => {
    const { filesUnreachable } = req.body || {};

    if (filesUnreachable !== undefined && typeof filesUnreachable !== 'boolean') {
      throw errors.invalidFormat('filesUnreachable', 'filesUnreachable must be true or false');
    }
    if (req.body?.versions !== undefined) {
      catalog.harvester.versions = parseVersions(req.body);
    }
    if (filesUnreachable !== undefined) {
      catalog.harvester.filesUnreachable = filesUnreachable;
    }
    res.json({ versions: catalog.harvester.versions, filesUnreachable: catalog.harvester.filesUnreachable });
  });
  router.delete('/sim/catalog/remotes/harvester', (_req, res) => {
    catalog.harvester.reset();
    res.json({ versions: catalog.harvester.versions, filesUnreachable: false });
  });

  return router;
}
