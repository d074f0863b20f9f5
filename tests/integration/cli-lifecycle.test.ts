import { CliSim } from './support/cli-harness';

// The whole life of a Harvester cluster through the installed command (npm install -g of the packed
// cli/ package, run with plain node; @kubernetes/client-node on the Harvester side): import and register through
// Harvester's Kubernetes API, wait until Active, see it in list and status, delete it, and find
// Harvester's cattle-system namespace intact.

jest.setTimeout(90_000);

describe('cli: lifecycle through the installed harvester-manager', () => {
  let h: CliSim;

  beforeAll(async() => {
    h = await CliSim.start({ harvesterDelayMs: 200, deleteDelayMs: 200 });
  });
  afterAll(() => h.close());

  it('import → register via --harvester-kubeconfig → Active → list/status → delete → gone, cattle-system intact', async() => {
    const kubeconfig = await h.createHarvester('rack-7', 'v1.8.0');

    const imported = await h.spawnCli(['import', 'rack-7', '--harvester-kubeconfig', kubeconfig, '--wait', '--timeout', '60s', '--interval', '200ms']);

    expect(imported.stderr).toContain('Set cluster-registration-url on Harvester');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Registration URL (Harvester setting cluster-registration-url):');
    expect(imported.stdout).toContain('Harvester cluster "rack-7" is Active.');
    expect(imported.stderr).toMatch(/\[\d+s\] state: Active/);

    const harvester = await h.harvester('rack-7');

    expect(harvester.settings['cluster-registration-url']).toMatch(/^\{"url":"http:\/\/127\.0\.0\.1:\d+\/v3\/import\/[a-z0-9]+_c-[a-z0-9]{5}\.yaml","insecureSkipTLSVerify":false\}$/);
    expect(harvester.namespaces).toContain('cattle-system');
    expect(harvester.agent).not.toBeNull();

    // Rancher fills the Kubernetes version a moment after the agent connected (until then the
    // list says "-"); the installed command starts fast enough to see that moment
    await h.settle();
    const list = await h.spawnCli(['list']);

    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^NAME\s+STATE\s+HARVESTER\s+KUBERNETES\s+AGE\s+ID$/m);
    expect(list.stdout).toMatch(/^rack-7\s+Active\s+v1\.8\.0\s+v1\.31\.4\+rke2r1\s+\d+s\s+fleet-default\/c-[a-z0-9]{5}$/m);

    const status = await h.spawnCli(['status', 'rack-7', '-o', 'json']);

    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      name:             'rack-7',
      state:            'active',
      harvesterVersion: 'v1.8.0',
      connected:        'True',
      stalls:           [],
      timeline:         [{ step: 'created', status: 'done' }, { step: 'tokenReady', status: 'done' }, { step: 'agentConnected', status: 'done' }, { step: 'active', status: 'done' }],
    });

    // typed confirmation read from stdin
    const deleted = await h.spawnCli(['delete', 'rack-7', '--interval', '200ms'], { stdin: ['rack-7'] });

    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain('Never run kubectl delete -f');
    expect(deleted.stderr).toContain('Enter rack-7 below to confirm:');
    expect(deleted.stdout).toContain('Deleted Harvester cluster "rack-7"');

    const after = await h.harvester('rack-7');

    expect(after.agent).toBeNull();
    expect(after.namespaces).toContain('cattle-system');
    expect((await h.spawnCli(['status', 'rack-7'])).code).toBe(1);
    expect((await h.state()).clusters).not.toEqual(expect.arrayContaining([expect.objectContaining({ clusterId: JSON.parse(status.stdout).clusterId })]));
  });

  it('exits 2 on usage errors and 4 when Rancher forbids, from the real process', async() => {
    expect((await h.spawnCli(['list', '--output', 'xml'])).code).toBe(2);
    expect((await h.spawnCli([])).code).toBe(2);

    const help = await h.spawnCli(['--help']);

    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');

    const ro = await h.spawnCli(['delete', 'harvester-prod', '--yes'], { user: 'project-readonly' });

    expect(ro.code).toBe(4);
    expect(ro.stderr).toContain('You are not allowed to delete harvester-prod');
  });

  it('explains a kubeconfig that does not point at a Harvester', async() => {
    const kubeconfig = h.writeKubeconfig('not-harvester', `${ h.url }/sim/harvester/does-not-exist/k8s`);
    const before = await h.state();
    const res = await h.spawnCli(['import', 'no-such', '--harvester-kubeconfig', kubeconfig]);

    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/No Harvester at .*: trying to read setting server-version got 404/);
    expect(res.stderr).toContain('Fix: Check that --harvester-kubeconfig points at a Harvester cluster');
    expect(await h.state()).toEqual(before);
  });
});
