import { stripTerminalControls } from '../../../cli/terminal-text';

// Text from Rancher without the controls a terminal would obey (cli/terminal-text.ts).

const ESC = '\u001b';
const BEL = '\u0007';
// eslint-disable-next-line no-control-regex -- the test looks for C0/C1 control characters, so the pattern has to name them
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('cli: stripTerminalControls', () => {
  it('removes the issue\'s payload: clear screen (CSI) and window title (OSC ended by BEL)', () => {
    expect(stripTerminalControls(`esc${ ESC }[2J${ ESC }]0;pwned${ BEL }…`)).toBe('esc…');
  });

  it.each([
    ['CSI with parameters', `a${ ESC }[1;31mred${ ESC }[0m b`, 'ared b'],
    ['CSI with a private parameter and an intermediate', `a${ ESC }[?25l${ ESC }[1 qb`, 'ab'],
    ['CSI as C1 (U+009B)', 'a\u009b2Jb', 'ab'],
    ['OSC ended by BEL', `a${ ESC }]2;title${ BEL }b`, 'ab'],
    ['OSC ended by ST (ESC \\)', `a${ ESC }]8;;https://evil.example${ ESC }\\link${ ESC }]8;;${ ESC }\\b`, 'alinkb'],
    ['OSC as C1, ended by C1 ST', 'a\u009d0;title\u009cb', 'ab'],
    ['OSC 52 (writes the clipboard)', `a${ ESC }]52;c;ZXZpbA==${ BEL }b`, 'ab'],
    ['DCS ended by ST', `a${ ESC }Pq#0;2;0;0;0${ ESC }\\b`, 'ab'],
    ['APC and PM', `a${ ESC }_x${ ESC }\\${ ESC }^y${ BEL }b`, 'ab'],
    ['an unterminated OSC: only the introducer goes, its text stays visible', `a${ ESC }]0;title`, 'a0;title'],
    ['a two-byte escape (RIS resets the terminal)', `a${ ESC }cb`, 'ab'],
    ['an escape with an intermediate (charset)', `a${ ESC }(0b`, 'ab'],
    ['a lone ESC at the end', `a${ ESC }`, 'a'],
    ['ESC before a non-ASCII character', `a${ ESC }éb`, 'aéb'],
    ['ESC ESC', `a${ ESC }${ ESC }[2Jb`, 'ab'],
    ['C0 controls but tab and line feed (BS, CR, NUL, VT, FF)', 'a\bb\rc\u0000d\u000be\u000cf', 'abcdef'],
    ['DEL', 'a\u007fb', 'ab'],
    ['C1 controls (NEL, IND, CSI, ST, APC)', 'a\u0085\u0084\u009b\u009c\u009fb', 'ab'],
  ])('%s', (_what, text, expected) => {
    const out = stripTerminalControls(text);

    expect(out).toBe(expected);
    expect(out).not.toMatch(ANY_CONTROL);
  });

  it('keeps other Unicode: CJK, emoji (with joiners and skin tones), accents, combining marks, NBSP', () => {
    const text = 'Harvester 集群 クラスター 클러스터 🚀 👩🏽‍💻 naïve ê\u0301 a\u00a0b Ω';

    expect(stripTerminalControls(text)).toBe(text);
    expect(stripTerminalControls(text, { singleLine: true })).toBe(text);
  });

  it('keeps tab and line feed, drops CR (a line can no longer be overwritten)', () => {
    expect(stripTerminalControls('one\r\ntwo\tthree\rfake')).toBe('one\ntwo\tthreefake');
  });

  it('singleLine: tabs and line breaks become a space, so a cell cannot forge a row', () => {
    expect(stripTerminalControls('lab\nfake-row  Active\tv9\r\nx', { singleLine: true })).toBe('lab fake-row  Active v9 x');
  });

  it('leaves plain text alone and is linear on many unterminated introducers', () => {
    expect(stripTerminalControls('harvester-prod')).toBe('harvester-prod');
    expect(stripTerminalControls('')).toBe('');

    const many = `${ ESC }]`.repeat(50_000) + '\u009d'.repeat(50_000);

    expect(stripTerminalControls(many)).toBe('');
  });
});
