import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import type { Message } from '../pkg/harvester-manager/domain';

// The domain returns l10n keys; the CLI prints their English text from the extension's own
// catalogue (l10n/en-us.yaml), so the UI and the CLI say the same thing; an unknown key prints as
// itself.

/**
 * The installed command carries the catalogue in its bundle (scripts/build-cli.ts defines it);
 * run from the repository (bin/harvester-manager, tests) it reads the extension's yaml.
 */
declare const __HARVESTER_MANAGER_CATALOGUE__: Catalogue | undefined;

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
    loaded = typeof __HARVESTER_MANAGER_CATALOGUE__ === 'undefined' ? flattenCatalogue(parse(readOr(join(__dirname, '../pkg/harvester-manager/l10n/en-us.yaml'), '{}'))) : __HARVESTER_MANAGER_CATALOGUE__;
  }

  return loaded;
}

/** English text of a domain message. */
export function t(message: Message | string, catalogue: Catalogue = englishCatalogue()): string {
  const m = typeof message === 'string' ? { key: message } : message;
  const text = catalogue[m.key];

  return text === undefined ? m.key : formatMessage(text, m.args);
}
