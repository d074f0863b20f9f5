import type { Simulator } from '../../../sim/server';
import { SimClient, startTestSim } from '../../integration/support/sim-client';

// Steve's `exclude=` (steve pkg/resources/common/formatter.go excludeFields, release/v0.4-v0.6):
// each value is one dotted path removed from every object of a list or a get.

interface Resource {
  id: string;
  type: string;
  links: Record<string, string>;
  metadata: Record<string, unknown> & { name: string };
  spec?: { displayName?: string };
  status: Record<string, unknown> & { conditions?: unknown[] };
}

describe('simulator: Steve exclude=', () => {
  let sim: Simulator;
  let admin: SimClient;

  beforeAll(async() => {
    sim = await startTestSim();
    admin = await SimClient.cookieLogin(sim.url, 'admin');
  });
  afterAll(async() => {
    await sim?.close();
  });

  const harvesterProd = async(query: string) => {
    const res = await admin.get(`/v1/management.cattle.io.clusters?labelSelector=provider.cattle.io%3Dharvester&${ query }`);

    expect(res.status).toBe(200);

    return (res.body.data as Resource[]).find((c) => c.spec?.displayName === 'harvester-prod') as Resource;
  };

  it('removes each excluded path from every object of a list, and nothing else', async() => {
    const full = await harvesterProd('');
    const trimmed = await harvesterProd('exclude=metadata.relationships&exclude=status.capacity&exclude=metadata.state');

    expect(full.metadata.relationships).toBeDefined();
    expect(full.status.capacity).toBeDefined();
    expect(trimmed.metadata.relationships).toBeUndefined();
    expect(trimmed.status.capacity).toBeUndefined();
    // Steve's summary is added before the exclusion, so it can be excluded too
    expect(trimmed.metadata.state).toBeUndefined();
    expect(trimmed.status.conditions).toEqual(full.status.conditions);
    expect(trimmed.metadata.name).toBe(full.metadata.name);
  });

  it('takes a comma as part of the path (one value is one path), and keeps id, type and links', async() => {
    const full = await harvesterProd('');
    const commas = await harvesterProd('exclude=metadata.relationships,status.capacity&exclude=links&exclude=id&exclude=status.nosuch.field');

    expect(commas.metadata.relationships).toEqual(full.metadata.relationships);
    expect(commas.status.capacity).toEqual(full.status.capacity);
    expect([commas.id, commas.type, commas.links]).toEqual([full.id, full.type, full.links]);
  });

  it('applies to a get too', async() => {
    const { id } = await harvesterProd('');
    const res = await admin.get(`/v1/management.cattle.io.clusters/${ id }?exclude=status.allocatable`);

    expect(res.status).toBe(200);
    expect(res.body.status.allocatable).toBeUndefined();
    expect(res.body.status.conditions?.length).toBeGreaterThan(0);
  });
});
