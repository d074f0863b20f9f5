import { ApiError } from '../../../sim/core/api-error';
import { ListCache, listKey } from '../../../sim/steve/list-cache';
import { filterAndSort, paginate } from '../../../sim/steve/list-eval';

import { parseFilterTerm, parseLabelSelector, parseListQuery, splitTopLevel } from '../../../sim/steve/list-query';
import { KubeObject } from '../../../sim/store/kube-object';

/** Filter, sort and paginate an already-authorised list, as the simulator's Steve answers it. */
const listPage = (objects: Parameters<typeof filterAndSort>[0], query: Parameters<typeof filterAndSort>[1]) => paginate(filterAndSort(objects, query), query);

const q = (query: string) => parseListQuery(new URLSearchParams(query));

function cluster(name: string, opts: { ns?: string, provider?: string, displayName?: string, ready?: boolean, nodes?: number, labels?: Record<string, string> } = {}): KubeObject {
  const labels: Record<string, string> = { ...(opts.labels || {}) };

  if (opts.provider) {
    labels['provider.cattle.io'] = opts.provider;
  }

  return {
    metadata: {
      name, namespace: opts.ns ?? 'fleet-default', labels
    },
    spec:   { displayName: opts.displayName ?? name },
    status: {
      ready: opts.ready ?? false, nodeCount: opts.nodes, conditions: [{ type: 'Ready', status: opts.ready ? 'True' : 'False' }],
    },
  };
}

const OBJECTS: KubeObject[] = [
  cluster('harvester-prod', {
    provider: 'harvester', ready: true, nodes: 3, displayName: 'Prod Harvester'
  }),
  cluster('harvester-lab', {
    provider: 'harvester', ready: true, nodes: 12
  }),
  cluster('harvester-new', {
    provider: 'harvester', ready: false, nodes: 1
  }),
  cluster('local', {
    ns: 'fleet-local', provider: 'k3s', ready: true, nodes: 1
  }),
  cluster('rke2-guest', {
    provider: 'rke2', ready: false, labels: { team: 'blue' }
  }),
  cluster('bare', {}),
];

const names = (query: string) => listPage(OBJECTS, q(query)).items.map((o) => o.metadata.name);

function expectBadRequest(fn: () => unknown, messagePart?: string): void {
  let caught: unknown;

  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ApiError);
  expect((caught as ApiError).status).toBe(400);
  expect((caught as ApiError).code).toBe('BadRequest');
  expect((caught as ApiError).toBody()).toMatchObject({
    type: 'error', status: 400, code: 'BadRequest'
  });
  if (messagePart) {
    expect((caught as ApiError).message).toContain(messagePart);
  }
}

describe('sim: list query parsing', () => {
  it('splits on separators outside quotes, parentheses and brackets', () => {
    expect(splitTopLevel('a=1,b IN (x,y),metadata.labels[a,b]=c,"q,r"', ',')).toEqual(['a=1', 'b IN (x,y)', 'metadata.labels[a,b]=c', '"q,r"']);
  });

  it('parses the equality, inequality and contains operators', () => {
    expect(parseFilterTerm('metadata.name=foo')).toEqual({
      field: 'metadata.name', path: ['metadata', 'name'], op: '=', values: ['foo']
    });
    expect(parseFilterTerm('metadata.name==foo')).toMatchObject({ op: '=', values: ['foo'] });
    expect(parseFilterTerm('metadata.name!=foo')).toMatchObject({ op: '!=', values: ['foo'] });
    expect(parseFilterTerm('spec.displayName~Prod')).toMatchObject({
      field: 'spec.displayName', op: '~', values: ['Prod']
    });
    expect(parseFilterTerm('spec.displayName!~prod')).toMatchObject({ op: '!~', values: ['prod'] });
    expect(parseFilterTerm('metadata.name="quoted value"')).toMatchObject({ op: '=', values: ['quoted value'] });
  });

  it('parses label paths whose keys contain dots and slashes', () => {
    expect(parseFilterTerm('metadata.labels[provider.cattle.io]=harvester')).toEqual({
      field: 'metadata.labels[provider.cattle.io]', path: ['metadata', 'labels', 'provider.cattle.io'], op: '=', values: ['harvester'],
    });
    expect(parseFilterTerm('metadata.annotations[field.cattle.io/creatorId]!=user-admin')).toMatchObject({
      path: ['metadata', 'annotations', 'field.cattle.io/creatorId'], op: '!=', values: ['user-admin'],
    });
    // the = inside the brackets is part of the key, not the operator
    expect(parseFilterTerm('metadata.labels[a=b]=c')).toMatchObject({
      path: ['metadata', 'labels', 'a=b'], op: '=', values: ['c']
    });
    expect(parseFilterTerm('status.conditions[0].type=Ready').path).toEqual(['status', 'conditions', 0, 'type']);
  });

  it('parses IN and NOTIN sets (case-insensitive keyword, quoted members)', () => {
    expect(parseFilterTerm('metadata.name IN (a, b,"c")')).toMatchObject({
      field: 'metadata.name', op: 'in', values: ['a', 'b', 'c']
    });
    expect(parseFilterTerm('metadata.labels[provider.cattle.io] notin (k3s,rke2)')).toMatchObject({
      path: ['metadata', 'labels', 'provider.cattle.io'], op: 'notin', values: ['k3s', 'rke2'],
    });
  });

  it('parses existence tests', () => {
    expect(parseFilterTerm('metadata.labels[team]')).toMatchObject({ op: 'exists', values: [] });
    expect(parseFilterTerm('!metadata.labels[team]')).toMatchObject({ op: '!exists', path: ['metadata', 'labels', 'team'] });
  });

  it('one filter param is an OR group, repeated filter params are ANDed', () => {
    const query = q('filter=metadata.name=a,metadata.name=b&filter=spec.displayName~x');

    expect(query.filters).toHaveLength(2);
    expect(query.filters[0].map((f) => f.values[0])).toEqual(['a', 'b']);
    expect(query.filters[1]).toHaveLength(1);
  });

  it('parses sort keys with - for descending, page and pagesize', () => {
    const query = q('sort=-spec.displayName,metadata.name&page=3&pagesize=25&exclude=metadata.managedFields');

    expect(query.sort).toEqual([
      {
        field: 'spec.displayName', path: ['spec', 'displayName'], desc: true
      },
      {
        field: 'metadata.name', path: ['metadata', 'name'], desc: false
      },
    ]);
    expect(query.page).toBe(3);
    expect(query.pageSize).toBe(25);
  });

  it('defaults to page 1 without page size', () => {
    const query = q('');

    expect(query).toMatchObject({
      filters: [], sort: [], page: 1, pageSize: undefined
    });
  });

  it('turns labelSelector and fieldSelector into filters', () => {
    expect(parseLabelSelector('provider.cattle.io=harvester,team!=red,env in (a,b),!gone')).toEqual([
      expect.objectContaining({
        path: ['metadata', 'labels', 'provider.cattle.io'], op: '=', values: ['harvester']
      }),
      expect.objectContaining({
        path: ['metadata', 'labels', 'team'], op: '!=', values: ['red']
      }),
      expect.objectContaining({
        path: ['metadata', 'labels', 'env'], op: 'in', values: ['a', 'b']
      }),
      expect.objectContaining({ path: ['metadata', 'labels', 'gone'], op: '!exists' }),
    ]);
    expect(q('fieldSelector=metadata.namespace=fleet-local').filters).toEqual([[expect.objectContaining({
      path: ['metadata', 'namespace'], op: '=', values: ['fleet-local']
    })]]);
  });

  it.each([
    ['pagesize=abc', 'pagesize'],
    ['pagesize=-1', 'pagesize'],
    ['pagesize=2.5', 'pagesize'],
    ['page=x', 'page'],
    ['page=-2', 'page'],
    ['limit=ten', 'limit'],
    ['filter=', 'empty'],
    ['filter=a=1,', 'empty'],
    ['filter==harvester', 'missing field'],
    ['filter=~x', 'missing field'],
    ['filter=metadata.labels[provider.cattle.io=harvester', 'unterminated'],
    ['sort=metadata.labels[oops', 'unterminated'],
    ['filter=metadata.name IN (a,b', 'invalid filter'],
    ['filter=metadata.name IN', 'invalid filter'],
    ['filter=not a field', 'invalid filter'],
    ['filter=!', 'invalid filter'],
  ])('rejects %s with a 400 ApiError', (query, messagePart) => {
    expectBadRequest(() => q(query), messagePart);
  });
});

describe('sim: list evaluation', () => {
  it('= is an exact match, != its negation (objects without the field match !=)', () => {
    expect(names('filter=metadata.name=harvester-lab')).toEqual(['harvester-lab']);
    expect(names('filter=metadata.name=harvester')).toEqual([]);
    expect(names('filter=metadata.labels[provider.cattle.io]!=harvester')).toEqual(['bare', 'rke2-guest', 'local']);
  });

  it('~ is a case-insensitive substring match; !~ its negation', () => {
    expect(names('filter=spec.displayName~PROD')).toEqual(['harvester-prod']);
    expect(names('filter=metadata.name~harvester')).toEqual(['harvester-lab', 'harvester-new', 'harvester-prod']);
    expect(names('filter=metadata.name!~harvester')).toEqual(['bare', 'rke2-guest', 'local']);
  });

  it('filters on label paths', () => {
    expect(names('filter=metadata.labels[provider.cattle.io]=harvester')).toEqual(['harvester-lab', 'harvester-new', 'harvester-prod']);
    expect(names('filter=metadata.labels[team]')).toEqual(['rke2-guest']);
    expect(names('filter=!metadata.labels[provider.cattle.io]')).toEqual(['bare']);
  });

  it('IN and NOTIN', () => {
    expect(names('filter=metadata.name IN (local,bare,nope)')).toEqual(['bare', 'local']);
    expect(names('filter=metadata.labels[provider.cattle.io] NOTIN (harvester,k3s)')).toEqual(['bare', 'rke2-guest']);
  });

  it('`,` inside one filter is OR', () => {
    expect(names('filter=metadata.name=local,metadata.labels[provider.cattle.io]=rke2')).toEqual(['rke2-guest', 'local']);
  });

  it('repeated filter params are AND', () => {
    expect(names('filter=metadata.labels[provider.cattle.io]=harvester&filter=status.ready=true')).toEqual(['harvester-lab', 'harvester-prod']);
    expect(names('filter=metadata.labels[provider.cattle.io]=harvester&filter=metadata.name=local')).toEqual([]);
    // (A or B) and C
    expect(names('filter=metadata.name=local,metadata.name=harvester-new&filter=status.ready=false')).toEqual(['harvester-new']);
  });

  it('matches array fields element by element', () => {
    expect(names('filter=status.conditions.status=True')).toEqual(['harvester-lab', 'harvester-prod', 'local']);
  });

  it('sorts by namespace then name by default, by the given keys otherwise, - for descending', () => {
    expect(names('')).toEqual(['bare', 'harvester-lab', 'harvester-new', 'harvester-prod', 'rke2-guest', 'local']);
    expect(names('sort=metadata.name')).toEqual(['bare', 'harvester-lab', 'harvester-new', 'harvester-prod', 'local', 'rke2-guest']);
    expect(names('sort=-metadata.name')).toEqual(['rke2-guest', 'local', 'harvester-prod', 'harvester-new', 'harvester-lab', 'bare']);
    // numbers compare numerically (12 > 3), missing values first
    expect(names('sort=status.nodeCount')).toEqual(['bare', 'rke2-guest', 'harvester-new', 'local', 'harvester-prod', 'harvester-lab']);
    // secondary key breaks ties
    expect(names('sort=-status.ready,-metadata.name')).toEqual(['local', 'harvester-prod', 'harvester-lab', 'rke2-guest', 'harvester-new', 'bare']);
  });

  it('paginates: count is the filtered total, pages = ceil(count / pagesize)', () => {
    const all = listPage(OBJECTS, q('sort=metadata.name&pagesize=4'));

    expect(all).toMatchObject({ count: 6, pages: 2 });
    expect(all.items.map((o) => o.metadata.name)).toEqual(['bare', 'harvester-lab', 'harvester-new', 'harvester-prod']);
    const page2 = listPage(OBJECTS, q('sort=metadata.name&pagesize=4&page=2'));

    expect(page2).toMatchObject({ count: 6, pages: 2 });
    expect(page2.items.map((o) => o.metadata.name)).toEqual(['local', 'rke2-guest']);
    const beyond = listPage(OBJECTS, q('sort=metadata.name&pagesize=4&page=9'));

    expect(beyond).toMatchObject({
      count: 6, pages: 2, items: []
    });

    const filtered = listPage(OBJECTS, q('filter=metadata.labels[provider.cattle.io]=harvester&pagesize=2&page=2&sort=metadata.name'));

    expect(filtered).toMatchObject({ count: 3, pages: 2 });
    expect(filtered.items.map((o) => o.metadata.name)).toEqual(['harvester-prod']);
  });

  it('reports count without pages when no page size is given', () => {
    const result = listPage(OBJECTS, q('filter=metadata.namespace=fleet-default'));

    expect(result.count).toBe(5);
    expect(result.pages).toBeUndefined();
    expect(result.items).toHaveLength(5);
  });

  it('pages of an exact multiple and of an empty result', () => {
    expect(listPage(OBJECTS, q('pagesize=3'))).toMatchObject({ count: 6, pages: 2 });
    expect(listPage(OBJECTS, q('pagesize=6'))).toMatchObject({ count: 6, pages: 1 });
    expect(listPage(OBJECTS, q('filter=metadata.name=none&pagesize=10'))).toMatchObject({
      count: 0, pages: 0, items: []
    });
  });

  it('filters and sorts on Steve\'s computed id (namespace/name)', () => {
    expect(names('filter=id=fleet-local/local')).toEqual(['local']);
    expect(names('filter=id IN (fleet-default/bare,fleet-local/local)&sort=-id')).toEqual(['local', 'bare']);
  });

  it('does not mutate or reorder its input', () => {
    const before = OBJECTS.map((o) => o.metadata.name);

    listPage(OBJECTS, q('sort=-metadata.name&pagesize=2'));
    expect(OBJECTS.map((o) => o.metadata.name)).toEqual(before);
  });
});

describe('sim: list cache', () => {
  const params = (query: string) => new URLSearchParams(query);

  it('keys on user, type, namespace, filter and sort, not on the page', () => {
    const base = listKey('u-1', 'provisioning.cattle.io.cluster', undefined, params('filter=a=b&sort=c&page=1&pagesize=10'));

    expect(listKey('u-1', 'provisioning.cattle.io.cluster', undefined, params('filter=a=b&sort=c&page=7&pagesize=50'))).toBe(base);
    for (const other of [
      listKey('u-2', 'provisioning.cattle.io.cluster', undefined, params('filter=a=b&sort=c')),
      listKey(null, 'provisioning.cattle.io.cluster', undefined, params('filter=a=b&sort=c')),
      listKey('u-1', 'management.cattle.io.cluster', undefined, params('filter=a=b&sort=c')),
      listKey('u-1', 'provisioning.cattle.io.cluster', 'fleet-default', params('filter=a=b&sort=c')),
      listKey('u-1', 'provisioning.cattle.io.cluster', undefined, params('filter=a=c&sort=c')),
      listKey('u-1', 'provisioning.cattle.io.cluster', undefined, params('filter=a=b&sort=-c')),
      listKey('u-1', 'provisioning.cattle.io.cluster', undefined, params('filter=a=b&filter=x=y&sort=c')),
    ]) {
      expect(other).not.toBe(base);
    }
  });

  it('computes once per key and revision, recomputes after a write', () => {
    const cache = new ListCache();
    const compute = jest.fn(() => OBJECTS.slice(0, 2));

    expect(cache.get('k', 5, compute)).toHaveLength(2);
    expect(cache.get('k', 5, compute)).toHaveLength(2);
    expect(compute).toHaveBeenCalledTimes(1);
    cache.get('k', 6, compute);
    expect(compute).toHaveBeenCalledTimes(2);
    cache.get('other', 6, compute);
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('keeps a bounded number of entries, evicting the least recently used', () => {
    const cache = new ListCache();
    const compute = jest.fn(() => []);

    for (let i = 0; i < 64; i++) {
      cache.get(`k${ i }`, 1, compute);
    }
    cache.get('k0', 1, compute); // refresh k0
    cache.get('k64', 1, compute); // evicts k1
    expect(compute).toHaveBeenCalledTimes(65);
    cache.get('k0', 1, compute);
    expect(compute).toHaveBeenCalledTimes(65);
    cache.get('k1', 1, compute);
    expect(compute).toHaveBeenCalledTimes(66);
  });
});
