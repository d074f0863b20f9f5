import { readdirSync, readFileSync, statSync } from 'fs';
import { join as joinPath } from 'path';
import YAML from 'yaml';
import IntlMessageFormat from 'intl-messageformat';

// The extension's texts: en-us and zh-hans carry the same keys, every domain message documented in
// domain/MESSAGES.md (whose texts live only here), every key the views use, and all of them
// parse as ICU messages the way the shell's i18n store formats them.

const PKG = joinPath(__dirname, '../../pkg/harvester-manager');
const load = (lang: string) => YAML.parse(readFileSync(joinPath(PKG, 'l10n', `${ lang }.yaml`), 'utf8'));
const en = load('en-us');
const zh = load('zh-hans');

function flatten(node: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (node && typeof node === 'object') {
    Object.entries(node as Record<string, unknown>).forEach(([k, v]) => flatten(v, prefix ? `${ prefix }.${ k }` : k, out));
  } else {
    out[prefix] = String(node);
  }

  return out;
}

const enFlat = flatten(en);
const zhFlat = flatten(zh);

function documentedKeys(): string[] {
  return readFileSync(joinPath(PKG, 'domain/MESSAGES.md'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('| harvesterManager.'))
    .map((l) => l.split('|')[1].trim());
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = joinPath(dir, name);

    if (statSync(path).isDirectory()) {
      return ['domain', 'l10n', 'node_modules', '.shell'].includes(name) ? [] : sourceFiles(path);
    }

    return /\.(vue|js|ts)$/.test(name) ? [path] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();

describe('l10n', () => {
  it('en-us and zh-hans have the same keys', () => {
    expect(Object.keys(zhFlat).sort()).toEqual(Object.keys(enFlat).sort());
  });

  it.each(documentedKeys())('%s is in both files', (key) => {
    expect(enFlat[key]).toMatch(/\S/);
    expect(zhFlat[key]).toMatch(/\S/);
  });

  it('every key the views, models and adapters use exists', () => {
    const missing: string[] = [];

    sourceFiles(PKG).forEach((file) => {
      const src = readFileSync(file, 'utf8');

      for (const m of src.matchAll(/'(harvesterManager\.[A-Za-z0-9.]*[A-Za-z0-9])'/g)) {
        if (!(m[1] in enFlat)) {
          missing.push(`${ m[1] } (${ file })`);
        }
      }
      // composed keys ('…stepStatus.' + status): the prefix must exist as a group
      for (const m of src.matchAll(/[`'](harvesterManager\.[A-Za-z0-9.]+)\.(?:\$\{|'\s*\+)/g)) {
        if (!Object.keys(enFlat).some((k) => k.startsWith(`${ m[1] }.`))) {
          missing.push(`${ m[1] }.* (${ file })`);
        }
      }
    });
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(enFlat).map((k) => [k]))('%s parses as an ICU message in both languages, with the same placeholders', (key) => {
    const args = Object.fromEntries(placeholders(enFlat[key]).map((p) => [p, p === 'count' ? 2 : `<${ p }>`]));

    expect(() => new IntlMessageFormat(enFlat[key], 'en-us').format(args)).not.toThrow();
    expect(() => new IntlMessageFormat(zhFlat[key], 'zh-hans').format(args)).not.toThrow();
    expect(placeholders(zhFlat[key])).toEqual(placeholders(enFlat[key]));
  });

  // Chinese typography and phrasing the newcomer walk flagged: no space around full-width
  // punctuation, no "before" / "above" of a layout the text cannot see, no calque of
  // English word order ("失败于…时" reads as a translation; Chinese says "…时失败").
  it.each(Object.keys(zhFlat).map((k) => [k]))('zh-hans %s reads as Chinese', (key) => {
    const text = zhFlat[key];

    expect(text).not.toMatch(/ [，。：；！？）」]|[，。：；！？（「] /);
    expect(text).not.toMatch(/失败于/);
    expect(text).not.toMatch(/上方面板|下方面板/);
    expect(text).not.toMatch(/为您列出|向您列出/);
  });

  it.each(Object.keys(enFlat).map((k) => [k]))('en-us %s does not point above or below at a panel', (key) => {
    expect(enFlat[key]).not.toMatch(/panel (above|below)/);
  });
});
