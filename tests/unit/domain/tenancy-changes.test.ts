import {
  additionResult, bindingRemoveLink, canAddProjectMembers, normanSubjectOf, projectsWithMembers, removalResult, roleChangeResult,
} from '../../../pkg/harvester-manager/domain';

const refused = {
  type: 'error', status: 403, code: 'Forbidden', message: 'projectroletemplatebindings.management.cattle.io is forbidden: User "u-ro" cannot create resource'
};

describe('domain: changing a project\'s members', () => {
  it('Add Member is offered when Steve\'s binding schema gives this user POST, not for GET only or no schema', () => {
    expect(canAddProjectMembers({ collectionMethods: ['GET', 'POST'] })).toBe(true);
    expect(canAddProjectMembers({ collectionMethods: ['GET'] })).toBe(false);
    expect(canAddProjectMembers(undefined)).toBe(false);
  });

  it('a member is removable only through a remove link Rancher gave, never a blocked one', () => {
    const link = 'https://rancher/v1/management.cattle.io.projectroletemplatebindings/p-1/prtb-1';

    expect(bindingRemoveLink({ links: { remove: link } })).toBe(link);
    expect(bindingRemoveLink({ links: { remove: 'blocked' } })).toBeUndefined();
    expect(bindingRemoveLink({ links: { self: link } })).toBeUndefined();
  });

  it('the tab\'s members carry the remove link of their binding', () => {
    const [withLink, without] = [true, false].map((removable) => projectsWithMembers([{ metadata: { name: 'p-1' } }], [{
      id: 'p-1/prtb-1', projectName: 'c-1:p-1', userName: 'u-1', roleTemplateName: 'read-only', links: removable ? { remove: 'https://r/x' } : {},
    }], 'c-1')[0].members[0]);

    expect(withLink.removeLink).toBe('https://r/x');
    expect(without).not.toHaveProperty('removeLink');
  });

  it('adding two roles where Rancher refuses one keeps the other and says what was refused', () => {
    const result = additionResult([{ status: 'fulfilled', value: {} }, { status: 'rejected', reason: refused }]);

    expect(result.done).toBe(1);
    expect(result.vanished).toBe(false);
    expect(result.errors).toEqual([{ key: 'harvesterManager.apiError.forbidden', args: { status: 403, detail: refused.message } }]);
  });

  it('a removal that finds the binding gone is what the user wanted: no error, marked vanished', () => {
    expect(removalResult({
      type: 'error', status: 404, code: 'NotFound', message: 'not found'
    })).toEqual({
      done: 0, errors: [], vanished: true
    });
    expect(removalResult()).toEqual({
      done: 1, errors: [], vanished: false
    });
  });

  it('a refused removal says why', () => {
    expect(removalResult(refused).errors[0].key).toBe('harvesterManager.apiError.forbidden');
  });

  it('a new binding names a member as Norman does: a local user by principal, an external user or a group as it is; a service account not at all', () => {
    expect(normanSubjectOf({ kind: 'user', id: 'u-1' })).toEqual({ userPrincipalId: 'local://u-1' });
    expect(normanSubjectOf({ kind: 'user', id: 'github_user://9' })).toEqual({ userPrincipalId: 'github_user://9' });
    expect(normanSubjectOf({ kind: 'group', id: 'github_team://7' })).toEqual({ groupPrincipalId: 'github_team://7' });
    expect(normanSubjectOf({ kind: 'serviceAccount', id: 'ns:sa' })).toBeUndefined();
  });

  it('a role change: a refused new role changes nothing; a refused removal of the old one means both are held', () => {
    expect(roleChangeResult(refused)).toEqual({
      done: 0, errors: [expect.objectContaining({ key: 'harvesterManager.apiError.forbidden' })], vanished: false
    });
    expect(roleChangeResult(undefined, removalResult(refused))).toEqual(expect.objectContaining({ done: 1, oldRoleKept: true }));
    expect(roleChangeResult(undefined, removalResult())).toEqual({
      done: 1, errors: [], vanished: false, oldRoleKept: false
    });
  });
});
