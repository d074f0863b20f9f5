import axios from 'axios';
import { parse } from 'yaml';
import { TYPES } from '../../sim/steve/type-catalog';
import { CliSim } from './support/cli-harness';

// Text from Rancher that carries terminal controls (issue 17: a cluster renamed to
// `esc\u001b[2J\u001b]0;pwned\u0007…` cleared the screen and retitled the window of anyone
// running `list`) reaches the terminal without them: the display name in tables, fields and
// documents, a condition message, and an error message Rancher sends back. json and yaml keep the
// exact value, escaped.
// Norman refuses such a name (the simulator checks as Rancher does, see sim/FIDELITY.md), but
// nothing in Rancher checks `spec.displayName` written another way (kubectl on the local cluster,
// Steve's own checks have none either): the test writes it into the simulator's store.

/** The name, plus a C1 CSI (U+009B), a carriage return and a line break. */
const HOSTILE = 'esc\u001b[2J\u001b]0;pwned\u0007\u009b31m\r\nrow…';
/** What a terminal shows of it in a table cell or a field. */
const SHOWN = 'esc row…';
// eslint-disable-next-line no-control-regex -- the test looks for C0/C1 control characters, so the pattern has to name them
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('cli: terminal controls in what Rancher says', () => {
  let h: CliSim;
  let mgmtId: string;
  const clean = (res: { stdout: string; stderr: string }) => {
    expect(res.stdout).not.toMatch(CONTROL);
    expect(res.stderr).not.toMatch(CONTROL);
  };

  beforeAll(async() => {
    h = await CliSim.start();
    const headers = { Authorization: `Bearer ${ await h.token('admin') }` };
    const norman = (await axios.get(`${ h.url }/v3/clusters?name=harvester-prod`, { headers })).data.data[0];

    mgmtId = norman.id;

    // The way in: Norman's PUT. Refused, as by Rancher (the schema's dnsLabel type).
    const put = await axios.put(`${ h.url }/v3/clusters/${ mgmtId }`, { ...norman, name: HOSTILE }, { headers, validateStatus: () => true });

    expect(put.status).toBe(422);
    expect(put.data).toMatchObject({ code: 'InvalidFormat', fieldName: 'name' });

    // A way Rancher does not check.
    h.sim.state.store.patch(TYPES.MGMT_CLUSTER, mgmtId, (m) => {
      m.spec.displayName = HOSTILE;
    });
  });
  afterEach(() => axios.delete(`${ h.url }/sim/faults`));
  afterAll(() => h.close());

  it('list (the installed command and in-process): the name as one line without controls, the row intact', async() => {
    for (const res of [await h.spawnCli(['list', '--no-versions']), await h.cli(['list'])]) {
      expect(res.code).toBe(0);
      clean(res);
      const row = res.stdout.split('\n').find((l) => l.startsWith(SHOWN));

      expect(row).toMatch(/^esc row…\s+Active\s/);
      expect(res.stdout.trim().split('\n')).toHaveLength(3); // header, harvester-lab, the renamed one
    }
  }, 30_000);

  it('list -o json / -o yaml: the exact name, escaped, in a document that parses', async() => {
    const json = await h.cli(['list', '-o', 'json', '--no-versions']);
    const yaml = await h.cli(['list', '-o', 'yaml', '--no-versions']);

    for (const res of [json, yaml]) {
      expect(res.code).toBe(0);
      clean(res);
    }
    expect(JSON.parse(json.stdout).items.map((i: { name: string }) => i.name)).toContain(HOSTILE);
    expect(parse(yaml.stdout).items.map((i: { name: string }) => i.name)).toContain(HOSTILE);
  });

  it('status: the name field without controls', async() => {
    const res = await h.cli(['status', 'fleet-default/harvester-prod']);

    expect(res.code).toBe(0);
    clean(res);
    expect(res.stdout).toMatch(/^Name: +esc row…$/m);
  });

  it('a condition message from a disconnected agent: shown without controls, exact in json', async() => {
    expect((await axios.post(`${ h.url }/sim/harvester/harvester-lab/disconnect`, { message: `agent: ${ HOSTILE }` })).status).toBe(200);
    const table = await h.cli(['status', 'harvester-lab']);
    const json = await h.cli(['status', 'harvester-lab', '-o', 'json']);

    clean(table);
    clean(json);
    expect(table.stdout).toContain(`agent: ${ SHOWN }`);
    expect(JSON.parse(json.stdout).conditions.map((c: { message: string | null }) => c.message)).toContain(`agent: ${ HOSTILE }`);
  });

  it('an error message from Rancher: on stderr without controls, its lines kept', async() => {
    await axios.post(`${ h.url }/sim/faults`, {
      method: 'GET', path: '/v1/management.cattle.io.clusters', status: 500, message: HOSTILE,
    });
    const res = await h.cli(['list', '--no-versions', '--verbose']);

    expect(res.code).toBe(1);
    clean(res);
    expect(res.stderr).toContain('(500 ');
    expect(res.stderr).toContain(': esc\nrow…');
  });
});
