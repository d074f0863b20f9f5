import type { JoinedCluster, Message } from './types';
import { findCondition, isClusterReady, isConditionTrue } from './conditions';
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
 * Whether an agent has ever registered this cluster with Rancher. Rancher's connected checker
 * (rancher `pkg/controllers/management/clusterconnected`, every 15 s) writes `Connected=False`
 * on every cluster whose agent holds no tunnel session, including one whose agent never came;
 * only the first registration sets `status.driver` and the API endpoint
 * (`pkg/tunnelserver/mcmauthorizer`) and lets the provisioner mark `Provisioned=True`.
 */
export function agentHasRegistered(cluster: JoinedCluster): boolean {
  const mgmt = cluster.management;

  // Any trace of a registration counts: the agent deployment and the version are later steps of it.
  return !!mgmt && (isConditionTrue(mgmt, 'Provisioned') || isConditionTrue(mgmt, 'AgentDeployed') ||
    !!mgmt.status?.driver || !!mgmt.status?.apiEndpoint || !!mgmt.status?.version?.gitVersion);
}

/**
 * The agent was connected and has gone away: `Connected=False` on a cluster an agent registered
 * once. A cluster whose agent never came is not disconnected: it is still registering.
 */
export function isDisconnected(cluster: JoinedCluster): boolean {
  return findCondition(cluster.management ?? cluster.provisioning, 'Connected')?.status === 'False' && agentHasRegistered(cluster);
}

/** Never registered: Rancher's Disconnected/Unavailable says nothing more than "still waiting". */
function neverRegistered(cluster: JoinedCluster): boolean {
  return !!cluster.management && !agentHasRegistered(cluster);
}

/**
 * State of a Harvester cluster. Order matters: a delete in progress wins over everything, an
 * unsupported Harvester (only known once connected) is denied even though Rancher says active,
 * and readiness outranks Rancher's cached state name, which can trail the conditions.
 * `harvesterVersion` is the cluster's `server-version` setting, when it has been fetched.
 * `removalRequested`: Rancher accepted a DELETE of it from this user a moment ago (the page
 * showing it may not have heard of the deletion timestamp yet).
 */
export function decideClusterState(cluster: JoinedCluster, harvesterVersion?: string | null, removalRequested = false): ClusterStateDecision {
  const { provisioning: prov, management: mgmt } = cluster;
  const mgmtState = mgmt?.metadata?.state;
  const provState = prov.metadata?.state;
  const detail = mgmtState?.message || provState?.message || undefined;

  if (removalRequested || prov.metadata?.deletionTimestamp || mgmt?.metadata?.deletionTimestamp ||
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

  if (neverRegistered(cluster)) {
    // Rancher may already call it Disconnected/unavailable; for a new import that means "waiting for the agent".
    return decision('pending', { detail: primary?.name === 'unavailable' ? undefined : detail });
  }

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
