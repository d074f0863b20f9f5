import type { JoinedCluster, Message, RegistrationToken } from './types';
import { clusterDisplayName } from './harvester-cluster';
import { canDelete } from './permissions';
import { findDependants, type ClusterDependants, type DependantSources } from './cluster-dependants';
import { resetRegistrationSettingCommand } from './registration-commands';

// The guard states what Rancher will do, what it will not touch, and what the operator must not
// do on Harvester. The order of `removes` is the order Rancher's controllers follow.

export type RemovedKind = 'provisioningCluster' | 'managementCluster' | 'registrationToken';

export interface RemovedObject {
  kind: RemovedKind;
  id: string;
  labelKey: string;
}

export interface ClusterDeletePlan {
  id: string;
  displayName: string;
  removes: RemovedObject[];
  dependants: ClusterDependants;
  /** Why this cluster cannot be deleted by this user now; absent when it can. */
  blocked?: Message;
}

export interface ConfirmationRule {
  mode: 'single' | 'bulk';
  /** What the user must type, exactly. */
  expected: string;
  prompt: Message;
}

export interface DeletePlan {
  clusters: ClusterDeletePlan[];
  stays: Message[];
  warnings: Message[];
  after: Message[];
  /** Commands the `after` steps refer to, ready to copy. */
  afterCommands: string[];
  confirmation: ConfirmationRule;
  /** True when at least one selected cluster can be deleted. */
  canProceed: boolean;
}

export interface DeletePlanContext extends DependantSources {
  /** Registration tokens, to name the exact token; Rancher's `default-token` is assumed otherwise. */
  tokens?: readonly RegistrationToken[] | null;
}

const K = 'harvesterManager.deletePlan';

function removedObjects(cluster: JoinedCluster, tokens: readonly RegistrationToken[] | null | undefined): RemovedObject[] {
  const out: RemovedObject[] = [
    {
      kind: 'provisioningCluster', id: cluster.id, labelKey: `${ K }.removes.provisioningCluster`
    },
  ];

  if (cluster.managementId) {
    const token = (tokens || []).find((t) => t.clusterId === cluster.managementId);

    out.push({
      kind: 'managementCluster', id: cluster.managementId, labelKey: `${ K }.removes.managementCluster`
    });
    out.push({
      kind:     'registrationToken',
      id:       token?.id || `${ cluster.managementId }:default-token`,
      labelKey: `${ K }.removes.registrationToken`,
    });
  }

  return out;
}

function blockedReason(cluster: JoinedCluster): Message | undefined {
  const meta = cluster.provisioning.metadata;

  if (meta?.deletionTimestamp || meta?.state?.name === 'removing') {
    return { key: `${ K }.blocked.alreadyRemoving`, args: { name: clusterDisplayName(cluster) } };
  }
  if (!canDelete(cluster.provisioning)) {
    return { key: `${ K }.blocked.forbidden`, args: { name: clusterDisplayName(cluster) } };
  }

  return undefined;
}

/**
 * Typed confirmation. One cluster: its display name, exactly (what the list shows). Several:
 * the number of selected clusters, written in digits. Typing one name out of many does not prove
 * the user noticed how many were selected, which is the usual bulk-delete accident; the count
 * does, and it needs no language-specific word.
 */
export function confirmationRule(clusters: readonly JoinedCluster[]): ConfirmationRule {
  if (clusters.length === 1) {
    const name = clusterDisplayName(clusters[0]);

    return {
      mode: 'single', expected: name, prompt: { key: `${ K }.confirm.single`, args: { name } }
    };
  }

  const count = String(clusters.length);

  return {
    mode: 'bulk', expected: count, prompt: { key: `${ K }.confirm.bulk`, args: { count: clusters.length } }
  };
}

/** Exact comparison: no trimming or case folding, a near miss is a miss. */
export function isConfirmationValid(rule: ConfirmationRule, typed: string | undefined | null): boolean {
  return !!rule.expected && typed === rule.expected;
}

export function planDelete(selected: readonly JoinedCluster[], context: DeletePlanContext = {}): DeletePlan {
  const clusters = selected.map((cluster) => {
    const blocked = blockedReason(cluster);

    return {
      id:          cluster.id,
      displayName: clusterDisplayName(cluster),
      removes:     removedObjects(cluster, context.tokens),
      dependants:  findDependants(cluster.managementId, context),
      ...(blocked ? { blocked } : {}),
    };
  });

  return {
    clusters,
    stays: [
      { key: `${ K }.stays.cattleSystem` },
      { key: `${ K }.stays.virtualMachines` },
    ],
    warnings: [
      { key: `${ K }.warning.noKubectlDelete` },
    ],
    after: [
      { key: `${ K }.after.resetRegistrationUrl`, args: { setting: 'cluster-registration-url' } },
    ],
    afterCommands: [resetRegistrationSettingCommand()],
    confirmation:  confirmationRule(selected),
    canProceed:    clusters.some((c) => !c.blocked),
  };
}
