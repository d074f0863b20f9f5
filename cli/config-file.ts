import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { usageError } from './errors';

// Optional config file with named contexts, so scripts can say `--context lab`:
//
//   current-context: lab
//   contexts:
//     lab:
//       server: https://rancher.lab.example.com
//       token-file: ~/.config/harvester-manager/lab.token   # or token-env: LAB_TOKEN, or token: …
//       ca-cert: /etc/ssl/lab-ca.pem
//       insecure-skip-tls-verify: false

export interface ContextSettings {
  server?: string;
  token?: string;
  tokenFile?: string;
  tokenEnv?: string;
  caCert?: string;
  insecureSkipTlsVerify?: boolean;
}

export interface ConfigFile {
  path: string;
  currentContext?: string;
  contexts: Record<string, ContextSettings>;
}

export function defaultConfigPath(env: Record<string, string | undefined>, home?: string): string | undefined {
  if (env.HARVESTER_MANAGER_CONFIG) {
    return env.HARVESTER_MANAGER_CONFIG;
  }
  const base = env.XDG_CONFIG_HOME || (home ? join(home, '.config') : undefined);

  return base ? join(base, 'harvester-manager', 'config.yaml') : undefined;
}

export function expandHome(path: string, home?: string): string {
  return home && (path === '~' || path.startsWith('~/')) ? join(home, path.slice(1)) : path;
}

const FIELDS: Record<string, keyof ContextSettings> = {
  server:                     'server',
  token:                      'token',
  'token-file':               'tokenFile',
  'token-env':                'tokenEnv',
  'ca-cert':                  'caCert',
  'insecure-skip-tls-verify': 'insecureSkipTlsVerify',
};

/** Validates the parsed yaml; every problem names the file and the field. */
export function parseConfigFile(text: string, path: string): ConfigFile {
  let doc: unknown;

  try {
    doc = parse(text);
  } catch (e) {
    throw usageError(`Config file ${ path } is not valid YAML: ${ (e as Error).message }`, 'Fix the file or point --config elsewhere.');
  }
  if (doc === null || doc === undefined) {
    return { path, contexts: {} };
  }
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw usageError(`Config file ${ path } must be a YAML map with "contexts".`, 'See docs/cli.md for the format.');
  }

  const raw = doc as Record<string, unknown>;
  const contexts: Record<string, ContextSettings> = {};
  const rawContexts = raw.contexts ?? {};

  if (typeof rawContexts !== 'object' || Array.isArray(rawContexts)) {
    throw usageError(`"contexts" in ${ path } must be a map of context name to settings.`, 'See docs/cli.md for the format.');
  }
  for (const [name, value] of Object.entries(rawContexts as Record<string, unknown>)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw usageError(`Context "${ name }" in ${ path } must be a map of settings.`, 'See docs/cli.md for the format.');
    }
    const settings: ContextSettings = {};

    for (const [field, v] of Object.entries(value as Record<string, unknown>)) {
      const key = FIELDS[field];

      if (!key) {
        throw usageError(`Unknown field "${ field }" in context "${ name }" of ${ path }.`, `Known fields: ${ Object.keys(FIELDS).join(', ') }.`);
      }
      if (key === 'insecureSkipTlsVerify' ? typeof v !== 'boolean' : typeof v !== 'string') {
        throw usageError(`Field "${ field }" in context "${ name }" of ${ path } must be a ${ key === 'insecureSkipTlsVerify' ? 'boolean' : 'string' }.`);
      }
      (settings as Record<string, unknown>)[key] = v;
    }
    contexts[name] = settings;
  }
  const current = raw['current-context'];

  if (current !== undefined && typeof current !== 'string') {
    throw usageError(`"current-context" in ${ path } must be a context name.`);
  }

  return {
    path, currentContext: current as string | undefined, contexts
  };
}

/** The file, or undefined when it does not exist (only an error when it was asked for). */
export function loadConfigFile(path: string, required: boolean): ConfigFile | undefined {
  let text: string;

  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !required) {
      return undefined;
    }
    throw usageError(`Cannot read config file ${ path }: ${ (e as Error).message }`, 'Check --config / HARVESTER_MANAGER_CONFIG.');
  }

  return parseConfigFile(text, path);
}
