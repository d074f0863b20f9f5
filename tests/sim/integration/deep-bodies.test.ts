import type { Simulator } from '../../../sim/server';
import { SimClient, startTestSim } from '../../integration/support/sim-client';

// A body nested deeper than the simulator can handle is a 400 that says so, never a 500.
describe('sim: deeply nested request bodies', () => {
  let sim: Simulator;
  let admin: SimClient;
  const spec = (depth: number) => {
    let value: Record<string, unknown> = {};

    for (let i = 0; i < depth; i++) {
      value = { a: value };
    }

    return value;
  };

  beforeAll(async() => {
    sim = await startTestSim();
    admin = await SimClient.bearerLogin(sim.url, 'admin');
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('1,903 levels (the probe\'s) answer 400 "exceeded max depth" and nothing is made', async() => {
    const res = await admin.post('/v1/provisioning.cattle.io.clusters/fleet-default', {
      type: 'provisioning.cattle.io.cluster', metadata: { name: 'deep' }, spec: spec(1903)
    });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'BadRequest', message: expect.stringContaining('exceeded max depth') });
    expect((await admin.get('/v1/provisioning.cattle.io.clusters/fleet-default/deep')).status).toBe(404);
  });

  it('ordinary nesting is accepted', async() => {
    expect((await admin.post('/v1/provisioning.cattle.io.clusters/fleet-default', {
      type: 'provisioning.cattle.io.cluster', metadata: { name: 'shallow' }, spec: spec(50)
    })).status).toBe(201);
  });
});
