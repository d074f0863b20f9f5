import {
  anyOfQuery, nameTakenQueries,
  harvesterPageQuery, pageQueryString, pageRows, provisioningOfManagementQuery, MAX_PAGE_SIZE,
} from '../../../pkg/harvester-manager/domain';
import type { ManagementCluster, ProvisioningCluster } from '../../../pkg/harvester-manager/domain';

const mgmt = (id: string, extra: Partial<ManagementCluster> = {}): ManagementCluster => ({
  id, metadata: { name: id }, ...extra
} as ManagementCluster);
const prov = (name: string, clusterName: string): ProvisioningCluster => ({
  id: `fleet-default/${ name }`, metadata: { name, namespace: 'fleet-default' }, status: { clusterName },
} as ProvisioningCluster);

describe('domain: cluster-page', () => {
  it('pages Harvester management clusters: label or status.provider (one OR filter), sorted and searched on the server', () => {
    const query = harvesterPageQuery({
      page: 3, pageSize: 25, sortFields: ['spec.displayName', 'metadata.creationTimestamp:desc'], descending: false, searchFields: ['spec.displayName', 'status.version.gitVersion'], searchQuery: ' prod ',
    });

    expect(query.page).toBe(3);
    expect(query.pageSize).toBe(25);
    expect(query.sort).toEqual([{ field: 'spec.displayName', asc: true }, { field: 'metadata.creationTimestamp', asc: false }, { field: 'metadata.name', asc: true }]);

    const params = new URLSearchParams(pageQueryString(query));

    expect(params.getAll('filter')).toEqual([
      'metadata.labels[provider.cattle.io]=harvester,status.provider=harvester',
      // status.version.gitVersion is not indexed by the SQL cache (a 422 "column is invalid" there): not searched
      'spec.displayName~prod',
    ]);
    expect(params.get('sort')).toBe('spec.displayName,-metadata.creationTimestamp,metadata.name');
    expect(params.get('page')).toBe('3');
    expect(params.get('pagesize')).toBe('25');
    // one exclude= per field, as Steve reads them (a comma would be part of one path)
    expect(params.getAll('exclude')).toEqual(['metadata.managedFields', 'metadata.relationships', 'status.appliedSpec', 'status.capacity', 'status.allocatable', 'status.requested', 'status.limits']);
  });

  it('the provisioning clusters of a page leave out their relationships too', () => {
    const params = new URLSearchParams(pageQueryString(provisioningOfManagementQuery(['c-1', 'c-2'])));

    expect(params.getAll('exclude')).toEqual(['metadata.managedFields', 'metadata.relationships']);
    expect(params.getAll('filter')).toEqual(['status.clusterName=c-1,status.clusterName=c-2']);
  });

  it('descending flips every sort key, and no search means no search filter', () => {
    const query = harvesterPageQuery({
      page: 1, pageSize: 10, sortFields: ['metadata.state.name', 'spec.displayName'], descending: true, searchFields: ['spec.displayName'], searchQuery: '   ',
    });

    expect(query.sort).toEqual([{ field: 'metadata.state.name', asc: false }, { field: 'spec.displayName', asc: false }, { field: 'metadata.name', asc: true }]);
    expect(query.filters).toHaveLength(1);
  });

  it('ignores sort and search fields the server does not index (model getters, the shell\'s nameSort)', () => {
    const query = harvesterPageQuery({
      page: 1, pageSize: 10, sortFields: ['nameSort', 'id', 'metadata.name', 'spec.displayName'], searchFields: ['nameDisplay', 'spec.displayName', 'spec.displayName'], searchQuery: 'x',
    });

    expect(query.sort).toEqual([{ field: 'metadata.name', asc: true }, { field: 'spec.displayName', asc: true }]);
    expect(query.filters[1].map((f) => f.field)).toEqual(['spec.displayName']);
  });

  it('a sort field the table sends twice is sorted on once (its first direction wins)', () => {
    const query = harvesterPageQuery({
      page: 1, pageSize: 10, sortFields: ['spec.displayName', 'metadata.creationTimestamp:desc', 'spec.displayName:desc'],
    });

    expect(query.sort).toEqual([{ field: 'spec.displayName', asc: true }, { field: 'metadata.creationTimestamp', asc: false }, { field: 'metadata.name', asc: true }]);
  });

  it('keeps page and page size sane whatever the table sends', () => {
    expect(harvesterPageQuery({ page: 0, pageSize: 0 })).toMatchObject({ page: 1, pageSize: 10 });
    expect(harvesterPageQuery({ page: Number.NaN, pageSize: 100000 })).toMatchObject({ page: 1, pageSize: MAX_PAGE_SIZE });
  });

  it('quotes search text the filter syntax would read as syntax (2.12: a quoted string with backslash escapes)', () => {
    const query = harvesterPageQuery({
      page: 1, pageSize: 10, searchFields: ['spec.displayName'], searchQuery: 'a,b="c"',
    });

    expect(new URLSearchParams(pageQueryString(query)).getAll('filter')[1]).toBe('spec.displayName~"a,b=\\"c\\""');
  });

  it('asks for the provisioning clusters of one page in a single OR filter', () => {
    const query = provisioningOfManagementQuery(['c-1', 'c-2', 'c-1', '']);

    expect(new URLSearchParams(pageQueryString(query)).get('filter')).toBe('status.clusterName=c-1,status.clusterName=c-2');
    expect(query.pageSize).toBe(2);
  });

  it('rows follow the server order of the management page and skip a cluster without visible provisioning cluster', () => {
    const mgmts = [mgmt('c-b'), mgmt('c-a'), mgmt('c-missing')];
    const provs = [prov('alpha', 'c-a'), prov('beta', 'c-b')];

    expect(pageRows(mgmts, provs).map((r) => r.id)).toEqual(['fleet-default/beta', 'fleet-default/alpha']);
  });
});

describe('domain: name lookup queries', () => {
  it('asks for provisioning clusters named so and management clusters displayed so, exact matches', () => {
    const { provisioning, management } = nameTakenQueries('harv-1');

    expect(pageQueryString(provisioning)).toBe('filter=metadata.name%3Dharv-1&page=1&pagesize=1&exclude=metadata.managedFields');
    expect(pageQueryString(management)).toBe('filter=spec.displayName%3Dharv-1&page=1&pagesize=1&exclude=metadata.managedFields');
  });

  it('anyOfQuery ORs unique values and never asks for more than a page', () => {
    expect(anyOfQuery('metadata.name', ['a', 'b', 'a', '']).filters).toEqual([[
      {
        field: 'metadata.name', value: 'a', equals: true, exact: true,
      },
      {
        field: 'metadata.name', value: 'b', equals: true, exact: true,
      },
    ]]);
    expect(anyOfQuery('metadata.name', Array.from({ length: 300 }, (_, i) => `c-${ i }`)).pageSize).toBe(100);
  });
});
