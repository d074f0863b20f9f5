import { KubeObject } from '../store/kube-object';
import { ResourceStore } from '../store/resource-store';
import {
  ALL_VERBS, supportedVerbs, TypeDef, TYPE_DEFS, TYPES
} from '../steve/type-catalog';
import { CORE_TYPES } from '../store/core-types';
import { NamespacedGrant, namespacedGrantsFor } from './namespaced-rules';
import { PolicyRule, roleTemplateDef, ScopedRule } from './policy';

/** type id → verbs */
export type Grants = Map<string, Set<string>>;

/**
 * Everything one user may do, precomputed from their bindings (Steve calls the same idea an
 * "AccessSet"). Rebuilt whenever a binding or role changes.
 */
export interface AccessSet {
  userId: string | null;
  admin: boolean;
  /** Granted on every object of the type. */
  global: Grants;
  /** clusterId → grants on objects of that cluster. */
  clusters: Map<string, Grants>;
  /** `<clusterId>:<projectName>` → grants on objects of that project. */
  projects: Map<string, Grants>;
  /** Kubernetes RBAC rules per namespace and object name (sim/rbac/namespaced-rules.ts); none when absent. */
  namespaced?: NamespacedGrant[];
}

export const ANONYMOUS: AccessSet = {
  userId: null, admin: false, global: new Map(), clusters: new Map(), projects: new Map()
};

/** Add what `rule` grants on the types of `defs` (Rancher's own API by default) to `target`. */
export function addGrants(target: Grants, rule: PolicyRule, defs: readonly TypeDef[] = TYPE_DEFS): void {
  if (!rule.resources?.length) {
    return;
  }
  const verbs = rule.verbs.includes('*') ? ALL_VERBS : rule.verbs;

  for (const def of defs) {
    if (def.virtual) {
      continue;
    }
    const groupOk = rule.apiGroups.includes('*') || rule.apiGroups.includes(def.group);
    const resourceOk = rule.resources.includes('*') || rule.resources.includes(def.resource);

    if (!groupOk || !resourceOk) {
      continue;
    }
    let set = target.get(def.id);

    if (!set) {
      set = new Set();
      target.set(def.id, set);
    }
    const allowed = supportedVerbs(def);

    verbs.forEach((v) => allowed.includes(v) && set?.add(v));
  }
}

export function grantsFor(map: Map<string, Grants>, key: string): Grants {
  let grants = map.get(key);

  if (!grants) {
    grants = new Map();
    map.set(key, grants);
  }

  return grants;
}

function isFullAdminRule(rule: PolicyRule): boolean {
  return rule.apiGroups?.includes('*') && rule.resources?.includes('*') && rule.verbs.includes('*');
}

function roleTemplateRules(store: ResourceStore, name: string): ScopedRule[] {
  const builtIn = roleTemplateDef(name);

  if (builtIn) {
    return builtIn.managementRules;
  }
  // A custom role template: apply its rules to its bound scope, as Rancher does.
  const stored = store.get(TYPES.ROLE_TEMPLATE, name);
  const scope = stored?.context === 'project' ? 'project' : 'cluster';

  return ((stored?.rules || []) as PolicyRule[]).map((r) => ({ ...r, scope }));
}

export function buildAccessSet(store: ResourceStore, userId: string): AccessSet {
  const access: AccessSet = {
    userId, admin: false, global: new Map(), clusters: new Map(), projects: new Map()
  };
  const user = store.get(TYPES.USER, userId);

  if (!user || user.enabled === false) {
    return { ...ANONYMOUS, userId };
  }

  const globalRoles: KubeObject[] = [];

  for (const grb of store.list(TYPES.GLOBAL_ROLE_BINDING)) {
    if (grb.userName !== userId) {
      continue;
    }
    const role = store.get(TYPES.GLOBAL_ROLE, grb.globalRoleName);

    if (role) {
      globalRoles.push(role);
    }
    for (const r of (role?.rules || []) as PolicyRule[]) {
      if (isFullAdminRule(r)) {
        access.admin = true;
      }
      addGrants(access.global, r);
    }
  }

  const applyScoped = (rules: ScopedRule[], clusterId: string, projectKey?: string) => {
    for (const r of rules) {
      if (r.scope === 'cluster') {
        addGrants(grantsFor(access.clusters, clusterId), r);
      } else if (projectKey) {
        addGrants(grantsFor(access.projects, projectKey), r);
      }
    }
  };

  for (const crtb of store.list(TYPES.CRTB)) {
    if (crtb.userName === userId && crtb.clusterName) {
      applyScoped(roleTemplateRules(store, crtb.roleTemplateName), crtb.clusterName);
    }
  }
  for (const prtb of store.list(TYPES.PRTB)) {
    if (prtb.userName === userId && typeof prtb.projectName === 'string' && prtb.projectName.includes(':')) {
      applyScoped(roleTemplateRules(store, prtb.roleTemplateName), prtb.projectName.split(':')[0], prtb.projectName);
    }
  }

  access.namespaced = namespacedGrantsFor(store, userId, globalRoles);

  return access;
}

/** Types whose changes can alter somebody's AccessSet. */
export const RBAC_TYPES = new Set<string>([TYPES.GLOBAL_ROLE_BINDING, TYPES.GLOBAL_ROLE, TYPES.CRTB, TYPES.PRTB, TYPES.ROLE_TEMPLATE, TYPES.USER, CORE_TYPES.ROLE, CORE_TYPES.ROLE_BINDING]);
