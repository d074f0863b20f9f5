import fs from 'fs';
import path from 'path';
import semver from 'semver';
import type { Simulator } from '../../../sim/server';
import { harvesterClusters, normanClusterCreateBody } from '../../../pkg/harvester-manager/domain';
import {
  control, SimClient, startTestSim, waitFor
} from './sim-client';

const PROV = 'provisioning.cattle.io.cluster';
const MGMT = 'management.cattle.io.cluster';
const NS = 'cattle-ui-plugin-system';
const LABEL = 'provider.cattle.io';
/** The UI extensions API of the shell the dashboard is built from (@rancher/shell 3.0.x). */
const EXTENSIONS_API = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../node_modules/@rancher/shell/package.json'), 'utf8')).version;
const OUR_ANNOTATIONS: Record<string, string> = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../pkg/harvester-manager/package.json'), 'utf8')).rancher.annotations;

export interface CompatExpectations {
  /** `/rancherversion`, as SIM_RANCHER_VERSION sets it. */
  rancherVersion: string;
  /** Does Rancher copy the provider label from the provisioning to the management cluster (Steve path)? */
  copiesLabelsToManagement: boolean;
  /** Newest `harvester` UI extension chart compatible with this Rancher (the panel installs it). */
  harvesterExtension: string;
}

/** What the shell's loader / Extensions page check: a chart annotation range against a version. */
function satisfies(version: string, range: string | undefined): boolean {
  const coerced = semver.coerce(version)?.version;

  return !range || (!!coerced && semver.satisfies(coerced, range, { includePrerelease: true }));
}

function compatible(annotations: Record<string, string>, rancherVersion: string): boolean {
  return satisfies(rancherVersion, annotations['catalog.cattle.io/rancher-version']) &&
    !!annotations['catalog.cattle.io/ui-extensions-version'] &&
    satisfies(EXTENSIONS_API, annotations['catalog.cattle.io/ui-extensions-version']);
}

/**
 * The Rancher behaviours the extension depends on, for one Rancher line selected with
 * SIM_RANCHER_VERSION (here: the simulator's `rancherVersion` option): version answers, both
 * create paths and their label copying, the extension's own chart annotations, and which Harvester
 * UI extension the panel would install — and that the extension's list logic finds the clusters.
 */
export function describeRancherCompat(e: CompatExpectations): void {
  describe(`integration: Rancher ${ e.rancherVersion } behaviours`, () => {
    let sim: Simulator;
    let admin: SimClient;

    beforeAll(async() => {
      sim = await startTestSim({ rancherVersion: e.rancherVersion });
      admin = await SimClient.cookieLogin(sim.url, 'admin');
    });
    afterAll(async() => {
      await sim?.close();
    });

    async function listJoin() {
      const prov = (await admin.get(`/v1/${ PROV }s`)).body.data;
      const mgmt = (await admin.get(`/v1/${ MGMT }s`)).body.data;

      return harvesterClusters(prov, mgmt);
    }

    it('answers /rancherversion and the server-version setting with the configured version', async() => {
      expect((await control(sim.url).get('/rancherversion')).body).toMatchObject({ Version: e.rancherVersion, RancherPrime: 'false' });
      expect((await admin.get('/v1/management.cattle.io.settings/server-version')).body.value).toBe(e.rancherVersion);
    });

    it('the extension\'s chart annotations accept this Rancher (the shell loads it)', () => {
      expect(compatible(OUR_ANNOTATIONS, e.rancherVersion)).toBe(true);
      expect(satisfies('v1.31.4', OUR_ANNOTATIONS['catalog.cattle.io/kube-version'])).toBe(true);
    });

    it('Norman create path (what the extension uses): the provisioning cluster follows, the list finds it', async() => {
      const created = await admin.post('/v3/clusters', normanClusterCreateBody({ name: 'compat-norman' }));

      expect(created.status).toBe(201);
      const id = created.body.id as string;

      expect(id).toMatch(/^c-[a-z0-9]{5}$/);
      await waitFor('provisioning cluster', async() => (await admin.get(`/v1/${ PROV }/fleet-default/${ id }`)).status === 200);
      expect((await admin.get(`/v1/${ MGMT }/${ id }`)).body.metadata.labels[LABEL]).toBe('harvester');
      expect((await listJoin()).map((c) => c.id)).toContain(`fleet-default/${ id }`);
    });

    it(`Steve create path: the management cluster ${ e.copiesLabelsToManagement ? 'gets' : 'does not get' } the provider label, the list finds it either way`, async() => {
      const created = await admin.post(`/v1/${ PROV }/fleet-default`, {
        type: PROV, metadata: { name: 'compat-steve', namespace: 'fleet-default', labels: { [LABEL]: 'harvester' } }, spec: {},
      });

      expect(created.status).toBe(201);
      const prov = await waitFor('management cluster', async() => {
        const res = await admin.get(`/v1/${ PROV }/fleet-default/compat-steve`);

        return res.body?.status?.clusterName ? res.body : undefined;
      });
      const mgmt = (await admin.get(`/v1/${ MGMT }/${ prov.status.clusterName }`)).body;

      expect(mgmt.metadata.name).toMatch(/^c-m-[a-z0-9]{8}$/);
      expect(mgmt.metadata.labels?.[LABEL]).toBe(e.copiesLabelsToManagement ? 'harvester' : undefined);
      expect((await listJoin()).map((c) => c.id)).toContain('fleet-default/compat-steve');
    });

    it(`the Harvester UI extension for this Rancher is ${ e.harvesterExtension } (never the one needing extension API 4)`, async() => {
      expect((await admin.post('/v1/catalog.cattle.io.clusterrepos', {
        type: 'catalog.cattle.io.clusterrepo', metadata: { name: 'harvester' }, spec: { gitRepo: 'https://github.com/harvester/harvester-ui-extension', gitBranch: 'gh-pages' },
      })).status).toBe(201);
      const index = await waitFor('the index', async() => {
        const res = await admin.get('/v1/catalog.cattle.io.clusterrepos/harvester?link=index');

        return res.status === 200 ? res.body : undefined;
      });
      const versions: Array<{ version: string, annotations: Record<string, string> }> = index.entries.harvester;
      const latest = versions.find((v) => compatible(v.annotations, e.rancherVersion));

      expect(latest?.version).toBe(e.harvesterExtension);
      expect(versions.filter((v) => v.annotations['catalog.cattle.io/ui-extensions-version'].startsWith('>= 4')).every((v) => !compatible(v.annotations, e.rancherVersion))).toBe(true);

      // installed, its /v1/uiplugins entry passes the loader's version checks for this Rancher
      expect((await admin.post('/v1/catalog.cattle.io.clusterrepos/harvester?action=install', {
        charts: [{ chartName: 'harvester', version: e.harvesterExtension, releaseName: 'harvester' }], namespace: NS,
      })).status).toBe(201);
      const entry = await waitFor('the extension entry', async() => (await admin.get('/v1/uiplugins')).body.entries.harvester);

      expect(entry.version).toBe(e.harvesterExtension);
      expect(compatible(entry.metadata, e.rancherVersion)).toBe(true);
    });
  });
}
