import { isNewerExtensionVersion } from './ui-extension-state';

// The panel's one-click Install / Update as one sequence, as upstream's list runs it: add the
// Harvester chart repository if missing, refresh it, pick the newest compatible version, install
// or upgrade the chart, wait until Rancher serves the extension, then the page reloads. The
// extension passes ports built on the shell's `utils/uiplugins` helpers; tests pass fakes.

export interface ExtensionInstallPorts<Repo> {
  /** The Harvester chart repository already in Rancher, if any. */
  findRepository(): Promise<Repo | undefined>;
  /** Add it (waits until Rancher has downloaded its index). */
  addRepository(): Promise<Repo>;
  /** Make Rancher download its index again (it may hold an old copy). */
  refreshRepository(repo: Repo): Promise<void>;
  /** Newest version compatible with this Rancher; undefined/null when there is none. */
  latestCompatibleVersion(): Promise<string | null | undefined>;
  installChart(repo: Repo, version: string, action: 'install' | 'upgrade'): Promise<unknown>;
  /** Resolves true once Rancher serves that version (UIPlugin → /v1/uiplugins → its script). */
  waitForExtension(version: string): Promise<boolean>;
  /** Wait before reading the repository's index again (it can lag its refresh). */
  pause?(ms: number): Promise<void>;
}

/**
 * How often to read the index again when it offers less than the panel was shown (its refresh is
 * still landing): up to 30 s, as a busy Rancher can take that long to download a Git repository.
 */
export const INDEX_RETRIES = 15;
export const INDEX_RETRY_MS = 2000;

export type ExtensionInstallStep = 'repository' | 'refresh' | 'version' | 'install' | 'wait';

export type ExtensionInstallOutcome =
  | { result: 'installed' | 'updated', version: string }
  | { result: 'upToDate' }
  | { result: 'noCompatibleVersion' }
  | { result: 'failed', step: ExtensionInstallStep, error?: unknown };

export async function installOrUpdateHarvesterExtension<Repo>(
  ports: ExtensionInstallPorts<Repo>,
  installedVersion: string | null,
  /** The version the panel offered: an index that shows less right after the refresh is read again. */
  expectedVersion?: string | null,
): Promise<ExtensionInstallOutcome> {
  let step: ExtensionInstallStep = 'repository';

  try {
    let repo = await ports.findRepository();

    if (repo) {
      step = 'refresh';
      await ports.refreshRepository(repo);
    } else {
      repo = await ports.addRepository();
    }
    step = 'version';
    let version = await ports.latestCompatibleVersion();

    const indexLags = (offered: string | null | undefined) => !!expectedVersion && (!offered || isNewerExtensionVersion(expectedVersion, offered));

    for (let retry = 0; ports.pause && retry < INDEX_RETRIES && indexLags(version); retry++) {
      await ports.pause(INDEX_RETRY_MS);
      version = await ports.latestCompatibleVersion();
    }

    if (!version) {
      return installedVersion ? { result: 'upToDate' } : { result: 'noCompatibleVersion' };
    }
    if (installedVersion && !isNewerExtensionVersion(version, installedVersion)) {
      return { result: 'upToDate' };
    }
    step = 'install';
    await ports.installChart(repo, version, installedVersion ? 'upgrade' : 'install');
    step = 'wait';
    if (!await ports.waitForExtension(version)) {
      return { result: 'failed', step };
    }

    return { result: installedVersion ? 'updated' : 'installed', version };
  } catch (error) {
    return {
      result: 'failed', step, error
    };
  }
}
