import type { JoinedCluster, Message, Schema, SteveResource } from './types';
import { decideClusterState } from './cluster-state';
import {
  CATALOG_APP, CATALOG_CLUSTER_REPO, CATALOG_OPERATION, CLUSTER_ROLE_TEMPLATE_BINDING, MANAGEMENT_CLUSTER, MANAGEMENT_FEATURE,
  MANAGEMENT_SETTING, NORMAN_PRINCIPAL, ROLE_TEMPLATE,
} from './resource-types';

// Decisions only: the UI hides what these refuse, and the API still refuses (403) what slips
// through. Schemas are per user, so they are the source of truth for collection verbs; object
// links are the truth for one object.

export type SchemaLookup = (id: string) => Schema | undefined | null;
export type Verb = 'create' | 'update' | 'delete';

const METHOD: Record<Verb, { field: 'collectionMethods' | 'resourceMethods'; method: string; k8s: string[] }> = {
  create: {
    field: 'collectionMethods', method: 'post', k8s: ['create']
  },
  update: {
    field: 'resourceMethods', method: 'put', k8s: ['update']
  },
  delete: {
    field: 'resourceMethods', method: 'delete', k8s: ['delete']
  },
};

/** A lookup over a list of schemas (what /v1/schemas returns), for the CLI and tests. */
export function schemaLookup(schemas: readonly Schema[]): SchemaLookup {
  const byId = new Map(schemas.filter((s) => s.id).map((s) => [s.id as string, s]));

  return (id) => byId.get(id);
}

/**
 * Whether the user may use `verb` on the type. Steve's methods lists are per user; a
 * `blocked-POST` means RBAC allows it but Steve wants another route (Norman), which still counts.
 * `attributes.verbs` describes the API rather than the user, so it only decides when the
 * methods list is missing altogether.
 */
export function schemaAllows(schema: Schema | undefined | null, verb: Verb): boolean {
  if (!schema) {
    return false;
  }

  const { field, method, k8s } = METHOD[verb];
  const methods = schema[field];

  if (Array.isArray(methods)) {
    return methods.some((m) => {
      const lower = String(m).toLowerCase();

      return lower === method || lower === `blocked-${ method }`;
    });
  }

  return (schema.attributes?.verbs || []).some((v) => k8s.includes(String(v).toLowerCase()));
}

/** A link the user may follow: present and not Rancher's literal 'blocked'. */
export function isUsableLink(link: string | undefined | null): boolean {
  return !!link && link !== 'blocked';
}

function isBeingRemoved(resource: SteveResource): boolean {
  return !!resource.metadata?.deletionTimestamp || resource.metadata?.state?.name === 'removing';
}

/**
 * Import sends Norman `POST /v3/clusters`, which Rancher authorizes as create on
 * clusters.management.cattle.io; Rancher's controllers then make the provisioning cluster and
 * bind the creator as cluster owner, so update is never needed up front. A Standard User holds
 * exactly create on both cluster kinds (rancher/rancher pkg/data/management/role_data.go
 * addUserRules): their schemas show POST (Steve may write it `blocked-POST`) and nothing else.
 */
export function canImport(schemas: SchemaLookup): boolean {
  return schemaAllows(schemas(MANAGEMENT_CLUSTER), 'create');
}

/** Pass the provisioning cluster: the management cluster's links are 'blocked' by design. */
export function canEdit(resource: SteveResource | undefined | null): boolean {
  return !!resource && isUsableLink(resource.links?.update) && !isBeingRemoved(resource);
}

/** Pass the provisioning cluster: deleting it is the only supported way to remove a Harvester cluster. */
export function canDelete(resource: SteveResource | undefined | null): boolean {
  return !!resource && isUsableLink(resource.links?.remove) && !isBeingRemoved(resource);
}

/** Opening the cluster needs a connected, supported Harvester. */
export function canExplore(cluster: JoinedCluster, harvesterVersion?: string | null): boolean {
  return decideClusterState(cluster, harvesterVersion).state === 'active';
}

/**
 * The shell's cluster membership editor needs role templates and bindings (Steve) and
 * principals (Norman, to search users); pass Norman's lookup when it is loaded.
 */
export function canManageMembers(steve: SchemaLookup, norman?: SchemaLookup): boolean {
  return schemaAllows(steve(CLUSTER_ROLE_TEMPLATE_BINDING), 'create') &&
    !!steve(ROLE_TEMPLATE) &&
    (!norman || !!norman(NORMAN_PRINCIPAL));
}

/**
 * May this user add Helm repositories and install UI extensions? The dashboard's own admin test
 * (the shell's `isAdminUser`: PUT on settings, feature flags, apps, cluster repositories and Helm
 * operations) plus creating cluster repositories.
 */
export function canInstallUiExtensions(schemas: SchemaLookup): boolean {
  const canPut = (type: string) => (schemas(type)?.resourceMethods || []).includes('PUT');
  const isAdmin = [MANAGEMENT_SETTING, MANAGEMENT_FEATURE, CATALOG_APP, CATALOG_CLUSTER_REPO, CATALOG_OPERATION].every(canPut);

  return isAdmin && !!schemas(CATALOG_CLUSTER_REPO)?.collectionMethods?.some((m) => String(m).toLowerCase() === 'post');
}

export interface AccessSummary {
  canImport: boolean;
  canEditAny: boolean;
  canDeleteAny: boolean;
  /** Show the read-only banner: nothing in the product is mutable for this user. */
  readOnly: boolean;
  /** The banner's message, present exactly when `readOnly`. */
  banner?: Message;
}

export function accessSummary(schemas: SchemaLookup, clusters: readonly JoinedCluster[]): AccessSummary {
  const importable = canImport(schemas);
  const canEditAny = clusters.some((c) => canEdit(c.provisioning));
  const canDeleteAny = clusters.some((c) => canDelete(c.provisioning));

  const readOnly = !importable && !canEditAny && !canDeleteAny;

  return {
    canImport: importable, canEditAny, canDeleteAny, readOnly, ...(readOnly ? { banner: { key: 'harvesterManager.permissions.readOnlyBanner' } } : {})
  };
}

/**
 * Why this user may not use Import Existing or Edit Config, when they may not (a typed `/create`
 * or `?mode=edit` URL): the form then shows read-only with that reason, as the shell's pages do
 * without permission, and Rancher would refuse the save anyway.
 */
export function formDenial(isCreate: boolean, access: { canImport: boolean, canEdit: boolean }): { key: string } | undefined {
  if (isCreate) {
    return access.canImport ? undefined : { key: 'harvesterManager.create.notAllowed' };
  }

  return access.canEdit ? undefined : { key: 'harvesterManager.edit.notAllowed' };
}
