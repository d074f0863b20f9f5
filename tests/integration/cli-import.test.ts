import axios from 'axios';
import { CliSim, openHarvesterWithKubeconfig } from './support/cli-harness';

// `harvester-manager import` against the simulator, in-process.

describe('cli: import', () => {
  let h: CliSim;

  beforeAll(async() => {
    h = await CliSim.start();
  });
  afterAll(() => h.close());

  it('creates the cluster the way the extension does and prints the registration', async() => {
    const res = await h.cli(['import', 'lab-one', '--description', 'Lab one', '--label', 'team=virt']);

    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/Created Harvester cluster "lab-one" in Rancher as c-[a-z0-9]{5}/);

    const state = await h.state();
    const clusters = state.clusters as { id: string; clusterId: string; managementLabels: Record<string, string> }[];
    const cluster = clusters.find((c) => c.managementLabels['provider.cattle.io'] === 'harvester' && /^fleet-default\/c-/.test(c.id))!;

    expect(cluster).toBeDefined();
    expect(cluster.managementLabels).toMatchObject({ 'provider.cattle.io': 'harvester', team: 'virt' });

    const tokens = await axios.get(`${ h.url }/v3/clusterregistrationtokens?clusterId=${ cluster.clusterId }`, { headers: { Authorization: `Bearer ${ await h.token() }` } });
    const url = tokens.data.data[0].manifestUrl;

    expect(url).toContain(h.url);
    expect(res.stdout).toContain(`Registration of Harvester cluster "lab-one" (${ cluster.id })`);
    expect(res.stdout).toContain(`  ${ url }\n`);
    expect(res.stdout).toContain(`{"url":"${ url }","insecureSkipTLSVerify":false}`);
    expect(res.stdout).toContain(`{"url":"${ url }","insecureSkipTLSVerify":true}`);
    expect(res.stdout).toContain(`kubectl apply -f ${ url }`);
    expect(res.stdout).toContain(`curl --insecure -sfL ${ url } | kubectl apply -f -`);
    expect(res.stdout).toContain('kubectl patch settings.harvesterhci.io cluster-registration-url --type merge');
  });

  it('is idempotent: a re-run prints the same registration and creates nothing', async() => {
    const before = await h.state();
    const res = await h.cli(['import', 'lab-one', '-o', 'json']);

    expect(res.code).toBe(0);
    expect(res.stderr).toContain('already exists');

    const doc = JSON.parse(res.stdout);

    expect(doc).toMatchObject({
      name: 'lab-one', created: false, existed: true, dryRun: false
    });
    expect(doc.registration.url).toMatch(/\/v3\/import\/[a-z0-9]+_c-[a-z0-9]{5}\.yaml$/);
    expect((await h.state()).clusters).toEqual(before.clusters);
    expect((await h.state()).tokens).toEqual(before.tokens);
  });

  it('prints yaml', async() => {
    const res = await h.cli(['import', 'lab-one', '-o', 'yaml']);

    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^name: lab-one\n/);
    expect(res.stdout).toContain('registration:\n  url: ');
  });

  it('--dry-run changes nothing and says what it would do', async() => {
    const kubeconfig = await h.createHarvester('dry-harvester', 'v1.8.0');
    const before = await h.state();
    const res = await h.cli(['import', 'dry-new', '--dry-run', '--harvester-kubeconfig', kubeconfig, '-o', 'json']);

    expect(res.code).toBe(0);
    expect(await h.state()).toEqual(before);

    const doc = JSON.parse(res.stdout);

    expect(doc).toMatchObject({
      dryRun:      true,
      created:     false,
      existed:     false,
      id:          null,
      wouldCreate: {
        method: 'POST', path: '/v3/clusters', body: { name: 'dry-new', labels: { 'provider.cattle.io': 'harvester' } }
      },
      harvester: {
        version: 'v1.8.0', settingFormat: 'json', action: 'would-set'
      },
    });
    expect(res.stderr).toContain('Dry run: would create Harvester cluster "dry-new"');

    const table = await h.cli(['import', 'dry-new', '--dry-run']);

    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Dry run: nothing was changed');
    expect(await h.state()).toEqual(before);
  });

  it('--dry-run on an existing cluster with a Harvester kubeconfig changes nothing either', async() => {
    const kubeconfig = await h.createHarvester('dry-existing', 'v1.4.1');
    const before = await h.state();
    const res = await h.cli(['import', 'lab-one', '--dry-run', '--harvester-kubeconfig', kubeconfig]);

    expect(res.code).toBe(0);
    expect(res.stderr).toContain('Dry run: would set cluster-registration-url on Harvester');
    expect(res.stderr).toContain('v1.4.1: plain URL');
    expect(await h.state()).toEqual(before);
    expect((await h.harvester('dry-existing')).settings['cluster-registration-url']).toBe('');
  });

  it('refuses a name another (non-Harvester) cluster has', async() => {
    await h.createOtherCluster('rke2-prod');
    const before = await h.state();
    const res = await h.cli(['import', 'rke2-prod']);

    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Another Rancher cluster (not Harvester) is already named "rke2-prod"');
    expect(res.stderr).toContain('Fix: Choose another name');
    expect(await h.state()).toEqual(before);
  });

  it('refuses "local", the Rancher cluster itself', async() => {
    const res = await h.cli(['import', 'local']);

    expect(res.code).toBe(1);
    expect(res.stderr).toContain('"local" is reserved by Rancher');
  });

  it('rejects invalid names as a usage error, listing every problem', async() => {
    const res = await h.cli(['import', 'Bad.Name_']);

    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Name must not contain dots');
    expect(res.stderr).toContain('Name must be lowercase');
    expect(res.stderr).toContain('not allowed: _');
  });

  it('rejects bad labels and a provider label that contradicts the import', async() => {
    expect((await h.cli(['import', 'x1', '--label', 'novalue'])).code).toBe(2);
    expect((await h.cli(['import', 'x1', '--label', 'provider.cattle.io=rke2'])).stderr).toContain('contradicts the import');
  });

  it('sets the plain URL on a Harvester before v1.8 and waits until Active', async() => {
    const kubeconfig = await h.createHarvester('harv-old', 'v1.4.1');
    const res = await h.cli(['import', 'old-harv', '--harvester-kubeconfig', kubeconfig, '--wait', '--interval', '100ms', '--timeout', '20s', '-o', 'json']);

    expect(res.stderr).toContain('Set cluster-registration-url on Harvester');
    expect(res.code).toBe(0);

    const doc = JSON.parse(res.stdout);
    const harvester = await h.harvester('harv-old');

    expect(doc.harvester).toMatchObject({
      version: 'v1.4.1', settingFormat: 'plain', action: 'set'
    });
    expect(harvester.settings['cluster-registration-url']).toBe(doc.registration.url);
    expect(harvester.agent?.clusterId).toBe(doc.clusterId);
    expect(doc.status).toMatchObject({ state: 'active', harvesterVersion: 'v1.4.1' });
    expect(doc.registration.recommendedPatchCommand).toBe(doc.registration.patchCommands.plain);
    expect(res.stderr).toMatch(/done: Harvester agent connected/);
    expect(res.stderr).toMatch(/state: Active/);
  });

  it('writes the JSON value on Harvester v1.8+, and a re-run leaves it alone', async() => {
    const kubeconfig = await h.createHarvester('harv-new', 'v1.8.1');
    const first = await h.cli(['import', 'new-harv', '--harvester-kubeconfig', kubeconfig, '--registration-insecure', '-o', 'json']);

    expect(first.code).toBe(0);

    const doc = JSON.parse(first.stdout);

    expect(doc.harvester).toMatchObject({
      version: 'v1.8.1', settingFormat: 'json', action: 'set'
    });
    expect((await h.harvester('harv-new')).settings['cluster-registration-url']).toBe(doc.registration.settingValueInsecure);

    const again = await h.cli(['import', 'new-harv', '--harvester-kubeconfig', kubeconfig, '--registration-insecure', '--wait', '--interval', '100ms']);

    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already has cluster-registration-url set to this cluster's URL|already Active/);
  });

  it('does not create anything when the Harvester already registers elsewhere', async() => {
    const kubeconfig = await h.createHarvester('harv-taken', 'v1.5.0');

    await (await openHarvesterWithKubeconfig({ kubeconfig })).setRegistrationSetting('https://other-rancher.example.com/v3/import/abc_c-zzzzz.yaml');
    const before = await h.state();
    const res = await h.cli(['import', 'taken-harv', '--harvester-kubeconfig', kubeconfig]);

    expect(res.code).toBe(1);
    expect(res.stderr).toContain('already registering with a Rancher at other-rancher.example.com');
    expect(res.stderr).toContain('--replace-registration-url');
    expect((await h.state()).clusters).toEqual(before.clusters);
  });

  it('--replace-registration-url takes over a stale registration', async() => {
    const kubeconfig = await h.createHarvester('harv-stale', 'v1.4.1');

    await (await openHarvesterWithKubeconfig({ kubeconfig })).setRegistrationSetting('https://old-rancher.example.com/v3/import/abc_c-zzzzz.yaml');
    const res = await h.cli(['import', 'stale-harv', '--harvester-kubeconfig', kubeconfig, '--replace-registration-url', '-o', 'json']);

    expect(res.code).toBe(0);
    expect((await h.harvester('harv-stale')).settings['cluster-registration-url']).toBe(JSON.parse(res.stdout).registration.url);
  });

  it('--registration-insecure on a Harvester before v1.7.2 is refused before anything is created', async() => {
    const kubeconfig = await h.createHarvester('harv-insecure-old', 'v1.7.1');
    const before = await h.state();
    const res = await h.cli(['import', 'insecure-old', '--harvester-kubeconfig', kubeconfig, '--registration-insecure']);

    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Harvester v1.7.1 takes only a plain URL');
    expect(res.stderr).toContain('curl --insecure');
    expect(await h.state()).toEqual(before);
  });

  it('removes the half-made cluster when Rancher never shows its provisioning cluster (the domain import sequence)', async() => {
    const before = await h.state();

    await axios.post(`${ h.url }/sim/faults`, {
      kind: 'http', method: 'GET', path: 're:^/v1/provisioning\\.cattle\\.io\\.clusters/fleet-default/c-', status: 404, code: 'NotFound', message: 'not yet'
    });
    try {
      const res = await h.cli(['import', 'half-made', '--timeout', '1s']);

      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/Rancher did not create the provisioning cluster fleet-default\/c-[a-z0-9]{5} within 1 seconds/);
      expect(res.stderr).toMatch(/Fix: The half-made cluster c-[a-z0-9]{5} was removed again, nothing is left behind/);
    } finally {
      await axios.delete(`${ h.url }/sim/faults`);
    }
    expect((await h.state()).managementClusters).toEqual(before.managementClusters);
  });

  it('--wait times out with exit 3, the registration on stdout and the remedy on stderr', async() => {
    const res = await h.cli(['import', 'never-registered', '--wait', '--timeout', '1s', '--interval', '200ms']);

    expect(res.code).toBe(3);
    expect(res.stdout).toContain('Registration URL');
    expect(res.stderr).toMatch(/Error: Cluster never-registered is still Pending after 1s/);
    expect(res.stderr).toMatch(/Fix: /);
  });

  it('a read-only user gets exit 4 and nothing changes, also in a dry run', async() => {
    const before = await h.state();
    const res = await h.cli(['import', 'ro-cluster'], { user: 'project-readonly' });

    expect(res.code).toBe(4);
    expect(res.stderr).toContain('403 Forbidden');
    expect(res.stderr).toMatch(/Fix: .*administrator/);

    const dry = await h.cli(['import', 'ro-cluster', '--dry-run'], { user: 'project-readonly' });

    expect(dry.code).toBe(4);
    expect(dry.stderr).toContain('You may not import clusters');
    expect((await h.state()).clusters).toEqual(before.clusters);
    expect((await h.state()).managementClusters).toEqual(before.managementClusters);
  });

  it('a Standard User with no clusters imports, waiting through the 403 before Rancher makes them owner', async() => {
    // Until Rancher's auth controller binds the creator, Steve refuses their GET by id (403
    // PermissionDenied: their schema is POST-only); the fault makes that window certain.
    await axios.post(`${ h.url }/sim/faults`, {
      kind: 'http', method: 'GET', path: 're:^/v1/provisioning\\.cattle\\.io\\.clusters/fleet-default/c-', status: 403, code: 'PermissionDenied', message: 'Method GET not supported', times: 3,
    });
    try {
      const res = await h.cli(['import', 'std-one'], { user: 'standard-user' });

      expect(res.stderr).not.toMatch(/removed again/);
      expect(res.code).toBe(0);
      expect(res.stderr).toMatch(/Created Harvester cluster "std-one" in Rancher as c-[a-z0-9]{5}/);
      expect(res.stdout).toContain('Registration URL');
    } finally {
      await axios.delete(`${ h.url }/sim/faults`);
    }
    const listed = JSON.parse((await h.cli(['list', '-o', 'json', '--no-versions'], { user: 'standard-user' })).stdout);

    expect(listed.items.map((i: { name: string }) => i.name)).toEqual(['std-one']);
  });

  it('a Standard User may reuse a name only clusters they cannot see carry (Norman checks listable clusters only)', async() => {
    const res = await h.cli(['import', 'harvester-lab'], { user: 'standard-user' });

    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/Created Harvester cluster "harvester-lab" in Rancher as c-[a-z0-9]{5}/);
  });
});
