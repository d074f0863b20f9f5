import { KubeObject } from '../store/kube-object';
import { ResourceStore } from '../store/resource-store';
import { CORE_RESOURCES, CORE_TYPES } from '../store/core-types';
import { supportedVerbs, typeDef } from '../steve/type-catalog';
import { PolicyRule } from './policy';

/** A Kubernetes RBAC rule and where it applies: one namespace, or `*` (a cluster-wide binding). */
export interface NamespacedGrant {
  namespace: string;
  rule: PolicyRule;
}

/**
 * Rules that hold per namespace and per object name, as Kubernetes RBAC evaluates them; the
 * AccessSet's cluster/project grants cannot say "this one Secret in cattle-global-data". They come
 * from three places:
 * - a GlobalRole's `namespacedRules` (Rancher writes them as Roles in those namespaces): rancher
 *   `pkg/apis/management.cattle.io/v3/authz_types.go` GlobalRole.NamespacedRules, Standard User's
 *   `create secrets` in cattle-global-data and fleet-default in `pkg/data/management/role_data.go`
 *   (release/v2.10, v2.11, v2.12);
 * - a GlobalRole's `rules`, cluster-wide, for the kinds outside the type catalog (the catalog's
 *   types get them through AccessSet.global already);
 * - RoleBindings to the user (User subjects) and the Roles they name, e.g. the `cc-xxxxx-secrets-a`
 *   Role Rancher gives a cloud credential's creator (sim/controllers/cloud-credentials.ts).
 */
export function namespacedGrantsFor(store: ResourceStore, userId: string, globalRoles: readonly KubeObject[]): NamespacedGrant[] {
  const grants: NamespacedGrant[] = [];

  for (const role of globalRoles) {
    for (const rule of (role.rules || []) as PolicyRule[]) {
      grants.push({ namespace: '*', rule });
    }
    for (const [namespace, rules] of Object.entries((role.namespacedRules || {}) as Record<string, PolicyRule[]>)) {
      rules.forEach((rule) => grants.push({ namespace, rule }));
    }
  }
  for (const binding of store.list(CORE_TYPES.ROLE_BINDING)) {
    const subjects = (binding.subjects || []) as Array<{ kind?: string, name?: string }>;

    if (binding.roleRef?.kind !== 'Role' || !subjects.some((s) => s.kind === 'User' && s.name === userId)) {
      continue;
    }
    const namespace = binding.metadata.namespace as string;
    const role = store.get(CORE_TYPES.ROLE, `${ namespace }/${ binding.roleRef.name }`);

    ((role?.rules || []) as PolicyRule[]).forEach((rule) => grants.push({ namespace, rule }));
  }

  return grants;
}

/** The type's group/resource, and whether cluster-wide rules count here (AccessSet.global has them for the catalog's types). */
function target(type: string, verb: string): { group: string, resource: string, clusterWide: boolean } | undefined {
  const def = typeDef(type);

  if (def) {
    return def.virtual || !supportedVerbs(def).includes(verb) ? undefined : {
      group: def.group, resource: def.resource, clusterWide: false
    };
  }

  return CORE_RESOURCES[type] && { ...CORE_RESOURCES[type], clusterWide: true };
}

const matches = (list: readonly string[] | undefined, value: string) => !!list && (list.includes('*') || list.includes(value));

/**
 * Kubernetes' RBAC rule match (k8s.io/kubernetes `plugin/pkg/auth/authorizer/rbac/rbac.go`
 * RuleAllows with the helpers of `pkg/apis/rbac/v1/evaluation_helpers.go`): verb, API group and
 * resource must match; a rule with `resourceNames` holds only for a request naming one of them, so
 * never for `create` (no name yet). A list is allowed per object here because that is how
 * Rancher filters Norman lists (FilterList asks list or get on each object's name).
 */
export function namespacedAllows(grants: readonly NamespacedGrant[] | undefined, verb: string, type: string, obj: KubeObject): boolean {
  const gr = grants?.length ? target(type, verb) : undefined;

  if (!gr) {
    return false;
  }
  const namespace = obj.metadata.namespace || '';
  const name = verb === 'create' ? '' : obj.metadata.name;

  return grants!.some(({ namespace: ns, rule }) => (ns === '*' ? gr.clusterWide : namespace !== '' && ns === namespace) &&
    matches(rule.verbs, verb) && matches(rule.apiGroups, gr.group) && matches(rule.resources, gr.resource) &&
    (!rule.resourceNames?.length || rule.resourceNames.includes(name)));
}
