import { agentHasRegistered, decideClusterState, isDisconnected, isReady } from '../../../pkg/harvester-manager/domain';
import {
  activeHarvester, cond, CONNECTED_CONDITIONS, join, mgmt, pendingHarvester, prov,
} from './fixtures/rancher';

function disconnected() {
  const c = activeHarvester();

  c.management!.status!.conditions = CONNECTED_CONDITIONS.map((x) => (x.type === 'Connected' ? cond('Connected', 'False', { lastUpdateTime: '2024-03-08T10:00:00Z' }) : x));
  c.management!.metadata!.state = {
    name: 'unavailable', error: false, message: 'cluster agent disconnected'
  };

  return c;
}

describe('domain: cluster-state', () => {
  it('pending: imported, no agent yet', () => {
    const d = decideClusterState(pendingHarvester());

    expect(d).toEqual({
      state:         'pending',
      displayKey:    'harvesterManager.state.pending',
      tone:          'info',
      error:         false,
      transitioning: true,
      detail:        'Waiting for cluster agent to connect',
    });
  });

  it('pending: provisioning cluster only (management cluster not created or not visible yet)', () => {
    expect(decideClusterState(join(prov({ state: { name: 'pending' } }))).state).toBe('pending');
  });

  it('waiting: Rancher reports waiting while the agent comes up', () => {
    const c = pendingHarvester();

    c.management!.metadata!.state = { name: 'waiting', message: 'Waiting for API to be available' };
    const d = decideClusterState(c);

    expect(d.state).toBe('waiting');
    expect(d.displayKey).toBe('harvesterManager.state.waiting');
    expect(d.transitioning).toBe(true);
    expect(d.detail).toBe('Waiting for API to be available');
  });

  it('waiting: Rancher summary says active but the conditions are not ready yet', () => {
    const c = pendingHarvester();

    c.management!.metadata!.state = { name: 'active' };
    expect(decideClusterState(c).state).toBe('waiting');
  });

  it('active: Connected=True', () => {
    const d = decideClusterState(activeHarvester());

    expect(d).toMatchObject({
      state: 'active', displayKey: 'harvesterManager.state.active', tone: 'success', error: false, transitioning: false
    });
    expect(d.reason).toBeUndefined();
  });

  it('active: readiness wins over a lagging state name', () => {
    const c = activeHarvester();

    c.management!.metadata!.state = { name: 'pending' };
    expect(decideClusterState(c).state).toBe('active');
  });

  it('active: Ready=True when Rancher has no Connected condition (older Rancher)', () => {
    const c = join(prov(), mgmt({ conditions: [cond('Ready', 'True')], state: { name: 'active' } }));

    expect(decideClusterState(c).state).toBe('active');
  });

  it('unavailable: the agent was connected and has gone (Connected=False)', () => {
    const d = decideClusterState(disconnected());

    expect(d).toMatchObject({
      state: 'unavailable', tone: 'warning', error: false, detail: 'cluster agent disconnected'
    });
    expect(isDisconnected(disconnected())).toBe(true);
    expect(isDisconnected(pendingHarvester())).toBe(false);
  });

  describe('a new import on a real Rancher (clusterconnected writes Connected=False within 15 s)', () => {
    // rancher pkg/controllers/management/clusterconnected/clusterconnected.go, release/v2.10–v2.12:
    // no agent session → Connected=False; Pending/Provisioned/Waiting stay Unknown until the agent registers.
    function neverConnected() {
      const c = pendingHarvester();

      c.management!.status = {
        conditions: [
          cond('Pending', 'Unknown'), cond('Provisioned', 'Unknown'), cond('Waiting', 'Unknown', { message: 'Waiting for API to be available' }),
          cond('BackingNamespaceCreated', 'True'), cond('Connected', 'False'),
        ],
      };
      c.management!.metadata!.state = {
        name: 'pending', error: false, transitioning: true, message: ''
      };

      return c;
    }

    it('reads pending, not unavailable, and is not disconnected', () => {
      expect(decideClusterState(neverConnected()).state).toBe('pending');
      expect(isDisconnected(neverConnected())).toBe(false);
      expect(agentHasRegistered(neverConnected())).toBe(false);
    });

    it('stays pending even when Rancher summarises it unavailable (Ready=False Disconnected)', () => {
      const c = neverConnected();

      c.management!.status!.conditions!.push(cond('Ready', 'False', { reason: 'Disconnected', message: 'Cluster agent is not connected' }));
      c.management!.metadata!.state = {
        name: 'unavailable', error: false, transitioning: true, message: 'Cluster agent is not connected'
      };
      expect(decideClusterState(c)).toMatchObject({ state: 'pending', detail: undefined });
    });

    it('once the agent registered (driver, Provisioned=True), Connected=False is a disconnection', () => {
      const c = neverConnected();

      c.management!.status!.driver = 'imported';
      c.management!.status!.conditions = c.management!.status!.conditions!.map((x) => (x.type === 'Provisioned' ? cond('Provisioned', 'True') : x));
      c.management!.metadata!.state = {
        name: 'unavailable', error: false, transitioning: true, message: 'Cluster agent is not connected'
      };
      expect(agentHasRegistered(c)).toBe(true);
      expect(isDisconnected(c)).toBe(true);
      expect(decideClusterState(c).state).toBe('unavailable');
    });
  });

  it('unavailable: Rancher says so even without conditions', () => {
    const c = pendingHarvester();

    c.management!.metadata!.state = { name: 'unavailable' };
    expect(decideClusterState(c).state).toBe('unavailable');
  });

  it('error: the management cluster state carries an error', () => {
    const c = pendingHarvester();

    c.management!.metadata!.state = {
      name: 'pending', error: true, message: 'failed to create namespace'
    };
    expect(decideClusterState(c)).toMatchObject({
      state: 'error', displayKey: 'harvesterManager.state.error', tone: 'error', error: true, detail: 'failed to create namespace'
    });
  });

  it('error: the provisioning cluster error counts while there is no management cluster', () => {
    expect(decideClusterState(join(prov({ state: { name: 'error', error: true } }))).state).toBe('error');
  });

  it('error of the provisioning cluster does not override a healthy management cluster', () => {
    const c = activeHarvester();

    c.provisioning.metadata!.state = { name: 'error', error: true };
    expect(decideClusterState(c).state).toBe('active');
  });

  it.each([
    ['deletionTimestamp on the provisioning cluster', (c: ReturnType<typeof activeHarvester>) => {
      c.provisioning.metadata!.deletionTimestamp = '2024-03-09T00:00:00Z';
    }],
    ['deletionTimestamp on the management cluster', (c: ReturnType<typeof activeHarvester>) => {
      c.management!.metadata!.deletionTimestamp = '2024-03-09T00:00:00Z';
    }],
    ['state removing', (c: ReturnType<typeof activeHarvester>) => {
      c.provisioning.metadata!.state = { name: 'removing', transitioning: true };
    }],
  ])('removing: %s wins over active and denied', (_, mutate) => {
    const c = activeHarvester();

    mutate(c);
    const d = decideClusterState(c, 'v1.2.0');

    expect(d).toMatchObject({
      state: 'removing', tone: 'info', transitioning: true, error: false
    });
  });

  it('removing as soon as Rancher accepted this user\'s DELETE, before the deletion timestamp is seen', () => {
    expect(decideClusterState(activeHarvester(), 'v1.4.1', true)).toMatchObject({ state: 'removing', transitioning: true });
    expect(decideClusterState(activeHarvester(), 'v1.4.1', false).state).toBe('active');
  });

  describe('denied (Harvester < v1.3.0)', () => {
    it('denies an old Harvester and says why with the support message', () => {
      const d = decideClusterState(activeHarvester(), 'v1.2.2');

      expect(d).toMatchObject({
        state: 'denied', displayKey: 'harvesterManager.state.denied', tone: 'error', error: true
      });
      expect(d.reason).toEqual({ key: 'harvesterManager.cluster.supportMessage', args: { version: 'v1.2.2', minVersion: 'v1.3.0' } });
    });

    it('denies even when Rancher is in another non-removing state', () => {
      expect(decideClusterState(disconnected(), 'v1.1.0').state).toBe('denied');
    });

    it.each(['v1.3.0', 'v1.3.0-rc1', 'v1.4.1', 'master-head', '', null, undefined])('does not deny %p', (version) => {
      expect(decideClusterState(activeHarvester(), version).state).toBe('active');
    });
  });

  it('isReady reads the management cluster, else the provisioning cluster', () => {
    expect(isReady(activeHarvester())).toBe(true);
    expect(isReady(pendingHarvester())).toBe(false);
    expect(isReady(join(prov({ conditions: [cond('Ready', 'True')] })))).toBe(true);
    // the provisioning copy is ignored when a management cluster exists
    expect(isReady(join(prov({ conditions: [cond('Connected', 'True')] }), mgmt()))).toBe(false);
  });
});
