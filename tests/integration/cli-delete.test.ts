import axios from 'axios';
import { CliSim } from './support/cli-harness';

// `harvester-manager delete`: the plan, the typed confirmation, dry runs, RBAC and the wait.

describe('cli: delete', () => {
  let h: CliSim;

  beforeAll(async() => {
    h = await CliSim.start();
  });
  afterAll(() => h.close());

  it('--dry-run prints the plan and the request, and changes nothing', async() => {
    const before = await h.state();
    const res = await h.cli(['delete', 'harvester-lab', '--dry-run']);

    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Delete Harvester cluster "harvester-lab" (fleet-default/harvester-lab) through the Rancher API.');
    expect(res.stdout).toMatch(/The cluster in Rancher \(provisioning cluster\): fleet-default\/harvester-lab/);
    expect(res.stdout).toMatch(/Its registration token .*: c-m-[a-z0-9]+:default-token/);
    expect(res.stdout).toContain('The cattle-system namespace on Harvester, which Harvester needs');
    expect(res.stdout).toContain('Warning: Never run kubectl delete -f');
    expect(res.stdout).toContain('kubectl patch settings.harvesterhci.io cluster-registration-url --type merge -p \'{"value":""}\'');
    expect(res.stdout).toContain('Dry run: nothing was deleted. A real run would send: DELETE /v1/provisioning.cattle.io.clusters/fleet-default/harvester-lab');
    expect(await h.state()).toEqual(before);

    const json = JSON.parse((await h.cli(['delete', 'harvester-lab', '--dry-run', '-o', 'json'])).stdout);

    expect(json).toMatchObject({
      dryRun: true, deleted: false, requests: [{ method: 'DELETE', id: 'fleet-default/harvester-lab' }]
    });
    expect(json.plan.clusters[0].removes.map((r: { kind: string }) => r.kind)).toEqual(['provisioningCluster', 'managementCluster', 'registrationToken']);
    expect(await h.state()).toEqual(before);
  });

  it('asks for the typed name: a wrong name or no input deletes nothing', async() => {
    const before = await h.state();
    const wrong = await h.cli(['delete', 'harvester-lab'], { stdin: ['harvester-la'] });

    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Enter harvester-lab below to confirm:');
    expect(wrong.stderr).toContain('"harvester-la" does not match "harvester-lab"; nothing was deleted.');

    const eof = await h.cli(['delete', 'harvester-lab']);

    expect(eof.code).toBe(1);
    expect(eof.stderr).toContain('pass --yes in scripts');
    expect(await h.state()).toEqual(before);
  });

  it('a read-only user gets exit 4 and nothing changes, also in a dry run', async() => {
    const before = await h.state();
    const res = await h.cli(['delete', 'harvester-prod', '--yes'], { user: 'project-readonly' });

    expect(res.code).toBe(4);
    expect(res.stderr).toContain('You are not allowed to delete harvester-prod');
    expect(res.stderr).toContain('nothing was sent');
    expect((await h.cli(['delete', 'harvester-prod', '--dry-run'], { user: 'project-readonly' })).code).toBe(4);
    expect(await h.state()).toEqual(before);
  });

  it('refuses clusters that are not Harvester, and unknown names unless --ignore-not-found', async() => {
    const before = await h.state();

    expect((await h.cli(['delete', 'local', '--yes'])).stderr).toContain('is not a Harvester cluster');
    expect((await h.cli(['delete', 'nope', '--yes'])).code).toBe(1);

    const ignored = await h.cli(['delete', 'nope', '--yes', '--ignore-not-found', '-o', 'json']);

    expect(ignored.code).toBe(0);
    expect(JSON.parse(ignored.stdout)).toMatchObject({ deleted: false, notFound: true });
    expect(await h.state()).toEqual(before);
  });

  it('deletes through the Rancher API, waits until gone, and Harvester keeps cattle-system', async() => {
    const res = await h.cli(['delete', 'harvester-lab', '--yes', '--interval', '100ms', '-o', 'json']);

    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ deleted: true, id: 'fleet-default/harvester-lab' });
    expect(res.stderr).toContain('Asked Rancher to delete fleet-default/harvester-lab.');
    expect(res.stderr).toContain('is gone from Rancher');

    const state = await h.state();

    expect((state.clusters as { id: string }[]).map((c) => c.id)).not.toContain('fleet-default/harvester-lab');

    const harvester = await h.harvester('harvester-lab');

    expect(harvester.namespaces).toContain('cattle-system');
    expect(harvester.agent).toBeNull();
  });

  it('--no-wait returns once Rancher accepted; import refuses a cluster being removed; a second delete waits for it', async() => {
    expect((await h.cli(['import', 'short-lived'])).code).toBe(0);
    await h.settle();
    await axios.put(`${ h.url }/sim/config`, { deleteDelayMs: 1500 });

    try {
      const first = await h.cli(['delete', 'short-lived', '--yes', '--no-wait']);

      expect(first.code).toBe(0);
      expect(first.stdout).toContain('not waiting (--no-wait)');

      const reimport = await h.cli(['import', 'short-lived']);

      expect(reimport.code).toBe(1);
      expect(reimport.stderr).toContain('is being removed from Rancher');

      const second = await h.cli(['delete', 'short-lived', '--yes', '--interval', '100ms']);

      expect(second.code).toBe(0);
      expect(second.stderr).toContain('short-lived is already being removed. Waiting for it to finish.');
      expect((await h.cli(['status', 'short-lived'])).code).toBe(1);
    } finally {
      await axios.put(`${ h.url }/sim/config`, { deleteDelayMs: 100 });
    }
  });
});
