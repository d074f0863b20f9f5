import {
  harvesterPageQuery, nameTakenQueries, pageQueryString, provisioningOfManagementQuery, steveDialect, MAX_PAGE_SIZE,
} from '../../../pkg/harvester-manager/domain';

// The same list request, written for each Rancher the product supports (domain/steve-dialect.ts;
// sources in sim/FIDELITY.md).
const REQUEST = {
  page: 2, pageSize: 25, sortFields: ['status.version.gitVersion', 'spec.displayName'], searchFields: ['spec.displayName', 'status.version.gitVersion'], searchQuery: 'prod',
};

function params(version: string, sqlCache?: boolean, request = REQUEST): URLSearchParams {
  const dialect = steveDialect(version, sqlCache);

  return new URLSearchParams(pageQueryString(harvesterPageQuery(request, dialect), dialect));
}

describe('domain: the cluster list query on each Rancher', () => {
  it('2.12 with the SQL cache: label or provider filter, `~` search and sort on indexed fields only', () => {
    const p = params('v2.12.3');

    expect(p.getAll('filter')).toEqual(['metadata.labels[provider.cattle.io]=harvester,status.provider=harvester', 'spec.displayName~prod']);
    expect(p.get('sort')).toBe('spec.displayName,metadata.name');
    expect(p.get('labelSelector')).toBeNull();
  });

  it('2.11 and 2.10 ship with the SQL cache off: a label selector, `=` (substring) search and sort on any field', () => {
    for (const version of ['v2.11.3', 'v2.10.6']) {
      const p = params(version);

      expect(p.get('labelSelector')).toBe('provider.cattle.io=harvester');
      // The list processor splits fields on "." (metadata.labels[provider.cattle.io] never matches) and has no `~`.
      expect(p.getAll('filter')).toEqual(['spec.displayName=prod,status.version.gitVersion=prod']);
    }
    expect(params('v2.11.3').get('sort')).toBe('status.version.gitVersion,spec.displayName,metadata.name');
    // Steve v0.4 (2.10) reads two sort keys at most.
    expect(params('v2.10.6').get('sort')).toBe('status.version.gitVersion,spec.displayName');
  });

  it('2.10 with the SQL cache on: single quotes make `=` exact, a bare `=` is the search', () => {
    const p = params('v2.10.6', true);

    expect(p.getAll('filter')).toEqual(["metadata.labels[provider.cattle.io]='harvester',status.provider='harvester'", 'spec.displayName=prod']);
    expect(p.get('sort')).toBe('spec.displayName,metadata.name');
  });

  it('2.11 with the SQL cache on: no quoted strings, so search text the lexer cannot take is cut down and said so', () => {
    const dialect = steveDialect('v2.11.3', true);
    const query = harvesterPageQuery({ ...REQUEST, searchQuery: 'my lab' }, dialect);

    expect(new URLSearchParams(pageQueryString(query, dialect)).getAll('filter')[1]).toBe('spec.displayName~lab');
    expect(query.searchAdjustedTo).toBe('lab');
    expect(harvesterPageQuery({ ...REQUEST, searchQuery: '-rack' }, dialect).searchAdjustedTo).toBe('rack');
    expect(harvesterPageQuery({ ...REQUEST, searchQuery: 'rack-1' }, dialect).searchAdjustedTo).toBeUndefined();
  });

  it('2.12 quotes what its lexer would read as syntax, including a leading "-"', () => {
    expect(params('v2.12.3', true, { ...REQUEST, searchQuery: '-rack' }).getAll('filter')[1]).toBe('spec.displayName~"-rack"');
    expect(params('v2.12.3', true, { ...REQUEST, searchQuery: 'my lab' }).getAll('filter')[1]).toBe('spec.displayName~"my lab"');
  });

  it('search text with nothing a Rancher can send searches nothing and says so', () => {
    const dialect = steveDialect('v2.11.3', false);
    const query = harvesterPageQuery({ ...REQUEST, searchQuery: ',=' }, dialect);

    expect(query.searchAdjustedTo).toBe('');
    expect(query.filters).toEqual([]);
  });

  it('provisioning clusters of a page: exact ids on SQL; a full page where `=` is a substring test', () => {
    expect(provisioningOfManagementQuery(['c-1', 'c-2'], steveDialect('v2.12.3')).pageSize).toBe(2);
    expect(provisioningOfManagementQuery(['c-1', 'c-2'], steveDialect('v2.11.3')).pageSize).toBe(MAX_PAGE_SIZE);
    const dialect = steveDialect('v2.10.6', true);

    expect(new URLSearchParams(pageQueryString(provisioningOfManagementQuery(['c-1'], dialect), dialect)).get('filter')).toBe("status.clusterName='c-1'");
  });

  it('a name check asks for a full page where `=` is a substring test ("prod" also matches "harvester-prod")', () => {
    expect(nameTakenQueries('prod', steveDialect('v2.12.3')).management.pageSize).toBe(1);
    expect(nameTakenQueries('prod', steveDialect('v2.11.3')).management.pageSize).toBe(MAX_PAGE_SIZE);
    expect(nameTakenQueries('prod', steveDialect('v2.10.6')).provisioning.pageSize).toBe(MAX_PAGE_SIZE);
  });
});
