import { jsonPatch, mergePatch, PatchError, strategicMerge } from '../../../../sim/kube/patch';

// k8s.io/apimachinery pkg/util/strategicpatch and RFC 7386 / RFC 6902, for the kinds served.
describe('sim: Kubernetes patch types', () => {
  const deployment = {
    metadata: {
      name: 'agent', labels: { app: 'a' }, finalizers: ['x']
    },
    spec: {
      template: {
        spec: {
          containers: [{
            name: 'main', image: 'a:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }]
          }, { name: 'side', image: 's:1' }],
          volumes: [{ name: 'creds', secret: { secretName: 'c' } }],
        },
      },
    },
  };

  it('JSON merge patch: objects merge, null deletes, lists are replaced', () => {
    expect(mergePatch(deployment, { metadata: { labels: { app: null, tier: 'web' } }, spec: { template: { spec: { volumes: [] } } } })).toMatchObject({ metadata: { labels: { tier: 'web' } }, spec: { template: { spec: { volumes: [], containers: deployment.spec.template.spec.containers } } } });
    expect((mergePatch(deployment, { metadata: { labels: { app: null } } }) as typeof deployment).metadata.labels).toEqual({});
  });

  it('strategic merge: lists with a merge key merge element by element', () => {
    const out = strategicMerge(deployment, { spec: { template: { spec: { containers: [{ name: 'main', env: [{ name: 'B', value: 'two' }, { name: 'C', value: '3' }] }] } } } }) as typeof deployment;
    const [main, side] = out.spec.template.spec.containers;

    expect(main).toEqual({
      name: 'main', image: 'a:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: 'two' }, { name: 'C', value: '3' }]
    });
    expect(side).toEqual({ name: 'side', image: 's:1' });
  });

  it('strategic merge directives: $patch delete / replace, $setElementOrder, $deleteFromPrimitiveList, $retainKeys', () => {
    const deleted = strategicMerge(deployment, { spec: { template: { spec: { containers: [{ name: 'side', $patch: 'delete' }] } } } }) as typeof deployment;

    expect(deleted.spec.template.spec.containers.map((c) => c.name)).toEqual(['main']);
    const replaced = strategicMerge(deployment, { spec: { template: { spec: { $patch: 'replace', containers: [{ name: 'only', image: 'o' }] } } } }) as typeof deployment;

    expect(replaced.spec.template.spec).toEqual({ containers: [{ name: 'only', image: 'o' }] });
    const ordered = strategicMerge(deployment, { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'side' }, { name: 'main' }] } } } }) as typeof deployment;

    expect(ordered.spec.template.spec.containers.map((c) => c.name)).toEqual(['side', 'main']);
    expect((strategicMerge(deployment, { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } }) as typeof deployment).metadata.finalizers).toEqual([]);
    expect((strategicMerge(deployment, { metadata: { finalizers: ['y'] } }) as typeof deployment).metadata.finalizers).toEqual(['x', 'y']);
    expect((strategicMerge({ spec: { a: 1, b: 2 } }, { spec: { $retainKeys: ['a'], a: 3 } }) as { spec: unknown }).spec).toEqual({ a: 3 });
  });

  it('strategic merge refuses a list element without its merge key, and lists without one are replaced', () => {
    expect(() => strategicMerge(deployment, { spec: { template: { spec: { containers: [{ image: 'x' }] } } } })).toThrow(PatchError);
    expect(strategicMerge({ rules: [{ verbs: ['get'] }] }, { rules: [{ verbs: ['list'] }] })).toEqual({ rules: [{ verbs: ['list'] }] });
  });

  it('JSON patch: add, remove, replace, move, copy, test; a failing operation changes nothing', () => {
    const doc = { metadata: { labels: { a: '1' } }, items: [1, 2] };

    expect(jsonPatch(doc, [
      {
        op: 'add', path: '/metadata/labels/b~1c', value: '2'
      },
      {
        op: 'replace', path: '/items/0', value: 9
      },
      {
        op: 'add', path: '/items/-', value: 3
      },
      {
        op: 'copy', from: '/items/0', path: '/first'
      },
      {
        op: 'move', from: '/first', path: '/moved'
      },
      { op: 'remove', path: '/metadata/labels/a' },
      {
        op: 'test', path: '/moved', value: 9
      },
    ])).toEqual({
      metadata: { labels: { 'b/c': '2' } }, items: [9, 2, 3], moved: 9
    });
    expect(() => jsonPatch(doc, [{
      op: 'test', path: '/items/0', value: 5
    }])).toThrow('testing value /items/0 failed');
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/nope' }])).toThrow(PatchError);
    expect(() => jsonPatch(doc, { op: 'add' })).toThrow('a JSON patch must be a list of operations');
    expect(doc).toEqual({ metadata: { labels: { a: '1' } }, items: [1, 2] });
  });
});
