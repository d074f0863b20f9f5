import { reactive } from 'vue';

/**
 * Clusters whose DELETE Rancher accepted in this browser tab. A row or page shows them Removing
 * at once (and offers no second Delete), instead of Active until the list hears of the
 * deletion timestamp. Reactive, so every row and page reading it follows.
 */
const requested = reactive(new Set<string>());
const stamp = reactive({ count: 0 });

export function noteRemovalRequested(provisioningIds: readonly string[]): void {
  provisioningIds.forEach((id) => requested.add(id));
  if (provisioningIds.length) {
    stamp.count++;
  }
}

export function isRemovalRequested(provisioningId: string | undefined): boolean {
  return !!provisioningId && requested.has(provisioningId);
}

/** Changes each time a removal is noted (a list clears its selection then). */
export function removalRequestCount(): number {
  return stamp.count;
}

/** Tests: start empty. */
export function resetRemovalRequests(): void {
  requested.clear();
  stamp.count = 0;
}
