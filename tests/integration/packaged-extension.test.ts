import type { Simulator } from '../../sim/server';
import { currentVersion, packageFixture, removeFixtures } from '../unit/packaging/fixture';
import { control, SimClient, startTestSim, waitFor } from './support/sim-client';

const NS = 'cattle-ui-plugin-system';
const NAME = 'harvester-manager';

/**
 * What `npm run package` writes installs into the simulator the way a Rancher admin installs
 * it: the repository is known to the simulator's "internet", installing the chart creates the
 * UIPlugin, the UI Plugin operator downloads `files.txt` + the listed files from plugin.endpoint,
 * and the shell's loader finds the entry in /v1/uiplugins and the script under it.
 */
describe('integration: the packaged extension through the UI Plugin path', () => {
  const version = currentVersion();
  const repo = packageFixture({ kind: 'http', url: 'https://charts.example.com/harvester-manager' });
  let sim: Simulator;
  let admin: SimClient;

  beforeAll(async() => {
    sim = await startTestSim({ extensionRepoDir: repo.outDir });
    admin = await SimClient.cookieLogin(sim.url, 'admin');
  });
  afterAll(async() => {
    await sim?.close();
    removeFixtures();
  });

  async function entry() {
    return (await admin.get('/v1/uiplugins')).body.entries[NAME];
  }

  it('is installed from its repository at start, as an admin would have done', async() => {
    const e = await entry();

    expect(e).toMatchObject({
      name: NAME, version, endpoint: `https://charts.example.com/harvester-manager/extensions/${ NAME }/${ version }`, CacheState: 'cached', Ready: true, noCache: false,
    });
    expect(e.metadata).toMatchObject({ 'catalog.cattle.io/ui-extensions-version': '>= 3.0.0 < 4.0.0', 'catalog.cattle.io/rancher-version': '>= 2.10.0-0' });
    const repoObj = (await admin.get(`/v1/catalog.cattle.io.clusterrepos/${ NAME }`)).body;

    expect(repoObj.spec.url).toBe('https://charts.example.com/harvester-manager');
    expect(repoObj.metadata.state.name).toBe('active');
    const app = (await admin.get(`/v1/catalog.cattle.io.apps/${ NS }/${ NAME }`)).body;

    expect(app.spec.chart.metadata).toMatchObject({ name: NAME, version });
    const cr = (await admin.get(`/v1/catalog.cattle.io.uiplugins/${ NS }/${ NAME }`)).body;

    expect(cr.spec.plugin).toMatchObject({
      name: NAME, version, endpoint: e.endpoint, compressedEndpoint: `${ e.endpoint }.tgz`
    });
    expect(cr.status).toMatchObject({ cacheState: 'cached', ready: true });
  });

  it('serves the script the shell loads, and every file files.txt lists', async() => {
    const script = await admin.get(`/v1/uiplugins/${ NAME }/${ version }/plugin/${ NAME }-${ version }.umd.min.js`);

    expect(script.status).toBe(200);
    expect(script.text).toContain(`window["${ NAME }-${ version }"]`);
    expect((await admin.get(`/v1/uiplugins/${ NAME }/${ version }/plugin/img/logo.svg`)).headers.get('content-type')).toMatch(/svg/);
    expect((await admin.get(`/v1/uiplugins/${ NAME }/${ version }/plugin/report.html`)).status).toBe(404);
    expect((await admin.get(`/v1/uiplugins/${ NAME }/0.0.0/plugin/${ NAME }-${ version }.umd.min.js`)).status).toBe(404);
  });

  it('lists the chart with its annotations in the repository index (what the Extensions page shows)', async() => {
    const index = (await admin.get(`/v1/catalog.cattle.io.clusterrepos/${ NAME }?link=index`)).body;

    expect(index.entries[NAME][0]).toMatchObject({ version, annotations: expect.objectContaining({ 'catalog.cattle.io/display-name': 'Harvester Manager', 'catalog.cattle.io/ui-component': 'plugins' }) });
  });

  it('uninstalls and installs again through the catalog API', async() => {
    expect((await admin.post(`/v1/catalog.cattle.io.apps/${ NS }/${ NAME }?action=uninstall`, {})).status).toBe(201);
    await waitFor('the extension to leave /v1/uiplugins', async() => !(await entry()));
    const res = await admin.post(`/v1/catalog.cattle.io.clusterrepos/${ NAME }?action=install`, {
      charts: [{
        chartName: NAME, version, releaseName: NAME, annotations: {}, values: {}
      }],
      namespace: NS
    });

    expect(res.status).toBe(201);
    await waitFor('the extension to be ready again', async() => (await entry())?.Ready);
  });

  it('reinstalls the packaged extension after /sim/reset', async() => {
    await control(sim.url).post('/sim/reset', {});
    const again = await SimClient.cookieLogin(sim.url, 'admin');

    expect((await again.get('/v1/uiplugins')).body.entries[NAME]).toMatchObject({ version, Ready: true });
  });
});
