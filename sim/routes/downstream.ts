import { Router } from 'express';
import { errors } from '../core/api-error';
import { requireUser } from '../http/context';
import { importManifest } from '../harvester/import-manifest';
import { settingsOf } from '../harvester/harvester-fleet';
import type { SimState } from '../state';
import { reachableHarvester } from './downstream-steve';

/**
 * Rancher endpoints that reach into a downstream cluster or serve it: the registration
 * manifest (the token in the URL is the only credential) and the Harvester `server-version`
 * setting through Rancher's cluster proxy `/k8s/clusters/<id>/…`.
 */
export function downstreamRoutes(state: SimState): Router {
  const router = Router();

  router.get('/v3/import/:file', (req, res) => {
    const m = /^([a-z0-9]+)_([a-z0-9-]+)\.yaml$/.exec(String(req.params.file));
    const answer = m ? importManifest(state, m[1], m[2]) : {
      ok: false as const, status: 404, text: '404 page not found'
    };

    res.status(answer.ok ? 200 : answer.status).type('text/plain').send(answer.text);
  });

  router.get('/k8s/clusters/:clusterId/v1/harvesterhci.io.settings/:name', (req, res) => {
    const { access } = requireUser(req);
    const harvester = reachableHarvester(state, access, String(req.params.clusterId));
    const value = settingsOf(harvester)[String(req.params.name)];

    if (value === undefined) {
      throw errors.notFound(`settings.harvesterhci.io "${ req.params.name }" not found`);
    }
    res.json({
      id:         req.params.name,
      type:       'harvesterhci.io.setting',
      apiVersion: 'harvesterhci.io/v1beta1',
      kind:       'Setting',
      metadata:   { name: req.params.name, resourceVersion: `${ harvester.resourceVersion }` },
      links:      { self: `${ req.ctx.origin }${ req.originalUrl }` },
      value,
    });
  });

  router.all('/k8s/clusters/:clusterId/{*rest}', () => {
    throw errors.unavailable('ClusterUnavailable', 'the simulator does not proxy this downstream API');
  });

  return router;
}
