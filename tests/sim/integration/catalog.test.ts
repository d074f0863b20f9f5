import type { Simulator } from '../../../sim/server';
import {
  control, expectRancherError, SimClient, startTestSim, waitFor
} from '../../integration/support/sim-client';

const REPOS = '/v1/catalog.cattle.io.clusterrepos';
const NS = 'cattle-ui-plugin-system';
const HARVESTER_REPO = { gitRepo: 'https://github.com/harvester/harvester-ui-extension', gitBranch: 'gh-pages' };

/**
 * The catalog the Harvester UI extension panel drives, over HTTP the way the shell's
 * `utils/uiplugins` helpers call it: add the Harvester repository, refresh it, read its index,
 * install/upgrade the `harvester` chart, watch the UIPlugin appear in `/v1/uiplugins` and its
 * script get served, uninstall; RBAC and fault injection on the way.
 */
describe('integration: catalog (cluster repositories, Helm releases, UI Plugin operator)', () => {
  let sim: Simulator;
  let admin: SimClient;
  let owner: SimClient;
  let sim$: SimClient;

  beforeAll(async() => {
    sim = await startTestSim();
    admin = await SimClient.cookieLogin(sim.url, 'admin');
    owner = await SimClient.cookieLogin(sim.url, 'project-owner');
    sim$ = control(sim.url);
  });
  afterAll(async() => {
    await sim?.close();
  });

  async function repoDownloaded(name: string) {
    return waitFor(`repository ${ name } downloaded`, async() => {
      const res = await admin.get(`${ REPOS }/${ name }`);

      return res.body?.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Downloaded' && c.status === 'True') && res.body.metadata.state.name === 'active' ? res.body : undefined;
    });
  }

  async function install(action: 'install' | 'upgrade', version: string, client = admin) {
    return client.post(`${ REPOS }/harvester?action=${ action }`, {
      charts: [{
        chartName: 'harvester', version, releaseName: 'harvester', annotations: { 'catalog.cattle.io/ui-source-repo-type': 'cluster', 'catalog.cattle.io/ui-source-repo': 'harvester' }, values: {},
      }],
      noHooks:                  false,
      timeout:                  '1000s',
      wait:                     true,
      namespace:                NS,
      projectId:                '',
      disableOpenAPIValidation: false,
      skipCRDs:                 false,
    });
  }

  async function uiPluginEntry(version: string) {
    return waitFor(`harvester ${ version } in /v1/uiplugins`, async() => {
      const res = await admin.get('/v1/uiplugins');
      const entry = res.body.entries.harvester;

      return entry?.version === version && entry.Ready ? entry : undefined;
    });
  }

  it('starts with no repository and no extension; /v1/uiplugins is the operator index', async() => {
    const res = await admin.get('/v1/uiplugins');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ entries: {} });
    expect((await admin.get(REPOS)).body.data).toEqual([]);
  });

  it('a standard user may not add a repository; an unknown host fails to download', async() => {
    expectRancherError(await owner.post(REPOS, {
      type: 'catalog.cattle.io.clusterrepo', metadata: { name: 'harvester' }, spec: HARVESTER_REPO
    }), 403, 'Forbidden');
    const bad = await admin.post(REPOS, {
      type: 'catalog.cattle.io.clusterrepo', metadata: { name: 'elsewhere' }, spec: { url: 'https://charts.example.invalid' }
    });

    expect(bad.status).toBe(201);
    const failed = await waitFor('elsewhere to fail', async() => {
      const r = await admin.get(`${ REPOS }/elsewhere`);

      return r.body.metadata.state.name === 'error' ? r.body : undefined;
    });

    expect(failed.status.conditions.find((c: { type: string }) => c.type === 'Downloaded')).toMatchObject({ status: 'False' });
    expect((await admin.delete(`${ REPOS }/elsewhere`)).status).toBe(200);
    expectRancherError(await admin.post(REPOS, {
      type: 'catalog.cattle.io.clusterrepo', metadata: { name: 'nourl' }, spec: {}
    }), 422);
  });

  it('adds the Harvester repository, which downloads its index with links and (for admins) install actions', async() => {
    const created = await admin.post(REPOS, {
      type: 'catalog.cattle.io.clusterrepo', metadata: { name: 'harvester' }, spec: HARVESTER_REPO
    });

    expect(created.status).toBe(201);
    const repo = await repoDownloaded('harvester');

    expect(repo.links.index).toBe(`${ sim.url }${ REPOS }/harvester?link=index`);
    expect(repo.actions.install).toBe(`${ sim.url }${ REPOS }/harvester?action=install`);
    const ownerView = await owner.get(`${ REPOS }/harvester`);

    expect(ownerView.status).toBe(200);
    expect(ownerView.body.actions).toBeUndefined();
    expect(ownerView.body.links.update).toBeUndefined();

    const index = await owner.get(`${ REPOS }/harvester?link=index`);

    expect(index.status).toBe(200);
    expect(index.body.entries.harvester.map((e: { version: string }) => e.version)).toEqual(['1.7.0', '1.6.0', '1.5.1', '1.5.0', '1.0.3']);
    expect(index.body.entries.harvester[1].annotations).toMatchObject({
      'catalog.cattle.io/ui-component':          'plugins',
      'catalog.cattle.io/rancher-version':       '>= 2.12.0-0',
      'catalog.cattle.io/ui-extensions-version': '>= 3.0.0 < 4.0.0',
    });
    // the shell's Apps and Extensions pages read the same API through the local cluster's proxy
    expect((await owner.get(`/k8s/clusters/local${ REPOS }/harvester?link=index`)).body.entries.harvester).toHaveLength(5);
    const info = await admin.get(`${ REPOS }/harvester?link=info&chartName=harvester&version=1.6.0`);

    expect(info.body.chart).toMatchObject({ name: 'harvester', version: '1.6.0' });
  });

  it('only admins install; a chart version the index does not list is refused', async() => {
    expectRancherError(await install('install', '1.6.0', owner), 403, 'Forbidden');
    expectRancherError(await install('install', '9.9.9'), 404);
    expectRancherError(await admin.post(`${ REPOS }/harvester?action=install`, { charts: [] }), 422);
  });

  it('install runs a helm operation, creates the App and the UIPlugin, and the operator serves the script', async() => {
    const res = await install('install', '1.5.1');

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'chartActionOutput', operationNamespace: NS, operationName: expect.stringMatching(/^helm-operation-/)
    });
    const entry = await uiPluginEntry('1.5.1');

    expect(entry).toMatchObject({
      name: 'harvester', endpoint: 'https://raw.githubusercontent.com/harvester/harvester-ui-extension/gh-pages/extensions/harvester/1.5.1', CacheState: 'cached', noAuth: false,
    });
    expect(entry.metadata['catalog.cattle.io/ui-extensions-version']).toBe('>= 3.0.0 < 4.0.0');
    const app = await admin.get(`/v1/catalog.cattle.io.apps/${ NS }/harvester`);

    expect(app.body.spec.chart.metadata.version).toBe('1.5.1');
    expect(app.body.actions.uninstall).toBeDefined();
    const op = await admin.get(`/v1/catalog.cattle.io.operations/${ NS }/${ res.body.operationName }`);

    expect(op.body.metadata.state.name).toBe('successful');
    const script = await admin.get('/v1/uiplugins/harvester/1.5.1/plugin/harvester-1.5.1.umd.min.js');

    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.text).toContain('window[id] = { default: init }');
    expect(script.text).toContain('"harvester-1.5.1"');
    // a standard user sees the index and loads the script too; anonymous callers see no entry
    expect((await owner.get('/v1/uiplugins')).body.entries.harvester.version).toBe('1.5.1');
    expect((await sim$.get('/v1/uiplugins')).body.entries).toEqual({});
    expect((await sim$.get('/v1/uiplugins/harvester/1.5.1/plugin/harvester-1.5.1.umd.min.js')).status).toBe(404);
  });

  it('installing the same release again fails in the operation, as helm does', async() => {
    const res = await install('install', '1.6.0');
    const op = await waitFor('operation to finish', async() => {
      const r = await admin.get(`/v1/catalog.cattle.io.operations/${ NS }/${ res.body.operationName }`);

      return r.body.metadata.state.name !== 'running' ? r.body : undefined;
    });

    expect(op.metadata.state).toMatchObject({ name: 'failed', error: true });
    expect(op.metadata.state.message).toMatch(/still in use/);
  });

  it('a new release published upstream shows after a refresh (forceUpdate), and upgrade moves the UIPlugin to it', async() => {
    expect((await sim$.put('/sim/catalog/remotes/harvester', {
      versions: ['1.6.0', '1.5.1', {
        version: '1.6.1', rancherVersion: '>= 2.12.0-0', extensionsVersion: '>= 3.0.0 < 4.0.0'
      }]
    })).status).toBe(200);
    expect((await admin.get(`${ REPOS }/harvester?link=index`)).body.entries.harvester.map((e: { version: string }) => e.version)).not.toContain('1.6.1');
    const repo = (await admin.get(`${ REPOS }/harvester`)).body;

    repo.spec.forceUpdate = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const put = await admin.put(`${ REPOS }/harvester`, repo);

    expect(put.status).toBe(200);
    expect(put.body.metadata.state.name).toBe('in-progress');
    await repoDownloaded('harvester');
    expect((await admin.get(`${ REPOS }/harvester?link=index`)).body.entries.harvester.map((e: { version: string }) => e.version)).toEqual(['1.6.1', '1.6.0', '1.5.1']);

    expect((await install('upgrade', '1.6.1')).status).toBe(201);
    await uiPluginEntry('1.6.1');
    expect((await admin.get('/v1/uiplugins/harvester/1.6.1/plugin/harvester-1.6.1.umd.min.js')).status).toBe(200);
    expect((await admin.get('/v1/uiplugins/harvester/1.5.1/plugin/harvester-1.5.1.umd.min.js')).status).toBe(404);
    const state = (await sim$.get('/sim/catalog')).body;

    expect(state.apps).toEqual([expect.objectContaining({
      id: `${ NS }/harvester`, chart: 'harvester', version: '1.6.1', revision: 2
    })]);
    expect(state.cache.harvester).toEqual({ version: '1.6.1', files: 2 });
  });

  it('an injected fault makes the install request fail (the panel\'s "automatic install failed")', async() => {
    const fault = await sim$.post('/sim/faults', {
      kind: 'http', method: 'POST', path: 're:^/v1/catalog\\.cattle\\.io\\.clusterrepos/[^/]+$', status: 500, times: 1,
    });

    expect(fault.status).toBe(201);
    expectRancherError(await install('upgrade', '1.6.1'), 500);
  });

  it('uninstall removes the App and the UIPlugin, and the index entry goes', async() => {
    const res = await admin.post(`/v1/catalog.cattle.io.apps/${ NS }/harvester?action=uninstall`, {});

    expect(res.status).toBe(201);
    await waitFor('harvester to leave /v1/uiplugins', async() => !(await admin.get('/v1/uiplugins')).body.entries.harvester);
    expect((await admin.get(`/v1/catalog.cattle.io.apps/${ NS }/harvester`)).status).toBe(404);
    expect((await admin.get(`/v1/catalog.cattle.io.uiplugins/${ NS }/harvester`)).status).toBe(404);
  });

  it('/sim/reset forgets the catalog and restores the default Harvester offer', async() => {
    expect((await sim$.post('/sim/reset', {})).status).toBe(200);
    const state = (await sim$.get('/sim/catalog')).body;

    expect(state.repositories).toEqual([]);
    expect(state.remotes.harvester.map((v: { version: string }) => v.version)).toEqual(['1.7.0', '1.6.0', '1.5.1', '1.5.0', '1.0.3']);
  });
});
