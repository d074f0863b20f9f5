import { jsonDepth, MAX_JSON_DEPTH, tooDeep } from '../../../sim/http/json-depth';

const nested = (depth: number) => {
  let value: unknown = 'leaf';

  for (let i = 0; i < depth; i++) {
    value = i % 2 ? [value] : { a: value };
  }

  return value;
};

describe('sim: request body depth', () => {
  it('counts objects and arrays without recursing (a 100,000-level value does not overflow)', () => {
    expect(jsonDepth('x')).toBe(0);
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
    expect(jsonDepth(nested(100_000), 1000)).toBeGreaterThan(1000);
  });

  it('refuses what is deeper than the limit, accepts the limit', () => {
    expect(tooDeep(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(tooDeep(nested(MAX_JSON_DEPTH + 1))).toBe(true);
  });
});
