import { legacyList, parseLegacyFilters } from '../../../sim/steve/legacy-list';
import type { KubeObject } from '../../../sim/store/kube-object';

// steve pkg/stores/partition/listprocessor/processor.go (v0.4.8 / v0.5.15 / v0.6.53): what 2.10 and
// 2.11 answer with their default ui-sql-cache=false.
const cluster = (name: string, displayName: string, labels: Record<string, string> = {}, extra: Record<string, unknown> = {}): KubeObject => ({
  metadata: { name, labels }, spec: { displayName }, status: { conditions: [{ type: 'Ready', status: 'True' }] }, ...extra,
} as unknown as KubeObject);

const CLUSTERS = [
  cluster('c-m-1', 'Prod-east', { 'provider.cattle.io': 'harvester' }),
  cluster('c-m-2', 'prod-west', { 'provider.cattle.io': 'harvester' }),
  cluster('c-m-3', 'lab', { 'provider.cattle.io': 'rke2' }),
  cluster('local', 'local'),
];

const names = (query: string, minor = 11) => legacyList(CLUSTERS, new URLSearchParams(query), minor).items.map((o) => o.metadata.name);

describe('sim: the list processor without the SQL cache', () => {
  it('`=` is a case-sensitive substring test; `!=` its negation, true when the field is missing', () => {
    expect(names('filter=spec.displayName=prod')).toEqual(['c-m-2']);
    expect(names('filter=spec.displayName!=prod')).toEqual(['c-m-1', 'c-m-3', 'local']);
    expect(names('filter=status.provider!=harvester')).toEqual(['c-m-1', 'c-m-2', 'c-m-3', 'local']);
  });

  it('cannot address a dotted label key: metadata.labels[provider.cattle.io] never matches', () => {
    expect(names('filter=metadata.labels[provider.cattle.io]=harvester')).toEqual([]);
  });

  it('labelSelector goes to the Kubernetes list and selects exactly', () => {
    expect(names('labelSelector=provider.cattle.io%3Dharvester')).toEqual(['c-m-1', 'c-m-2']);
  });

  it.each(['a in (b,c', '!!!', 'a b', 'in (x)'])('labelSelector %p that does not parse is refused with 400, as the Kubernetes list refuses it', (selector) => {
    expect(() => names(`labelSelector=${ encodeURIComponent(selector) }`)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('drops items that do not split in two on [!]?= (no `~`, no IN); a group left empty matches nothing', () => {
    expect(parseLegacyFilters(new URLSearchParams('filter=spec.displayName~prod,metadata.name=c-m-3'))).toEqual([[
      {
        field: ['metadata', 'name'], match: 'c-m-3', negate: false
      },
    ]]);
    expect(names('filter=spec.displayName~prod,metadata.name=c-m-3')).toEqual(['c-m-3']);
    expect(names('filter=spec.displayName~prod')).toEqual([]);
  });

  it('comma is OR within a filter, repeated filters AND', () => {
    expect(names('filter=metadata.name=c-m-1,metadata.name=c-m-3')).toEqual(['c-m-1', 'c-m-3']);
    expect(names('filter=metadata.name=c-m&filter=spec.displayName=lab')).toEqual(['c-m-3']);
  });

  it('matches list elements by the rest of the path', () => {
    expect(names('filter=status.conditions.type=Ready&filter=metadata.name=local')).toEqual(['local']);
  });

  it('sorts on any field as strings; two keys at most on 2.10', () => {
    expect(names('sort=-spec.displayName')).toEqual(['c-m-2', 'local', 'c-m-3', 'c-m-1']);
    const sort = new URLSearchParams('sort=metadata.namespace,spec.displayName,-metadata.name');

    // 2.10's SplitN(…, 2) makes "spec.displayName,-metadata.name" one (unknown) secondary key: Kubernetes order stays
    expect(legacyList(CLUSTERS, sort, 10).items.map((o) => o.metadata.name)).toEqual(['c-m-1', 'c-m-2', 'c-m-3', 'local']);
    // byte order: upper case first
    expect(legacyList(CLUSTERS, sort, 11).items.map((o) => o.metadata.name)).toEqual(['c-m-1', 'c-m-3', 'local', 'c-m-2']);
  });

  it('pages with page/pagesize and counts the filtered list', () => {
    const answer = legacyList(CLUSTERS, new URLSearchParams('pagesize=3&page=2'), 11);

    expect(answer).toMatchObject({ count: 4, pages: 2 });
    expect(answer.items.map((o) => o.metadata.name)).toEqual(['local']);
    expect(legacyList(CLUSTERS, new URLSearchParams(''), 11).count).toBe(4);
    expect(legacyList(CLUSTERS, new URLSearchParams(''), 11).pages).toBeUndefined();
  });
});
