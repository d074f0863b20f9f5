import { namespaceProject, projectWorkloads, WORKLOAD_TYPES, type SteveCounts } from '../../../pkg/harvester-manager/domain';

const CLUSTER = 'c-abcde';
const ns = (name: string, project?: string, labelOnly = false) => ({
  metadata: {
    name,
    ...(project && !labelOnly ? { annotations: { 'field.cattle.io/projectId': `${ CLUSTER }:${ project }` } } : {}),
    ...(project ? { labels: { 'field.cattle.io/projectId': project } } : {}),
  },
});
const counts = (perType: Record<string, Record<string, number>>): SteveCounts => ({ counts: Object.fromEntries(Object.entries(perType).map(([type, namespaces]) => [type, { summary: { count: Object.values(namespaces).reduce((a, b) => a + b, 0) }, namespaces: Object.fromEntries(Object.entries(namespaces).map(([n, count]) => [n, { count }])) }])) });

describe('domain: what lives in each project on the Harvester cluster', () => {
  it('a namespace\'s project is its field.cattle.io/projectId annotation, else its label with the cluster; none without either', () => {
    expect(namespaceProject(ns('vms', 'p-1'), CLUSTER)).toBe(`${ CLUSTER }:p-1`);
    expect(namespaceProject(ns('vms', 'p-1', true), CLUSTER)).toBe(`${ CLUSTER }:p-1`);
    expect(namespaceProject(ns('loose'), CLUSTER)).toBeUndefined();
  });

  it('sums each kind over the project\'s namespaces; namespaces in no project count for none', () => {
    const workloads = projectWorkloads(counts({
      [WORKLOAD_TYPES.virtualMachines]: {
        default: 2, team: 1, loose: 4
      },
      [WORKLOAD_TYPES.images]:  { default: 1 },
      [WORKLOAD_TYPES.volumes]: { default: 3, team: 2 },
    }), [ns('default', 'p-1'), ns('team', 'p-1'), ns('other', 'p-2'), ns('loose')], CLUSTER);

    expect(workloads.kinds).toEqual(['virtualMachines', 'images', 'volumes']);
    expect(workloads.of(`${ CLUSTER }:p-1`)).toEqual({
      virtualMachines: 3, images: 1, volumes: 5
    });
    expect(workloads.of(`${ CLUSTER }:p-2`)).toEqual({
      virtualMachines: 0, images: 0, volumes: 0
    });
  });

  it('a kind the user may not list (absent from counts) is not reported as zero', () => {
    const workloads = projectWorkloads(counts({ [WORKLOAD_TYPES.virtualMachines]: { default: 2 } }), [ns('default', 'p-1')], CLUSTER);

    expect(workloads.kinds).toEqual(['virtualMachines']);
    expect(workloads.of(`${ CLUSTER }:p-1`)).toEqual({ virtualMachines: 2 });
    expect(projectWorkloads(undefined, [], CLUSTER).kinds).toEqual([]);
  });
});
