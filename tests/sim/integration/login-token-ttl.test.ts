import type { Simulator } from '../../../sim/server';
import { SimClient, startTestSim } from '../../integration/support/sim-client';

// What the README and the CLI use: a login answered as JSON. Rancher gives that token the session
// TTL (pkg/auth/providers/publicapi/login.go createLoginToken, release/v2.10–v2.12).
describe('sim: a JSON login token', () => {
  let sim: Simulator;

  beforeAll(async() => {
    sim = await startTestSim();
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('expires after auth-user-session-ttl-minutes (960)', async() => {
    const client = await SimClient.bearerLogin(sim.url, 'admin');
    const token = sim.state.sessions.resolve(client.bearer);

    expect(token?.expiresAt).toBeGreaterThan(Date.now() + 959 * 60_000);
    expect(token?.expiresAt).toBeLessThanOrEqual(Date.now() + 960 * 60_000);
  });
});
