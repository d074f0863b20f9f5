import { readFileSync } from 'fs';
import { join } from 'path';
import { englishCatalogue, flattenCatalogue, formatMessage, t } from '../../../cli/messages';

describe('cli: messages', () => {
  it('flattens nested yaml maps to dotted keys, keeping string leaves only', () => {
    expect(flattenCatalogue({
      a: {
        b: 'x', c: { d: 'y' }, n: 3
      },
      e: 'z'
    })).toEqual({
      'a.b': 'x', 'a.c.d': 'y', e: 'z'
    });
    expect(flattenCatalogue(null)).toEqual({});
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('Enter {name} below ({count})', { name: 'lab', count: 2 })).toBe('Enter lab below (2)');
    expect(formatMessage('Hi {who}', {})).toBe('Hi {who}');
  });

  it('t() renders domain messages in English, and falls back to the key', () => {
    expect(t({ key: 'harvesterManager.deletePlan.confirm.single', args: { name: 'lab' } })).toBe('Enter lab below to confirm:');
    expect(t('harvesterManager.state.active')).toBe('Active');
    expect(t({ key: 'harvesterManager.does.not.exist' })).toBe('harvesterManager.does.not.exist');
    expect(t({ key: 'k', args: { a: 1 } }, { k: 'v{a}' })).toBe('v1');
  });

  it('has English text for every key the domain documents', () => {
    const md = readFileSync(join(__dirname, '../../../pkg/harvester-manager/domain/MESSAGES.md'), 'utf8');
    const keys = md.split('\n').filter((l) => l.startsWith('| harvesterManager.')).map((l) => l.split('|')[1].trim());
    const catalogue = englishCatalogue();

    expect(keys.length).toBeGreaterThan(40);
    keys.forEach((k) => expect(catalogue[k]).toEqual(expect.stringMatching(/\S/)));
  });
});
