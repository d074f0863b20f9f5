/**
 * Which Rancher the simulator behaves like: a release line (2.10, 2.11, 2.12) and whether its
 * `ui-sql-cache` feature is on. Everything version-dependent asks this object, so the choice
 * lives in one place and `sim/FIDELITY.md` can say, per behaviour, which source it follows.
 */
export interface RancherProfile {
  /** What `/rancherversion` and the `server-version` setting say, e.g. `v2.11.3`. */
  version: string;
  /** 10, 11 or 12. */
  minor: number;
  /**
   * Steve answers lists from its SQL cache (steve `pkg/stores/sqlproxy`) instead of the older
   * in-memory list processor (steve `pkg/stores/partition/listprocessor`).
   */
  sqlCache: boolean;
  /**
   * The websocket knows `mode: "resource.changes"` (rancher/apiserver v0.6.1, first used by
   * Rancher 2.12); older Rancher sends full `resource.create/change/remove` events whatever the mode.
   */
  resourceChangesMode: boolean;
}

export const SUPPORTED_MINORS = [10, 11, 12] as const;

/** A SIM_RANCHER_VERSION / SIM_UI_SQL_CACHE the simulator cannot model: said in one line, no stack. */
export class ProfileConfigError extends Error {}

/**
 * `ui-sql-cache` as each release ships it (rancher `pkg/features/feature.go`, release/v2.10 and
 * release/v2.11: `false`; release/v2.12: `true`).
 */
export function defaultSqlCache(minor: number): boolean {
  return minor >= 12;
}

function minorOf(version: string): number {
  const m = /^v?2\.(\d+)(\.|$)/.exec(version.trim());

  return m ? Number(m[1]) : NaN;
}

/** A profile from `SIM_RANCHER_VERSION` / `SIM_UI_SQL_CACHE` style inputs; throws on anything unsupported. */
export function rancherProfile(version = 'v2.12.3', sqlCache?: boolean): RancherProfile {
  const minor = minorOf(version);

  if (!SUPPORTED_MINORS.includes(minor as typeof SUPPORTED_MINORS[number])) {
    throw new ProfileConfigError(`SIM_RANCHER_VERSION "${ version }" is not modelled: use v2.10.x, v2.11.x or v2.12.x (see sim/FIDELITY.md)`);
  }

  return {
    version:             version.startsWith('v') ? version : `v${ version }`,
    minor,
    sqlCache:            sqlCache ?? defaultSqlCache(minor),
    resourceChangesMode: minor >= 12,
  };
}

/** `SIM_UI_SQL_CACHE`: unset → the release's default; `true`/`false` (or 1/0) → that; else an error. */
export function parseSqlCacheFlag(raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw.trim() === '') {
    return undefined;
  }
  const v = raw.trim().toLowerCase();

  if (v === 'true' || v === '1' || v === 'on') {
    return true;
  }
  if (v === 'false' || v === '0' || v === 'off') {
    return false;
  }
  throw new ProfileConfigError(`SIM_UI_SQL_CACHE must be true or false (got "${ raw }"); leave it unset for the release's default`);
}
