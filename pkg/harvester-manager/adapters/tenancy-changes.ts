import {
  additionResult, normanSubjectOf, removalResult, roleChangeResult, type MemberChangeResult,
} from '../domain';
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

export interface RoleChange {
  subject: { kind: string; id: string };
  /** `<cluster>:<project>` */
  projectId: string;
  /** The member's current binding. */
  removeLink: string;
  roleTemplateId: string;
}

/** Gives the member the new role (a new Norman binding: the role of a binding cannot change), then removes the old binding. */
export async function changeBindingRole(store: ShellStore, change: RoleChange): Promise<MemberChangeResult> {
  try {
    const binding = await store.dispatch('rancher/create', {
      type: 'projectRoleTemplateBinding', projectId: change.projectId, roleTemplateId: change.roleTemplateId, ...normanSubjectOf(change.subject),
    }) as UnsavedBinding;

    await binding.save();
  } catch (err) {
    return roleChangeResult(err);
  }

  return roleChangeResult(undefined, await removeBinding(store, change.removeLink));
}
