import { sameData } from '../../../pkg/harvester-manager/domain/same-data';

describe('sameData', () => {
  it('compares primitives by value', () => {
    expect(sameData('active', 'active')).toBe(true);
    expect(sameData(1, 1)).toBe(true);
    expect(sameData(NaN, NaN)).toBe(true);
    expect(sameData(undefined, undefined)).toBe(true);
    expect(sameData('active', 'denied')).toBe(false);
    expect(sameData(0, '')).toBe(false);
    expect(sameData(null, undefined)).toBe(false);
  });

  it('compares state decisions field by field, nested ones too', () => {
    const decision = () => ({
      state: 'denied', tone: 'error', transitioning: false, reason: { key: 'harvesterManager.state.unsupported', args: { version: 'v1.2.2' } },
    });

    expect(sameData(decision(), decision())).toBe(true);
    expect(sameData(decision(), { ...decision(), tone: 'warning' })).toBe(false);
    expect(sameData(decision(), { ...decision(), reason: { key: 'harvesterManager.state.unsupported', args: { version: 'v1.3.0' } } })).toBe(false);
    // a field missing on one side is a difference, even when the other side holds undefined
    expect(sameData({ state: 'active', detail: undefined }, { state: 'active', error: undefined })).toBe(false);
    expect(sameData({ state: 'active' }, { state: 'active', detail: undefined })).toBe(false);
  });

  it('compares menu actions in order, and functions by identity', () => {
    const invoke = () => undefined;
    const actions = () => [{ action: 'goToCluster', enabled: true }, { divider: true }, {
      action: 'promptRemove', enabled: false, invoke
    }];

    expect(sameData(actions(), actions())).toBe(true);
    expect(sameData(actions(), actions().reverse())).toBe(false);
    expect(sameData(actions(), actions().slice(1))).toBe(false);
    expect(sameData([{ invoke }], [{ invoke: () => undefined }])).toBe(false);
    expect(sameData([], {})).toBe(false);
  });

  it('compares class instances by identity only', () => {
    class Model {
      constructor(public id: string) {}
    }
    const one = new Model('a');

    expect(sameData(one, one)).toBe(true);
    expect(sameData(new Model('a'), new Model('a'))).toBe(false);
    expect(sameData(new Model('a'), { id: 'a' })).toBe(false);
  });
});
