import { deleteRequests } from '../../../pkg/harvester-manager/domain';
import { activeHarvester, HOST, pendingHarvester, readOnlyView } from './fixtures/rancher';

describe('domain: delete-requests', () => {
  it('one DELETE per provisioning cluster, on links.remove', () => {
    const { requests, skipped } = deleteRequests([activeHarvester('harv1', 'c-aaaaa'), pendingHarvester('harv2', 'c-bbbbb')]);

    expect(requests).toEqual([
      {
        method: 'DELETE', url: `${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/c-aaaaa`, id: 'fleet-default/c-aaaaa'
      },
      {
        method: 'DELETE', url: `${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/c-bbbbb`, id: 'fleet-default/c-bbbbb'
      },
    ]);
    expect(skipped).toEqual([]);
  });

  it('never addresses the management cluster or a token', () => {
    const { requests } = deleteRequests([activeHarvester()]);

    requests.forEach((r) => {
      expect(r.url).not.toMatch(/management\.cattle\.io|clusterregistrationtoken|\/v3\//);
    });
  });

  it('accepts a relative links.remove', () => {
    const c = activeHarvester();

    c.provisioning.links = { ...c.provisioning.links, remove: '/v1/provisioning.cattle.io.clusters/fleet-default/c-abcde' };
    expect(deleteRequests([c]).requests[0].url).toBe('/v1/provisioning.cattle.io.clusters/fleet-default/c-abcde');
  });

  it('skips clusters without permission (no link, or blocked)', () => {
    const blocked = activeHarvester('b', 'c-bbbbb');

    blocked.provisioning.links = { ...blocked.provisioning.links, remove: 'blocked' };
    expect(deleteRequests([readOnlyView(activeHarvester()), blocked])).toEqual({
      requests: [],
      skipped:  [{ id: 'fleet-default/c-abcde', reason: 'forbidden' }, { id: 'fleet-default/c-bbbbb', reason: 'forbidden' }],
    });
  });

  it('skips clusters already being removed', () => {
    const c = activeHarvester();

    c.provisioning.metadata!.deletionTimestamp = '2024-03-09T00:00:00Z';
    expect(deleteRequests([c])).toEqual({ requests: [], skipped: [{ id: 'fleet-default/c-abcde', reason: 'removing' }] });
  });

  it.each([
    `${ HOST }/v1/management.cattle.io.clusters/c-abcde`,
    `${ HOST }/k8s/clusters/c-abcde/v1/namespaces/cattle-system`,
    `${ HOST }/k8s/clusters/c-abcde/v1/provisioning.cattle.io.clusters/fleet-default/x`,
    `${ HOST }/v3/clusters/c-abcde`,
    `${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default`,
    `${ HOST }/v1/provisioning.cattle.io.clusters/fleet-default/x?force=true`,
    'javascript:alert(1)',
  ])('refuses a remove link that is not a provisioning cluster: %s', (url) => {
    const c = activeHarvester();

    c.provisioning.links = { ...c.provisioning.links, remove: url };
    expect(deleteRequests([c])).toEqual({ requests: [], skipped: [{ id: 'fleet-default/c-abcde', reason: 'unsafeUrl' }] });
  });

  it('does not delete the same cluster twice when selected twice', () => {
    const c = activeHarvester();

    expect(deleteRequests([c, c]).requests).toHaveLength(1);
  });
});
