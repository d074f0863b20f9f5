import { labelValueProblem, MAX_ANNOTATIONS_BYTES, metadataMapProblem, qualifiedNameProblem } from '../../../sim/core/labels';

describe('sim: Kubernetes label and annotation validation', () => {
  it.each(['team', 'Team_1.x-y', 'example.com/team', 'a', 'x'.repeat(63), `${ 'd'.repeat(60) }.example.com/${ 'n'.repeat(63) }`])('accepts the key %p', (key) => {
    expect(qualifiedNameProblem(key)).toBeUndefined();
  });

  it.each([
    ['', 'name part must be non-empty'],
    ['example.com/', 'name part must be non-empty'],
    ['/team', 'prefix part must be non-empty'],
    ['a/b/c', 'a qualified name must consist of'],
    ['-team', 'name part must consist of'],
    ['team.', 'name part must consist of'],
    ['te am', 'name part must consist of'],
    ['x'.repeat(64), 'name part must be no more than 63 characters'],
    ['Example.com/team', 'prefix part a lowercase RFC 1123 subdomain'],
    [`${ 'd'.repeat(254) }/team`, 'prefix part must be no more than 253 characters'],
  ])('refuses the key %p: %s', (key, problem) => {
    expect(qualifiedNameProblem(key)).toContain(problem);
  });

  it.each(['', 'v1', 'Virt_1.x-y', 'x'.repeat(63)])('accepts the label value %p', (value) => {
    expect(labelValueProblem(value)).toBeUndefined();
  });

  it.each(['<b>', 'a b', '-a', 'a-', 'ü', 'x'.repeat(64)])('refuses the label value %p', (value) => {
    expect(labelValueProblem(value)).toBeDefined();
  });

  it('words a map problem like the API server and checks annotation values only for their total size', () => {
    expect(metadataMapProblem('labels', { ok: 'v', team: 'a b' })).toMatch(/^metadata\.labels: Invalid value: "a b": a valid label/);
    expect(metadataMapProblem('labels', { 'a b': 'v' })).toMatch(/^metadata\.labels: Invalid value: "a b": name part/);
    expect(metadataMapProblem('annotations', { note: '<b>any</b> text' })).toBeUndefined();
    expect(metadataMapProblem('annotations', { 'a b': 'x' })).toMatch(/^metadata\.annotations: Invalid value: "a b"/);
    expect(metadataMapProblem('annotations', { big: 'x'.repeat(MAX_ANNOTATIONS_BYTES) })).toBe(`metadata.annotations: Too long: must have at most ${ MAX_ANNOTATIONS_BYTES } bytes`);
  });
});
