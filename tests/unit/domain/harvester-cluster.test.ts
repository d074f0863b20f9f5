import {
  clusterDisplayName, findManagementCluster, harvesterClusters, isHarvester, joinClusters, kubernetesVersion,
  machineCount, provisioningIdOf,
} from '../../../pkg/harvester-manager/domain';
import {
  activeHarvester, join, localCluster, mgmt, pendingHarvester, prov, rke2Cluster,
} from './fixtures/rancher';

describe('domain: harvester-cluster', () => {
  describe('isHarvester', () => {
    it('accepts the label on the provisioning cluster (Rancher < 2.11 Steve create)', () => {
      expect(isHarvester(prov({ labels: { 'provider.cattle.io': 'harvester' } }), mgmt())).toBe(true);
      expect(isHarvester(prov({ labels: { 'provider.cattle.io': 'harvester' } }), undefined)).toBe(true);
    });

    it('accepts the label on the management cluster only (Rancher ≥ 2.11 does not copy labels)', () => {
      expect(isHarvester(prov(), mgmt({ labels: { 'provider.cattle.io': 'harvester' } }))).toBe(true);
    });

    it('accepts status.provider on the management cluster without any label', () => {
      expect(isHarvester(prov(), mgmt({ provider: 'harvester' }))).toBe(true);
    });

    it('refuses other providers and missing objects', () => {
      const rke2 = rke2Cluster();

      expect(isHarvester(rke2.provisioning, rke2.management)).toBe(false);
      expect(isHarvester(prov({ labels: { 'provider.cattle.io': 'Harvester' } }), mgmt())).toBe(false);
      expect(isHarvester(prov(), mgmt({ provider: 'k3s' }))).toBe(false);
      expect(isHarvester(undefined, undefined)).toBe(false);
      expect(isHarvester(null, mgmt())).toBe(false);
    });
  });

  describe('provisioningIdOf', () => {
    it('uses id, else namespace/name', () => {
      expect(provisioningIdOf(prov({ name: 'x' }))).toBe('fleet-default/x');
      expect(provisioningIdOf({ metadata: { name: 'y', namespace: 'fleet-local' } })).toBe('fleet-local/y');
      expect(provisioningIdOf({ metadata: { name: 'z' } })).toBe('z');
    });
  });

  describe('findManagementCluster', () => {
    const m1 = mgmt({ id: 'c-abcde' });
    const m2 = mgmt({ id: 'c-m-12345678', annotations: { 'objectset.rio.cattle.io/owner-name': 'legacy', 'objectset.rio.cattle.io/owner-namespace': 'fleet-default' } });

    it('matches status.clusterName to the management id', () => {
      expect(findManagementCluster(prov({ name: 'c-abcde' }), [m2, m1])).toBe(m1);
    });

    it('matches by metadata.name when the object has no id', () => {
      const noId = { ...m1, id: undefined };

      expect(findManagementCluster(prov({ name: 'c-abcde' }), [noId])).toBe(noId);
    });

    it('falls back to the owner annotations before status.clusterName is set (Rancher 2.6–2.10)', () => {
      expect(findManagementCluster(prov({ name: 'legacy', clusterName: null }), [m1, m2])).toBe(m2);
    });

    it('ignores owner annotations pointing at another namespace', () => {
      const other = mgmt({ id: 'c-m-x', annotations: { 'objectset.rio.cattle.io/owner-name': 'legacy', 'objectset.rio.cattle.io/owner-namespace': 'fleet-local' } });

      expect(findManagementCluster(prov({ name: 'legacy', clusterName: null }), [other])).toBeUndefined();
    });

    it('returns undefined when nothing matches', () => {
      expect(findManagementCluster(prov({ name: 'nope', clusterName: 'c-zzzzz' }), [m1, m2])).toBeUndefined();
      expect(findManagementCluster({ metadata: {} }, [m1, m2])).toBeUndefined();
    });
  });

  describe('joinClusters / harvesterClusters', () => {
    const harv = activeHarvester('harv1', 'c-abcde');
    const rke2 = rke2Cluster();
    const legacyProv = prov({
      name: 'old-harv', clusterName: null, labels: { 'provider.cattle.io': 'harvester' }
    });
    const legacyMgmt = mgmt({
      id: 'c-m-9z8y7x6w', displayName: 'old-harv', annotations: { 'objectset.rio.cattle.io/owner-name': 'old-harv', 'objectset.rio.cattle.io/owner-namespace': 'fleet-default' }
    });
    const provs = [harv.provisioning, rke2.provisioning, legacyProv];
    const mgmts = [rke2.management!, harv.management!, legacyMgmt];

    it('joins every provisioning cluster, Harvester or not', () => {
      const joined = joinClusters(provs, mgmts);

      expect(joined.map((j) => [j.id, j.managementId, j.management?.id])).toEqual([
        ['fleet-default/c-abcde', 'c-abcde', 'c-abcde'],
        ['fleet-default/do-rke2', 'c-m-4x8vwq7k', 'c-m-4x8vwq7k'],
        ['fleet-default/old-harv', 'c-m-9z8y7x6w', 'c-m-9z8y7x6w'],
      ]);
      expect(joined[0].provisioning).toBe(harv.provisioning);
    });

    it('keeps the management id from status even when that cluster is not visible', () => {
      const [j] = joinClusters([prov({ name: 'c-hidden' })], []);

      expect(j.management).toBeUndefined();
      expect(j.managementId).toBe('c-hidden');
    });

    it('harvesterClusters keeps only Harvester clusters', () => {
      expect(harvesterClusters(provs, mgmts).map((j) => j.id)).toEqual(['fleet-default/c-abcde', 'fleet-default/old-harv']);
      expect(harvesterClusters([], mgmts)).toEqual([]);
    });

    it('finds a Harvester cluster only identified by its management cluster (2.11 label)', () => {
      const p = pendingHarvester();

      expect(harvesterClusters([p.provisioning], [p.management!])).toHaveLength(1);
      expect(harvesterClusters([p.provisioning], [])).toHaveLength(0);
    });
  });

  describe('clusterDisplayName', () => {
    it('prefers the management display name (Rancher ≥ 2.11 names provisioning clusters c-xxxxx)', () => {
      expect(clusterDisplayName(activeHarvester('my-harvester', 'c-q2w3e'))).toBe('my-harvester');
    });

    it('falls back to the provisioning name, then ids', () => {
      expect(clusterDisplayName(join(prov({ name: 'p-name' })))).toBe('p-name');
      expect(clusterDisplayName({
        id: 'fleet-default/x', provisioning: {}, managementId: 'c-1'
      })).toBe('c-1');
      expect(clusterDisplayName({ id: 'fleet-default/x', provisioning: {} })).toBe('fleet-default/x');
    });
  });

  describe('kubernetesVersion', () => {
    it('reads the management status version', () => {
      expect(kubernetesVersion(activeHarvester())).toBe('v1.29.9+rke2r1');
    });

    it('falls back to status.info, then the provisioning spec, else undefined', () => {
      const m = mgmt();

      m.status = { info: { kubernetesVersion: 'v1.28.1+rke2r1' } };
      expect(kubernetesVersion(join(prov(), m))).toBe('v1.28.1+rke2r1');
      expect(kubernetesVersion(join(prov({ spec: { kubernetesVersion: 'v1.27.10+rke2r1' } })))).toBe('v1.27.10+rke2r1');
      expect(kubernetesVersion(pendingHarvester())).toBeUndefined();
    });
  });

  describe('machineCount', () => {
    it('counts the management nodes of this cluster when given', () => {
      const nodes = [{ id: 'c-abcde/m-1' }, { id: 'c-abcde/m-2' }, { id: 'c-abcdef/m-3' }, { id: 'local/m-4' }, {}];

      expect(machineCount(activeHarvester(), nodes)).toBe(2);
    });

    it('falls back to the status when no given node is this cluster\'s (nodes are loaded per cluster)', () => {
      expect(machineCount(activeHarvester(), [])).toBe(3);
      expect(machineCount(activeHarvester(), [{ id: 'c-other/m-1' }])).toBe(3);
    });

    it('otherwise uses status.nodeCount, then status.info.nodeCount, else 0', () => {
      expect(machineCount(activeHarvester())).toBe(3);

      const m = mgmt();

      m.status = { info: { nodeCount: 2 } };
      expect(machineCount(join(prov(), m))).toBe(2);
      expect(machineCount(pendingHarvester())).toBe(0);
      expect(machineCount(localCluster(), null)).toBe(0);
    });
  });
});
