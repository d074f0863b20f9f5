import {
  anyOfQuery, memberAbilities, pageQueryString, principalBindingsQuery, projectsQuery, BINDINGS_PAGE_SIZE, CLUSTER_ROLE_TEMPLATE_BINDING, PROJECT, PROJECT_ROLE_TEMPLATE_BINDING,
  ROLE_TEMPLATE, type MemberAbilities, type Project, type RoleTemplate, type RoleTemplateBinding, type SteveDialect,
} from '../domain';
import { fetchCollection, fetchEveryPage } from './cluster-page';
import { clusterBindings, projectBindings } from './tenancy';
import type { ShellStore } from './shell-store';

// "What can this user do here?": four reads whatever the fleet (the cluster's bindings, the
// principal's project bindings, the role templates, the names of those projects), except where Steve cannot filter bindings
// by that principal (a group on the SQL cache, or 2.10/2.11's cache): then the bindings of every
// project of the cluster are read, projects a page at a time.

/** Projects whose bindings one request asks for (an OR of their namespaces in the URL). */
const PROJECTS_PER_REQUEST = 50;

async function principalProjectBindings(store: ShellStore, managementId: string, principalId: string, dialect: SteveDialect): Promise<RoleTemplateBinding[]> {
  const byPrincipal = principalBindingsQuery(principalId, dialect);

  if (byPrincipal) {
    return fetchEveryPage<RoleTemplateBinding>(store, PROJECT_ROLE_TEMPLATE_BINDING, (page) => pageQueryString({ ...byPrincipal, page }, dialect));
  }
  const projects = await fetchEveryPage<Project>(store, PROJECT, (page) => pageQueryString(projectsQuery(page, BINDINGS_PAGE_SIZE, dialect), dialect), managementId);
  const chunks = Array.from({ length: Math.ceil(projects.length / PROJECTS_PER_REQUEST) }, (_, i) => projects.slice(i * PROJECTS_PER_REQUEST, (i + 1) * PROJECTS_PER_REQUEST));

  return (await Promise.all(chunks.map((chunk) => projectBindings(store, chunk, dialect)))).flat();
}

export interface MemberAbilitiesView extends MemberAbilities {
  /** undefined: the user may not read role templates, so what the roles allow is unknown. */
  templates?: RoleTemplate[];
  /** Display names of the projects the principal has roles in, by `<cluster>:<project>`. */
  projectNames: Record<string, string>;
}

async function projectNames(store: ShellStore, managementId: string, projectIds: string[], dialect: SteveDialect): Promise<Record<string, string>> {
  const names = projectIds.map((id) => id.slice(managementId.length + 1));
  const projects = names.length ? (await fetchCollection<Project>(store, PROJECT, pageQueryString(anyOfQuery('metadata.name', names, dialect), dialect), managementId)).data || [] : [];
  const displayName = new Map(projects.map((p) => [p.metadata?.name || '', p.spec?.displayName]));

  return Object.fromEntries(names.map((name) => [`${ managementId }:${ name }`, displayName.get(name) || name]));
}

export async function loadMemberAbilities(store: ShellStore, managementId: string, principalId: string, dialect: SteveDialect): Promise<MemberAbilitiesView> {
  const schemaFor = (type: string) => store.getters['management/schemaFor'](type);
  const [crtbs, prtbs, templates] = await Promise.all([
    schemaFor(CLUSTER_ROLE_TEMPLATE_BINDING) ? clusterBindings(store, managementId) : [],
    schemaFor(PROJECT_ROLE_TEMPLATE_BINDING) ? principalProjectBindings(store, managementId, principalId, dialect) : [],
    schemaFor(ROLE_TEMPLATE) ? fetchEveryPage<RoleTemplate>(store, ROLE_TEMPLATE, (page) => `page=${ page }&pagesize=${ BINDINGS_PAGE_SIZE }&exclude=metadata.managedFields`) : undefined,
  ]);

  const abilities = memberAbilities(principalId, crtbs, prtbs, templates || [], managementId);

  return {
    ...abilities, templates, projectNames: await projectNames(store, managementId, Object.keys(abilities.projects), dialect)
  };
}
