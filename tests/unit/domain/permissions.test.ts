import {
  accessSummary, canDelete, canEdit, canExplore, canImport, canInstallUiExtensions, canManageMembers, formDenial, isUsableLink,
  schemaAllows, schemaLookup, type Schema,
} from '../../../pkg/harvester-manager/domain';
import {
  activeHarvester, adminSchemas, pendingHarvester, readOnlySchemas, readOnlyView,
} from './fixtures/rancher';

function without(schemas: Schema[], id: string, change: Partial<Schema>): Schema[] {
  return schemas.map((s) => (s.id === id ? { ...s, ...change } : s));
}

describe('domain: permissions', () => {
  describe('schemaAllows', () => {
    it('reads collectionMethods for create and resourceMethods for update/delete, case-insensitively', () => {
      const s = { collectionMethods: ['get', 'post'], resourceMethods: ['GET', 'put', 'Delete'] };

      expect(schemaAllows(s, 'create')).toBe(true);
      expect(schemaAllows(s, 'update')).toBe(true);
      expect(schemaAllows(s, 'delete')).toBe(true);
      expect(schemaAllows({ collectionMethods: ['GET'], resourceMethods: ['GET'] }, 'create')).toBe(false);
      expect(schemaAllows({ collectionMethods: ['GET'], resourceMethods: ['GET'] }, 'update')).toBe(false);
      expect(schemaAllows({ collectionMethods: ['POST'], resourceMethods: ['GET'] }, 'delete')).toBe(false);
    });

    it('counts blocked-POST / blocked-PUT as allowed (RBAC allows, another route serves it)', () => {
      expect(schemaAllows({ collectionMethods: ['GET', 'blocked-POST'] }, 'create')).toBe(true);
      expect(schemaAllows({ resourceMethods: ['blocked-PUT'] }, 'update')).toBe(true);
    });

    it('uses attributes.verbs only when the methods list is missing', () => {
      expect(schemaAllows({ attributes: { verbs: ['create', 'get'] } }, 'create')).toBe(true);
      expect(schemaAllows({ attributes: { verbs: ['get', 'update'] } }, 'update')).toBe(true);
      expect(schemaAllows({ attributes: { verbs: ['get'] } }, 'delete')).toBe(false);
      // methods present and read-only: the API's verbs do not grant anything
      expect(schemaAllows({ collectionMethods: ['GET'], attributes: { verbs: ['create'] } }, 'create')).toBe(false);
    });

    it('no schema, no permission', () => {
      expect(schemaAllows(undefined, 'create')).toBe(false);
      expect(schemaAllows(null, 'update')).toBe(false);
    });
  });

  describe('canImport', () => {
    it('admin may import', () => {
      expect(canImport(schemaLookup(adminSchemas()))).toBe(true);
    });

    it('read-only user may not, even though attributes.verbs lists create', () => {
      expect(canImport(schemaLookup(readOnlySchemas()))).toBe(false);
    });

    it('needs create on management clusters: what Norman POST /v3/clusters is authorized by', () => {
      expect(canImport(schemaLookup(without(adminSchemas(), 'management.cattle.io.cluster', { collectionMethods: ['GET'] })))).toBe(false);
    });

    it('a Standard User with no clusters may import: POST-only schemas, no GET, no PUT (role_data.go addUserRules)', () => {
      const standardUser: Schema[] = [
        {
          id: 'management.cattle.io.cluster', collectionMethods: ['blocked-POST'], resourceMethods: [], attributes: { verbs: ['create'] }
        },
        {
          id: 'provisioning.cattle.io.cluster', collectionMethods: ['POST'], resourceMethods: [], attributes: { verbs: ['create'] }
        },
      ];

      expect(canImport(schemaLookup(standardUser))).toBe(true);
    });

    it('does not ask for update: the creator becomes cluster owner after the create', () => {
      expect(canImport(schemaLookup(without(adminSchemas(), 'provisioning.cattle.io.cluster', { resourceMethods: ['GET', 'DELETE'] })))).toBe(true);
      expect(canImport(schemaLookup(without(adminSchemas(), 'management.cattle.io.cluster', { resourceMethods: ['GET'] })))).toBe(true);
    });

    it('accepts Steve blocked-POST on management clusters (created through Norman)', () => {
      expect(canImport(schemaLookup(without(adminSchemas(), 'management.cattle.io.cluster', { collectionMethods: ['GET', 'blocked-POST'] })))).toBe(true);
    });

    it('missing schemas mean no import', () => {
      expect(canImport(schemaLookup([]))).toBe(false);
      expect(canImport(schemaLookup(adminSchemas().filter((s) => s.id !== 'management.cattle.io.cluster')))).toBe(false);
    });
  });

  describe('links', () => {
    it('isUsableLink refuses missing, empty and blocked', () => {
      expect(isUsableLink('https://r/v1/x')).toBe(true);
      expect(isUsableLink('blocked')).toBe(false);
      expect(isUsableLink('')).toBe(false);
      expect(isUsableLink(undefined)).toBe(false);
      expect(isUsableLink(null)).toBe(false);
    });

    it('canEdit follows links.update on the provisioning cluster', () => {
      expect(canEdit(activeHarvester().provisioning)).toBe(true);
      expect(canEdit(readOnlyView(activeHarvester()).provisioning)).toBe(false);
      // the management cluster of a provisioned cluster is always blocked
      expect(canEdit(activeHarvester().management)).toBe(false);
      expect(canEdit(undefined)).toBe(false);
    });

    it('canDelete follows links.remove on the provisioning cluster', () => {
      expect(canDelete(activeHarvester().provisioning)).toBe(true);
      expect(canDelete(readOnlyView(activeHarvester()).provisioning)).toBe(false);
      expect(canDelete(activeHarvester().management)).toBe(false);
      expect(canDelete(null)).toBe(false);
    });

    it('no edit or delete while the cluster is being removed', () => {
      const c = activeHarvester();

      c.provisioning.metadata!.deletionTimestamp = '2024-03-09T00:00:00Z';
      expect(canEdit(c.provisioning)).toBe(false);
      expect(canDelete(c.provisioning)).toBe(false);

      const d = activeHarvester();

      d.provisioning.metadata!.state = { name: 'removing' };
      expect(canDelete(d.provisioning)).toBe(false);
    });
  });

  describe('canExplore', () => {
    it('only an active, ready, supported cluster', () => {
      expect(canExplore(activeHarvester())).toBe(true);
      expect(canExplore(activeHarvester(), 'v1.4.0')).toBe(true);
      expect(canExplore(activeHarvester(), 'v1.2.0')).toBe(false);
      expect(canExplore(pendingHarvester())).toBe(false);
    });

    it('not while removing', () => {
      const c = activeHarvester();

      c.provisioning.metadata!.deletionTimestamp = '2024-03-09T00:00:00Z';
      expect(canExplore(c)).toBe(false);
    });
  });

  describe('canManageMembers', () => {
    const principal = schemaLookup([{ id: 'principal', collectionMethods: ['GET'] }]);

    it('needs creatable bindings, role templates, and Norman principals when given', () => {
      expect(canManageMembers(schemaLookup(adminSchemas()))).toBe(true);
      expect(canManageMembers(schemaLookup(adminSchemas()), principal)).toBe(true);
      expect(canManageMembers(schemaLookup(adminSchemas()), schemaLookup([]))).toBe(false);
    });

    it('refuses without permission to create bindings or without role templates', () => {
      expect(canManageMembers(schemaLookup(readOnlySchemas()), principal)).toBe(false);
      expect(canManageMembers(schemaLookup(adminSchemas().filter((s) => s.id !== 'management.cattle.io.roletemplate')))).toBe(false);
    });
  });

  describe('read-only summary', () => {
    it('admin with clusters is not read-only', () => {
      expect(accessSummary(schemaLookup(adminSchemas()), [activeHarvester()])).toEqual({
        canImport: true, canEditAny: true, canDeleteAny: true, readOnly: false
      });
    });

    it('project-readonly user: nothing mutable', () => {
      const schemas = schemaLookup(readOnlySchemas());

      expect(accessSummary(schemas, [readOnlyView(activeHarvester())])).toEqual({
        canImport: false, canEditAny: false, canDeleteAny: false, readOnly: true, banner: { key: 'harvesterManager.permissions.readOnlyBanner' }
      });
      expect(accessSummary(schemas, [readOnlyView(activeHarvester())]).readOnly).toBe(true);
      expect(accessSummary(schemas, []).readOnly).toBe(true);
    });

    it('a user who can delete one cluster is not read-only', () => {
      const schemas = schemaLookup(readOnlySchemas());

      expect(accessSummary(schemas, [readOnlyView(activeHarvester()), pendingHarvester()]).readOnly).toBe(false);
    });

    it('a user who may only delete (links.remove, no links.update) is not read-only', () => {
      const deleteOnly = readOnlyView(activeHarvester());
      const self = deleteOnly.provisioning.links?.self;

      deleteOnly.provisioning = {
        ...deleteOnly.provisioning,
        links: {
          self, view: self, remove: self
        }
      };
      expect(accessSummary(schemaLookup(readOnlySchemas()), [deleteOnly])).toEqual({
        canImport: false, canEditAny: false, canDeleteAny: true, readOnly: false
      });
    });

    it('a user who may import is not read-only even without clusters', () => {
      expect(accessSummary(schemaLookup(adminSchemas()), []).readOnly).toBe(false);
    });
  });

  it('schemaLookup ignores schemas without id', () => {
    const lookup = schemaLookup([{ collectionMethods: ['POST'] }, { id: 'a' }]);

    expect(lookup('a')).toEqual({ id: 'a' });
    expect(lookup('')).toBeUndefined();
  });
  describe('canInstallUiExtensions (the dashboard\'s admin test + creating repositories)', () => {
    const adminTypes = ['management.cattle.io.setting', 'management.cattle.io.feature', 'catalog.cattle.io.app', 'catalog.cattle.io.clusterrepo', 'catalog.cattle.io.operation'];
    const admin = (): Schema[] => adminTypes.map((id) => ({
      id, resourceMethods: ['GET', 'PUT', 'DELETE'], collectionMethods: ['GET', 'POST'],
    }));

    it('allows a user who may PUT all five admin types and create cluster repositories', () => {
      expect(canInstallUiExtensions(schemaLookup(admin()))).toBe(true);
    });

    it.each(adminTypes)('refuses without PUT on %s, or when its schema is missing', (id) => {
      expect(canInstallUiExtensions(schemaLookup(without(admin(), id, { resourceMethods: ['GET'] })))).toBe(false);
      expect(canInstallUiExtensions(schemaLookup(admin().filter((s) => s.id !== id)))).toBe(false);
    });

    it('refuses without POST on cluster repositories', () => {
      expect(canInstallUiExtensions(schemaLookup(without(admin(), 'catalog.cattle.io.clusterrepo', { collectionMethods: ['GET'] })))).toBe(false);
    });

    it('takes PUT as the dashboard spells it (blocked-PUT is not admin)', () => {
      expect(canInstallUiExtensions(schemaLookup(without(admin(), 'management.cattle.io.setting', { resourceMethods: ['GET', 'blocked-PUT'] })))).toBe(false);
    });
  });
});

describe('formDenial: Import Existing / Edit Config for who may not use them', () => {
  it('names the reason for create without import permission and for edit without update permission, nothing otherwise', () => {
    expect(formDenial(true, { canImport: false, canEdit: true })).toEqual({ key: 'harvesterManager.create.notAllowed' });
    expect(formDenial(false, { canImport: true, canEdit: false })).toEqual({ key: 'harvesterManager.edit.notAllowed' });
    expect([formDenial(true, { canImport: true, canEdit: false }), formDenial(false, { canImport: false, canEdit: true })]).toEqual([undefined, undefined]);
  });
});
