import { execFileSync } from 'child_process';
import { shellCommand, shellQuote } from '../../../pkg/harvester-manager/domain';

// What a POSIX shell makes of the quoted text: the strongest check that quoting is right.
function shellEval(quoted: string): string {
  return execFileSync('/bin/sh', ['-c', `printf '%s' ${ quoted }`], { encoding: 'utf8' });
}

describe('domain: shell-quote', () => {
  it.each([
    'https://rancher.example.com/v3/import/abc_c-abcde.yaml',
    'kubectl', '-f', 'a=b', 'user@host:8443', '50%',
  ])('leaves the safe word %s unquoted', (word) => {
    expect(shellQuote(word)).toBe(word);
  });

  it.each([
    ['', "''"],
    ['two words', "'two words'"],
    ["it's", "'it'\\''s'"],
    ['$HOME', "'$HOME'"],
    ['`id`', "'`id`'"],
    ['$(id)', "'$(id)'"],
    ['a;b', "'a;b'"],
    ['a&b|c', "'a&b|c'"],
    ['line1\nline2', "'line1\nline2'"],
    ['*', "'*'"],
    ['~', "'~'"],
    ['#x', "'#x'"],
    ['"q"', `'"q"'`],
    ['back\\slash', "'back\\slash'"],
    ["''", "''\\'''\\'''"],
  ])('quotes %j as %s', (input, expected) => {
    expect(shellQuote(input)).toBe(expected);
  });

  // '$' + '{PATH}' is the literal text ${PATH} (a shell parameter expansion), not a template
  it.each([
    '', ' ', 'two words', "it's", "'", "''", '$HOME', '$' + '{PATH}', '`id`', '$(touch /tmp/pwned)', 'a;b', 'a&&b', 'x|y',
    'line1\nline2', '\ttab', '*', '?', '[a]', '~root', '#comment', '"double"', 'back\\slash', '!bang', 'ünïcödé',
    '{"value":"{\\"url\\":\\"https://r/x?a=1&b=$c\\",\\"insecureSkipTLSVerify\\":false}"}',
  ])('round-trips %j through /bin/sh', (input) => {
    expect(shellEval(shellQuote(input))).toBe(input);
  });

  it('shellCommand quotes each argument and keeps them separate', () => {
    const cmd = shellCommand(['printf', '%s|', 'a b', "c'd", '$e']);

    expect(cmd).toBe("printf '%s|' 'a b' 'c'\\''d' '$e'");
    expect(execFileSync('/bin/sh', ['-c', cmd], { encoding: 'utf8' })).toBe("a b|c'd|$e|");
  });
});
