import { featureEnabled, steveDialect, type SteveDialect } from '../domain';
import type { ShellStore } from './shell-store';

// Which Steve dialect this Rancher speaks (domain/steve-dialect.ts), from what the dashboard has
// loaded at login: the `server-version` setting and the `ui-sql-cache` feature. A user who cannot
// read features gets the release's default, which is what that Rancher runs unless an admin
// changed it.

const SETTING_TYPE = 'management.cattle.io.setting';
const FEATURE_TYPE = 'management.cattle.io.feature';

/** Rancher's version as the dashboard loaded it (the `server-version` setting). */
export function loadedVersion(store: ShellStore): string | undefined {
  return store.getters['management/byId']?.(SETTING_TYPE, 'server-version')?.value || undefined;
}

function loadedSqlCache(store: ShellStore): boolean | undefined {
  const feature = store.getters['management/byId']?.(FEATURE_TYPE, 'ui-sql-cache');

  if (!feature) {
    return undefined;
  }

  // the shell's feature model computes `enabled`; a plain object (not yet a model) is read as Rancher does
  return typeof feature.enabled === 'boolean' ? feature.enabled : featureEnabled(feature);
}

/** The dialect from what the dashboard has loaded alone; undefined while Rancher's version is not loaded. */
export function loadedDialect(store: ShellStore): SteveDialect | undefined {
  const version = loadedVersion(store);

  return version ? steveDialect(version, loadedSqlCache(store)) : undefined;
}

/** The dialect, asking Rancher for its version (`/rancherversion`) when no setting is loaded. */
export async function resolveSteveDialect(store: ShellStore): Promise<SteveDialect> {
  const loaded = loadedDialect(store);

  if (loaded) {
    return loaded;
  }
  let version: string | undefined;

  try {
    version = (await store.dispatch('management/request', { url: '/rancherversion', redirectUnauthorized: false }))?.Version;
  } catch {
    version = undefined; // an unknown Rancher is treated as the newest one this extension knows
  }

  return steveDialect(version, loadedSqlCache(store));
}
