import { pageJoin, storeJoin } from '../../../pkg/harvester-manager/adapters/cluster-join';
import { MANAGEMENT_CLUSTER, PROVISIONING_CLUSTER } from '../../../pkg/harvester-manager/domain';

const copy = { id: 'fleet-default/harv', status: { clusterName: 'c-old' } };
const live = {
  id: 'fleet-default/harv', status: { clusterName: 'c-abcde' }, metadata: { resourceVersion: '9' }
};
const mgmt = { id: 'c-abcde', spec: { displayName: 'harv' } };
const oldMgmt = { id: 'c-old' };

function store(objects: Record<string, object>) {
  return (type: string, id: string) => objects[`${ type }/${ id }`];
}

describe('adapters: cluster-join', () => {
  it('a page row reads what its page fetched, never the store', () => {
    const joined = pageJoin(copy, mgmt);

    expect(joined).toEqual({
      id: copy.id, provisioning: copy, management: mgmt, managementId: 'c-old'
    });
    expect(pageJoin({ id: 'fleet-default/new' }, mgmt).managementId).toBe('c-abcde');
    expect(pageJoin({ id: 'fleet-default/new' }).managementId).toBeUndefined();
  });

  it('a cluster the shell made reads the live store objects, not its copy', () => {
    const joined = storeJoin(store({ [`${ PROVISIONING_CLUSTER }/${ copy.id }`]: live, [`${ MANAGEMENT_CLUSTER }/c-abcde`]: mgmt }), copy);

    expect(joined.provisioning).toBe(live);
    expect(joined.management).toBe(mgmt);
    expect(joined.managementId).toBe('c-abcde');
  });

  it('falls back to its copy until the store holds the clusters', () => {
    expect(storeJoin(store({}), copy)).toEqual({
      id: copy.id, provisioning: copy, management: undefined, managementId: 'c-old'
    });
    // the live provisioning cluster names a management cluster the store does not hold yet
    const joined = storeJoin(store({ [`${ PROVISIONING_CLUSTER }/${ copy.id }`]: live, [`${ MANAGEMENT_CLUSTER }/c-old`]: oldMgmt }), copy);

    expect(joined.management).toBe(oldMgmt);
    expect(joined.managementId).toBe('c-abcde');
  });
});
