import { findCondition, isClusterReady, isConditionTrue, statusMessages } from '../../../pkg/harvester-manager/domain';
import { cond, CONNECTED_CONDITIONS, mgmt } from './fixtures/rancher';

describe('domain: conditions', () => {
  it('finds a condition by type', () => {
    const m = mgmt({ conditions: CONNECTED_CONDITIONS });

    expect(findCondition(m, 'Connected')?.lastUpdateTime).toBe('2024-03-07T15:52:29Z');
    expect(findCondition(m, 'Missing')).toBeUndefined();
    expect(findCondition(undefined, 'Ready')).toBeUndefined();
    expect(findCondition({ status: {} }, 'Ready')).toBeUndefined();
  });

  it('isConditionTrue needs the string True', () => {
    expect(isConditionTrue({ status: { conditions: [cond('Ready', 'True')] } }, 'Ready')).toBe(true);
    expect(isConditionTrue({ status: { conditions: [cond('Ready', 'Unknown')] } }, 'Ready')).toBe(false);
    expect(isConditionTrue({ status: { conditions: [{ type: 'Ready', status: 'true' }] } }, 'Ready')).toBe(false);
  });

  describe('isClusterReady', () => {
    it('uses Connected when present', () => {
      expect(isClusterReady({ status: { conditions: [cond('Connected', 'True'), cond('Ready', 'False')] } })).toBe(true);
      expect(isClusterReady({ status: { conditions: [cond('Connected', 'False'), cond('Ready', 'True')] } })).toBe(false);
    });

    it('falls back to Ready when Connected is absent (older Rancher, or agent never connected)', () => {
      expect(isClusterReady({ status: { conditions: [cond('Ready', 'True')] } })).toBe(true);
      expect(isClusterReady({ status: { conditions: [cond('Ready', 'False')] } })).toBe(false);
      expect(isClusterReady({ status: { conditions: [] } })).toBe(false);
      expect(isClusterReady(null)).toBe(false);
    });
  });

  it('statusMessages collects condition messages, reasons and the state message', () => {
    const obj = {
      status:   { conditions: [cond('Ready', 'False', { message: 'a', reason: 'b' }), cond('Connected', 'True')] },
      metadata: { state: { message: 'c' } },
    };

    expect(statusMessages(obj)).toEqual(['a', 'b', 'c']);
    expect(statusMessages(undefined)).toEqual([]);
  });
});
