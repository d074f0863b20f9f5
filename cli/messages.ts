import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import type { Message } from '../pkg/harvester-manager/domain';

// The domain returns l10n keys; the CLI prints their English text from the extension's own
// catalogue (l10n/en-us.yaml), so the UI and the CLI say the same thing; an unknown key prints as
// itself.

const PKG = join(__dirname, '../pkg/harvester-manager');

export type Catalogue = Record<string, string>;

/** Nested yaml maps → `a.b.c` keys with string leaves. */
export function flattenCatalogue(tree: unknown, prefix = '', out: Catalogue = {}): Catalogue {
  if (tree && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [k, v] of Object.entries(tree as Record<string, unknown>)) {
      flattenCatalogue(v, prefix ? `${ prefix }.${ k }` : k, out);
    }
  } else if (typeof tree === 'string' && prefix) {
    out[prefix] = tree;
  }

  return out;
}

/** `{name}` placeholders filled from args; unknown placeholders stay visible. */
export function formatMessage(text: string, args: Message['args'] = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (args[name] === undefined ? whole : String(args[name])));
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

let loaded: Catalogue | undefined;

export function englishCatalogue(): Catalogue {
  if (!loaded) {
    loaded = flattenCatalogue(parse(readOr(join(PKG, 'l10n/en-us.yaml'), '{}')));
  }

  return loaded;
}

/** English text of a domain message. */
export function t(message: Message | string, catalogue: Catalogue = englishCatalogue()): string {
  const m = typeof message === 'string' ? { key: message } : message;
  const text = catalogue[m.key];

  return text === undefined ? m.key : formatMessage(text, m.args);
}
