import {
  cleanAgentEnvVars, editTarget, normanClusterCreateBody, normanClusterUpdateBody, provisioningClusterChanges, provisioningIdForNormanCluster, rancherMinorVersion,
} from '../../../pkg/harvester-manager/domain';
import { join, mgmt, pendingHarvester, prov } from './fixtures/rancher';

describe('domain: cluster-config', () => {
  it('creates through Norman with the Harvester provider label, as Rancher ≥ 2.11 does', () => {
    expect(normanClusterCreateBody({
      name: 'harv1', description: 'lab', labels: { team: 'a' }, annotations: { note: 'x' }, agentEnvVars: [{ name: 'HTTP_PROXY', value: 'http://p:3128' }],
    })).toEqual({
      type:         'cluster',
      name:         'harv1',
      description:  'lab',
      labels:       { team: 'a', 'provider.cattle.io': 'harvester' },
      annotations:  { note: 'x' },
      agentEnvVars: [{ name: 'HTTP_PROXY', value: 'http://p:3128' }],
    });
  });

  it('the provider label cannot be overridden by the form', () => {
    expect(normanClusterCreateBody({ name: 'x', labels: { 'provider.cattle.io': 'rke2' } }).labels).toEqual({ 'provider.cattle.io': 'harvester' });
  });

  it('drops unnamed agent variables and trims names', () => {
    expect(cleanAgentEnvVars([{ name: ' A ', value: '1' }, { name: '', value: '2' }, { name: '  ' }])).toEqual([{ name: 'A', value: '1' }]);
    expect(cleanAgentEnvVars(undefined)).toEqual([]);
  });

  it('update keeps what Rancher returned and replaces the edited fields', () => {
    const current = {
      id: 'c-abcde', type: 'cluster', name: 'harv1', description: 'old', labels: { a: '1', 'provider.cattle.io': 'harvester' }, dockerRootDir: '/var/lib/docker',
    };
    const body = normanClusterUpdateBody(current, {
      name: 'harv1', description: 'new', labels: { b: '2' }, annotations: {}, agentEnvVars: [],
    });

    expect(body).toEqual({
      id: 'c-abcde', type: 'cluster', name: 'harv1', description: 'new', labels: { b: '2', 'provider.cattle.io': 'harvester' }, annotations: {}, agentEnvVars: [], dockerRootDir: '/var/lib/docker',
    });
  });

  describe('editTarget: which object Rancher treats as the source of truth', () => {
    const steveMade = () => join(prov({ name: 'harv1' }), mgmt({
      id:          'c-m-abcdefgh',
      // What Rancher writes on an imported cluster made through Steve: owner annotations, and
      // administrated "false" (strconv.FormatBool(RKEConfig != nil), controller.go).
      annotations: {
        'objectset.rio.cattle.io/owner-name': 'harv1', 'objectset.rio.cattle.io/owner-namespace': 'fleet-default', 'provisioning.cattle.io/administrated': 'false'
      },
    }));

    it('a cluster made through Norman is edited through Norman on every version', () => {
      for (const version of ['v2.10.3', 'v2.11.1', 'v2.12.3', undefined]) {
        expect(editTarget(pendingHarvester(), version)).toBe('norman');
      }
      expect(editTarget(join(prov()), 'v2.10.3')).toBe('norman');
    });

    it('a cluster made through Steve on Rancher 2.10 is edited through its provisioning cluster', () => {
      expect(editTarget(steveMade(), 'v2.10.3')).toBe('provisioning');
    });

    it('from 2.11 the management cluster stays the source of truth: Norman', () => {
      expect(editTarget(steveMade(), 'v2.11.0')).toBe('norman');
      expect(editTarget(steveMade(), 'v2.12.3')).toBe('norman');
    });

    it('the administrated annotation decides nothing (Rancher writes "false" for imported clusters)', () => {
      const marked = steveMade();

      marked.management!.metadata!.annotations!['provisioning.cattle.io/administrated'] = 'true';
      expect(editTarget(marked, 'v2.12.3')).toBe('norman');
    });

    it('an unparseable version (dev build) counts as the newest', () => {
      expect(rancherMinorVersion('v2.10.3')).toBe(10);
      expect(rancherMinorVersion('2.11.0-rc1')).toBe(11);
      expect(rancherMinorVersion('dev')).toBeUndefined();
      expect(editTarget(steveMade(), 'master-head')).toBe('norman');
    });
  });

  it('provisioning changes carry the description as annotation', () => {
    expect(provisioningClusterChanges({
      name: 'x', description: 'd', annotations: { a: '1' }
    })).toEqual({
      labels: { 'provider.cattle.io': 'harvester' }, annotations: { a: '1', 'field.cattle.io/description': 'd' }, agentEnvVars: [],
    });
    expect(provisioningClusterChanges({ name: 'x', annotations: { 'field.cattle.io/description': 'old' } }).annotations).toEqual({});
  });

  it('the provisioning cluster of a Norman cluster is fleet-default/<id>', () => {
    expect(provisioningIdForNormanCluster('c-x7k2q')).toBe('fleet-default/c-x7k2q');
  });
});
