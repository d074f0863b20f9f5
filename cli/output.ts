import { Document, visit } from 'yaml';
import { usageError } from './errors';
import { stripTerminalControls } from './terminal-text';

// Machine output (stdout): one document per command in json/yaml, or a human table.

export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = typeof OUTPUT_FORMATS[number];

export function parseOutputFormat(value: string | undefined): OutputFormat {
  const format = (value || 'table').toLowerCase();

  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw usageError(`--output "${ value }" is not a format.`, `Use one of: ${ OUTPUT_FORMATS.join(', ') }.`);
  }

  return format as OutputFormat;
}

const cell = (text: string) => stripTerminalControls(text, { singleLine: true });

/**
 * Columns padded to the widest cell, two spaces apart, no trailing blanks (like kubectl). A cell
 * is one line without terminal controls (cells hold Rancher's text), so it cannot forge a row.
 */
export function renderTable(headers: readonly string[], rawRows: readonly (readonly string[])[]): string {
  const rows = rawRows.map((r) => r.map(cell));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();

  return `${ [line(headers), ...rows.map(line)].join('\n') }\n`;
}

/** `key: value` lines with the keys aligned; a value is one line without terminal controls. */
export function renderFields(fields: ReadonlyArray<readonly [string, string | undefined]>): string {
  const shown = fields.map(([k, v]) => [k, v === undefined ? v : cell(v)] as const).filter(([, v]) => v !== undefined && v !== '');
  const width = Math.max(0, ...shown.map(([k]) => k.length + 1));

  return `${ shown.map(([k, v]) => `${ `${ k }:`.padEnd(width) }  ${ v }`).join('\n') }\n`;
}

// DEL and the C1 controls (U+0080-U+009F; U+009B is a CSI to some terminals): JSON.stringify
// escapes only C0, and yaml escapes C0 in double-quoted scalars but writes DEL and C1 raw.
const RAW_CONTROL = /[\u007f-\u009f]/;
const RAW_CONTROLS = new RegExp(RAW_CONTROL.source, 'g');
const code = (c: string) => c.charCodeAt(0).toString(16).padStart(2, '0');

/**
 * A json or yaml document that holds every value exactly (it parses back to `data`) and no raw
 * control character: C0 is escaped by the serialisers; DEL and C1 here, as `\u00XX` in json and
 * `\xXX` in yaml, whose scalars that hold one are written double-quoted (the only style with
 * escapes).
 */
export function renderDocument(format: 'json' | 'yaml', data: unknown): string {
  if (format === 'json') {
    return `${ JSON.stringify(data, null, 2).replace(RAW_CONTROLS, (c) => `\\u00${ code(c) }`) }\n`;
  }
  const doc = new Document(data);

  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && RAW_CONTROL.test(node.value)) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });

  return doc.toString({ lineWidth: 0 }).replace(RAW_CONTROLS, (c) => `\\x${ code(c) }`);
}

export function indent(text: string, by = '  '): string {
  return text.split('\n').map((l) => (l ? by + l : l)).join('\n');
}
