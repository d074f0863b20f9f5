import type { PageQuery } from './cluster-page';
import { canFilterBindingsBy, type SteveDialect } from './steve-dialect';
import { BINDINGS_PAGE_SIZE, type RoleTemplateBinding } from './tenancy';

// "What can this user do here?": one user's or group's roles on one cluster, from its cluster and
// project role template bindings, and what those roles let them do with virtual machines and VM
// images, from the role templates' rules. A role template's rules include those of the templates
// it names in `roleTemplateNames` (rancher/webhook pkg/auth/roleTemplate.go RulesFromTemplate);
// a rule covers a resource when its apiGroups and resources name it or `*` (k8s RBAC).

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
}

export interface RoleTemplate {
  id?: string;
  metadata?: { name?: string };
  displayName?: string;
  rules?: PolicyRule[];
  roleTemplateNames?: string[];
}

/** Harvester's resources the question is about. */
export const ABILITY_RESOURCES = {
  virtualMachines: { group: 'kubevirt.io', resource: 'virtualmachines' },
  images:          { group: 'harvesterhci.io', resource: 'virtualmachineimages' },
} as const;

export type AbilityResource = keyof typeof ABILITY_RESOURCES;

/** Plain words for a set of verbs: everything, change (create/update/delete), view only, or nothing. */
export type Ability = 'manage' | 'change' | 'view' | 'none';

/** Whether a binding names this principal: a user by principal id or by Rancher user, or a group. */
export function bindingIsFor(binding: RoleTemplateBinding, principalId: string): boolean {
  return binding.userPrincipalName === principalId || binding.groupPrincipalName === principalId ||
    (!!binding.userName && `local://${ binding.userName }` === principalId);
}

function templateName(template: RoleTemplate): string {
  return template.metadata?.name || template.id || '';
}

/** Every rule of these role templates, with the templates they inherit (each once, whatever the cycles). */
export function rulesOf(names: readonly string[], templates: readonly RoleTemplate[]): PolicyRule[] {
  const byName = new Map(templates.map((t) => [templateName(t), t]));
  const seen = new Set<string>();
  const rules: PolicyRule[] = [];
  const visit = (name: string) => {
    const template = byName.get(name);

    if (seen.has(name) || !template) {
      return;
    }
    seen.add(name);
    rules.push(...(template.rules || []));
    (template.roleTemplateNames || []).forEach(visit);
  };

  names.forEach(visit);

  return rules;
}

/** The verbs these rules allow on one resource. */
export function verbsOn(rules: readonly PolicyRule[], group: string, resource: string): Set<string> {
  const names = (list: string[] | undefined, wanted: string) => (list || []).some((v) => v === '*' || v === wanted);

  return new Set(rules.filter((r) => names(r.apiGroups, group) && names(r.resources, resource)).flatMap((r) => r.verbs || []));
}

export function abilityOf(verbs: ReadonlySet<string>): Ability {
  const has = (verb: string) => verbs.has('*') || verbs.has(verb);
  const reads = has('get') && has('list');
  const writes = ['create', 'update', 'delete'].filter(has).length;

  if (writes === 3 && reads) {
    return 'manage';
  }
  if (writes > 0) {
    return 'change';
  }

  return reads ? 'view' : 'none';
}

export interface ScopeAbilities {
  /** Role template names bound to the principal in this scope. */
  roles: string[];
  abilities: Record<AbilityResource, Ability>;
}

/** What these role templates let their holder do with each Harvester resource. */
export function abilitiesOf(roles: readonly string[], templates: readonly RoleTemplate[]): ScopeAbilities {
  const rules = rulesOf(roles, templates);
  const abilities = Object.fromEntries((Object.keys(ABILITY_RESOURCES) as AbilityResource[]).map((kind) => {
    const { group, resource } = ABILITY_RESOURCES[kind];

    return [kind, abilityOf(verbsOn(rules, group, resource))];
  })) as Record<AbilityResource, Ability>;

  return { roles: [...roles], abilities };
}

export interface MemberAbilities {
  /** From cluster roles: everywhere on the cluster. */
  cluster: ScopeAbilities;
  /** Per `<cluster>:<project>` the principal has a role in. */
  projects: Record<string, ScopeAbilities>;
}

/**
 * The principal's roles on the cluster `managementId` and in each of its projects, with what
 * they let it do. A project also grants what the cluster roles grant; that is for the view to say.
 */
export function memberAbilities(
  principalId: string, crtbs: readonly RoleTemplateBinding[], prtbs: readonly RoleTemplateBinding[], templates: readonly RoleTemplate[], managementId: string,
): MemberAbilities {
  const clusterRoles = crtbs.filter((b) => b.clusterName === managementId && bindingIsFor(b, principalId)).map((b) => b.roleTemplateName || '').filter(Boolean);
  const projectRoles = new Map<string, string[]>();

  for (const b of prtbs) {
    if (b.projectName?.startsWith(`${ managementId }:`) && b.roleTemplateName && bindingIsFor(b, principalId)) {
      projectRoles.set(b.projectName, [...(projectRoles.get(b.projectName) || []), b.roleTemplateName]);
    }
  }

  return {
    cluster:  abilitiesOf(clusterRoles, templates),
    projects: Object.fromEntries([...projectRoles].map(([project, roles]) => [project, abilitiesOf(roles, templates)])),
  };
}

/**
 * The query for one principal's bindings across the cluster's projects, where this Steve can
 * filter on the principal (users on 2.12's SQL cache and anywhere without it); undefined where it
 * cannot (a group on the SQL cache, anyone on 2.10/2.11's), and the caller reads the projects'
 * bindings instead. The answer may hold more (a substring match without the cache): `bindingIsFor`
 * decides.
 */
export function principalBindingsQuery(principalId: string, dialect: SteveDialect, page = 1): PageQuery | undefined {
  const local = /^local:\/\/(.+)$/.exec(principalId)?.[1];
  const isGroup = !local && !/_user:\/\//.test(principalId);
  const terms = isGroup ? [{ field: 'groupPrincipalName' as const, value: principalId }] : [
    { field: 'userPrincipalName' as const, value: principalId },
    ...(local ? [{ field: 'userName' as const, value: local }] : []),
  ];

  if (!terms.every((term) => canFilterBindingsBy(dialect, term.field))) {
    return undefined;
  }

  return {
    page,
    pageSize: BINDINGS_PAGE_SIZE,
    sort:     [],
    filters:  [terms.map((term) => ({
      ...term, equals: true, exact: true
    }))],
  };
}
