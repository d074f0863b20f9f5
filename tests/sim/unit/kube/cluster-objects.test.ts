import { KubeChange, KubeCluster } from '../../../../sim/kube/cluster-objects';
import { kindOf, KubeKind } from '../../../../sim/kube/kinds';
import { selectorTest } from '../../../../sim/kube/selectors';
import { KubeError } from '../../../../sim/kube/status';
import { dropUnknownFields, parseFieldValidation } from '../../../../sim/kube/validate';
import { WatchLog } from '../../../../sim/kube/watch-log';
import type { KubeObject } from '../../../../sim/store/kube-object';

const NS = kindOf('v1', 'Namespace') as KubeKind;
const SECRET = kindOf('v1', 'Secret') as KubeKind;
const DEPLOY = kindOf('apps/v1', 'Deployment') as KubeKind;
const CRB = kindOf('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding') as KubeKind;

function cluster() {
  const changes: KubeChange[] = [];
  const timers: (() => void)[] = [];
  const host = {
    objects: {} as Record<string, KubeObject>, resourceVersion: 1, namespaceCleanupMs: 10, schedule: (_ms: number, fn: () => void) => timers.push(fn), changed: (c: KubeChange) => changes.push(c),
  };

  return {
    kube: new KubeCluster(host), changes, runTimers: () => timers.splice(0).forEach((fn) => fn()),
  };
}

function error(fn: () => unknown): KubeError {
  try {
    fn();
  } catch (e) {
    return e as KubeError;
  }
  throw new Error('expected a KubeError');
}

const meta = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}) }) as KubeObject['metadata'];

describe('sim: one cluster\'s objects with the API server\'s semantics', () => {
  it('create assigns uid and resourceVersion, defaults the kind and refuses a duplicate (409 AlreadyExists)', () => {
    const { kube } = cluster();

    kube.create(NS, { metadata: meta('web') });
    const secret = kube.create(SECRET, { metadata: meta('s', 'web'), stringData: { token: 'abc' } });

    expect(secret).toMatchObject({
      apiVersion: 'v1', kind: 'Secret', type: 'Opaque', data: { token: Buffer.from('abc').toString('base64') }, metadata: { uid: expect.any(String), resourceVersion: '3' }
    });
    expect(secret.stringData).toBeUndefined();
    expect(error(() => kube.create(SECRET, { metadata: meta('s', 'web') })).toStatus()).toMatchObject({
      code: 409, reason: 'AlreadyExists', message: 'secrets "s" already exists'
    });
    expect(error(() => kube.create(SECRET, { metadata: meta('s', 'nope') })).toStatus()).toMatchObject({ code: 404, message: 'namespaces "nope" not found' });
  });

  it('update with a stale resourceVersion is a 409 Conflict; a no-op update keeps the version; roleRef is immutable', () => {
    const { kube } = cluster();
    const binding = kube.create(CRB, {
      metadata: meta('b'),
      roleRef:  {
        kind: 'ClusterRole', name: 'admin', apiGroup: 'rbac.authorization.k8s.io'
      },
      subjects: []
    });
    const same = kube.update(CRB, binding);

    expect(same.metadata.resourceVersion).toBe(binding.metadata.resourceVersion);
    kube.update(CRB, { ...binding, subjects: [{ kind: 'User', name: 'u' }] });
    expect(error(() => kube.update(CRB, { ...binding, subjects: [] })).toStatus()).toMatchObject({ code: 409, reason: 'Conflict' });
    const current = kube.get(CRB, undefined, 'b') as KubeObject;

    expect(error(() => kube.update(CRB, { ...current, roleRef: { ...current.roleRef, name: 'view' } })).toStatus()).toMatchObject({
      code: 422, reason: 'Invalid', message: expect.stringContaining('roleRef: Invalid value'),
    });
  });

  it('validation: names, a Deployment\'s selector and containers', () => {
    const { kube } = cluster();

    kube.create(NS, { metadata: meta('web') });
    expect(error(() => kube.create(NS, { metadata: meta('Web_1') })).toStatus()).toMatchObject({ code: 422, message: expect.stringContaining('metadata.name: Invalid value: "Web_1"') });
    const invalid = error(() => kube.create(DEPLOY, { metadata: meta('d', 'web'), spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'y' } }, spec: { containers: [] } } } })).toStatus();

    expect(invalid).toMatchObject({ code: 422, details: { kind: 'Deployment', causes: [expect.objectContaining({ field: 'spec.template.metadata.labels' }), expect.objectContaining({ field: 'spec.template.spec.containers' })] } });
  });

  it('deleting a namespace: Terminating, no new content, then its objects and itself go', () => {
    const { kube, changes, runTimers } = cluster();

    kube.create(NS, { metadata: meta('web') });
    kube.create(SECRET, { metadata: meta('s', 'web') });
    expect(kube.delete(NS, undefined, 'web').status.phase).toBe('Terminating');
    expect(error(() => kube.create(SECRET, { metadata: meta('t', 'web') })).toStatus()).toMatchObject({ code: 403, message: expect.stringContaining('because it is being terminated') });
    expect(kube.get(SECRET, 'web', 's')).toBeDefined();
    runTimers();
    expect([kube.get(SECRET, 'web', 's'), kube.get(NS, undefined, 'web')]).toEqual([undefined, undefined]);
    expect(changes.filter((c) => c.type === 'DELETED').map((c) => c.object.metadata.name)).toEqual(['s', 'web']);
  });

  it('an object with finalizers keeps a deletionTimestamp until they are removed', () => {
    const { kube } = cluster();

    kube.create(NS, { metadata: meta('web') });
    kube.create(SECRET, { metadata: { ...meta('s', 'web'), finalizers: ['keep'] } });
    expect(kube.delete(SECRET, 'web', 's').metadata.deletionTimestamp).toEqual(expect.any(String));
    const marked = kube.get(SECRET, 'web', 's') as KubeObject;

    kube.update(SECRET, { ...marked, metadata: { ...marked.metadata, finalizers: [] } });
    expect(kube.get(SECRET, 'web', 's')).toBeUndefined();
  });

  it('unknown fields: dropped with a warning by default, refused with fieldValidation=Strict', () => {
    const body = () => ({
      metadata: { name: 'c', colour: 'red' }, data: {}, datta: {}
    }) as unknown as KubeObject;
    const warned = body();

    expect(dropUnknownFields(kindOf('v1', 'ConfigMap') as KubeKind, warned, parseFieldValidation(undefined))).toEqual(['unknown field "datta"', 'unknown field "metadata.colour"']);
    expect(warned).toEqual({ metadata: { name: 'c' }, data: {} });
    expect(error(() => dropUnknownFields(kindOf('v1', 'ConfigMap') as KubeKind, body(), 'Strict')).toStatus()).toMatchObject({ code: 400, message: expect.stringContaining('strict decoding error: unknown field "datta"') });
    expect(error(() => parseFieldValidation('Loose')).code).toBe(400);
  });

  it('label and field selectors', () => {
    const obj = {
      metadata: {
        name: 'a', namespace: 'n', labels: { app: 'web', tier: 'x' }
      }
    } as KubeObject;

    expect(['app=web', 'app==web,tier', 'app in (web,db)', 'app notin (db)', '!missing', 'tier!=y'].map((s) => selectorTest(s, '')(obj))).toEqual([true, true, true, true, true, true]);
    expect(['app=db', 'missing', 'app notin (web)'].map((s) => selectorTest(s, '')(obj))).toEqual([false, false, false]);
    expect([selectorTest('', 'metadata.name=a')(obj), selectorTest('', 'metadata.namespace!=n')(obj)]).toEqual([true, false]);
    expect(error(() => selectorTest('', 'spec.x=1')).message).toBe('field label not supported: spec.x');
  });

  it('a watch log replays what happened after a resourceVersion, or says it is too old', () => {
    const log = new WatchLog();
    const change = (rv: number) => ({
      type: 'MODIFIED' as const, kind: NS, object: { metadata: { name: 'n', resourceVersion: String(rv) } } as KubeObject
    });

    for (let rv = 1; rv <= 600; rv++) {
      log.record(change(rv));
    }
    expect(log.since(598)?.map((c) => c.resourceVersion)).toEqual([599, 600]);
    expect(log.since(10)).toBeUndefined();
  });
});
