import { pollUntil } from '../../../cli/wait';

function fakeClock() {
  let t = 0;

  return {
    now:   () => t,
    sleep: async(ms: number) => {
      t += ms;
    },
  };
}

describe('cli: pollUntil', () => {
  it('returns as soon as the probe is done', async() => {
    const clock = fakeClock();
    let calls = 0;
    const result = await pollUntil(async() => ++calls, (n) => n >= 3, {
      timeoutMs: 10_000, intervalMs: 1000, ...clock
    });

    expect(result).toEqual({ done: true, value: 3 });
    expect(clock.now()).toBe(2000);
  });

  it('times out, probing once more at the deadline', async() => {
    const clock = fakeClock();
    const seen: number[] = [];
    const result = await pollUntil(async() => {
      seen.push(clock.now());

      return false;
    }, (v) => v, {
      timeoutMs: 2500, intervalMs: 1000, ...clock
    });

    expect(result).toEqual({ done: false, value: false });
    expect(seen).toEqual([0, 1000, 2000, 2500]);
  });

  it('probes exactly once with a zero timeout', async() => {
    const clock = fakeClock();
    let calls = 0;

    expect(await pollUntil(async() => ++calls, () => false, {
      timeoutMs: 0, intervalMs: 1000, ...clock
    })).toEqual({ done: false, value: 1 });
  });

  it('lets a late success win over the timeout', async() => {
    const clock = fakeClock();
    const result = await pollUntil(async() => clock.now(), (t) => t >= 3000, {
      timeoutMs: 3000, intervalMs: 2000, ...clock
    });

    expect(result).toEqual({ done: true, value: 3000 });
  });
});
