import type { JoinedCluster, Message } from './types';
import { findCondition, isClusterReady } from './conditions';
import { isSupportedHarvesterVersion, MIN_SUPPORTED_HARVESTER_VERSION } from './harvester-version';

export const CLUSTER_STATES = ['pending', 'waiting', 'active', 'removing', 'unavailable', 'error', 'denied'] as const;
export type ClusterState = typeof CLUSTER_STATES[number];
export type StateTone = 'success' | 'info' | 'warning' | 'error';

export interface ClusterStateDecision {
  state: ClusterState;
  /** l10n key of the state's label (`harvesterManager.state.<state>`). */
  displayKey: string;
  tone: StateTone;
  error: boolean;
  transitioning: boolean;
  /** Why, in our words (e.g. the unsupported-version message). */
  reason?: Message;
  /** Rancher's own status text, shown as is (it is data, not our copy). */
  detail?: string;
}

const TONES: Record<ClusterState, StateTone> = {
  pending:     'info',
  waiting:     'info',
  removing:    'info',
  active:      'success',
  unavailable: 'warning',
  error:       'error',
  denied:      'error',
};

function decision(state: ClusterState, extra: Partial<ClusterStateDecision> = {}): ClusterStateDecision {
  return {
    state,
    displayKey:    `harvesterManager.state.${ state }`,
    tone:          TONES[state],
    error:         state === 'error' || state === 'denied',
    transitioning: state === 'pending' || state === 'waiting' || state === 'removing',
    ...extra,
  };
}

/** Ready as the shell decides it, from the management cluster (the provisioning copy lags). */
export function isReady(cluster: JoinedCluster): boolean {
  return isClusterReady(cluster.management ?? cluster.provisioning);
}

/**
 * Rancher only writes `Connected` after a first agent connection, so `Connected=False` means
 * the agent was connected and has gone away, not that it never came.
 */
export function isDisconnected(cluster: JoinedCluster): boolean {
  return findCondition(cluster.management ?? cluster.provisioning, 'Connected')?.status === 'False';
}

/**
 * State of a Harvester cluster. Order matters: a delete in progress wins over everything, an
 * unsupported Harvester (only known once connected) is denied even though Rancher says active,
 * and readiness outranks Rancher's cached state name, which can trail the conditions.
 * `harvesterVersion` is the cluster's `server-version` setting, when it has been fetched.
 */
export function decideClusterState(cluster: JoinedCluster, harvesterVersion?: string | null): ClusterStateDecision {
  const { provisioning: prov, management: mgmt } = cluster;
  const mgmtState = mgmt?.metadata?.state;
  const provState = prov.metadata?.state;
  const detail = mgmtState?.message || provState?.message || undefined;

  if (prov.metadata?.deletionTimestamp || mgmt?.metadata?.deletionTimestamp ||
      provState?.name === 'removing' || mgmtState?.name === 'removing') {
    return decision('removing', { detail });
  }

  if (harvesterVersion && isSupportedHarvesterVersion(harvesterVersion) === false) {
    return decision('denied', {
      reason: {
        key:  'harvesterManager.cluster.supportMessage',
        args: { version: harvesterVersion, minVersion: MIN_SUPPORTED_HARVESTER_VERSION },
      },
      detail,
    });
  }

  if (isDisconnected(cluster)) {
    return decision('unavailable', { detail });
  }

  if (isReady(cluster)) {
    return decision('active');
  }

  const primary = mgmt ? mgmtState : provState;

  if (primary?.error) {
    return decision('error', { detail });
  }

  switch (primary?.name) {
  case 'waiting':
  case 'active': // Rancher's summary says active but the conditions do not agree yet
    return decision('waiting', { detail });
  case 'unavailable':
    return decision('unavailable', { detail });
  default:
    return decision('pending', { detail });
  }
}
