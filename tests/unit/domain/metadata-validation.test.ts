import { labelValueProblem, metadataKeyProblem, metadataProblems } from '../../../pkg/harvester-manager/domain/metadata-validation';

const keyOf = (m?: { key: string }) => m?.key.split('.').pop();

describe('domain: metadata-validation', () => {
  it.each(['team', 'Team_1.x-y', 'example.com/team', 'provider.cattle.io', 'field.cattle.io/description', 'x'.repeat(63), `${ 'd'.repeat(60) }.example.com/${ 'n'.repeat(63) }`])('accepts the key %p', (key) => {
    expect(metadataKeyProblem('label', key)).toBeUndefined();
    expect(metadataKeyProblem('annotation', key)).toBeUndefined();
  });

  it.each([
    ['', 'labelKeyName'],
    ['example.com/', 'labelKeyName'],
    ['a/b/c', 'labelKeyName'],
    ['-team', 'labelKeyName'],
    ['te am', 'labelKeyName'],
    ['<b>', 'labelKeyName'],
    ['x'.repeat(64), 'labelKeyName'],
    ['/team', 'labelKeyPrefix'],
    ['Example.com/team', 'labelKeyPrefix'],
    [`${ 'd'.repeat(254) }/team`, 'labelKeyPrefix'],
  ])('refuses the key %p (%s)', (key, message) => {
    expect(keyOf(metadataKeyProblem('label', key))).toBe(message);
    expect(keyOf(metadataKeyProblem('annotation', key))).toBe(message.replace('label', 'annotation'));
  });

  it('names the key and the prefix in its args', () => {
    expect(metadataKeyProblem('label', 'Bad/x')).toEqual({ key: 'harvesterManager.validation.metadata.labelKeyPrefix', args: { key: 'Bad/x', prefix: 'Bad' } });
    expect(metadataKeyProblem('annotation', 'a b')).toEqual({ key: 'harvesterManager.validation.metadata.annotationKeyName', args: { key: 'a b' } });
  });

  it.each(['', 'v1', 'Virt_1.x-y', 'x'.repeat(63)])('accepts the label value %p', (value) => {
    expect(labelValueProblem('k', value)).toBeUndefined();
  });

  it.each(['<img src=x>', 'a b', '-a', 'a-', 'ü', 'x'.repeat(64)])('refuses the label value %p', (value) => {
    expect(labelValueProblem('k', value)).toEqual({ key: 'harvesterManager.validation.metadata.labelValue', args: { key: 'k', value } });
  });

  it('lists every problem of labels, then annotations; annotation values may be any text', () => {
    expect(metadataProblems({
      ok: 'v', 'a b': 'v', team: 'a b'
    }, { note: '<b>any text</b>', 'bad key': 'x' }).map(keyOf))
      .toEqual(['labelKeyName', 'labelValue', 'annotationKeyName']);
    expect(metadataProblems()).toEqual([]);
    expect(metadataProblems({ 'provider.cattle.io': 'harvester' }, { 'field.cattle.io/description': 'any' })).toEqual([]);
  });
});
