import { parse } from 'yaml';
import { CliSim } from './support/cli-harness';

// `list` and `status` against the simulator's seeded clusters (harvester-prod v1.4.1,
// harvester-lab v1.5.0, both Active; `local` is not Harvester).

describe('cli: list and status', () => {
  let h: CliSim;

  beforeAll(async() => {
    h = await CliSim.start();
  });
  afterAll(() => h.close());

  it('lists the Harvester clusters as a table: name, state, Harvester version, age', async() => {
    const res = await h.cli(['list']);

    expect(res.code).toBe(0);

    const lines = res.stdout.trim().split('\n');

    expect(lines[0]).toMatch(/^NAME\s+STATE\s+HARVESTER\s+KUBERNETES\s+AGE\s+ID$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 3))).toEqual([
      ['harvester-lab', 'Active', 'v1.5.0'],
      ['harvester-prod', 'Active', 'v1.4.1'],
    ]);
    expect(res.stdout).not.toMatch(/^local\b/m);
  });

  it('prints json and yaml documents with the same rows', async() => {
    const json = JSON.parse((await h.cli(['list', '-o', 'json'])).stdout);
    const yaml = parse((await h.cli(['list', '--output', 'yaml'])).stdout);

    expect(json.count).toBe(2);
    expect(json.items[0]).toMatchObject({
      name: 'harvester-lab', id: 'fleet-default/harvester-lab', state: 'active', stateLabel: 'Active', harvesterVersion: 'v1.5.0', kubernetesVersion: 'v1.31.4+rke2r1',
    });
    expect(json.items[0].clusterId).toMatch(/^c-m-/);
    expect(yaml.items.map((i: { name: string }) => i.name)).toEqual(json.items.map((i: { name: string }) => i.name));
  });

  it('pages through the server with any page size and finds new imports (Norman path: label on the management cluster only)', async() => {
    expect((await h.cli(['import', 'paged-one'])).code).toBe(0);
    await h.settle();

    const big = JSON.parse((await h.cli(['list', '-o', 'json'])).stdout);
    const small = JSON.parse((await h.cli(['list', '-o', 'json', '--page-size', '1', '--no-versions'])).stdout);

    expect(big.items.map((i: { name: string }) => i.name)).toEqual(['harvester-lab', 'harvester-prod', 'paged-one']);
    expect(small.items.map((i: { name: string }) => i.name)).toEqual(big.items.map((i: { name: string }) => i.name));
    expect(small.items[0].harvesterVersion).toBeNull();
    expect(big.items[2]).toMatchObject({ state: 'pending', harvesterVersion: null });
    expect((await h.cli(['list', '--page-size', '0'])).code).toBe(2);
  });

  it('shows only what the user may see', async() => {
    const ro = JSON.parse((await h.cli(['list', '-o', 'json'], { user: 'project-readonly' })).stdout);
    const standard = await h.cli(['list'], { user: 'standard-user' });

    expect(ro.items.map((i: { name: string }) => i.name)).toEqual(['harvester-prod']);
    // A Standard User has a (POST-only) cluster schema: Steve lists 200 with no items.
    expect(standard.code).toBe(0);
    expect(standard.stdout).toBe('');
    expect(standard.stderr).toContain('No Harvester clusters are visible to you');
  });

  it('a user without any cluster schema (User-Base) is told they have no access, not that the server is not Rancher', async() => {
    // Steve answers such a user 404 with no body (apiserver handleOp: no schema).
    const none = await h.cli(['list'], { user: 'no-access' });

    expect(none.code).toBe(4);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Your Rancher user has no access to clusters');
    expect(none.stderr).not.toContain('does not look like Rancher');
    expect(none.stderr).toContain('Standard User');
  });

  it('status of an Active cluster: conditions, versions, timeline', async() => {
    const res = await h.cli(['status', 'harvester-prod']);

    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Name:\s+harvester-prod$/m);
    expect(res.stdout).toMatch(/^State:\s+Active$/m);
    expect(res.stdout).toMatch(/^Harvester:\s+v1\.4\.1$/m);
    expect(res.stdout).toMatch(/^Machines:\s+3$/m);
    expect(res.stdout).toMatch(/^\s+Connected\s+True/m);
    expect(res.stdout).toMatch(/^\s+done\s+Active/m);
    expect(res.stdout).not.toContain('Registration URL (Harvester setting');
  });

  it('status of a new cluster: pending, the registration URL, and (with a loopback server-url) the warning and its remedy, the agent step still waiting', async() => {
    const res = await h.cli(['status', 'paged-one', '-o', 'json']);
    const doc = JSON.parse(res.stdout);

    expect(res.code).toBe(0);
    expect(doc).toMatchObject({
      name: 'paged-one', state: 'pending', harvesterVersion: null
    });
    expect(doc.registrationUrl).toContain('/v3/import/');
    expect(doc.timeline.map((s: { status: string }) => s.status)).toEqual(['done', 'done', 'current', 'pending']);
    expect(doc.stalls[0]).toMatchObject({ id: 'serverUrlLocal', blocking: false });
    expect(doc.stalls[0].remedy).toContain('Set server-url');

    const table = await h.cli(['status', doc.id]);

    expect(table.stdout).toContain('Warning: Rancher\'s server-url');
    expect(table.stdout).toContain('Fix:     Set server-url');
  });

  it('status --wait times out with exit 3 and still prints the status', async() => {
    const res = await h.cli(['status', 'paged-one', '--wait', '--timeout', '500ms', '--interval', '100ms']);

    expect(res.code).toBe(3);
    expect(res.stdout).toMatch(/^State:\s+Pending/m);
    expect(res.stderr).toContain('is still Pending after');
  });

  it('status errors: unknown name, and a cluster that is not Harvester', async() => {
    const missing = await h.cli(['status', 'nope']);

    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No cluster named "nope" is visible to you');
    expect(missing.stderr).toContain('Fix: Check the name with: harvester-manager list');

    const local = await h.cli(['status', 'local']);

    expect(local.code).toBe(1);
    expect(local.stderr).toContain('"local" (fleet-local/local) is not a Harvester cluster');
  });
});
