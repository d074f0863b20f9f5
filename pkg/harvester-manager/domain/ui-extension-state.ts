import { compareHarvesterVersions } from './harvester-version';

// Since Rancher 2.10 a Harvester cluster opens in the separate Harvester UI extension (chart
// `harvester`). The list shows a panel while that extension is missing or out of date; these
// are its states, in the order upstream's list checks them, and what each lets the user do.

export const EXTENSION_PANEL_STATES = ['missingVersion', 'error', 'missingRepo', 'update', 'install', 'installed'] as const;
export type ExtensionPanelState = typeof EXTENSION_PANEL_STATES[number];

export type RepositoryPresence = 'found' | 'missing' | 'unknown';

export interface HarvesterExtensionFacts {
  /** Version of the Harvester UI extension this browser loaded; null when it is not loaded. */
  installedVersion: string | null;
  /** The Harvester chart repository in Rancher; `unknown` when the user may not read repositories. */
  repository: RepositoryPresence;
  /**
   * Newest version in the repository compatible with this Rancher (the shell's
   * `getLatestExtensionVersion`): a version, null when it offers none, undefined when not known.
   */
  latestCompatibleVersion?: string | null;
  /** An automatic install or update, or reading the repositories, failed on this page. */
  failed: boolean;
}

export interface ExtensionPanelDecision {
  state: ExtensionPanelState;
  /** The panel shows for every state but `installed`. */
  visible: boolean;
  /** One-click button, offered only to users who may install extensions. */
  action: 'install' | 'update' | null;
  /** After a failed automatic install: the manual steps (repository, then Extensions page). */
  manualSteps: boolean;
  /** Which prompt: the administrator's, or "ask your administrator". */
  audience: 'admin' | 'user';
  currentVersion?: string;
  newVersion?: string;
}

/** Is `candidate` a newer extension version than `installed`? (unparseable: no) */
export function isNewerExtensionVersion(candidate: string | null | undefined, installed: string | null | undefined): boolean {
  if (!candidate) {
    return false;
  }
  if (!installed) {
    return true;
  }

  return compareHarvesterVersions(candidate, installed) === 1;
}

export function decideExtensionPanelState(facts: HarvesterExtensionFacts): ExtensionPanelState {
  const installed = !!facts.installedVersion;

  if (!installed && facts.latestCompatibleVersion === null) {
    return 'missingVersion';
  }
  if (facts.failed) {
    return 'error';
  }
  if (installed && facts.repository === 'missing') {
    return 'missingRepo';
  }
  if (installed && isNewerExtensionVersion(facts.latestCompatibleVersion, facts.installedVersion)) {
    return 'update';
  }

  return installed ? 'installed' : 'install';
}

/** What the panel shows and offers, for a user who may (`canInstall`) or may not install extensions. */
export function decideExtensionPanel(facts: HarvesterExtensionFacts, canInstall: boolean): ExtensionPanelDecision {
  const state = decideExtensionPanelState(facts);
  // after a failed attempt the same button tries again (beside the manual steps)
  const offer = canInstall && (state === 'install' || state === 'update' || state === 'missingRepo' || state === 'error');

  return {
    state,
    visible:        state !== 'installed',
    action:         offer ? (facts.installedVersion ? 'update' : 'install') : null,
    manualSteps:    canInstall && state === 'error',
    audience:       canInstall ? 'admin' : 'user',
    currentVersion: facts.installedVersion ? `v${ facts.installedVersion.replace(/^v/, '') }` : undefined,
    newVersion:     state === 'update' && facts.latestCompatibleVersion ? `v${ facts.latestCompatibleVersion.replace(/^v/, '') }` : undefined,
  };
}

/** Why Manage cannot open a cluster in the Harvester UI extension right now. */
export const MANAGE_BLOCKERS = ['notInstalled', 'noCompatibleVersion', 'installFailed', 'notLoaded'] as const;
export type ManageBlocker = typeof MANAGE_BLOCKERS[number];

/**
 * null when Manage can open the cluster (the extension is loaded and its route exists), else the
 * reason, so the list can say what is missing instead of failing silently.
 */
export function manageBlocker(installedVersion: string | null, routeAvailable: boolean, panelState?: ExtensionPanelState): ManageBlocker | null {
  if (installedVersion && routeAvailable) {
    return null;
  }
  if (installedVersion) {
    return 'notLoaded';
  }
  if (panelState === 'missingVersion') {
    return 'noCompatibleVersion';
  }
  if (panelState === 'error') {
    return 'installFailed';
  }

  return 'notInstalled';
}

/**
 * Why a Manage button is disabled (its tooltip), or null when it is enabled: the cluster must be
 * Active, and — where the page knows it (`blocker`) — the Harvester UI extension loaded.
 */
export function manageDisabledReason(canExplore: boolean, blocker: ManageBlocker | null, name: string): { key: string; args: { name: string } } | null {
  if (!canExplore) {
    return { key: 'harvesterManager.action.manageNotActive', args: { name } };
  }

  return blocker ? { key: `harvesterManager.extensionPanel.manage.${ blocker }`, args: { name } } : null;
}
