import { CliSim } from './support/cli-harness';

// The CLI on each Rancher as it ships (sim/FIDELITY.md): the list finds a cluster that is still
// registering (no status.provider yet, Connected=False), pages, and status/delete find it by name.
describe.each([
  ['v2.10.6', undefined], ['v2.11.3', undefined], ['v2.11.3', true], ['v2.12.3', undefined], ['v2.12.3', false],
])('cli on Rancher %s (ui-sql-cache %s = as shipped when undefined)', (rancherVersion, uiSqlCache) => {
  let h: CliSim;

  beforeAll(async() => {
    h = await CliSim.start({ rancherVersion, uiSqlCache });
  });
  afterAll(() => h.close());

  it('list shows a new import as pending next to the Active ones, page by page', async() => {
    expect((await h.cli(['import', 'waiting-one'])).code).toBe(0);
    await h.settle();

    const all = JSON.parse((await h.cli(['list', '-o', 'json'])).stdout);
    const paged = JSON.parse((await h.cli(['list', '-o', 'json', '--page-size', '1', '--no-versions'])).stdout);

    expect(all.items.map((i: { name: string }) => i.name)).toEqual(['harvester-lab', 'harvester-prod', 'waiting-one']);
    expect(all.items[2]).toMatchObject({ state: 'pending' });
    expect(paged.items.map((i: { name: string }) => i.name)).toEqual(all.items.map((i: { name: string }) => i.name));
  });

  it('status and delete find the cluster by its name (exact, though `=` may be a substring test here)', async() => {
    expect((await h.cli(['import', 'waiting'])).code).toBe(0);
    await h.settle();
    const status = JSON.parse((await h.cli(['status', 'waiting', '-o', 'json'])).stdout);

    expect(status).toMatchObject({ name: 'waiting', state: 'pending' });
    expect((await h.cli(['delete', 'waiting', '--yes'])).code).toBe(0);
    await h.settle();
    expect(JSON.parse((await h.cli(['list', '-o', 'json'])).stdout).items.map((i: { name: string }) => i.name)).toEqual(['harvester-lab', 'harvester-prod', 'waiting-one']);
  });
});
