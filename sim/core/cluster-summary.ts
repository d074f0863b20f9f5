import type { ResourceState } from '../store/kube-object';

/**
 * `metadata.state` of a management cluster, computed from its conditions the way Steve does it
 * (rancher/wrangler `pkg/summary/summarizers.go`, v3.2.1 / v3.2.4 / v3.3.5 as Rancher 2.10 /
 * 2.11 / 2.12 pin it; Steve joins the messages with ":"), reduced to the condition types a
 * management cluster carries:
 * - a type of `TransitioningUnknown` that is `False` is an error, whatever came before;
 * - the first of them that is `Unknown` names a transitioning state (its message only);
 * - `Ready=False` (`TransitioningFalse`) reads `unavailable`, transitioning, not an error;
 * - `Connected` is in no table, so it never decides the state by itself;
 * - nothing found: `active`.
 */
const TRANSITIONING_UNKNOWN: Record<string, string> = {
  Pending:                 'pending',
  Provisioned:             'provisioning',
  Waiting:                 'waiting',
  Updated:                 'updating',
  AgentDeployed:           'provisioning',
  BackingNamespaceCreated: 'configuring',
  DefaultProjectCreated:   'configuring',
  CreatorMadeOwner:        'configuring',
  InitialRolesPopulated:   'activating',
};

/** Conditions as stored (`type`, `status`, `message`, `reason`, times). */
type StoredCondition = Record<string, string | undefined>;

export function summarizeClusterConditions(conditions: readonly StoredCondition[] | undefined, removing = false): ResourceState {
  if (removing) {
    return {
      name: 'removing', error: false, transitioning: true, message: ''
    };
  }
  let found: ResourceState | undefined;

  for (const c of conditions || []) {
    const transitioningName = TRANSITIONING_UNKNOWN[c.type || ''];

    if (transitioningName && c.status === 'False') {
      return {
        name: transitioningName, error: true, transitioning: false, message: c.message || ''
      };
    }
    if (found) {
      continue;
    }
    if (transitioningName && c.status === 'Unknown') {
      found = {
        name: transitioningName, error: false, transitioning: true, message: c.message || ''
      };
    } else if (c.type === 'Ready' && c.status === 'False') {
      found = {
        name: 'unavailable', error: false, transitioning: true, message: c.message || ''
      };
    }
  }

  return found || {
    name: 'active', error: false, transitioning: false, message: ''
  };
}
