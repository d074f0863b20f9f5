import { systemAnnotationKeys, systemLabelKeys } from '../../../pkg/harvester-manager/domain/system-metadata';

describe('domain: system labels and annotations of a cluster', () => {
  it('the keys Rancher and Kubernetes own, as the shell\'s cluster model protects them', () => {
    expect(systemLabelKeys({
      'provider.cattle.io': 'harvester', 'kubernetes.io/os': 'linux', team: 'virt', 'node.k3s.io/x': '1', 'io.cattle.lifecycle.x': 'y',
    }).sort()).toEqual(['io.cattle.lifecycle.x', 'kubernetes.io/os', 'node.k3s.io/x', 'provider.cattle.io']);
    expect(systemAnnotationKeys({
      'field.cattle.io/creatorId': 'u', note: 'keep', 'coreos.com/x': '1'
    }).sort()).toEqual(['coreos.com/x', 'field.cattle.io/creatorId']);
    expect(systemLabelKeys(undefined)).toEqual([]);
  });
});
