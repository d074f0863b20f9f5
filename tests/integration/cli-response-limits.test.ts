import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { run } from '../../cli/main';
import type { Io } from '../../cli/io';

// The CLI against a broken or hostile server that is not the simulator: one whose cluster list
// never ends (it must stop at --max-response-size, 64 MiB by default, instead of buffering until
// the memory is gone: issue 17 saw 5.2 GB in 38 s) and one that trickles its answer a byte at a
// time (axios's timeout bounds only the wait for headers, then idleness; --request-timeout must
// bound the whole answer). Every other path answers as Rancher does for an unknown object.

const LIST = '/v1/management.cattle.io.clusters';
const MiB = 1024 * 1024;

interface Fake {
  url: string;
  /** Requests per path (without the query). */
  requests: Map<string, number>;
  /** Bytes written into the list answers. */
  sent: () => number;
  close(): Promise<void>;
}

async function fakeRancher(list: (req: IncomingMessage, res: ServerResponse, count: (n: number) => void) => void): Promise<Fake> {
  const requests = new Map<string, number>();
  let sent = 0;
  const server: Server = createServer((req, res) => {
    const path = (req.url || '').split('?')[0];

    requests.set(path, (requests.get(path) || 0) + 1);
    if (path === LIST) {
      list(req, res, (n) => {
        sent += n;
      });

      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({
      type: 'error', status: 404, code: 'NotFound', message: `${ path } not found`,
    }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  return {
    url:   `http://127.0.0.1:${ (server.address() as AddressInfo).port }`,
    requests,
    sent:  () => sent,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A JSON list that never ends, written as fast as the client reads it. */
function endlessList(_req: IncomingMessage, res: ServerResponse, count: (n: number) => void): void {
  const item = JSON.stringify({
    id: 'c-m-endless', type: 'management.cattle.io.cluster', metadata: { name: 'c-m-endless', labels: { 'provider.cattle.io': 'harvester' } }
  });
  const chunk = Buffer.from(`${ item },`.repeat(Math.ceil(64 * 1024 / (item.length + 1))));
  let open = true;

  res.on('close', () => {
    open = false;
  });
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write('{"type":"collection","data":[');
  // Write until the socket pushes back, then again once it drains. `open` is cleared by the
  // 'close' event, which Node emits between pumps (never inside one), so it is read once per pump.
  const pump = () => {
    if (!open) {
      return;
    }
    do {
      count(chunk.length);
    } while (res.write(chunk));
    res.once('drain', pump);
  };

  pump();
}

/** Headers at once, then the start of a list and a space every 50 ms, forever. */
function tricklingList(_req: IncomingMessage, res: ServerResponse, count: (n: number) => void): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write('{"type":"collection","data":[');
  const timer = setInterval(() => {
    count(1);
    res.write(' ');
  }, 50);

  res.on('close', () => clearInterval(timer));
}

async function cli(server: string, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    readLine: async() => null,
    env:      { RANCHER_URL: server, RANCHER_TOKEN: 'token-limits:notarealsecret' },
    now:      () => Date.now(),
    // The waits between attempts are not what is tested here.
    sleep:    async() => undefined,
  };
  const code = await run(argv, io);

  return {
    code, stdout, stderr
  };
}

describe('cli: answers that are too large or never end', () => {
  const fakes: Fake[] = [];
  const start = async(list: Parameters<typeof fakeRancher>[0]) => {
    const fake = await fakeRancher(list);

    fakes.push(fake);

    return fake;
  };

  afterAll(async() => {
    await Promise.all(fakes.map((f) => f.close()));
  });

  it('an endless JSON list: stops at the default 64 MiB with exit 1, says what happened and what to do, and does not ask again', async() => {
    const fake = await start(endlessList);
    const res = await cli(fake.url, ['list', '--no-versions']);

    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`Error: The answer to GET ${ LIST } from ${ fake.url } is larger than 64 MiB; the CLI stopped reading it.`);
    expect(res.stderr).toContain('Fix: Rancher\'s answers are far smaller: check that --server / RANCHER_URL is Rancher\'s own URL, not a proxy or another service. If it is Rancher, allow more with --max-response-size (e.g. 256Mi; now 64 MiB).');
    expect(res.stderr).not.toContain('asking again');
    expect(fake.requests.get(LIST)).toBe(1);
    // The client stopped reading at the cap: what the server got written is the cap plus what the
    // sockets buffer, not gigabytes.
    expect(fake.sent()).toBeGreaterThan(64 * MiB);
    expect(fake.sent()).toBeLessThan(96 * MiB);
  });

  it('--max-response-size sets the cap', async() => {
    const fake = await start(endlessList);
    const res = await cli(fake.url, ['list', '--no-versions', '--max-response-size', '1Mi']);

    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`Error: The answer to GET ${ LIST } from ${ fake.url } is larger than 1 MiB; the CLI stopped reading it.`);
    expect(res.stderr).toContain('(e.g. 256Mi; now 1 MiB)');
    expect(fake.sent()).toBeLessThan(32 * MiB);

    const bad = await cli(fake.url, ['list', '--max-response-size', '1MB']);

    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Error: --max-response-size "1MB" is not a size.');
  });

  it('an answer that trickles in: --request-timeout bounds the whole answer; asked 3 times, then exit 1 saying it was still arriving', async() => {
    const fake = await start(tricklingList);
    const res = await cli(fake.url, ['list', '--no-versions', '--request-timeout', '1s']);

    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`GET ${ LIST }: the answer had not finished within 1s; asking again in 1s (attempt 2 of 3).`);
    expect(res.stderr).toContain(`Error: Rancher at ${ fake.url } began answering GET ${ LIST } but had not finished within 1s (the answer was still arriving, 3 attempts).`);
    expect(res.stderr).toContain('Fix: A slow link, or something between here and Rancher holding the answer back (a proxy or load balancer), can cause this; if Rancher is only slow, allow more with --request-timeout (now 1s).');
    expect(fake.requests.get(LIST)).toBe(3);
  }, 20_000);
});
