import {
  findCondition, kubernetesVersion, machineCount,
  type Condition, type RegistrationTimeline, type Stall, type StepStatus,
} from '../pkg/harvester-manager/domain';
import type { ClusterSnapshot } from './cluster-status';
import { formatAge, formatDuration } from './format';
import { t } from './messages';
import { indent, renderFields, renderTable } from './output';

// How a cluster, its conditions and its registration timeline read on a terminal, and the
// stable document shape json/yaml output uses.

const STEP_WORDS: Record<StepStatus, string> = {
  done:    'done',
  current: 'waiting',
  pending: '-',
  failed:  'stalled',
  lost:    'offline',
};

export function stateText(snapshot: Pick<ClusterSnapshot, 'decision'>): string {
  return t(snapshot.decision.displayKey);
}

export function timelineLines(timeline: RegistrationTimeline): string[] {
  const width = Math.max(...Object.values(STEP_WORDS).map((w) => w.length));

  return timeline.steps.map((s) => `${ STEP_WORDS[s.status].padEnd(width) }  ${ t(s.labelKey) }${ s.at ? `  (${ s.at })` : '' }`);
}

export function stallLines(stalls: readonly Stall[]): string[] {
  return stalls.flatMap((s) => (s.blocking ? [`Stalled: ${ t(s.cause) }`, `Fix:     ${ t(s.remedy) }`] : [`Warning: ${ t(s.cause) }`, `Fix:     ${ t(s.remedy) }`]));
}

/**
 * What changed between two looks at a registration, as progress lines: steps that finished or
 * failed, a new state, and each stall once, with its remedy.
 */
export function progressLines(prev: ClusterSnapshot | undefined, next: ClusterSnapshot, startedAt: number): string[] {
  const stamp = `[${ formatDuration(next.at - startedAt) }]`;
  const lines: string[] = [];
  const before = new Map((prev?.timeline.steps || []).map((s) => [s.id, s.status]));

  for (const step of next.timeline.steps) {
    if ((step.status === 'done' || step.status === 'failed') && before.get(step.id) !== step.status) {
      lines.push(`${ stamp } ${ step.status === 'done' ? 'done' : 'stalled' }: ${ t(step.labelKey) }`);
    }
  }
  if (!prev || prev.decision.state !== next.decision.state || prev.decision.detail !== next.decision.detail) {
    lines.push(`${ stamp } state: ${ stateText(next) }${ next.decision.detail ? ` (${ next.decision.detail })` : '' }`);
  }

  const seen = new Set((prev?.timeline.stalls || []).map((s) => s.id));

  for (const stall of next.timeline.stalls.filter((s) => !seen.has(s.id))) {
    lines.push(...stallLines([stall]).map((l) => `${ stamp } ${ l }`));
  }

  return lines;
}

function conditionsOf(snapshot: ClusterSnapshot): Condition[] {
  return snapshot.cluster.management?.status?.conditions || snapshot.cluster.provisioning.status?.conditions || [];
}

export function renderSnapshot(snapshot: ClusterSnapshot, registrationUrl?: string): string {
  const { cluster, decision } = snapshot;
  const created = cluster.provisioning.metadata?.creationTimestamp;
  const sections = [renderFields([
    ['Name', snapshot.displayName],
    ['Cluster', `${ cluster.id }${ cluster.managementId ? ` (management cluster ${ cluster.managementId })` : '' }`],
    ['State', `${ stateText(snapshot) }${ decision.detail ? ` - ${ decision.detail }` : '' }`],
    ['Reason', decision.reason ? t(decision.reason) : undefined],
    ['Harvester', snapshot.harvesterVersion],
    ['Kubernetes', kubernetesVersion(cluster)],
    ['Machines', decision.state === 'active' ? String(machineCount(cluster)) : undefined],
    ['Created', created ? `${ created } (${ formatAge(created, snapshot.at) } ago)` : undefined],
  ])];
  const conditions = conditionsOf(snapshot);

  if (conditions.length) {
    sections.push(`Conditions:\n${ indent(renderTable(['TYPE', 'STATUS', 'UPDATED', 'MESSAGE'],
      conditions.map((c) => [c.type || '', c.status || '', c.lastUpdateTime || '', c.message || c.reason || '']))) }`);
  }
  sections.push(`Registration:\n${ indent(timelineLines(snapshot.timeline).join('\n')) }\n`);
  if (snapshot.timeline.stalls.length) {
    sections.push(`${ stallLines(snapshot.timeline.stalls).join('\n') }\n`);
  }
  if (registrationUrl && decision.state !== 'active') {
    sections.push(`Registration URL (Harvester setting cluster-registration-url):\n  ${ registrationUrl }\n`);
  }

  return sections.join('\n');
}

/** The json/yaml shape of a cluster's status. */
export function snapshotDocument(snapshot: ClusterSnapshot, registrationUrl?: string) {
  const { cluster, decision } = snapshot;

  return {
    name:              snapshot.displayName,
    id:                cluster.id,
    clusterId:         cluster.managementId ?? null,
    state:             decision.state,
    stateLabel:        stateText(snapshot),
    stateDetail:       decision.detail ?? null,
    reason:            decision.reason ? t(decision.reason) : null,
    harvesterVersion:  snapshot.harvesterVersion ?? null,
    kubernetesVersion: kubernetesVersion(cluster) ?? null,
    machines:          decision.state === 'active' ? machineCount(cluster) : null,
    created:           cluster.provisioning.metadata?.creationTimestamp ?? null,
    connected:         findCondition(cluster.management, 'Connected')?.status ?? null,
    conditions:        conditionsOf(snapshot).map((c) => ({
      type: c.type, status: c.status, reason: c.reason ?? null, message: c.message ?? null, lastUpdateTime: c.lastUpdateTime ?? null,
    })),
    timeline: snapshot.timeline.steps.map((s) => ({
      step: s.id, status: s.status, label: t(s.labelKey), at: s.at ?? null
    })),
    stalls: snapshot.timeline.stalls.map((s) => ({
      id: s.id, step: s.step, blocking: s.blocking, cause: t(s.cause), remedy: t(s.remedy),
    })),
    registrationUrl: registrationUrl ?? null,
  };
}
