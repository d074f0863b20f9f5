import { registrationSettingFormat, registrationSettingJson, type RegistrationSettingFormat } from './registration-commands';

// Writing Harvester's `cluster-registration-url` setting directly (the CLI's --harvester-kubeconfig):
// which form of the value a given Harvester takes, and what an existing value points at, so a
// re-run can tell "already set to this cluster" from "registered somewhere else".

export interface RegistrationSettingChoice {
  format: RegistrationSettingFormat;
  value: string;
  /** The Harvester version was missing or unreadable: the plain URL, which every version takes, was chosen. */
  versionUnknown: boolean;
  /** insecureSkipTLSVerify was asked for, but this Harvester only takes a plain URL (before v1.7.2). */
  insecureUnsupported: boolean;
}

export interface RegistrationSettingTarget {
  url: string;
  insecureSkipTLSVerify: boolean;
}

/** The value to write: JSON `{url, insecureSkipTLSVerify}` from Harvester v1.7.2, the plain URL before. */
export function chooseRegistrationSetting(
  url: string,
  harvesterVersion: string | undefined | null,
  insecureSkipTLSVerify = false,
): RegistrationSettingChoice {
  const known = registrationSettingFormat(harvesterVersion);
  const format: RegistrationSettingFormat = known ?? 'plain';

  return {
    format,
    value:               format === 'json' ? registrationSettingJson(url, insecureSkipTLSVerify) : url,
    versionUnknown:      known === undefined,
    insecureUnsupported: insecureSkipTLSVerify && format === 'plain',
  };
}

/** What a `cluster-registration-url` value points at, in either form; undefined when empty or unreadable. */
export function parseRegistrationSetting(value: string | undefined | null): RegistrationSettingTarget | undefined {
  const text = (value ?? '').trim();

  if (!text) {
    return undefined;
  }
  if (!text.startsWith('{')) {
    return { url: text, insecureSkipTLSVerify: false };
  }
  try {
    const parsed = JSON.parse(text) as { url?: unknown; insecureSkipTLSVerify?: unknown };

    return typeof parsed?.url === 'string' && parsed.url ? { url: parsed.url, insecureSkipTLSVerify: parsed.insecureSkipTLSVerify === true } : undefined;
  } catch {
    return undefined;
  }
}

/** The setting already registers with `url` (same URL and TLS choice), so writing it again changes nothing. */
export function isRegistrationSettingCurrent(current: string | undefined | null, url: string, insecureSkipTLSVerify = false): boolean {
  const target = parseRegistrationSetting(current);

  return !!target && target.url === url && target.insecureSkipTLSVerify === insecureSkipTLSVerify;
}
