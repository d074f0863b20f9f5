import { listHeaders } from '../../pkg/harvester-manager/config/table-headers';

// The shell's own column definitions stand in for @shell/config/table-headers.
const SHELL = {
  STATE: { name: 'state' }, NAME: { name: 'name' }, AGE: { name: 'age', formatter: 'LiveDate' }
};
const column = (name: string) => listHeaders(SHELL).find((c) => c.name === name) as Record<string, unknown>;

describe('list columns', () => {
  it('an unknown Kubernetes version shows a dash, as an unknown Harvester version does', () => {
    expect(column('kubernetesVersion').dashIfEmpty).toBe(true);
  });

  it('Machines gives way on a laptop screen (the shell\'s desktop breakpoint), the names keep their room', () => {
    expect(column('machines').breakpoint).toBe('desktop');
    expect(column('name').breakpoint).toBeUndefined();
  });

  it('Age stays the shell\'s live column, so it ticks', () => {
    expect(column('age').formatter).toBe('LiveDate');
  });
});
