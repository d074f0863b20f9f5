import axios from 'axios';
import { CliSim } from './support/cli-harness';

// The CLI when Rancher is slow (10 s answers) or busy (503), through the simulator's fault
// injection: reads are asked again at most 3 times with a notice on stderr; a change (POST) is
// never repeated, and a timed-out one is reported as "unknown outcome" with how to find out.

const MGMT_LIST = '/v1/management.cattle.io.clusters';

describe('cli: a slow or busy Rancher', () => {
  let h: CliSim;
  const fault = (spec: Record<string, unknown>) => axios.post(`${ h.url }/sim/faults`, spec);
  const timed = async<T>(run: () => Promise<T>): Promise<[T, number]> => {
    const started = Date.now();
    const result = await run();

    return [result, Date.now() - started];
  };

  beforeAll(async() => {
    h = await CliSim.start();
  });
  afterEach(() => axios.delete(`${ h.url }/sim/faults`));
  afterAll(() => h.close());

  it('a 10 s answer within the request timeout: list waits for it and prints the clusters, asking once', async() => {
    await fault({
      method: 'GET', path: MGMT_LIST, delayMs: 10_000, times: 1
    });
    const [res, ms] = await timed(() => h.cli(['list', '--no-versions']));

    expect(res.code).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(10_000);
    expect(res.stdout).toContain('harvester-prod');
    expect(res.stderr).not.toContain('asking again');
  }, 30_000);

  it('a 10 s answer beyond --request-timeout 2s: asked again after 1 s, and the second answer is used', async() => {
    await fault({
      method: 'GET', path: MGMT_LIST, delayMs: 10_000, times: 1
    });
    const [res, ms] = await timed(() => h.cli(['list', '--no-versions', '--request-timeout', '2s']));

    expect(res.code).toBe(0);
    expect(res.stdout).toContain('harvester-prod');
    expect(res.stderr).toMatch(/GET \/v1\/management\.cattle\.io\.clusters: no answer \(ECONNABORTED\); asking again in 1s \(attempt 2 of 3\)\./);
    expect(ms).toBeLessThan(9000);
  }, 30_000);

  it('a Rancher that never answers in time: three attempts, then exit 1 naming the request and --request-timeout', async() => {
    await fault({
      method: 'GET', path: MGMT_LIST, delayMs: 10_000
    });
    const res = await h.cli(['list', '--no-versions', '--request-timeout', '1s']);

    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr.match(/asking again/g)).toHaveLength(2);
    expect(res.stderr).toContain(`Error: Rancher at ${ h.url } did not answer GET ${ MGMT_LIST } within 1s (ECONNABORTED, 3 attempts).`);
    expect(res.stderr).toContain('--request-timeout (now 1s)');
  }, 30_000);

  it('503 twice, then the answer: list succeeds and says why it waited', async() => {
    await fault({
      method: 'GET', path: MGMT_LIST, status: 503, times: 2
    });
    const res = await h.cli(['list', '--no-versions']);

    expect(res.code).toBe(0);
    expect(res.stdout).toContain('harvester-prod');
    expect(res.stderr).toContain('Rancher answered 503 Service Unavailable; asking again in 1s (attempt 2 of 3).');
    expect(res.stderr).toContain('Rancher answered 503 Service Unavailable; asking again in 2s (attempt 3 of 3).');
  }, 30_000);

  it('a 503 that stays: exit 1 with Rancher\'s answer and the attempts, nothing on stdout', async() => {
    await fault({
      method: 'GET', path: MGMT_LIST, status: 503, message: 'rancher is restarting',
    });
    const res = await h.cli(['status', 'harvester-prod']);

    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/Error: Rancher failed to .*\(503 ServiceUnavailable: rancher is restarting, 3 attempts\)\./);
    expect(res.stderr).toContain('Fix: Try again; if it keeps failing, check Rancher\'s health');
  }, 30_000);

  it('a create that times out is not sent twice: the outcome is called unknown, and a re-run picks up the one cluster Rancher made', async() => {
    const before = await h.state();

    await fault({
      method: 'POST', path: '/v3/clusters', delayMs: 4000, times: 1
    });
    const res = await h.cli(['import', 'slow-lab', '--request-timeout', '1s']);

    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`Error: Rancher at ${ h.url } did not answer POST /v3/clusters within 1s (ECONNABORTED), so it is unknown whether Rancher managed to create the cluster "slow-lab".`);
    expect(res.stderr).toContain('Fix: Look with: harvester-manager status <name>, or run the same command again: import picks up a cluster it already made');
    expect(res.stderr).not.toContain('asking again');

    // Rancher finishes the delayed create by itself; exactly one cluster comes of it.
    const deadline = Date.now() + 10_000;
    const named = async() => ((await axios.get(`${ h.url }/sim/objects`)).data.objects['management.cattle.io.cluster'] as { spec: { displayName?: string } }[])
      .filter((c) => c.spec.displayName === 'slow-lab');

    while (!(await named()).length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await named()).toHaveLength(1);

    const again = await h.cli(['import', 'slow-lab', '-o', 'json']);

    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      name: 'slow-lab', created: false, existed: true
    });
    expect(await named()).toHaveLength(1);
    expect((await h.state()).clusters).toHaveLength((before.clusters as unknown[]).length + 1);
  }, 30_000);
});
