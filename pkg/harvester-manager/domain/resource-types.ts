// Type ids and well-known names as Rancher spells them; kept here so the CLI needs no shell import.
export const PROVISIONING_CLUSTER = 'provisioning.cattle.io.cluster';
export const MANAGEMENT_CLUSTER = 'management.cattle.io.cluster';
export const CLUSTER_ROLE_TEMPLATE_BINDING = 'management.cattle.io.clusterroletemplatebinding';
export const ROLE_TEMPLATE = 'management.cattle.io.roletemplate';
export const PROJECT = 'management.cattle.io.project';
export const PROJECT_ROLE_TEMPLATE_BINDING = 'management.cattle.io.projectroletemplatebinding';
export const NORMAN_PRINCIPAL = 'principal';

export const PROVIDER_LABEL = 'provider.cattle.io';
export const HARVESTER_PROVIDER = 'harvester';
export const OWNER_NAME_ANNOTATION = 'objectset.rio.cattle.io/owner-name';
export const OWNER_NAMESPACE_ANNOTATION = 'objectset.rio.cattle.io/owner-namespace';

export const DEFAULT_WORKSPACE = 'fleet-default';
export const LOCAL_CLUSTER = 'local';
export const HARVESTER_REGISTRATION_SETTING = 'cluster-registration-url';

// What the dashboard's admin check (and so installing a UI extension) looks at.
export const MANAGEMENT_SETTING = 'management.cattle.io.setting';
export const MANAGEMENT_FEATURE = 'management.cattle.io.feature';
export const CATALOG_APP = 'catalog.cattle.io.app';
export const CATALOG_CLUSTER_REPO = 'catalog.cattle.io.clusterrepo';
export const CATALOG_OPERATION = 'catalog.cattle.io.operation';
