import type { RegistrationToken, Result } from './types';
import { parseHttpUrl } from './http-url';
import { shellCommand } from './shell-quote';
import { usesJsonRegistrationSetting } from './harvester-version';
import { HARVESTER_REGISTRATION_SETTING } from './resource-types';

// We build the commands ourselves instead of echoing the token's `command`/`insecureCommand`:
// Rancher does not quote the URL, and what we show must be safe to paste into a root shell.
// There is deliberately no `kubectl delete -f` builder anywhere: on Harvester it removes
// `cattle-system`, which Harvester itself needs.

export type RegistrationSettingFormat = 'json' | 'plain';

export interface RegistrationArtefacts {
  /** What the operator pastes into Harvester's `cluster-registration-url` setting (= manifestUrl). */
  url: string;
  /** Harvester ≥ v1.7.2 setting value, TLS verified. */
  settingValue: string;
  /** Harvester ≥ v1.7.2 setting value for a Rancher with a self-signed certificate. */
  settingValueInsecure: string;
  applyCommand: string;
  insecureApplyCommand: string;
  patchCommands: { plain: string; json: string; jsonInsecure: string };
  /** Which setting format the cluster's Harvester takes; undefined when its version is unknown. */
  settingFormat?: RegistrationSettingFormat;
  /** The `kubectl patch` to show first, when the Harvester version tells which one fits. */
  recommendedPatchCommand?: string;
  /**
   * Which variants will work: `skip-verify` when Rancher signs its certificate with its own CA
   * (its `cacerts` setting is set, as with Rancher's generated self-signed certificate), which a
   * Harvester node does not trust, so the TLS-verifying commands fail with
   * "x509: certificate signed by unknown authority".
   */
  tls: RegistrationTls;
}

export type RegistrationTls = 'verify' | 'skip-verify';

/** Rancher's `cacerts` setting: set when Rancher's certificate is signed by a CA of its own. */
export function registrationTls(cacerts: string | undefined | null): RegistrationTls {
  return typeof cacerts === 'string' && cacerts.trim() ? 'skip-verify' : 'verify';
}

const K = 'harvesterManager.registration.error';

/** The registration URL, validated: the token's manifestUrl. */
export function registrationUrl(token: RegistrationToken | undefined | null): Result<string> {
  if (!token) {
    return { ok: false, error: { key: `${ K }.noToken` } };
  }
  if (!token.manifestUrl) {
    return { ok: false, error: { key: `${ K }.noManifestUrl`, args: { id: token.id || token.clusterId || '' } } };
  }

  const parsed = parseHttpUrl(token.manifestUrl);

  return parsed.ok ? { ok: true, value: parsed.value.url } : parsed;
}

/** Harvester ≥ v1.7.2 `cluster-registration-url` value. Key order is fixed so copies compare equal. */
export function registrationSettingJson(url: string, insecureSkipTLSVerify = false): string {
  return JSON.stringify({ url, insecureSkipTLSVerify });
}

export function applyManifestCommand(url: string): string {
  return shellCommand(['kubectl', 'apply', '-f', url]);
}

/** For a Rancher whose certificate the Harvester node does not trust (v0.3 docs). */
export function insecureApplyManifestCommand(url: string): string {
  return `${ shellCommand(['curl', '--insecure', '-sfL', url]) } | ${ shellCommand(['kubectl', 'apply', '-f', '-']) }`;
}

/** `kubectl patch` of the Harvester setting to an arbitrary value (already formatted). */
export function patchRegistrationSettingCommand(settingValue: string): string {
  return shellCommand([
    'kubectl', 'patch', 'settings.harvesterhci.io', HARVESTER_REGISTRATION_SETTING,
    '--type', 'merge', '-p', JSON.stringify({ value: settingValue }),
  ]);
}

/** Clears Harvester's registration setting; what to run after removing the cluster from Rancher. */
export function resetRegistrationSettingCommand(): string {
  return patchRegistrationSettingCommand('');
}

export function registrationSettingFormat(harvesterVersion: string | undefined | null): RegistrationSettingFormat | undefined {
  const json = usesJsonRegistrationSetting(harvesterVersion);

  return json === null ? undefined : json ? 'json' : 'plain';
}

/** Everything the registration view and `cli register` show, or why it cannot be shown yet. */
export function registrationArtefacts(
  token: RegistrationToken | undefined | null,
  harvesterVersion?: string | null,
  tls: RegistrationTls = 'verify',
): Result<RegistrationArtefacts> {
  const checked = registrationUrl(token);

  if (!checked.ok) {
    return checked;
  }

  const url = checked.value;
  const settingValue = registrationSettingJson(url, false);
  const settingValueInsecure = registrationSettingJson(url, true);
  const patchCommands = {
    plain:        patchRegistrationSettingCommand(url),
    json:         patchRegistrationSettingCommand(settingValue),
    jsonInsecure: patchRegistrationSettingCommand(settingValueInsecure),
  };
  const settingFormat = registrationSettingFormat(harvesterVersion);

  return {
    ok:    true,
    value: {
      url,
      settingValue,
      settingValueInsecure,
      applyCommand:            applyManifestCommand(url),
      insecureApplyCommand:    insecureApplyManifestCommand(url),
      patchCommands,
      settingFormat,
      recommendedPatchCommand: settingFormat ? patchCommands[settingFormat === 'json' && tls === 'skip-verify' ? 'jsonInsecure' : settingFormat] : undefined,
      tls,
    },
  };
}
