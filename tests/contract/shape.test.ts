import { OPEN, UNKNOWN } from './support/recordings';
import { against, formatDifference, shapeDiff } from './support/shape';

describe('contract support: shapeDiff', () => {
  const recorded = [
    {
      type: 'x', links: { self: 'https://r/x', update: 'blocked' }, metadata: { labels: { a: '1' } }, n: 1, opt: true
    },
    {
      type: 'y', links: { self: 'https://r/y', update: 'blocked' }, metadata: { labels: {} }, n: 2
    },
  ];
  const opts = { maps: ['metadata.labels'], stringKinds: ['links.*'] };

  it('reports missing, extra and type differences by path; values and map keys do not matter', () => {
    const diffs = shapeDiff(recorded, [
      {
        type: 'z', links: { self: 'http://s/z', update: 'http://s/z' }, metadata: { labels: { other: 'v', n: 3 } }, extra: []
      },
    ], opts).map(formatDifference);

    expect([...diffs].sort()).toEqual([
      'type    links.update: Rancher: string:blocked; simulator: string:url',
      'type    metadata.labels.*: Rancher: string; simulator: number',
      'missing n: Rancher: number (in all 2 recorded)',
      'extra   extra: simulator: array; no recorded Rancher answer has it',
    ].sort());
  });

  it('a field some recorded samples lack is optional; UNKNOWN accepts any type; an OPEN object allows extra fields', () => {
    expect(shapeDiff(recorded, [{
      type: 'x', links: { self: 'https://s', update: 'blocked' }, metadata: { labels: {} }, n: 0
    }], opts)).toEqual([]);
    expect(shapeDiff([{ revision: UNKNOWN }], [{ revision: '12' }])).toEqual([]);
    expect(shapeDiff([{ a: 1, [OPEN]: true }], [{ a: 1, b: 2 }])).toEqual([]);
  });

  it('array elements are compared with the union of the recorded elements', () => {
    const diffs = shapeDiff([{
      c: [{ type: 'A', status: 'True' }, {
        type: 'B', status: 'False', message: 'm'
      }]
    }], [{ c: [{ type: 'A', status: true }] }]);

    expect(diffs.map(formatDifference)).toEqual(['type    c[].status: Rancher: string; simulator: boolean']);
  });

  it('known differences explain by exact path or glob, and unused ones are reported stale', () => {
    const diffs = shapeDiff([{ a: { b: 1, c: 1 } }], [{ a: {} }]);

    expect(against(diffs, [{
      kind: 'missing', path: 'a.*', reason: 'r'
    }])).toEqual({ unexplained: [], stale: [] });
    expect(against(diffs, [{
      kind: 'missing', path: 'a.b', reason: 'r'
    }, {
      kind: 'extra', path: 'z', reason: 'gone'
    }])).toEqual({
      unexplained: ['missing a.c: Rancher: number (in all 1 recorded)'],
      stale:       ['extra z (gone)'],
    });
  });
});
