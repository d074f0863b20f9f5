import {
  canSortOn, filterTermText, maxSortKeys, rancherMinor, searchableText, steveDialect, supportsResourceChanges,
} from '../../../pkg/harvester-manager/domain';

const term = (value: string, exact = false, equals = true) => ({
  field: 'spec.displayName', value, exact, equals,
});

describe('domain: steve-dialect', () => {
  it('reads the release and defaults ui-sql-cache as each release ships it', () => {
    expect(steveDialect('v2.10.6')).toEqual({ minor: 10, sqlCache: false });
    expect(steveDialect('v2.11.3')).toEqual({ minor: 11, sqlCache: false });
    expect(steveDialect('v2.12.3')).toEqual({ minor: 12, sqlCache: true });
    expect(steveDialect('v2.11.3', true)).toEqual({ minor: 11, sqlCache: true });
    expect(rancherMinor('v2.13.0')).toBe(12);
    expect(rancherMinor('')).toBe(12);
    expect(rancherMinor('v2.9.1')).toBe(10);
  });

  it('resource.changes only from 2.12; two sort keys on 2.10', () => {
    expect(supportsResourceChanges(steveDialect('v2.11.3'))).toBe(false);
    expect(supportsResourceChanges(steveDialect('v2.12.0'))).toBe(true);
    expect(maxSortKeys(steveDialect('v2.10.6', true))).toBe(2);
    expect(maxSortKeys(steveDialect('v2.11.3'))).toBe(Number.POSITIVE_INFINITY);
  });

  it('the SQL cache sorts only on indexed fields; the list processor on any', () => {
    expect(canSortOn(steveDialect('v2.12.3'), 'status.version.gitVersion')).toBe(false);
    expect(canSortOn(steveDialect('v2.12.3'), 'metadata.state.name')).toBe(true);
    expect(canSortOn(steveDialect('v2.10.6', true), 'status.connected')).toBe(false);
    expect(canSortOn(steveDialect('v2.11.3', true), 'status.connected')).toBe(true);
    expect(canSortOn(steveDialect('v2.11.3', false), 'status.version.gitVersion')).toBe(true);
  });

  it('writes each term as that Steve reads it, or not at all', () => {
    const v212 = steveDialect('v2.12.3');
    const v211 = steveDialect('v2.11.3', true);
    const v210 = steveDialect('v2.10.6', true);
    const legacy = steveDialect('v2.11.3', false);

    expect(filterTermText(v212, term('a b'))).toBe('spec.displayName~"a b"');
    expect(filterTermText(v212, term('x', true, false))).toBe('spec.displayName!=x');
    expect(filterTermText(v211, term('a b'))).toBeNull();
    expect(filterTermText(v211, term('.x'))).toBeNull();
    expect(filterTermText(v210, term('x', true))).toBe("spec.displayName='x'");
    expect(filterTermText(v210, term('x'))).toBe('spec.displayName=x');
    expect(filterTermText(v210, term('a,b'))).toBeNull();
    expect(filterTermText(legacy, term('x', true))).toBe('spec.displayName=x');
    expect(filterTermText(legacy, term('a=b'))).toBeNull();
  });

  it('cuts search text down to what the dialect can send', () => {
    expect(searchableText(steveDialect('v2.12.3'), ' a b ')).toEqual({ text: 'a b', adjusted: false });
    expect(searchableText(steveDialect('v2.11.3', true), 'my-lab 1')).toEqual({ text: 'my-lab', adjusted: true });
    expect(searchableText(steveDialect('v2.11.3', false), 'my lab')).toEqual({ text: 'my lab', adjusted: false });
    expect(searchableText(steveDialect('v2.10.6', true), "it's")).toEqual({ text: 'its', adjusted: true });
  });
});
