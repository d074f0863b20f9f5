import type { JoinedCluster, Message, RegistrationToken } from './types';
import { findCondition, isClusterReady, statusMessages } from './conditions';
import { decideClusterState, isDisconnected, type ClusterState } from './cluster-state';
import { isLoopbackHost, parseHttpUrl } from './http-url';
import { registrationUrl } from './registration-commands';

export const TIMELINE_STEPS = ['created', 'tokenReady', 'agentConnected', 'active'] as const;
/** In the order they are reported: the most specific cause first. */
export const STALL_IDS = ['tlsMismatch', 'serverUrlUnset', 'serverUrlLocal', 'noToken', 'agentNotConnecting', 'disconnected'] as const;
export type StepId = typeof TIMELINE_STEPS[number];
export type StallId = typeof STALL_IDS[number];
/** `lost`: the step was done and is no longer (an agent that connected and went away). */
export type StepStatus = 'done' | 'current' | 'pending' | 'failed' | 'lost';

export interface TimelineStep {
  id: StepId;
  labelKey: string;
  status: StepStatus;
  /** When the step completed, if Rancher recorded it. */
  at?: string;
}

export interface Stall {
  id: StallId;
  step: StepId;
  cause: Message;
  remedy: Message;
  /**
   * The step is stuck because of it. A non-blocking stall is a warning of what will keep the step
   * from finishing (a server-url Harvester cannot reach), given before the step has had its time.
   */
  blocking: boolean;
}

export interface TimelineThresholds {
  /** Rancher creates `default-token` within seconds; longer means its controllers are stuck. */
  noTokenAfterSeconds: number;
  /** An agent that has not connected this long after import will usually not connect by itself. */
  agentNotConnectingAfterMinutes: number;
}

export const DEFAULT_TIMELINE_THRESHOLDS: TimelineThresholds = {
  noTokenAfterSeconds:            60,
  agentNotConnectingAfterMinutes: 10,
};

export interface TimelineInput {
  cluster?: JoinedCluster | null;
  /** The cluster's registration token; null when known to be absent, undefined when not loaded. */
  token?: RegistrationToken | null;
  /** Rancher's `server-url` setting; null/'' when unset, undefined when it could not be read. */
  serverUrl?: string | null;
  now: Date | number;
  /** The caller has seen this cluster Active before (covers the time before `Connected=False`). */
  wasActive?: boolean;
  /** Harvester `server-version`, when fetched: an unsupported one fails the last step (denied). */
  harvesterVersion?: string | null;
  thresholds?: Partial<TimelineThresholds>;
}

export interface RegistrationTimeline {
  state: ClusterState | undefined;
  steps: TimelineStep[];
  /** Why registration is stuck and what to do, most specific first. Empty when all is well. */
  stalls: Stall[];
  /** Seconds since the cluster was created; null before it exists or without a timestamp. */
  elapsedSeconds: number | null;
}

// x509 covers Go's "x509: certificate signed by unknown authority" and its relatives
// (expired, not valid for name); the agent's CA checksum mismatch has its own wording.
const TLS_FAILURE = /x509|certificate signed by unknown authority|certificate verify failed|ca ?checksum|cacerts/i;

function ms(value: Date | number): number {
  return typeof value === 'number' ? value : value.getTime();
}

function stall(id: StallId, step: StepId, args?: Record<string, string | number>, blocking = true): Stall {
  const base = `harvesterManager.timeline.stall.${ id }`;

  return {
    id, step, cause: { key: `${ base }.cause`, args }, remedy: { key: `${ base }.remedy`, args }, blocking,
  };
}

/**
 * Where a Harvester registration stands and, when it is stuck, the likely cause and the fix.
 * Pure: the caller passes `now` and re-evaluates on every websocket update or tick.
 */
export function registrationTimeline(input: TimelineInput): RegistrationTimeline {
  const limits = { ...DEFAULT_TIMELINE_THRESHOLDS, ...input.thresholds };
  const cluster = input.cluster || undefined;
  const primary = cluster ? cluster.management ?? cluster.provisioning : undefined;
  const createdAt = cluster?.provisioning.metadata?.creationTimestamp || cluster?.management?.metadata?.creationTimestamp;
  const createdMs = createdAt ? Date.parse(createdAt) : NaN;
  const elapsedSeconds = Number.isNaN(createdMs) ? null : Math.max(0, Math.floor((ms(input.now) - createdMs) / 1000));

  const state = cluster ? decideClusterState(cluster, input.harvesterVersion).state : undefined;
  const tokenUrl = registrationUrl(input.token);
  const tokenReady = tokenUrl.ok;
  const connected = !!primary && isClusterReady(primary);
  const disconnected = !!cluster && (isDisconnected(cluster) || (!!input.wasActive && !connected));
  const active = state === 'active';

  const stalls: Stall[] = [];
  const agentOverdue = tokenReady && elapsedSeconds !== null && elapsedSeconds >= limits.agentNotConnectingAfterMinutes * 60;

  if (cluster && !connected) {
    const messages = [cluster.management, cluster.provisioning].flatMap((o) => statusMessages(o));
    const tlsMessage = messages.find((m) => TLS_FAILURE.test(m));

    if (tlsMessage) {
      stalls.push(stall('tlsMismatch', 'agentConnected', { message: tlsMessage }));
    }

    if (input.serverUrl !== undefined && !input.serverUrl) {
      stalls.push(stall('serverUrlUnset', tokenReady ? 'agentConnected' : 'tokenReady'));
    } else {
      // The manifest URL is built from server-url, so it shows the same mistake when the setting is unreadable.
      const candidate = input.serverUrl || (tokenUrl.ok ? tokenUrl.value : undefined);
      const parsed = candidate ? parseHttpUrl(candidate) : undefined;

      // An agent that connected through it proves the address works (e.g. a Harvester on the same host).
      if (parsed?.ok && isLoopbackHost(parsed.value.host) && !disconnected) {
        stalls.push(stall('serverUrlLocal', 'agentConnected', { serverUrl: input.serverUrl || candidate || '', host: parsed.value.host }, agentOverdue));
      }
    }

    // An agent that connected once used a token; a missing one now is not what blocks it.
    if (!tokenReady && !disconnected && input.token !== undefined && elapsedSeconds !== null && elapsedSeconds >= limits.noTokenAfterSeconds) {
      stalls.push(stall('noToken', 'tokenReady', { seconds: limits.noTokenAfterSeconds }));
    }

    if (disconnected) {
      stalls.push(stall('disconnected', 'agentConnected', { since: findCondition(primary, 'Connected')?.lastUpdateTime || '' }));
    } else if (agentOverdue) {
      stalls.push(stall('agentNotConnecting', 'agentConnected', { minutes: limits.agentNotConnectingAfterMinutes }));
    }
  }

  const failedSteps = new Set(stalls.filter((s) => s.blocking).map((s) => s.step));
  const everConnected = connected || disconnected;

  const createdStatus: StepStatus = cluster ? 'done' : 'current';
  // A connected agent proves a token was used, even if we could not read it.
  const tokenStatus: StepStatus = tokenReady || everConnected ? 'done' : !cluster ? 'pending' : failedSteps.has('tokenReady') ? 'failed' : 'current';
  const agentStatus: StepStatus = connected ? 'done' : disconnected ? 'lost' : tokenStatus !== 'done' ? 'pending' : failedSteps.has('agentConnected') ? 'failed' : 'current';
  const activeStatus: StepStatus = active ? 'done' : agentStatus !== 'done' ? 'pending' : state === 'error' || state === 'denied' ? 'failed' : 'current';

  const step = (id: StepId, status: StepStatus, at?: string): TimelineStep => ({
    id, labelKey: `harvesterManager.timeline.step.${ id }`, status, ...(status === 'done' && at ? { at } : {})
  });

  return {
    state,
    elapsedSeconds,
    stalls,
    steps: [
      step('created', createdStatus, createdAt),
      step('tokenReady', tokenStatus, typeof input.token?.created === 'string' ? input.token.created : undefined),
      step('agentConnected', agentStatus, (findCondition(primary, 'Connected') ?? findCondition(primary, 'Ready'))?.lastUpdateTime),
      step('active', activeStatus, findCondition(primary, 'Ready')?.lastUpdateTime),
    ],
  };
}
