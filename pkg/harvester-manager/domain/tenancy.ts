import { anyOfQuery, type PageQuery } from './cluster-page';
import { bindingRemoveLink } from './tenancy-changes';
import { canSortProjectsByDisplayName, LATEST_DIALECT, searchableText, type SteveDialect } from './steve-dialect';
import type { SteveResource } from './types';

// Who may do what on one Harvester cluster, as Rancher keeps it: the cluster's projects
// (`management.cattle.io.project`, in the cluster's namespace), the cluster's members (cluster
// role template bindings, in the cluster's namespace) and each project's members (project role
// template bindings, in the project's namespace). The queries ask only for what every supported
// Steve can select: the SQL cache of 2.12 indexes a PRTB's `userName` but not its `projectName`
// (steve proxy_store.go typeSpecificIndexedFields, v0.6.53), so bindings are selected by namespace.

export interface Project extends SteveResource {
  spec?: { clusterName?: string; displayName?: string; description?: string };
  /** Rancher 2.9+: the namespace of the local cluster that holds the project's bindings. */
  status?: { backingNamespace?: string };
}

export interface RoleTemplateBinding extends SteveResource {
  roleTemplateName?: string;
  userName?: string;
  userPrincipalName?: string;
  groupName?: string;
  groupPrincipalName?: string;
  serviceAccount?: string;
  /** PRTB: `<cluster>:<project>`. */
  projectName?: string;
  /** CRTB: the management cluster id. */
  clusterName?: string;
}

export type SubjectKind = 'user' | 'group' | 'serviceAccount';

export interface Member {
  bindingId: string;
  subject: { kind: SubjectKind; id: string };
  roleTemplateName: string;
  role: 'owner' | 'member' | 'readOnly' | 'custom';
  /** Present when Rancher lets this user delete the binding. */
  removeLink?: string;
}

export interface ProjectMembers {
  /** `<cluster>:<project>`, as bindings and namespaces name the project. */
  projectId: string;
  project: Project;
  displayName: string;
  description: string;
  members: Member[];
}

/** Rancher's built-in project roles (rancher `pkg/data/management/role_data.go`). */
const PROJECT_ROLES: Record<string, Member['role']> = {
  'project-owner': 'owner', 'project-member': 'member', 'read-only': 'readOnly',
};
/** Rancher's built-in cluster roles. */
const CLUSTER_ROLES: Record<string, Member['role']> = { 'cluster-owner': 'owner', 'cluster-member': 'member' };

/** Projects per page of the tab: their members are read with them, so a page stays quick to read and to scan. */
export const PROJECTS_PAGE_SIZE = 25;

/** Where a project's bindings live: its backing namespace when Rancher set one, and the namespace named after it. */
export function projectBindingNamespaces(project: Project): string[] {
  return [...new Set([project.status?.backingNamespace, project.metadata?.name].filter((ns): ns is string => !!ns))];
}

/**
 * One page of the cluster's projects, listed in the cluster's namespace (`/v1/<type>s/<cluster>`):
 * by display name where this Steve can sort on it, else by name (2.10/2.11 SQL cache). A search
 * is a "contains" filter on the display name, where Steve can filter on it (the same index);
 * elsewhere it cannot be sent and the query says so (`searchAdjustedTo: ''`).
 */
export function projectsQuery(page: number, pageSize: number, dialect: SteveDialect = LATEST_DIALECT, search = ''): PageQuery {
  const byDisplayName = canSortProjectsByDisplayName(dialect);
  const typed = search.trim();
  const { text, adjusted } = typed && byDisplayName ? searchableText(dialect, typed) : { text: '', adjusted: !!typed };

  return {
    page,
    pageSize,
    filters: text ? [[{
      field: 'spec.displayName', value: text, equals: true, exact: false
    }]] : [],
    sort: [...(byDisplayName ? [{ field: 'spec.displayName', asc: true }] : []), { field: 'metadata.name', asc: true }],
    ...(adjusted ? { searchAdjustedTo: text } : {}),
  };
}

/**
 * Bindings per request: a page of projects has any number of members, and Steve sets no upper
 * bound on `pagesize` (steve pkg/stores/partition/listprocessor, pkg/sqlcache/informer), so a
 * large page keeps the tab at a few requests however many members the projects have.
 */
export const BINDINGS_PAGE_SIZE = 500;

/** One page of the bindings of these projects (an OR of exact namespaces); `pages` in the answer says how many more. */
export function projectMembersQuery(projects: readonly Project[], dialect: SteveDialect = LATEST_DIALECT, page = 1): PageQuery {
  return {
    ...anyOfQuery('metadata.namespace', projects.flatMap(projectBindingNamespaces), dialect), page, pageSize: BINDINGS_PAGE_SIZE
  };
}

function subjectOf(binding: RoleTemplateBinding): Member['subject'] | undefined {
  if (binding.userName || binding.userPrincipalName) {
    return { kind: 'user', id: binding.userName || binding.userPrincipalName || '' };
  }
  if (binding.groupPrincipalName || binding.groupName) {
    return { kind: 'group', id: binding.groupPrincipalName || binding.groupName || '' };
  }

  return binding.serviceAccount ? { kind: 'serviceAccount', id: binding.serviceAccount } : undefined;
}

function memberOf(binding: RoleTemplateBinding, roles: Record<string, Member['role']>): Member | undefined {
  const subject = subjectOf(binding);
  const roleTemplateName = binding.roleTemplateName || '';

  const removeLink = bindingRemoveLink(binding);

  return subject && roleTemplateName ? {
    bindingId: binding.id || `${ binding.metadata?.namespace }/${ binding.metadata?.name }`,
    subject,
    roleTemplateName,
    role:      roles[roleTemplateName] || 'custom',
    ...(removeLink ? { removeLink } : {}),
  } : undefined;
}

const isMember = (m: Member | undefined): m is Member => !!m;

/** The cluster's own members: its CRTBs (a fuzzy namespace match of an older Steve is dropped here). */
export function clusterMembers(bindings: readonly RoleTemplateBinding[], managementId: string): Member[] {
  return bindings.filter((b) => b.clusterName === managementId).map((b) => memberOf(b, CLUSTER_ROLES)).filter(isMember);
}

/** Each project of the cluster with its members, in the order the projects came. */
export function projectsWithMembers(projects: readonly Project[], bindings: readonly RoleTemplateBinding[], managementId: string): ProjectMembers[] {
  return projects.map((project) => {
    const projectId = `${ managementId }:${ project.metadata?.name || '' }`;

    return {
      projectId,
      project,
      displayName: project.spec?.displayName || project.metadata?.name || '',
      description: project.spec?.description || '',
      members:     bindings.filter((b) => b.projectName === projectId).map((b) => memberOf(b, PROJECT_ROLES)).filter(isMember),
    };
  });
}
