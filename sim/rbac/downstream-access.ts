import { ResourceStore } from '../store/resource-store';
import { DOWNSTREAM_TYPE_DEFS } from '../steve/downstream-type-catalog';
import { supportedVerbs, TypeDef, TYPES } from '../steve/type-catalog';
import { AccessSet, addGrants, ANONYMOUS, grantsFor } from './access-set';
import { PolicyRule, roleTemplateDef } from './policy';

/** A role template's downstream rules (what Rancher writes as Roles/ClusterRoles in the cluster). */
function downstreamRules(store: ResourceStore, name: string): PolicyRule[] {
  const builtIn = roleTemplateDef(name);

  if (builtIn) {
    return builtIn.rules;
  }

  return (store.get(TYPES.ROLE_TEMPLATE, name)?.rules || []) as PolicyRule[];
}

/**
 * What a user may do inside downstream cluster `clusterId`: Rancher's global admins are cluster
 * admins everywhere; a cluster role template binding applies its rules cluster-wide, a project
 * role template binding applies them to the namespaces of its project only (Rancher creates
 * RoleBindings in each namespace of the project). The result is an AccessSet keyed like the
 * upstream one (cluster grants under `clusterId`, project grants under `<clusterId>:<project>`),
 * so the same Authorizer decides per object.
 */
export function downstreamAccessSet(store: ResourceStore, upstream: AccessSet, clusterId: string): AccessSet {
  if (!upstream.userId) {
    return ANONYMOUS;
  }
  const access: AccessSet = {
    userId: upstream.userId, admin: upstream.admin, global: new Map(), clusters: new Map(), projects: new Map()
  };

  if (access.admin) {
    return access;
  }
  // Every user who reaches the cluster reads its Harvester settings: the dashboard lists them
  // whenever it opens a Harvester cluster (store/index.js loadCluster, which fails with "Unknown
  // schema" without them), and the list's version column reads `server-version`.
  addGrants(grantsFor(access.clusters, clusterId), {
    apiGroups: ['harvesterhci.io'], resources: ['settings'], verbs: ['get', 'list', 'watch']
  }, DOWNSTREAM_TYPE_DEFS);
  for (const crtb of store.list(TYPES.CRTB)) {
    if (crtb.userName === upstream.userId && crtb.clusterName === clusterId) {
      downstreamRules(store, crtb.roleTemplateName).forEach((r) => addGrants(grantsFor(access.clusters, clusterId), r, DOWNSTREAM_TYPE_DEFS));
    }
  }
  // A project binding becomes RoleBindings in the project's namespaces: namespaced types, plus the
  // project's namespaces themselves (Rancher's per-project namespace ClusterRoles), nothing cluster-scoped.
  const projectScoped = DOWNSTREAM_TYPE_DEFS.filter((d) => d.namespaced || d.id === TYPES.NAMESPACE);

  for (const prtb of store.list(TYPES.PRTB)) {
    const projectKey = typeof prtb.projectName === 'string' ? prtb.projectName : '';

    if (prtb.userName === upstream.userId && projectKey.startsWith(`${ clusterId }:`)) {
      downstreamRules(store, prtb.roleTemplateName).forEach((r) => addGrants(grantsFor(access.projects, projectKey), r, projectScoped));
    }
  }

  return access;
}

/** Verbs the user holds on a downstream type anywhere in the cluster (for its schema). */
export function downstreamTypeVerbs(access: AccessSet, def: TypeDef): string[] {
  const supported = supportedVerbs(def);

  if (access.admin) {
    return [...supported];
  }
  const verbs = new Set<string>();

  access.clusters.forEach((g) => g.get(def.id)?.forEach((v) => verbs.add(v)));
  access.projects.forEach((g) => g.get(def.id)?.forEach((v) => verbs.add(v)));

  return supported.filter((v) => verbs.has(v));
}
