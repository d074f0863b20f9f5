/**
 * Escalation prevention of the role template binding webhook: rancher/webhook `pkg/auth/escalation.go`,
 * `pkg/auth/roleTemplate.go` (RulesFromTemplate), `pkg/resolvers/{crtb,prtb,aggregate}Resolver.go`,
 * tags v0.6.12 / v0.7.10 / v0.8.9; the rule comparison is Kubernetes' (rule-coverage.ts).
 */
import { AccessSet, addGrants, buildAccessSet, Grants } from '../rbac/access-set';
import { downstreamAccessSet } from '../rbac/downstream-access';
import { DOWNSTREAM_TYPE_DEFS } from '../steve/downstream-type-catalog';
import { PolicyRule, roleTemplateDef } from '../rbac/policy';
import { TypeDef, TYPE_DEFS, TYPES } from '../steve/type-catalog';
import { KubeObject } from '../store/kube-object';
import { ResourceStore } from '../store/resource-store';
import { clusterAndProjectID, s, type Denial } from './binding-fields';
import { escalationMessage, uncoveredRules } from './rule-coverage';

/** RoleTemplateResolver.RulesFromTemplate: the template's rules and those of the templates it inherits. */
export function rulesFromTemplate(rt: KubeObject, lookup: (name: string) => KubeObject | undefined, seen = new Set<string>()): PolicyRule[] {
  seen.add(rt.metadata.name);
  const own = [...(rt.external === true && Array.isArray(rt.externalRules) ? rt.externalRules : []), ...(Array.isArray(rt.rules) ? rt.rules : [])] as PolicyRule[];
  const inherited = (Array.isArray(rt.roleTemplateNames) ? rt.roleTemplateNames : [])
    .filter((name: unknown) => typeof name === 'string' && !seen.has(name))
    .flatMap((name: string) => {
      const next = lookup(name);

      return next ? rulesFromTemplate(next, lookup, seen) : [];
    });

  return [...own, ...inherited];
}

/** What the caller holds in one namespace, in the two forms the check reads. */
export interface HeldRules {
  /** Rules as Kubernetes' resolvers return them (global roles + the bindings' role templates). */
  literal: PolicyRule[];
  /** The simulator's own verdict on a concrete type and verb (its AccessSet model), per plane. */
  holds(plane: 'downstream' | 'upstream', typeId: string, verb: string): boolean;
}

/** Where the granted rules act in the simulator's model (see `missingRules`). */
export interface GrantPlanes {
  downstream: readonly TypeDef[];
  /** Only custom role templates: the simulator applies their rules upstream as well. */
  upstream: readonly TypeDef[];
}

/**
 * The broken-down rules of `granted` the caller does not hold. A rule is held when a held rule
 * covers it (Kubernetes' comparison) or, failing that, when it names types the simulator serves
 * and the simulator's RBAC model gives the caller every one of those types and verbs in this
 * scope: the simulator's built-in role templates are reduced (`read-only` is `*`/`*`/read, where
 * Rancher's inherits `view`), so `*` means "everything the simulator serves". A rule that names
 * nothing the simulator serves keeps Kubernetes' answer.
 */
export function missingRules(granted: readonly PolicyRule[], held: HeldRules, planes: GrantPlanes): PolicyRule[] {
  return uncoveredRules(held.literal, granted).filter((sub) => {
    const pairs: Array<['downstream' | 'upstream', string, string]> = [];

    for (const [plane, defs] of [['downstream', planes.downstream], ['upstream', planes.upstream]] as const) {
      const grants: Grants = new Map();

      addGrants(grants, sub, defs);
      grants.forEach((verbs, typeId) => verbs.forEach((verb) => pairs.push([plane, typeId, verb])));
    }

    return !pairs.length || pairs.some(([plane, typeId, verb]) => !held.holds(plane, typeId, verb));
  });
}

/** Grants on a type and verb in scope: everywhere, in the cluster, or in the project. */
function inScope(access: AccessSet, typeId: string, verb: string, clusterId: string, projectKey?: string): boolean {
  return access.admin || !!access.global.get(typeId)?.has(verb) || !!access.clusters.get(clusterId)?.get(typeId)?.has(verb) ||
    !!(projectKey && access.projects.get(projectKey)?.get(typeId)?.has(verb));
}

/**
 * The store as one of the webhook's resolvers sees it: the cluster resolver (default + CRTB)
 * reads the caller's CRTBs of that cluster and no PRTB; the project resolver (default + PRTB)
 * the PRTBs of that project (indexed by the project part of projectName) and no CRTB.
 */
function resolverView(store: ResourceStore, view: { clusterId: string } | { projectNs: string }): ResourceStore {
  const list = (type: string): readonly KubeObject[] => {
    if (type === TYPES.CRTB) {
      return 'clusterId' in view ? store.list(type).filter((b) => b.clusterName === view.clusterId) : [];
    }
    if (type === TYPES.PRTB) {
      return 'projectNs' in view ? store.list(type).filter((b) => {
        const pieces = String(b.projectName ?? '').split(':');

        return pieces.length === 2 && pieces[1] === view.projectNs;
      }) : [];
    }

    return store.list(type);
  };

  return {
    get: (type: string, id: string) => store.get(type, id), has: (type: string, id: string) => store.has(type, id), list
  } as unknown as ResourceStore;
}

/** What `userId` holds through one resolver (the default one, global roles, plus the view's bindings). */
export function heldRules(store: ResourceStore, userId: string, view: { clusterId: string } | { projectNs: string }, clusterId: string, projectKey?: string): HeldRules {
  const viewed = resolverView(store, view);
  const upstream = buildAccessSet(viewed, userId);
  const downstream = downstreamAccessSet(viewed, upstream, clusterId);
  const lookup = (name: string) => store.get(TYPES.ROLE_TEMPLATE, name);
  const literal: PolicyRule[] = [];

  for (const grb of store.list(TYPES.GLOBAL_ROLE_BINDING)) {
    if (grb.userName === userId) {
      literal.push(...((store.get(TYPES.GLOBAL_ROLE, grb.globalRoleName)?.rules || []) as PolicyRule[]));
    }
  }
  for (const binding of [...viewed.list(TYPES.CRTB), ...viewed.list(TYPES.PRTB)]) {
    const rt = binding.userName === userId ? lookup(binding.roleTemplateName) : undefined;

    if (rt) {
      literal.push(...rulesFromTemplate(rt, lookup));
      // the simulator keeps a built-in template's upstream rules apart; Rancher's template lists them too
      literal.push(...(roleTemplateDef(rt.metadata.name)?.managementRules || []).map(({ scope: _scope, ...r }) => r));
    }
  }

  return {
    literal,
    holds: (plane, typeId, verb) => inScope(plane === 'downstream' ? downstream : upstream, typeId, verb, clusterId, projectKey),
  };
}

function planesFor(rtName: string, kind: 'cluster' | 'project'): GrantPlanes {
  // a project binding becomes RoleBindings in the project's namespaces (sim/rbac/downstream-access.ts)
  const downstream = kind === 'cluster' ? DOWNSTREAM_TYPE_DEFS : DOWNSTREAM_TYPE_DEFS.filter((d) => d.namespaced || d.id === TYPES.NAMESPACE);

  return { downstream, upstream: roleTemplateDef(rtName) ? [] : TYPE_DEFS };
}

/** The escalation answer for a binding whose role template exists (422 Invalid), or undefined. */
export function escalationDenial(store: ResourceStore, caller: { name: string, groups: string[] }, binding: KubeObject, kind: 'cluster' | 'project'): Denial | undefined {
  const lookup = (name: string) => store.get(TYPES.ROLE_TEMPLATE, name);
  const rt = lookup(s(binding, 'roleTemplateName'));

  if (!rt) {
    return undefined; // a template gone meanwhile: allowed
  }
  const granted = rulesFromTemplate(rt, lookup);
  const planes = planesFor(rt.metadata.name, kind);
  const deny = (missing: PolicyRule[]): Denial | undefined => (missing.length ? {
    status: 422, reason: 'Invalid', message: escalationMessage(caller.name, caller.groups, missing)
  } : undefined);

  if (kind === 'cluster') {
    const clusterId = s(binding, 'clusterName');

    return deny(missingRules(granted, heldRules(store, caller.name, { clusterId }, clusterId), planes));
  }
  const projectKey = s(binding, 'projectName');
  const [clusterId, projectNs] = clusterAndProjectID(projectKey);

  if (!missingRules(granted, heldRules(store, caller.name, { clusterId }, clusterId), planes).length) {
    return undefined;
  }

  return deny(missingRules(granted, heldRules(store, caller.name, { projectNs }, clusterId, projectKey), planes));
}
