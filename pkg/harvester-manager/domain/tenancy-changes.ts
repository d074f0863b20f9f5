import { apiErrorMessage, classifyApiError } from './api-error';
import { isUsableLink, schemaAllows } from './permissions';
import type { Message, Schema, SteveResource } from './types';

// Changing a project's members from the Projects & Members tab. Rancher decides who may: Steve's
// project role template binding schema offers POST only to users who may create bindings
// somewhere, and each binding carries a `remove` link only for users who may delete it (steve
// pkg/resources/common/formatter.go). The buttons follow those; the API refuses the rest, and
// what it refused is said. A binding's role cannot be changed in place (rancher/webhook
// pkg/resources/management.cattle.io/v3/projectroletemplatebinding/validator.go: roleTemplateName
// is immutable), so a member changes role by gaining the new one and losing the old one.

/** Offer "Add Member" on the tab's projects. */
export function canAddProjectMembers(bindingSchema: Schema | undefined | null): boolean {
  return schemaAllows(bindingSchema, 'create');
}

/** The link that deletes this binding, when Rancher lets the user follow it. */
export function bindingRemoveLink(binding: SteveResource): string | undefined {
  const link = binding.links?.remove;

  return isUsableLink(link) ? link : undefined;
}

export interface MemberChangeResult {
  /** Bindings Rancher now holds (or no longer holds, for a removal). */
  done: number;
  /** What Rancher refused or failed on, one message per binding. */
  errors: Message[];
  /** A removal found the binding already gone: someone else removed it meanwhile. */
  vanished: boolean;
  /** A role change gave the new role but Rancher kept the old binding (see `errors`). */
  oldRoleKept?: boolean;
}

/** Rancher's built-in project roles, as the shell's member editor offers them. */
export const BUILT_IN_PROJECT_ROLES = ['project-owner', 'project-member', 'read-only'] as const;

/** The subject of an existing member, as a new Norman binding names it (`userPrincipalId` / `groupPrincipalId`). */
export function normanSubjectOf(subject: { kind: string; id: string }): Record<string, string> | undefined {
  if (subject.kind === 'user') {
    return { userPrincipalId: subject.id.includes('://') ? subject.id : `local://${ subject.id }` };
  }

  return subject.kind === 'group' ? { groupPrincipalId: subject.id } : undefined;
}

/**
 * A role change, made as the new binding first and the removal of the old one after: a refused
 * addition changes nothing; a refused removal leaves the member with both roles, and says so.
 */
export function roleChangeResult(addError?: unknown, removal?: MemberChangeResult): MemberChangeResult {
  if (addError !== undefined) {
    return {
      done: 0, errors: [apiErrorMessage(addError)], vanished: false
    };
  }
  const kept = !!removal?.errors.length;

  return {
    done: 1, errors: removal?.errors || [], vanished: false, oldRoleKept: kept
  };
}

/** The bindings of one "Add Member", each saved on its own: what Rancher took stays, what it refused is listed. */
export function additionResult(settled: readonly PromiseSettledResult<unknown>[]): MemberChangeResult {
  return {
    done:     settled.filter((s) => s.status === 'fulfilled').length,
    errors:   settled.flatMap((s) => (s.status === 'rejected' ? [apiErrorMessage(s.reason)] : [])),
    vanished: false,
  };
}

/** A removal's answer: a 404 means the binding was already gone, which is what the user wanted. */
export function removalResult(err?: unknown): MemberChangeResult {
  if (err === undefined) {
    return {
      done: 1, errors: [], vanished: false
    };
  }
  if (classifyApiError(err).kind === 'notFound') {
    return {
      done: 0, errors: [], vanished: true
    };
  }

  return {
    done: 0, errors: [apiErrorMessage(err)], vanished: false
  };
}
