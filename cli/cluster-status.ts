import {
  clusterDisplayName, decideClusterState, isReady, registrationTimeline,
  type ClusterStateDecision, type JoinedCluster, type RegistrationTimeline, type RegistrationToken, type TimelineThresholds,
} from '../pkg/harvester-manager/domain';
import { reloadCluster } from './cluster-lookup';
import type { RancherClient } from './rancher-client';

// One look at a cluster: the joined objects, its state, its token and the registration timeline,
// all decided by the domain. `status` prints it; `import --wait` and `status --wait` poll it.

export interface ClusterSnapshot {
  cluster: JoinedCluster;
  displayName: string;
  decision: ClusterStateDecision;
  harvesterVersion?: string;
  /** null: the cluster has no token (yet); undefined: not read. */
  token?: RegistrationToken | null;
  serverUrl?: string | null;
  timeline: RegistrationTimeline;
  at: number;
}

export interface SnapshotOptions {
  now: number;
  /** Rancher's server-url, read once per run (it feeds the stall checks). */
  serverUrl?: string | null;
  wasActive?: boolean;
  thresholds?: Partial<TimelineThresholds>;
}

export async function firstToken(client: RancherClient, clusterId: string | undefined): Promise<RegistrationToken | null | undefined> {
  if (!clusterId) {
    return undefined;
  }
  try {
    return (await client.registrationTokens(clusterId))[0] ?? null;
  } catch {
    return undefined; // a user who may not read tokens still gets a status
  }
}

export function snapshotOf(cluster: JoinedCluster, extra: { token?: RegistrationToken | null; harvesterVersion?: string }, opts: SnapshotOptions): ClusterSnapshot {
  const timeline = registrationTimeline({
    cluster,
    token:            extra.token,
    serverUrl:        opts.serverUrl,
    now:              opts.now,
    wasActive:        opts.wasActive,
    harvesterVersion: extra.harvesterVersion,
    thresholds:       opts.thresholds,
  });

  return {
    cluster,
    displayName:      clusterDisplayName(cluster),
    decision:         decideClusterState(cluster, extra.harvesterVersion),
    harvesterVersion: extra.harvesterVersion,
    token:            extra.token,
    serverUrl:        opts.serverUrl,
    timeline,
    at:               opts.now,
  };
}

/** Fresh from Rancher; undefined when the cluster no longer exists. */
export async function takeSnapshot(client: RancherClient, cluster: JoinedCluster, opts: SnapshotOptions): Promise<ClusterSnapshot | undefined> {
  const fresh = await reloadCluster(client, cluster);

  if (!fresh) {
    return undefined;
  }

  const token = await firstToken(client, fresh.managementId);
  const harvesterVersion = isReady(fresh) && fresh.managementId ? await client.harvesterVersion(fresh.managementId) : undefined;

  return snapshotOf(fresh, { token, harvesterVersion }, opts);
}

/**
 * The timeline with the stall thresholds brought down to the cluster's age: what to tell a user
 * whose wait ran out before the usual thresholds (10 minutes for the agent) were reached.
 */
export function timelineAtDeadline(snapshot: ClusterSnapshot): RegistrationTimeline {
  const elapsed = snapshot.timeline.elapsedSeconds ?? 0;

  return registrationTimeline({
    cluster:          snapshot.cluster,
    token:            snapshot.token,
    serverUrl:        snapshot.serverUrl,
    now:              snapshot.at,
    harvesterVersion: snapshot.harvesterVersion,
    thresholds:       { noTokenAfterSeconds: elapsed, agentNotConnectingAfterMinutes: Math.floor(elapsed / 60) },
  });
}
