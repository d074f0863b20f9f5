/**
 * An answered write is a committed one (issue 17, item 1): creates and deletes are sent as fast as
 * the simulator answers them, 16 at a time, and the process is killed with SIGKILL in the middle.
 * After a restart every create that answered 201 exists and every delete that answered 200 stays
 * deleted — as with etcd, which fsyncs before the API server answers.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { SimClient, waitFor } from '../../integration/support/sim-client';
import { SimProcess } from '../../../drivers/sim-process';

const PARALLEL = 16;

describe('kill -9 while writes are acknowledged at full speed', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-kill9-'));
  const sim = new SimProcess({ SIM_DATA_DIR: dataDir, SIM_HARVESTER_DELAY_MS: '60000' });

  /** Send `requests` PARALLEL at a time until all are sent or the process is killed; the answered ones. */
  const flood = async<T>(requests: Array<() => Promise<T | undefined>>, killAfter: number): Promise<T[]> => {
    const acknowledged: T[] = [];
    let next = 0;
    const worker = async() => {
      while (next < requests.length) {
        const send = requests[next++];
        const done = await send().catch(() => undefined); // killed mid-request: no answer

        if (done !== undefined) {
          acknowledged.push(done);
          if (acknowledged.length === killAfter) {
            sim.signalKill();
          }
        }
      }
    };

    await Promise.all(Array.from({ length: PARALLEL }, worker));

    return acknowledged;
  };

  afterAll(async() => {
    await sim.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('every create that answered 201 exists after the restart', async() => {
    const url = await sim.start();
    const admin = await SimClient.bearerLogin(url, 'admin');
    const create = (name: string) => async() => {
      const r = await admin.request('POST', '/v3/clusters', {
        body: {
          type: 'cluster', name, labels: { 'provider.cattle.io': 'harvester' }, agentEnvVars: []
        }
      });

      return r.status === 201 ? name : undefined;
    };
    // Killed after 150 acknowledgements, with up to 15 more creates in flight.
    const acknowledged = await flood(Array.from({ length: 400 }, (_, i) => create(`durable-${ i }`)), 150);

    await sim.kill();
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    const restarted = await sim.start();
    const names = (await (await SimClient.bearerLogin(restarted, 'admin')).request('GET', '/v3/clusters')).body.data
      .map((c: { name: string }) => c.name);

    expect(acknowledged.filter((n) => !names.includes(n))).toEqual([]);
    // Nothing is made twice.
    const durable = names.filter((n: string) => n.startsWith('durable-'));

    expect(new Set(durable).size).toBe(durable.length);
    await sim.kill();
  });

  it('every delete that answered 200 stays deleted after the restart', async() => {
    const url = await sim.start();
    const admin = await SimClient.bearerLogin(url, 'admin');
    // The provisioning cluster of a Norman create is the controller's work: after the restart its
    // level-triggered catch-up makes those the kill cut short, a moment later.
    const ours: string[] = await waitFor('a provisioning cluster for each acknowledged create', async() => {
      const list = await admin.request('GET', '/v1/provisioning.cattle.io.clusters?pagesize=1000');
      const ids: string[] = list.body.data.map((p: { id: string }) => p.id).filter((id: string) => id.startsWith('fleet-default/c-'));

      return ids.length >= 150 ? ids : undefined;
    }, 10_000, 100);
    const remove = (id: string) => async() => {
      const r = await admin.request('DELETE', `/v1/provisioning.cattle.io.clusters/${ id }`);

      return r.status === 200 ? id : undefined;
    };
    const acknowledged = await flood(ours.map(remove), Math.floor(ours.length / 2));

    await sim.kill();
    expect(acknowledged.length).toBeGreaterThanOrEqual(Math.floor(ours.length / 2));

    const restarted = await sim.start();
    const admin2 = await SimClient.bearerLogin(restarted, 'admin');
    const after = await admin2.request('GET', '/v1/provisioning.cattle.io.clusters?pagesize=1000');
    const alive = after.body.data
      .filter((p: { metadata: { deletionTimestamp?: string } }) => !p.metadata.deletionTimestamp)
      .map((p: { id: string }) => p.id);

    // Deleted or being removed (the delete takes a minute here), never back.
    expect(acknowledged.filter((id) => alive.includes(id))).toEqual([]);
    await sim.kill();
  });
});
