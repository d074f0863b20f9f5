import fs from 'fs';
import path from 'path';
import semver from 'semver';
import type { Simulator } from '../../../sim/server';
import {
  decideClusterState, harvesterClusters, harvesterPageQuery, LATEST_DIALECT, normanClusterCreateBody, pageQueryString, pageRows,
  projectMembersQuery, projectsQuery, projectsWithMembers, provisioningOfManagementQuery, steveDialect, type SteveDialect,
} from '../../../pkg/harvester-manager/domain';
import { control, SimClient, startTestSim, waitFor } from './sim-client';

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
  /** `ui-sql-cache` (SIM_UI_SQL_CACHE); unset: as the release ships it. */
  uiSqlCache?: boolean;
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
  const cache = e.uiSqlCache === undefined ? 'ui-sql-cache as shipped' : `ui-sql-cache ${ e.uiSqlCache ? 'on' : 'off' }`;

  describe(`integration: Rancher ${ e.rancherVersion } (${ cache }) behaviours`, () => {
    let sim: Simulator;
    let admin: SimClient;
    let dialect: SteveDialect;

    beforeAll(async() => {
      // The cluster-connected checker every 100 ms instead of 15 s: new imports meet Connected=False at once.
      sim = await startTestSim({
        rancherVersion: e.rancherVersion, uiSqlCache: e.uiSqlCache, connectedCheckMs: 100
      });
      admin = await SimClient.cookieLogin(sim.url, 'admin');
      // What the extension reads (adapters/steve-dialect.ts): the server-version setting and the ui-sql-cache feature.
      const feature = (await admin.get('/v1/management.cattle.io.features/ui-sql-cache')).body;

      dialect = steveDialect((await admin.get('/v1/management.cattle.io.settings/server-version')).body.value, feature.spec.value ?? feature.status.default);
    });

    /** One page of the list as the extension asks for it (adapters/cluster-page.ts), in the given dialect. */
    async function productPage(request: Parameters<typeof harvesterPageQuery>[0], asked: SteveDialect = dialect) {
      const query = harvesterPageQuery(request, asked);
      const mgmts = await admin.get(`/v1/${ MGMT }s?${ pageQueryString(query, asked) }`);

      expect(mgmts.status).toBe(200);
      const ids = mgmts.body.data.map((m: { id: string }) => m.id);
      const provs = ids.length ? (await admin.get(`/v1/${ PROV }s?${ pageQueryString(provisioningOfManagementQuery(ids, asked), asked) }`)).body.data : [];

      return { rows: pageRows(mgmts.body.data, provs), count: mgmts.body.count ?? 0 };
    }

    const PAGE = {
      page: 1, pageSize: 10, sortFields: ['spec.displayName'], searchFields: ['spec.displayName', 'metadata.state.name']
    };

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

    it('Steve create path: the management cluster gets the provider label at creation (every release), the list finds it', async() => {
      const created = await admin.post(`/v1/${ PROV }/fleet-default`, {
        type:     PROV,
        metadata: {
          name: 'compat-steve', namespace: 'fleet-default', labels: { [LABEL]: 'harvester' }
        },
        spec: {},
      });

      expect(created.status).toBe(201);
      const prov = await waitFor('management cluster', async() => {
        const res = await admin.get(`/v1/${ PROV }/fleet-default/compat-steve`);

        return res.body?.status?.clusterName ? res.body : undefined;
      });
      const mgmt = (await admin.get(`/v1/${ MGMT }/${ prov.status.clusterName }`)).body;

      expect(mgmt.metadata.name).toMatch(/^c-m-[a-z0-9]{8}$/);
      expect(mgmt.metadata.labels?.[LABEL]).toBe('harvester');
      expect((await listJoin()).map((c) => c.id)).toContain('fleet-default/compat-steve');
    });

    it('a new import nobody registered yet: Rancher says Connected=False, the extension says Pending and lists it', async() => {
      const created = await admin.post('/v3/clusters', normanClusterCreateBody({ name: 'compat-waiting' }));
      const id = created.body.id as string;
      const mgmt = await waitFor('Connected=False', async() => {
        const body = (await admin.get(`/v1/${ MGMT }/${ id }`)).body;

        return body?.status?.conditions?.some((c: { type: string, status: string }) => c.type === 'Connected' && c.status === 'False') ? body : undefined;
      });
      const prov = await waitFor('provisioning cluster', async() => (await admin.get(`/v1/${ PROV }/fleet-default/${ id }`)).body?.status?.clusterName && (await admin.get(`/v1/${ PROV }/fleet-default/${ id }`)).body);

      expect(decideClusterState({
        id: prov.id, provisioning: prov, management: mgmt, managementId: id
      } as never).state).toBe('pending');
      const page = await productPage({ ...PAGE, searchQuery: 'compat-waiting' });

      expect(page.rows.map((r) => r.managementId)).toEqual([id]);
    });

    it('the extension\'s list query finds, searches and sorts Harvester clusters here, and never asks for what this Steve refuses', async() => {
      const all = await productPage({ ...PAGE, pageSize: 100 });
      const names = all.rows.map((r) => r.management?.spec?.displayName);

      expect(names).toEqual(expect.arrayContaining(['harvester-lab', 'harvester-prod', 'compat-norman', 'compat-steve']));
      expect(names).not.toContain('local');
      expect(all.count).toBe(all.rows.length);
      expect([...names].sort()).toEqual(names);
      expect((await productPage({ ...PAGE, searchQuery: 'prod' })).rows.map((r) => r.management?.spec?.displayName)).toEqual(['harvester-prod']);
      // The Kubernetes Version column: sorted where Steve can, left out where its SQL cache would answer 422.
      const byVersion = await productPage({
        ...PAGE, sortFields: ['status.version.gitVersion'], searchFields: ['status.version.gitVersion'], searchQuery: 'v1.3'
      });

      expect(byVersion.rows.length).toBeGreaterThan(0);
      // Paging: two pages of one row hold two different clusters.
      const first = await productPage({ ...PAGE, pageSize: 1 });
      const second = await productPage({
        ...PAGE, pageSize: 1, page: 2
      });

      expect(first.rows).toHaveLength(1);
      expect(second.rows[0]?.id).not.toBe(first.rows[0]?.id);
    });

    it('what the extension sent before this release was modelled hides registering clusters without the SQL cache', async() => {
      const mgmts = await admin.get(`/v1/${ MGMT }s?${ pageQueryString(harvesterPageQuery({ ...PAGE, sortFields: ['status.version.gitVersion'] }, LATEST_DIALECT), LATEST_DIALECT) }`);
      const legacy = !dialect.sqlCache;

      if (legacy) {
        // The list processor never matches metadata.labels[provider.cattle.io]: only clusters with status.provider
        // (set once Ready) came back, so every registering import was hidden.
        const names = mgmts.body.data.map((m: { spec: { displayName: string } }) => m.spec.displayName);

        expect(names).toContain('harvester-prod');
        expect(names).not.toContain('compat-waiting');
      } else {
        expect(mgmts.status).toBe(200);
      }
      // The old Kubernetes Version sort field (status.info.kubernetesVersion) is a 422 on every SQL cache.
      const oldSort = await admin.get(`/v1/${ MGMT }s?sort=status.info.kubernetesVersion&pagesize=10`);

      expect(oldSort.status).toBe(dialect.sqlCache ? 422 : 200);
    });

    it('the Projects & Members queries (domain/tenancy.ts) are accepted here and find the seeded project\'s members and roles', async() => {
      const users = (await admin.get('/v1/management.cattle.io.users')).body.data as { id: string; username: string }[];
      const idOf = (username: string) => users.find((u) => u.username === username)?.id;
      const prod = (await admin.get(`/v1/${ MGMT }s`)).body.data.find((m: { spec: { displayName: string } }) => m.spec.displayName === 'harvester-prod');
      const projects = await admin.get(`/v1/management.cattle.io.projects/${ prod.id }?${ pageQueryString(projectsQuery(1, 50, dialect), dialect) }`);

      expect(projects.status).toBe(200);
      const bindings = await admin.get(`/v1/management.cattle.io.projectroletemplatebindings?${ pageQueryString(projectMembersQuery(projects.body.data, dialect), dialect) }`);

      expect(bindings.status).toBe(200);
      const joined = projectsWithMembers(projects.body.data, bindings.body.data, prod.id);
      const defaultProject = joined.find((p) => p.displayName === 'Default');

      expect(joined.map((p) => p.displayName).sort()).toEqual(['Default', 'System']);
      expect(defaultProject?.members.map((m) => [m.subject.id, m.role]).sort()).toEqual([[idOf('project-owner'), 'owner'], [idOf('project-readonly'), 'readOnly']].sort());
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
        charts: [{
          chartName: 'harvester', version: e.harvesterExtension, releaseName: 'harvester'
        }],
        namespace: NS
      })).status).toBe(201);
      const entry = await waitFor('the extension entry', async() => (await admin.get('/v1/uiplugins')).body.entries.harvester);

      expect(entry.version).toBe(e.harvesterExtension);
      expect(compatible(entry.metadata, e.rancherVersion)).toBe(true);
    });
  });
}
