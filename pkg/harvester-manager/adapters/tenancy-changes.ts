import { additionResult, removalResult, type MemberChangeResult } from '../domain';
import type { ShellStore } from './shell-store';

// The tab's writes. New members come from the shell's own Add Member dialog
// (AddProjectMemberDialog, the one Rancher's project editor uses), which hands back unsaved Norman
// project role template bindings, one per role; removal follows the binding's Steve remove link.

export interface UnsavedBinding {
  save(): Promise<unknown>;
}

/** Saves each new binding on its own, so one refusal does not hide what Rancher accepted. */
export async function saveNewBindings(bindings: readonly UnsavedBinding[]): Promise<MemberChangeResult> {
  return additionResult(await Promise.allSettled(bindings.map((binding) => binding.save())));
}

export async function removeBinding(store: ShellStore, removeLink: string): Promise<MemberChangeResult> {
  try {
    await store.dispatch('management/request', { url: removeLink, method: 'delete' });

    return removalResult();
  } catch (err) {
    return removalResult(err);
  }
}
