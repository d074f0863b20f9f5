import { confirmationRule, isConfirmationValid, planDelete, resetRegistrationSettingCommand } from '../../../pkg/harvester-manager/domain';
import {
  activeHarvester, guestCluster, join, normanCredential, pendingHarvester, prov, readOnlyView, token,
} from './fixtures/rancher';

const K = 'harvesterManager.deletePlan';

describe('domain: delete-plan', () => {
  describe('single cluster', () => {
    const harv = activeHarvester('harv1', 'c-abcde');
    const plan = planDelete([harv], {
      cloudCredentials: [normanCredential('cc-1', 'c-abcde', 'harv1-creds')],
      guestClusters:    [guestCluster('guest-a', 'cattle-global-data:cc-1')],
      tokens:           [token('c-other'), token('c-abcde', { id: 'c-abcde:custom-token' })],
    });

    it('removes provisioning cluster → management cluster → token, with ids', () => {
      expect(plan.clusters).toHaveLength(1);
      expect(plan.clusters[0].id).toBe('fleet-default/c-abcde');
      expect(plan.clusters[0].displayName).toBe('harv1');
      expect(plan.clusters[0].removes).toEqual([
        {
          kind: 'provisioningCluster', id: 'fleet-default/c-abcde', labelKey: `${ K }.removes.provisioningCluster`
        },
        {
          kind: 'managementCluster', id: 'c-abcde', labelKey: `${ K }.removes.managementCluster`
        },
        {
          kind: 'registrationToken', id: 'c-abcde:custom-token', labelKey: `${ K }.removes.registrationToken`
        },
      ]);
      expect(plan.clusters[0].blocked).toBeUndefined();
      expect(plan.canProceed).toBe(true);
    });

    it('says what stays on Harvester', () => {
      expect(plan.stays).toEqual([{ key: `${ K }.stays.cattleSystem` }, { key: `${ K }.stays.virtualMachines` }]);
    });

    it('warns never to kubectl delete -f the manifest', () => {
      expect(plan.warnings).toEqual([{ key: `${ K }.warning.noKubectlDelete` }]);
    });

    it('says to reset the registration setting afterwards, with the command', () => {
      expect(plan.after).toEqual([{ key: `${ K }.after.resetRegistrationUrl`, args: { setting: 'cluster-registration-url' } }]);
      expect(plan.afterCommands).toEqual([resetRegistrationSettingCommand()]);
      plan.afterCommands.forEach((c) => expect(c).not.toMatch(/delete/));
    });

    it('lists the dependants', () => {
      expect(plan.clusters[0].dependants).toEqual({
        cloudCredentials: { status: 'known', items: [{ id: 'cattle-global-data:cc-1', name: 'harv1-creds' }] },
        guestClusters:    { status: 'known', items: [{ id: 'fleet-default/guest-a', name: 'guest-a' }] },
      });
    });

    it('asks for the exact display name', () => {
      expect(plan.confirmation).toEqual({
        mode: 'single', expected: 'harv1', prompt: { key: `${ K }.confirm.single`, args: { name: 'harv1' } }
      });
      expect(isConfirmationValid(plan.confirmation, 'harv1')).toBe(true);
      ['c-abcde', 'Harv1', ' harv1', 'harv1 ', 'harv', '', undefined, null].forEach((typed) => {
        expect(isConfirmationValid(plan.confirmation, typed)).toBe(false);
      });
    });
  });

  it('assumes default-token when tokens are not given, and dependants unknown', () => {
    const plan = planDelete([activeHarvester('harv1', 'c-abcde')]);

    expect(plan.clusters[0].removes[2].id).toBe('c-abcde:default-token');
    expect(plan.clusters[0].dependants).toEqual({ cloudCredentials: { status: 'unknown' }, guestClusters: { status: 'unknown' } });
  });

  it('lists only the provisioning cluster when the management cluster is unknown', () => {
    const c = join(prov({ name: 'orphan', clusterName: null }));

    expect(planDelete([c]).clusters[0].removes.map((r) => r.kind)).toEqual(['provisioningCluster']);
  });

  it('blocks a cluster the user may not delete', () => {
    const plan = planDelete([readOnlyView(activeHarvester('harv1'))]);

    expect(plan.clusters[0].blocked).toEqual({ key: `${ K }.blocked.forbidden`, args: { name: 'harv1' } });
    expect(plan.canProceed).toBe(false);
  });

  it('blocks a cluster already being removed', () => {
    const c = activeHarvester('harv1');

    c.provisioning.metadata!.deletionTimestamp = '2024-03-09T00:00:00Z';
    expect(planDelete([c]).clusters[0].blocked).toEqual({ key: `${ K }.blocked.alreadyRemoving`, args: { name: 'harv1' } });

    const d = activeHarvester('harv2');

    d.provisioning.metadata!.state = { name: 'removing' };
    expect(planDelete([d]).clusters[0].blocked?.key).toBe(`${ K }.blocked.alreadyRemoving`);
  });

  describe('bulk', () => {
    const selected = [activeHarvester('harv1', 'c-aaaaa'), pendingHarvester('harv2', 'c-bbbbb'), readOnlyView(activeHarvester('harv3', 'c-ccccc'))];
    const plan = planDelete(selected, { cloudCredentials: [normanCredential('cc-b', 'c-bbbbb')], guestClusters: [] });

    it('plans each cluster with its own ids and dependants', () => {
      expect(plan.clusters.map((c) => [c.id, c.displayName, c.removes.map((r) => r.id)])).toEqual([
        ['fleet-default/c-aaaaa', 'harv1', ['fleet-default/c-aaaaa', 'c-aaaaa', 'c-aaaaa:default-token']],
        ['fleet-default/c-bbbbb', 'harv2', ['fleet-default/c-bbbbb', 'c-bbbbb', 'c-bbbbb:default-token']],
        ['fleet-default/c-ccccc', 'harv3', ['fleet-default/c-ccccc', 'c-ccccc', 'c-ccccc:default-token']],
      ]);
      expect(plan.clusters[0].dependants.cloudCredentials).toEqual({ status: 'known', items: [] });
      expect(plan.clusters[1].dependants.cloudCredentials).toEqual({ status: 'known', items: [{ id: 'cattle-global-data:cc-b', name: 'cc-b' }] });
      expect(plan.clusters.map((c) => !!c.blocked)).toEqual([false, false, true]);
      expect(plan.canProceed).toBe(true);
    });

    it('asks for the number of selected clusters, in digits', () => {
      expect(plan.confirmation).toEqual({
        mode: 'bulk', expected: '3', prompt: { key: `${ K }.confirm.bulk`, args: { count: 3 } }
      });
      expect(isConfirmationValid(plan.confirmation, '3')).toBe(true);
      ['harv1', '2', ' 3', 'three', ''].forEach((typed) => expect(isConfirmationValid(plan.confirmation, typed)).toBe(false));
    });
  });

  it('an empty selection cannot be confirmed or proceed', () => {
    const plan = planDelete([]);

    expect(plan.canProceed).toBe(false);
    expect(confirmationRule([]).expected).toBe('0');
    expect(isConfirmationValid({
      mode: 'single', expected: '', prompt: { key: 'x' }
    }, '')).toBe(false);
  });
});
