import { ApiError } from '../../../sim/core/api-error';
import { isIndexed, parseSqlListQuery } from '../../../sim/steve/sql-dialect';
import { TYPES } from '../../../sim/steve/type-catalog';

// steve's SQL cache per release: v0.4.8 (2.10), v0.5.15 (2.11), v0.6.53 (2.12).
const parse = (query: string, minor: number, type: string = TYPES.MGMT_CLUSTER) => parseSqlListQuery(type, new URLSearchParams(query), minor);

function error(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected an error');
}

describe('sim: Steve SQL cache dialects', () => {
  it('a field the cache does not index is a 422 InvalidBodyContent "column is invalid" (listoption_indexer.go)', () => {
    for (const minor of [10, 11, 12]) {
      const e = error(() => parse('sort=status.version.gitVersion', minor));

      expect(e).toMatchObject({
        status: 422, code: 'InvalidBodyContent', message: 'column is invalid [status.version.gitVersion]: supplied column is invalid'
      });
      expect(error(() => parse('filter=status.info.kubernetesVersion=1', minor)).status).toBe(422);
    }
  });

  it('indexed fields per release (proxy_store.go typeSpecificIndexedFields)', () => {
    expect(isIndexed(TYPES.MGMT_CLUSTER, 'spec.displayName', 10)).toBe(true);
    expect(isIndexed(TYPES.MGMT_CLUSTER, 'metadata.state.name', 12)).toBe(true);
    expect(isIndexed(TYPES.MGMT_CLUSTER, 'status.connected', 10)).toBe(false);
    expect(isIndexed(TYPES.MGMT_CLUSTER, 'status.connected', 11)).toBe(true);
    expect(isIndexed(TYPES.MGMT_CLUSTER, 'metadata.labels[provider.cattle.io]', 10)).toBe(true);
    expect(isIndexed(TYPES.MGMT_CLUSTER, 'metadata.labels[team]', 10)).toBe(false);
    expect(isIndexed(TYPES.MGMT_CLUSTER, 'metadata.labels[team]', 11)).toBe(true);
    expect(isIndexed(TYPES.PROV_CLUSTER, 'status.clusterName', 12)).toBe(true);
    expect(isIndexed(TYPES.PROV_CLUSTER, 'spec.kubernetesVersion', 12)).toBe(false);
  });

  it('indexed project and role template binding fields per release (typeSpecificIndexedFields at v0.4.8 / v0.5.15 / v0.6.53)', () => {
    expect(isIndexed(TYPES.PROJECT, 'spec.clusterName', 10)).toBe(false);
    expect(isIndexed(TYPES.PROJECT, 'spec.clusterName', 11)).toBe(true);
    expect(isIndexed(TYPES.PROJECT, 'spec.displayName', 11)).toBe(false);
    expect(isIndexed(TYPES.PROJECT, 'spec.displayName', 12)).toBe(true);
    expect(isIndexed(TYPES.PROJECT, 'metadata.namespace', 10)).toBe(true);
    expect(isIndexed(TYPES.CRTB, 'clusterName', 11)).toBe(false);
    expect(isIndexed(TYPES.CRTB, 'clusterName', 12)).toBe(true);
    expect(isIndexed(TYPES.CRTB, 'roleTemplateName', 12)).toBe(false);
    expect(isIndexed(TYPES.PRTB, 'userName', 12)).toBe(true);
    expect(isIndexed(TYPES.PRTB, 'projectName', 12)).toBe(false);
    expect(isIndexed(TYPES.PRTB, 'metadata.namespace', 12)).toBe(true);
    expect(() => parseSqlListQuery(TYPES.PRTB, new URLSearchParams('filter=projectName=c-abcde:p-12345'), 12)).toThrow('column is invalid [projectName]');
  });

  it('2.10: `=` is LIKE (substring, any case) unless single-quoted (exact); `~` items are dropped; two sort keys', () => {
    const { query } = parse("filter=spec.displayName=prod,metadata.name='c-m-1',spec.displayName~x&sort=spec.displayName,metadata.name,-id", 10);

    expect(query.filters[0].map((f) => [f.field, f.op, f.values[0]])).toEqual([['spec.displayName', '~', 'prod'], ['metadata.name', 'ieq', 'c-m-1']]);
    expect(query.sort.map((k) => k.field)).toEqual(['spec.displayName', 'metadata.name']);
  });

  it('2.11: no quoted strings, and a value may not start with - . / :', () => {
    expect(error(() => parse('filter=spec.displayName~"my lab"', 11))).toMatchObject({ status: 500, message: 'unexpected character \'"\'' });
    expect(error(() => parse('filter=spec.displayName~-rack', 11))).toMatchObject({ status: 500, message: "unexpected character '-'" });
    expect(parse('filter=spec.displayName~rack-1', 11).query.filters[0][0]).toMatchObject({ op: '~', values: ['rack-1'] });
  });

  it('2.12: quoted strings with backslash escapes; an unquoted leading "-" still fails', () => {
    expect(parse('filter=spec.displayName~"my \\"lab\\", b"', 12).query.filters[0][0].values).toEqual(['my "lab", b']);
    expect(error(() => parse('filter=spec.displayName~.x', 12)).message).toBe("unexpected character '.'");
  });

  it('labelSelector is ignored', () => {
    expect(parse('labelSelector=provider.cattle.io%3Dharvester', 12).query.filters).toEqual([]);
  });

  it('offset: continue + pagesize*(page-1) on 2.10/2.11; 2.12 reads neither continue nor limit', () => {
    expect(parse('pagesize=100&page=2&continue=100', 11).paging).toEqual({ offset: 200, limit: 100 });
    expect(parse('pagesize=100&page=2&continue=100', 12).paging).toEqual({ offset: 100, limit: 100 });
    expect(parse('', 12).paging).toEqual({ offset: 0, limit: undefined });
  });
});
