import { parse } from 'yaml';
import { ApiError } from '../core/api-error';
import type { SimState } from '../state';
import { CORE_TYPES } from '../store/core-types';
import { GLOBAL_DATA_NAMESPACE, HARVESTER_CONFIG } from './cloud-credential-model';

/**
 * What Rancher checks in a Harvester credential's kubeconfig before it stores it: the Rancher
 * tokens (`kubeconfig-u-…` / `kubeconfig-user-…`, the ones the dashboard's harvester credential
 * form gets from generateKubeconfig) must exist. The errors are plain Go errors, which norman's
 * ErrorHandler answers 500 ServerError with the message (norman `httperror/handler/handler.go`).
 *
 * - release/v2.12 `pkg/api/norman/customization/cred/store.go` processHarvesterCloudCredential
 *   (Create and Update): every such token must exist, not be expired and not be used by another
 *   Secret in cattle-global-data.
 * - release/v2.10, v2.11 (same file, processHarvesterCloudCredentialExpiration): the first such
 *   token must exist (its expiry becomes the `rancher.io/expiration-timestamp` annotation).
 *
 * The simulator's tokens are login tokens (`token-xxxxx`), so a kubeconfig naming a Rancher
 * kubeconfig token fails as it would in a Rancher that does not have that token. YAML errors carry
 * the `yaml` package's wording, not Go's.
 */
const KUBECONFIG_TOKEN = /^kubeconfig-(u|user)-/;

function parseKubeconfig(content: string): unknown {
  const doc = parse(content);

  if (doc !== null && doc !== undefined && (typeof doc !== 'object' || Array.isArray(doc))) {
    throw new Error(`cannot unmarshal ${ Array.isArray(doc) ? 'array' : typeof doc } into a kubeconfig`);
  }

  return doc;
}

/** The bearer tokens of the kubeconfig's users (kontainer-engine's store.KubeConfig, users[].user.token). */
function userTokens(doc: unknown): string[] {
  const users = (doc as { users?: unknown } | null)?.users;

  return (Array.isArray(users) ? users : [])
    .map((u) => (u as { user?: { token?: unknown } } | null)?.user?.token)
    .filter((t): t is string => typeof t === 'string' && KUBECONFIG_TOKEN.test(t));
}

/** cred.TokenNamesFromContent (release/v2.12): a matching token must be `name:secret`. */
function tokenNames(content: string): string[] {
  return userTokens(parseKubeconfig(content)).map((t) => {
    if (!t.includes(':')) {
      throw new Error('unable to get token name from content');
    }

    return t.split(':')[0];
  });
}

const serverError = (message: string) => new ApiError(500, 'ServerError', message);
const notFound = (name: string) => `tokens.management.cattle.io "${ name }" not found`;

/** Run on Create and Update with the request's config: an Update that sends no kubeconfigContent is not checked. */
export function checkHarvesterKubeconfig(state: SimState, config: Record<string, string> | undefined): void {
  const content = config?.kubeconfigContent;

  if (!content) {
    return;
  }
  const token = (name: string) => state.sessions.list().find((t) => t.name === name);

  if (state.rancherMinor < 12) {
    const prefix = 'failed to process harvester cloud credential expiration: failed to get harvester cloud credential expiration from kubeconfig';
    let first: string | undefined;

    try {
      first = userTokens(parseKubeconfig(content))[0]?.split(':')[0];
    } catch (e) {
      throw serverError(`${ prefix }: failed to get harvester credential config token name: ${ (e as Error).message }`);
    }
    if (first && !token(first)) {
      throw serverError(`${ prefix }: failed to get harvester credential config token: ${ notFound(first) }`);
    }

    return;
  }
  const prefix = 'failed to process harvester cloud credential';
  let names: string[];

  try {
    names = tokenNames(content);
  } catch (e) {
    throw serverError(`${ prefix }: failed to get tokens from kubeconfig: ${ (e as Error).message.startsWith('unable') ? '' : 'failed to unmarshal kubeconfig: ' }${ (e as Error).message }`);
  }
  for (const name of names) {
    const found = token(name);

    if (!found) {
      throw serverError(`${ prefix }: failed to get token: ${ notFound(name) }`);
    }
    if (found.expiresAt && found.expiresAt < Date.now()) {
      throw serverError(`${ prefix }: token ${ name } is expired`);
    }
  }
  // Tokens already in a Secret of cattle-global-data, the one being updated included (as Rancher lists them).
  const known = new Set<string>();

  for (const secret of state.store.list(CORE_TYPES.SECRET).filter((s) => s.metadata.namespace === GLOBAL_DATA_NAMESPACE)) {
    const stored = secret.data?.[`${ HARVESTER_CONFIG }-kubeconfigContent`];

    try {
      (stored ? tokenNames(Buffer.from(stored, 'base64').toString('utf8')) : []).forEach((n) => known.add(n));
    } catch {
      // Rancher logs a broken Secret and goes on ("it shouldn't be usable anyway").
    }
  }
  const reused = names.find((n) => known.has(n));

  if (reused) {
    throw serverError(`${ prefix }: token ${ reused } is already in use by secret`);
  }
}
