import { mount } from '@vue/test-utils';
import ClusterMachines from '@pkg/harvester-manager/components/ClusterMachines.vue';

jest.mock('@shell/components/SortableTable', () => ({
  name: 'SortableTable', props: ['rows', 'headers', 'noRowsKey'], template: '<table />',
}));

// The Machines tab: the nodes Rancher's node syncer records for the cluster, as a table, or —
// for a user Rancher does not show them to — what Rancher reports and why there is no table.
describe('component: the Machines tab', () => {
  const nodes = [
    {
      id: 'c-abcde/m-1', kubeNodeName: 'harvester-node-0', roles: 'All', internalIp: '10.0.0.10'
    },
    {
      id: 'c-abcde/m-2', kubeNodeName: 'harvester-node-1', roles: 'All', internalIp: '10.0.0.11'
    },
  ];

  it('lists the machines with their name, roles, internal address and kubelet version', () => {
    const wrapper = mount(ClusterMachines, {
      props: {
        nodes, readable: true, count: 2
      }
    });
    const table = wrapper.findComponent({ name: 'SortableTable' });

    expect(table.props('rows')).toEqual(nodes);
    expect((table.props('headers') as { name: string }[]).map((h) => h.name)).toEqual(['state', 'name', 'roles', 'internalIp', 'kubeletVersion', 'age']);
    expect(table.props('noRowsKey')).toBe('harvesterManager.detail.machines.none');
    expect(wrapper.find('[data-testid="harvester-cluster-machines-summary"]').text()).toBe('Rancher reports 2 machines in this cluster.');
  });

  it('a user who may not read the nodes gets the count and the reason, no empty table', () => {
    const wrapper = mount(ClusterMachines, {
      props: {
        nodes: [], readable: false, count: 3
      }
    });

    expect(wrapper.findComponent({ name: 'SortableTable' }).exists()).toBe(false);
    expect(wrapper.find('[data-testid="harvester-cluster-machines-unreadable"]').text()).toBe('Rancher does not show you the machines of this cluster.');
    expect(wrapper.find('[data-testid="harvester-cluster-machines-summary"]').text()).toContain('3');
  });
});
