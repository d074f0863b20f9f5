import {
  clusterMembers, pageQueryString, projectMembersQuery, projectsQuery, projectsWithMembers, BINDINGS_PAGE_SIZE, CLUSTER_ROLE_TEMPLATE_BINDING, PROJECT, PROJECTS_PAGE_SIZE,
  PROJECT_ROLE_TEMPLATE_BINDING, type Member, type Project, type ProjectMembers, type RoleTemplateBinding, type SteveDialect,
} from '../domain';
import { fetchCollection, fetchEveryPage } from './cluster-page';
import type { ShellStore } from './shell-store';

// The Projects & Members tab's reads: the cluster's projects (one page), their members and the
// cluster's members, three requests whatever the fleet holds. What this user may not read (no
// schema: Rancher's own permissions) is not asked for, and the view says so.

export interface TenancyView {
  /** The user may read this cluster's projects at all. */
  canReadProjects: boolean;
  /** undefined: the user may not read the cluster's members. */
  clusterMembers?: Member[];
  projects: ProjectMembers[];
  /** Projects of this cluster, on all pages. */
  projectCount: number;
  /** The page shown (1-based), of PROJECTS_PAGE_SIZE projects. */
  page: number;
  /** Set when the search could not be sent as typed: what was searched for instead ('' = nothing). */
  searchAdjustedTo?: string;
}

/** Every cluster role template binding of the cluster (its members), in its namespace. */
export function clusterBindings(store: ShellStore, managementId: string): Promise<RoleTemplateBinding[]> {
  return fetchEveryPage<RoleTemplateBinding>(store, CLUSTER_ROLE_TEMPLATE_BINDING, (page) => `page=${ page }&pagesize=${ BINDINGS_PAGE_SIZE }&exclude=metadata.managedFields`, managementId);
}

/** Every binding of these projects. */
export function projectBindings(store: ShellStore, projects: Project[], dialect: SteveDialect): Promise<RoleTemplateBinding[]> {
  return fetchEveryPage<RoleTemplateBinding>(store, PROJECT_ROLE_TEMPLATE_BINDING, (page) => pageQueryString(projectMembersQuery(projects, dialect, page), dialect));
}

export async function loadTenancy(store: ShellStore, managementId: string, dialect: SteveDialect, page = 1, search = ''): Promise<TenancyView> {
  const schemaFor = (type: string) => store.getters['management/schemaFor'](type);

  if (!managementId || !schemaFor(PROJECT)) {
    return {
      canReadProjects: false, projects: [], projectCount: 0, page
    };
  }
  const crtbs = schemaFor(CLUSTER_ROLE_TEMPLATE_BINDING) ? clusterBindings(store, managementId) : undefined;
  const projectQuery = projectsQuery(page, PROJECTS_PAGE_SIZE, dialect, search);
  const projectPage = await fetchCollection<Project>(store, PROJECT, pageQueryString(projectQuery, dialect), managementId);
  const projects = projectPage.data || [];
  const prtbs = projects.length && schemaFor(PROJECT_ROLE_TEMPLATE_BINDING) ? await projectBindings(store, projects, dialect) : [];
  const cluster = crtbs ? await crtbs : undefined;

  return {
    canReadProjects: true,
    clusterMembers:  cluster ? clusterMembers(cluster, managementId) : undefined,
    projects:        projectsWithMembers(projects, prtbs, managementId),
    projectCount:    projectPage.count ?? projects.length,
    page,
    ...(projectQuery.searchAdjustedTo !== undefined ? { searchAdjustedTo: projectQuery.searchAdjustedTo } : {}),
  };
}
