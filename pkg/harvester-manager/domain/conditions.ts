import type { Condition, ResourceState } from './types';

interface WithConditions {
  status?: { conditions?: Condition[] };
}

/** The object's conditions; a malformed `conditions` (a string, an object) counts as none. */
export function conditionsOf(obj: WithConditions | undefined | null): Condition[] {
  const conditions = obj?.status?.conditions;

  return Array.isArray(conditions) ? conditions : [];
}

export function findCondition(obj: WithConditions | undefined | null, type: string): Condition | undefined {
  return conditionsOf(obj).find((c) => c?.type === type);
}

export function isConditionTrue(obj: WithConditions | undefined | null, type: string): boolean {
  return findCondition(obj, type)?.status === 'True';
}

/**
 * Rancher ≥ 2.6 reports the agent tunnel as `Connected`; older clusters only have `Ready`.
 * Rancher sets `Connected` only once an agent has connected, so its presence matters.
 */
export function isClusterReady(obj: WithConditions | undefined | null): boolean {
  if (findCondition(obj, 'Connected')) {
    return isConditionTrue(obj, 'Connected');
  }

  return isConditionTrue(obj, 'Ready');
}

/** Condition and state messages, for matching known failure texts (x509, …). */
export function statusMessages(obj: (WithConditions & { metadata?: { state?: ResourceState } }) | undefined | null): string[] {
  const out: string[] = [];

  for (const c of conditionsOf(obj)) {
    if (c?.message) {
      out.push(c.message);
    }
    if (c?.reason) {
      out.push(c.reason);
    }
  }
  if (obj?.metadata?.state?.message) {
    out.push(obj.metadata.state.message);
  }

  return out;
}
