import { namespaceProjectKey, PROJECT_ID, withProjectMarks } from '../../../sim/controllers/namespace-projects';
import { SEEDED_HARVESTERS } from '../../../sim/seed';
import { countItem } from '../../../sim/steve/downstream-counts';
import { TYPES } from '../../../sim/steve/type-catalog';
import type { KubeObject } from '../../../sim/store/kube-object';
import { buildInMemorySim, InMemorySim } from './support/in-memory-sim';

const ns = (name: string, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(annotations ? { annotations } : {}) }
});

describe('sim: which Rancher project a downstream namespace belongs to', () => {
  let sim: InMemorySim;
  let prodId: string;
  const project = (displayName: string) => `${ prodId }:${ sim.state.store.list(TYPES.PROJECT).find((p) => p.metadata.namespace === prodId && p.spec.displayName === displayName)?.metadata.name }`;

  beforeEach(() => {
    sim = buildInMemorySim();
    prodId = sim.clusterId('harvester-prod');
  });
  afterEach(() => sim.close());

  it('the annotation decides; without one, `default` and the system namespaces go to the initial projects', () => {
    const { store } = sim.state;

    expect(namespaceProjectKey(store, prodId, ns('default'))).toBe(project('Default'));
    expect(namespaceProjectKey(store, prodId, ns('kube-system'))).toBe(project('System'));
    expect(namespaceProjectKey(store, prodId, ns('team-a'))).toBeUndefined();
    expect(namespaceProjectKey(store, prodId, ns('team-a', { [PROJECT_ID]: project('System') }))).toBe(project('System'));
    // a namespace filed elsewhere by its annotation stays there, `default` included
    expect(namespaceProjectKey(store, prodId, ns('default', { [PROJECT_ID]: project('System') }))).toBe(project('System'));
    // an annotation naming another cluster's project, or none, files it nowhere here
    expect(namespaceProjectKey(store, prodId, ns('team-a', { [PROJECT_ID]: 'c-other:p-12345' }))).toBeUndefined();
    expect(namespaceProjectKey(store, prodId, ns('team-a', { [PROJECT_ID]: `${ prodId }:` }))).toBeUndefined();
  });

  it('the label follows the annotation with the project\'s name', () => {
    const marked = withProjectMarks(ns('team-a'), `${ prodId }:p-abcde`);

    expect(marked.metadata.annotations).toEqual({ [PROJECT_ID]: `${ prodId }:p-abcde` });
    expect(marked.metadata.labels).toEqual({ [PROJECT_ID]: 'p-abcde' });
    expect(withProjectMarks(ns('team-a'), undefined).metadata.labels).toBeUndefined();
  });

  it('the seeded workloads are the same on every seeding', () => {
    const names = (s: InMemorySim) => SEEDED_HARVESTERS.map((h) => Object.values(s.state.fleet.get(h.name)?.objects || {})
      .filter((o) => ['VirtualMachine', 'VirtualMachineImage', 'PersistentVolumeClaim', 'Namespace'].includes(String(o.kind)))
      .map((o) => `${ o.kind } ${ o.metadata.namespace || '' }/${ o.metadata.name }`).sort());
    const other = buildInMemorySim();

    try {
      expect(names(other)).toEqual(names(sim));
      expect(names(sim)[0]).toHaveLength(9 + 4 + 2 + 6);
    } finally {
      other.close();
    }
  });
});

describe('sim: Steve\'s count of one type', () => {
  const obj = (namespace?: string): KubeObject => ({ metadata: { name: 'x', ...(namespace ? { namespace } : {}) } });

  it('counts per namespace, and leaves out what Go\'s omitempty leaves out', () => {
    expect(countItem([obj('a'), obj('a'), obj('b')])).toEqual({ summary: { count: 3 }, namespaces: { a: { count: 2 }, b: { count: 1 } } });
    expect(countItem([obj(), obj()])).toEqual({ summary: { count: 2 } });
    expect(countItem([])).toEqual({ summary: {} });
  });
});
