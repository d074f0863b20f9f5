import {
  cleanAgentEnvVars, editTarget, normanClusterCreateBody, normanClusterUpdateBody, provisioningClusterChanges, provisioningIdForNormanCluster,
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

  it('edits an administrated cluster through its provisioning cluster, others through Norman', () => {
    // fixtures' management clusters carry provisioning.cattle.io/administrated (created via Steve)
    expect(editTarget(pendingHarvester())).toBe('provisioning');
    const normanMade = mgmt({ id: 'c-abcde' });

    delete normanMade.metadata!.annotations!['provisioning.cattle.io/administrated'];
    expect(editTarget(join(prov(), normanMade))).toBe('norman');
    expect(editTarget(join(prov()))).toBe('norman');
  });

  it('provisioning changes carry the description as annotation', () => {
    expect(provisioningClusterChanges({ name: 'x', description: 'd', annotations: { a: '1' } })).toEqual({
      labels: { 'provider.cattle.io': 'harvester' }, annotations: { a: '1', 'field.cattle.io/description': 'd' }, agentEnvVars: [],
    });
    expect(provisioningClusterChanges({ name: 'x', annotations: { 'field.cattle.io/description': 'old' } }).annotations).toEqual({});
  });

  it('the provisioning cluster of a Norman cluster is fleet-default/<id>', () => {
    expect(provisioningIdForNormanCluster('c-x7k2q')).toBe('fleet-default/c-x7k2q');
  });
});
