import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { SimProcess } from '../drivers/sim-process';

/**
 * What durability costs a writer: cluster creates per second against the simulator when every
 * write is committed to SQLite (synchronous=FULL) before it is answered, against the same
 * simulator keeping nothing on disk, in the same run. Creates go 16 at a time, as the kill -9
 * test sends them (tests/sim/integration/kill-nine-durability.test.ts).
 */
export interface WriteFigures {
  creates: number;
  parallel: number;
  durablePerSecond: number;
  inMemoryPerSecond: number;
  /** durable / in memory: 1 means free. */
  ratio: number;
}

const PASSWORD = 'bench-durability-1234';

async function createsPerSecond(url: string, prefix: string, count: number, parallel: number): Promise<number> {
  const login = await fetch(`${ url }/v1-public/login`, {
    method:  'POST',
    headers: { 'content-type': 'application/json' },
    body:    JSON.stringify({
      username: 'admin', password: PASSWORD, responseType: 'json'
    }),
  });
  const { token } = await login.json() as { token: string };
  let next = 0;
  const worker = async() => {
    while (next < count) {
      const name = `${ prefix }-${ next++ }`;
      const res = await fetch(`${ url }/v1/provisioning.cattle.io.clusters/fleet-default`, {
        method:  'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ token }` },
        body:    JSON.stringify({
          type: 'provisioning.cattle.io.cluster', metadata: { name, labels: { 'provider.cattle.io': 'harvester' } }, spec: {}
        }),
      });

      if (res.status !== 201) {
        throw new Error(`create ${ name } answered ${ res.status }: ${ await res.text() }`);
      }
    }
  };
  const started = performance.now();

  await Promise.all(Array.from({ length: parallel }, worker));

  return Math.round(count / ((performance.now() - started) / 1000));
}

async function measure(env: Record<string, string>, count: number, parallel: number): Promise<number> {
  const sim = new SimProcess({
    SIM_PASSWORD: PASSWORD, SIM_HARVESTER_DELAY_MS: '60000', ...env
  });

  try {
    const url = await sim.start();

    await createsPerSecond(url, 'warm-up', 20, parallel); // warm up (JIT, first statements)

    return await createsPerSecond(url, 'bench-write', count, parallel);
  } finally {
    await sim.kill();
  }
}

export async function writeDurability(count = Number(process.env.BENCH_WRITES || 400), parallel = 16): Promise<WriteFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-durability-'));

  try {
    const inMemoryPerSecond = await measure({ SIM_IN_MEMORY: '1' }, count, parallel);
    const durablePerSecond = await measure({ SIM_DATA_DIR: dir }, count, parallel);

    return {
      creates: count, parallel, durablePerSecond, inMemoryPerSecond, ratio: +(durablePerSecond / Math.max(1, inMemoryPerSecond)).toFixed(3),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
