// Text from Rancher (names, descriptions, condition and error messages) is written to a
// terminal, which obeys the controls in it: `\u001b[2J` clears the screen, `\u001b]0;…\u0007`
// retitles the window, `\u001bc` resets the terminal. Rancher accepts any string as a cluster's
// display name (see sim/FIDELITY.md), so the CLI removes controls before printing.
//
// What goes (ECMA-48 / ISO 6429):
// - control strings: OSC `ESC ]`, DCS `ESC P`, SOS `ESC X`, PM `ESC ^`, APC `ESC _` (and their
//   C1 forms) with their content, up to BEL or ST (`ESC \` or U+009C);
// - CSI sequences: `ESC [` or U+009B, parameters, intermediates, one final byte;
// - any other escape: ESC, intermediates, one final byte; a lone ESC;
// - every other C0 control, DEL and every C1 control (U+0080–U+009F).
// What stays: all other Unicode (CJK, emoji, accents), and tab and line feed, because multi-line
// text (an error's details) is printed on purpose. `singleLine` also turns tabs and line breaks
// into a space, for a table cell or a `key: value` field, so a value cannot forge rows.
// A control string with no terminator loses only its introducer: its text stays visible.

// The content of a control string stops at any ESC or C1, so every match attempt scans only up
// to the next control: linear in the length of the text, whatever it holds.
// Alternatives, in order: control string, CSI, other escape, single control.
// eslint-disable-next-line no-control-regex
const CONTROLS = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u0080-\u009f]*(?:\u0007|\u001b\\|\u009c)|(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b[ -/]*[0-~]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export interface TerminalTextOptions {
  /** Tabs and line breaks become a space (table cells, fields). */
  singleLine?: boolean;
}

/** `text` without terminal controls; see the top of this file for what goes and what stays. */
export function stripTerminalControls(text: string, opts: TerminalTextOptions = {}): string {
  const clean = text.replace(CONTROLS, '');

  return opts.singleLine ? clean.replace(/[\t\n]/g, ' ') : clean;
}
