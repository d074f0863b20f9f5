import { Router } from 'express';
import { errors } from '../core/api-error';
import { ClusterLifecycle } from '../controllers/cluster-lifecycle';
import { requireUser } from '../http/context';
import { renderAgentManifest } from '../harvester/manifest';
import type { SimState } from '../state';
import { reachableHarvester } from './downstream-steve';

/**
 * Rancher endpoints that reach into a downstream cluster or serve it: the registration
 * manifest (the token in the URL is the only credential) and the Harvester `server-version`
 * setting through Rancher's cluster proxy `/k8s/clusters/<id>/…`.
 */
export function downstreamRoutes(state: SimState, lifecycle: ClusterLifecycle): Router {
  const router = Router();

  router.get('/v3/import/:file', (req, res) => {
    const m = /^([a-z0-9]+)_([a-z0-9-]+)\.yaml$/.exec(String(req.params.file));
    const token = m ? lifecycle.findTokenBySecret(m[1], m[2]) : undefined;

    if (!m || !token) {
      throw errors.notFound('registration manifest not found');
    }
    res.type('application/yaml').send(renderAgentManifest(state.serverUrl, m[1]));
  });

  router.get('/k8s/clusters/:clusterId/v1/harvesterhci.io.settings/:name', (req, res) => {
    const { access } = requireUser(req);
    const harvester = reachableHarvester(state, access, String(req.params.clusterId));
    const value = harvester.settings[String(req.params.name)];

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
