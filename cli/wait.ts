import type { JoinedCluster, Stall } from '../pkg/harvester-manager/domain';
import { takeSnapshot, timelineAtDeadline, type ClusterSnapshot } from './cluster-status';
import { progressLines, stallLines, stateText } from './cluster-view';
import { failure, timedOut } from './errors';
import { formatDuration } from './format';
import type { Io } from './io';
import { t } from './messages';
import type { RancherClient } from './rancher-client';

// Following a cluster until something happens or the time runs out. Progress goes to stderr.

export interface PollOptions {
  timeoutMs: number;
  intervalMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * Calls `probe` until `isDone` says so or `timeoutMs` has passed (the probe always runs at least
 * once, and once more at the deadline so a late success is not reported as a timeout).
 */
export async function pollUntil<T>(probe: () => Promise<T>, isDone: (value: T) => boolean, opts: PollOptions): Promise<{ done: boolean; value: T }> {
  const deadline = opts.now() + opts.timeoutMs;

  for (;;) {
    const value = await probe();

    if (isDone(value)) {
      return { done: true, value };
    }

    const left = deadline - opts.now();

    if (left <= 0) {
      return { done: false, value };
    }
    await opts.sleep(Math.min(opts.intervalMs, left));
  }
}

/** Extra looks at an Active cluster whose Harvester version Rancher does not serve yet. */
const VERSION_LOOKS = 3;

export interface WaitOptions {
  timeoutMs: number;
  intervalMs: number;
  serverUrl?: string | null;
}

/** Until the cluster is Active. Throws on timeout (exit 3), error/denied state or deletion. */
export async function waitForActive(client: RancherClient, cluster: JoinedCluster, io: Io, opts: WaitOptions): Promise<ClusterSnapshot> {
  const started = io.now();
  let last: ClusterSnapshot | undefined;
  let wasActive = false;
  let activeLooks = 0;

  const probe = async(): Promise<ClusterSnapshot | undefined> => {
    const snap = await takeSnapshot(client, cluster, {
      now: io.now(), serverUrl: opts.serverUrl, wasActive
    });

    if (snap) {
      progressLines(last, snap, started).forEach((line) => io.stderr(`${ line }\n`));
      wasActive = wasActive || snap.decision.state === 'active';
      last = snap;
    }

    return snap;
  };
  // Rancher serves the Harvester version a moment after the agent connects; look a few more times
  // for it, since an unsupported version turns an Active cluster into a denied one.
  const finished = (snap: ClusterSnapshot | undefined) => !snap || ['error', 'denied'].includes(snap.decision.state) ||
    (snap.decision.state === 'active' && (!!snap.harvesterVersion || ++activeLooks > VERSION_LOOKS));
  const { done, value } = await pollUntil(probe, finished, {
    ...opts, now: io.now, sleep: io.sleep
  });

  if (!value) {
    throw failure(`Cluster ${ cluster.id } was deleted while waiting for it to become Active.`);
  }
  if (done && value.decision.state !== 'active') {
    throw failure(`Cluster ${ value.displayName } is ${ stateText(value) }${ value.decision.reason ? `: ${ t(value.decision.reason) }` : value.decision.detail ? `: ${ value.decision.detail }` : '' }.`,
      value.timeline.stalls[0] ? t(value.timeline.stalls[0].remedy) : 'Look at the conditions with: harvester-manager status <name>');
  }
  if (!done) {
    const stalls = timelineAtDeadline(value).stalls;
    // "not connected within 0 minutes" says nothing: show a cause only when its numbers do
    const telling = (s: Stall) => !Object.values(s.cause.args || {}).some((v) => v === 0);

    throw timedOut(`Cluster ${ value.displayName } is still ${ stateText(value) } after ${ formatDuration(opts.timeoutMs) }.`,
      stalls[0] ? t(stalls[0].remedy) : 'Wait longer (--timeout) or look at the cluster with: harvester-manager status <name>',
      [...(stalls[0] && telling(stalls[0]) ? [`Likely cause: ${ t(stalls[0].cause) }`] : []), ...stallLines(stalls.slice(1))]);
  }

  return value;
}

/** Until the provisioning cluster is gone from Rancher. Throws on timeout (exit 3). */
export async function waitForGone(client: RancherClient, cluster: JoinedCluster, io: Io, opts: WaitOptions): Promise<void> {
  const started = io.now();
  let announced = false;
  const { done } = await pollUntil(async() => {
    const prov = await client.getProvisioningCluster(cluster.id);
    const mgmt = !prov && cluster.managementId ? await client.getManagementCluster(cluster.managementId) : undefined;

    if ((prov || mgmt) && !announced) {
      io.stderr(`[${ formatDuration(io.now() - started) }] removing ${ cluster.id }${ cluster.managementId ? ` and ${ cluster.managementId }` : '' }...\n`);
      announced = true;
    }

    return !prov && !mgmt;
  }, (gone) => gone, {
    ...opts, now: io.now, sleep: io.sleep
  });

  if (!done) {
    throw timedOut(`Cluster ${ cluster.id } is still being removed after ${ formatDuration(opts.timeoutMs) }.`,
      'Rancher may still be cleaning up (its controllers finish the removal); check again with: harvester-manager status <name>, or wait longer with --timeout.');
  }
}
