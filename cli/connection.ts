import { readFileSync } from 'fs';
import { parseHttpUrl } from '../pkg/harvester-manager/domain';
import { defaultConfigPath, expandHome, loadConfigFile, type ContextSettings } from './config-file';
import { usageError } from './errors';
import { t } from './messages';

// Where the Rancher connection comes from: flags, then environment, then the config file context.

export interface ConnectionFlags {
  server?: string;
  token?: string;
  caCert?: string;
  insecureSkipTlsVerify?: boolean;
  context?: string;
  config?: string;
}

export interface Connection {
  server: string;
  token: string;
  /** PEM text of the CA bundle to trust. */
  ca?: string;
  caCertPath?: string;
  insecureSkipTlsVerify: boolean;
  /** Which context of the config file supplied settings, if any. */
  context?: string;
}

function readSecretFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (e) {
    throw usageError(`Cannot read ${ what } ${ path }: ${ (e as Error).message }`, 'Check the path and its permissions.');
  }
}

function contextSettings(flags: ConnectionFlags, env: Record<string, string | undefined>, home?: string): { name?: string; settings: ContextSettings } {
  const explicitFile = flags.config || env.HARVESTER_MANAGER_CONFIG;
  const path = explicitFile || defaultConfigPath(env, home);
  const wanted = flags.context || env.HARVESTER_MANAGER_CONTEXT;

  if (!path) {
    if (wanted) {
      throw usageError(`--context ${ wanted } needs a config file, and none was found.`, 'Create ~/.config/harvester-manager/config.yaml or pass --config <file>.');
    }

    return { settings: {} };
  }

  const file = loadConfigFile(expandHome(path, home), !!explicitFile || !!wanted);
  const name = wanted || file?.currentContext;

  if (!file || !name) {
    return { settings: {} };
  }

  const settings = file.contexts[name];

  if (!settings) {
    const known = Object.keys(file.contexts);

    throw usageError(`Context "${ name }" is not in ${ file.path }.`, known.length ? `Known contexts: ${ known.join(', ') }.` : 'Add it under "contexts:" in that file.');
  }

  return { name, settings };
}

/** Normalised server URL: validated with the domain's URL rules, no trailing slash. */
export function normaliseServer(raw: string): string {
  const value = raw.trim();
  const parsed = parseHttpUrl(value);

  if (!parsed.ok) {
    throw usageError(`--server / RANCHER_URL is not a usable URL: ${ t(parsed.error) }`, 'Pass Rancher\'s URL with its scheme, e.g. --server https://rancher.example.com');
  }
  if (/[?#]/.test(value)) {
    throw usageError(`--server ${ value } has a query or fragment.`, 'Pass only Rancher\'s base URL, e.g. https://rancher.example.com');
  }

  return value.replace(/\/+$/, '');
}

export function resolveConnection(flags: ConnectionFlags, env: Record<string, string | undefined>, home?: string): Connection {
  const { name, settings } = contextSettings(flags, env, home);
  const server = flags.server || env.RANCHER_URL || settings.server;

  if (!server) {
    throw usageError('No Rancher server given.', 'Pass --server https://rancher.example.com, set RANCHER_URL, or use --context with a config file.');
  }

  let token = flags.token || env.RANCHER_TOKEN || settings.token;

  if (!token && settings.tokenEnv) {
    token = env[settings.tokenEnv];
  }
  if (!token && settings.tokenFile) {
    token = readSecretFile(expandHome(settings.tokenFile, home), 'token file');
  }
  if (!token) {
    throw usageError('No Rancher API token given.', 'Set RANCHER_TOKEN (preferred: flags show up in the process list) or pass --token; create one in Rancher under Account & API Keys.');
  }
  if (/\s/.test(token.trim()) || /^bearer\s/i.test(token)) {
    throw usageError('The API token contains spaces.', 'Pass only the token (token-xxxxx:secret), without "Bearer".');
  }

  const caCertPath = flags.caCert || env.RANCHER_CA_CERT || settings.caCert;
  const ca = caCertPath ? readSecretFile(expandHome(caCertPath, home), 'CA certificate file') : undefined;

  if (ca !== undefined && !ca.includes('-----BEGIN CERTIFICATE-----')) {
    throw usageError(`--ca-cert ${ caCertPath } does not contain a PEM certificate.`, 'Pass the PEM file of the CA that signed Rancher\'s certificate (-----BEGIN CERTIFICATE-----).');
  }

  return {
    server:                normaliseServer(server),
    token:                 token.trim(),
    ca,
    caCertPath,
    insecureSkipTlsVerify: !!(flags.insecureSkipTlsVerify || settings.insecureSkipTlsVerify),
    context:               name,
  };
}
