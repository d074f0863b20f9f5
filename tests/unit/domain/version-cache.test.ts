import { HarvesterVersionCache } from '../../../pkg/harvester-manager/domain';

function deferred<T>() {
  let resolveIt!: (v: T) => void;
  let rejectIt!: (e: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    resolveIt = resolve;
    rejectIt = reject;
  });

  return {
    promise, resolve: resolveIt, reject: rejectIt
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('domain: version-cache', () => {
  it('runs at most 4 requests at a time by default and starts the next when one finishes', async() => {
    const pending = new Map<string, ReturnType<typeof deferred<string>>>();
    let maxInFlight = 0;
    const cache = new HarvesterVersionCache({
      fetch: (id) => {
        const d = deferred<string>();

        pending.set(id, d);
        maxInFlight = Math.max(maxInFlight, pending.size);

        return d.promise.finally(() => pending.delete(id));
      },
    });

    ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].forEach((id) => cache.request(id));
    expect(cache.inFlight).toBe(4);
    expect([...pending.keys()]).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(cache.get('c5')).toEqual({ status: 'queued' });

    pending.get('c2')!.resolve('v1.4.1');
    await flush();
    expect(cache.version('c2')).toBe('v1.4.1');
    expect([...pending.keys()]).toEqual(['c1', 'c3', 'c4', 'c5']);

    [...pending.values()].forEach((d) => d.resolve('v1.5.0'));
    await flush();
    [...pending.values()].forEach((d) => d.resolve('v1.5.0'));
    await cache.idle();
    expect(maxInFlight).toBe(4);
    expect(cache.version('c6')).toBe('v1.5.0');
  });

  it('caches: a second request for a loaded or loading cluster does not fetch again', async() => {
    const fetch = jest.fn().mockResolvedValue('v1.4.1');
    const cache = new HarvesterVersionCache({ fetch });

    cache.request('c1');
    cache.request('c1');
    await cache.idle();
    cache.request('c1');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('a failure is retried only after retryAfterMs', async() => {
    let now = 1000;
    const fetch = jest.fn().mockRejectedValueOnce(new Error('503')).mockResolvedValue('v1.3.0');
    const cache = new HarvesterVersionCache({
      fetch, retryAfterMs: 500, now: () => now
    });

    cache.request('c1');
    await cache.idle();
    expect(cache.get('c1')).toEqual({ status: 'failed', at: 1000 });
    cache.request('c1');
    expect(fetch).toHaveBeenCalledTimes(1);
    now = 1600;
    cache.request('c1');
    await cache.idle();
    expect(cache.version('c1')).toBe('v1.3.0');
  });

  it('reports every change, and an empty answer as null', async() => {
    const changes: string[] = [];
    const cache = new HarvesterVersionCache({
      fetch: async() => '', onChange: (id, e) => changes.push(`${ id }:${ e?.status }`), concurrency: 1
    });

    cache.request('a');
    cache.request('b');
    await cache.idle();
    expect(changes).toEqual(['a:queued', 'a:loading', 'b:queued', 'a:loaded', 'b:loading', 'b:loaded']);
    expect(cache.version('a')).toBeNull();
  });

  it('forget drops a cached version', async() => {
    const fetch = jest.fn().mockResolvedValue('v1.4.1');
    const cache = new HarvesterVersionCache({ fetch });

    cache.request('c1');
    await cache.idle();
    cache.forget('c1');
    expect(cache.get('c1')).toBeUndefined();
    cache.request('c1');
    await cache.idle();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('drops queued reads of rows that left the screen and aborts theirs in flight', async() => {
    const started: string[] = [];
    const aborted: string[] = [];
    const pending = new Map<string, ReturnType<typeof deferred<string>>>();
    const cache = new HarvesterVersionCache({
      concurrency: 2,
      fetch:       (id, signal) => {
        const d = deferred<string>();

        started.push(id);
        pending.set(id, d);
        signal.addEventListener('abort', () => {
          aborted.push(id);
          d.reject(new Error('aborted'));
        });

        return d.promise;
      },
    });

    ['p1-a', 'p1-b', 'p1-c', 'p1-d'].forEach((id) => cache.request(id));
    expect(started).toEqual(['p1-a', 'p1-b']);

    // the user goes to page 2 while page 1 is loading
    cache.retain(['p2-a', 'p1-b']);
    ['p2-a'].forEach((id) => cache.request(id));
    expect(aborted).toEqual(['p1-a']);
    expect(cache.get('p1-c')).toBeUndefined();
    expect(cache.get('p1-d')).toBeUndefined();

    pending.get('p1-b')?.resolve('v1.4.1');
    await flush();
    pending.get('p2-a')?.resolve('v1.5.0');
    await cache.idle();

    expect(started).toEqual(['p1-a', 'p1-b', 'p2-a']);
    expect(cache.get('p1-a')).toBeUndefined();
    expect(cache.version('p1-b')).toBe('v1.4.1');
    expect(cache.version('p2-a')).toBe('v1.5.0');
  });

  it('reads a version again once it is older than the ttl', async() => {
    let now = 0;
    const fetch = jest.fn().mockResolvedValueOnce('v1.4.1').mockResolvedValueOnce('v1.5.0');
    const cache = new HarvesterVersionCache({
      fetch, ttlMs: 1000, now: () => now
    });

    cache.request('c1');
    await cache.idle();
    now = 999;
    cache.request('c1');
    await cache.idle();
    expect(fetch).toHaveBeenCalledTimes(1);
    now = 1000;
    cache.request('c1');
    await cache.idle();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(cache.version('c1')).toBe('v1.5.0');
  });
});
