// Harvester reports versions like `v1.4.1`, `v1.3.0-rc1`, `v1.5-head`; this is a small semver
// subset, enough to order them and to gate features, without pulling a semver library into the CLI.

export const MIN_SUPPORTED_HARVESTER_VERSION = 'v1.3.0';
/**
 * From this version the `cluster-registration-url` setting takes JSON `{url, insecureSkipTLSVerify}`:
 * harvester/harvester `pkg/settings/settings_helper.go` (GetClusterRegistrationURLSetting) from
 * v1.8.0, backported to v1.7.2 (v1.7.0/v1.7.1 and earlier read the value as a plain URL).
 */
export const JSON_REGISTRATION_SETTING_VERSION = 'v1.7.2';

export interface HarvesterVersion {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const VERSION_RE = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseHarvesterVersion(version: string | undefined | null): HarvesterVersion | null {
  const m = VERSION_RE.exec((version || '').trim());

  if (!m) {
    return null;
  }

  return {
    major:      Number(m[1]),
    minor:      Number(m[2]),
    patch:      m[3] === undefined ? 0 : Number(m[3]),
    prerelease: m[4] ? m[4].split('.') : [],
  };
}

function compareIdentifiers(a: string, b: string): number {
  const aNum = /^\d+$/.test(a);
  const bNum = /^\d+$/.test(b);

  if (aNum && bNum) {
    return Math.sign(Number(a) - Number(b));
  }
  if (aNum !== bNum) {
    return aNum ? -1 : 1; // semver: numeric identifiers sort before alphanumeric ones
  }

  return a < b ? -1 : a > b ? 1 : 0;
}

function compareCore(a: HarvesterVersion, b: HarvesterVersion): number {
  return Math.sign(a.major - b.major) || Math.sign(a.minor - b.minor) || Math.sign(a.patch - b.patch);
}

/**
 * Semver order (-1, 0, 1): a pre-release sorts before its release (`v1.3.0-rc1` < `v1.3.0`).
 * Returns null when either side is not a version (e.g. `master-head` dev builds).
 */
export function compareHarvesterVersions(a: string | undefined | null, b: string | undefined | null): number | null {
  const pa = parseHarvesterVersion(a);
  const pb = parseHarvesterVersion(b);

  if (!pa || !pb) {
    return null;
  }

  const core = compareCore(pa, pb);

  if (core !== 0) {
    return core;
  }
  if (!pa.prerelease.length || !pb.prerelease.length) {
    return pa.prerelease.length ? -1 : pb.prerelease.length ? 1 : 0;
  }
  for (let i = 0; i < Math.max(pa.prerelease.length, pb.prerelease.length); i++) {
    if (pa.prerelease[i] === undefined) {
      return -1;
    }
    if (pb.prerelease[i] === undefined) {
      return 1;
    }

    const c = compareIdentifiers(pa.prerelease[i], pb.prerelease[i]);

    if (c !== 0) {
      return c;
    }
  }

  return 0;
}

/**
 * Feature gates compare the release line only, so release candidates of a gated version
 * (`v1.3.0-rc1`) already count as that version, as upstream's coerced comparison does.
 * null: unknown or unparseable version, the caller decides (we never deny what we cannot read).
 */
export function isAtLeastHarvesterVersion(version: string | undefined | null, minimum: string): boolean | null {
  const pv = parseHarvesterVersion(version);
  const pm = parseHarvesterVersion(minimum);

  if (!pv || !pm) {
    return null;
  }

  return compareCore(pv, pm) >= 0;
}

export function isSupportedHarvesterVersion(version: string | undefined | null): boolean | null {
  return isAtLeastHarvesterVersion(version, MIN_SUPPORTED_HARVESTER_VERSION);
}

export function usesJsonRegistrationSetting(version: string | undefined | null): boolean | null {
  return isAtLeastHarvesterVersion(version, JSON_REGISTRATION_SETTING_VERSION);
}
