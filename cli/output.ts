import { stringify } from 'yaml';
import { usageError } from './errors';

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

/** Columns padded to the widest cell, two spaces apart, no trailing blanks (like kubectl). */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();

  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** `key: value` lines with the keys aligned. */
export function renderFields(fields: ReadonlyArray<readonly [string, string | undefined]>): string {
  const shown = fields.filter(([, v]) => v !== undefined && v !== '');
  const width = Math.max(0, ...shown.map(([k]) => k.length + 1));

  return shown.map(([k, v]) => `${ `${ k }:`.padEnd(width) }  ${ v }`).join('\n') + '\n';
}

export function renderDocument(format: 'json' | 'yaml', data: unknown): string {
  return format === 'json' ? `${ JSON.stringify(data, null, 2) }\n` : stringify(data, { lineWidth: 0 });
}

export function indent(text: string, by = '  '): string {
  return text.split('\n').map((l) => (l ? by + l : l)).join('\n');
}
