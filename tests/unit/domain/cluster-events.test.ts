import { clusterEventsUrl, eventRows, MAX_CLUSTER_EVENTS } from '../../../pkg/harvester-manager/domain';

describe('domain: cluster-events', () => {
  it('asks for the events of the management and provisioning cluster by uid, one page', () => {
    const url = clusterEventsUrl(['uid-mgmt', undefined, 'uid-prov', 'uid-mgmt']) as string;
    const [path, query] = url.split('?');
    const params = new URLSearchParams(query);

    expect(path).toBe('/v1/events');
    expect(params.get('filter')).toBe('involvedObject.uid=uid-mgmt,involvedObject.uid=uid-prov');
    expect(params.get('pagesize')).toBe(String(MAX_CLUSTER_EVENTS));
  });

  it('no uid known yet: nothing to ask for', () => {
    expect(clusterEventsUrl([undefined, ''])).toBeNull();
  });

  it('rows are newest first, with Warning kept and everything else Normal, and a count of at least 1', () => {
    const rows = eventRows([
      {
        metadata: { name: 'a', namespace: 'default' }, _type: 'Normal', reason: 'Registering', message: 'waiting', lastTimestamp: '2026-11-26T09:00:00Z', involvedObject: { kind: 'Cluster', name: 'c-1' },
      },
      {
        id: 'default/b', _type: 'Warning', reason: 'Disconnected', message: '<b>lost</b>', count: 3, lastTimestamp: '2026-11-26T09:05:00Z',
      },
      {
        metadata: { name: 'c', creationTimestamp: '2026-11-26T09:01:00Z' }, _type: 'Weird', count: 0
      },
    ]);

    expect(rows.map((r) => [r.id, r.type, r.reason, r.count, r.lastSeen])).toEqual([
      ['default/b', 'Warning', 'Disconnected', 3, '2026-11-26T09:05:00Z'],
      ['/c', 'Normal', '', 1, '2026-11-26T09:01:00Z'],
      ['default/a', 'Normal', 'Registering', 1, '2026-11-26T09:00:00Z'],
    ]);
    expect(rows[2].object).toBe('Cluster c-1');
    expect(rows[0].message).toBe('<b>lost</b>');
  });
});
