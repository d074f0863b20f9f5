/**
 * Rancher's built-in roles, reduced to the resources the simulator serves.
 *
 * Global roles bind a user everywhere. Role templates are bound per cluster (CRTB) or per
 * project (PRTB); their `rules` are what Rancher applies inside the downstream cluster, and
 * `managementRules` are what Rancher materialises upstream for the bound cluster/project
 * (the generated `c-xxxxx-clusterowner`, `crt-<name>-cluster-owner`, `p-xxxxx-projectowner`
 * roles). The authorizer evaluates `managementRules` only against objects in the bound scope.
 */
export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** `cluster` = objects of the bound cluster; `project` = objects of the bound project. */
export interface ScopedRule extends PolicyRule {
  scope: 'cluster' | 'project';
}

export interface GlobalRoleDef {
  name: string;
  displayName: string;
  description: string;
  newUserDefault: boolean;
  rules: PolicyRule[];
  /** Rules that hold only in the named namespaces (GlobalRole.namespacedRules; sim/rbac/namespaced-rules.ts). */
  namespacedRules?: Record<string, PolicyRule[]>;
}

export interface RoleTemplateDef {
  name: string;
  displayName: string;
  description: string;
  context: 'cluster' | 'project';
  rules: PolicyRule[];
  managementRules: ScopedRule[];
}

const READ = ['get', 'list', 'watch'];
const ALL = ['*'];
const MGMT = 'management.cattle.io';
const PROV = 'provisioning.cattle.io';

const rule = (apiGroups: string[], resources: string[], verbs: string[]): PolicyRule => ({
  apiGroups, resources, verbs
});
const scoped = (scope: 'cluster' | 'project', apiGroups: string[], resources: string[], verbs: string[]): ScopedRule => ({
  scope, apiGroups, resources, verbs
});

export const GLOBAL_ROLES: GlobalRoleDef[] = [
  {
    name:           'admin',
    displayName:    'Admin',
    description:    'Administrators have full control over the entire installation and all resources in all clusters.',
    newUserDefault: false,
    rules:          [rule(['*'], ['*'], ALL), {
      apiGroups: [], resources: [], verbs: ALL, nonResourceURLs: ['*']
    }],
  },
  {
    // Rancher's "Standard User": may create clusters (management and provisioning, create only:
    // no list/get, so Steve gives a POST-only schema) and becomes their owner; sees nothing else
    // until bound to a cluster or project. rancher/rancher pkg/data/management/role_data.go
    // addUserRules (release/v2.10, v2.11, v2.12), reduced to the types the simulator serves.
    name:           'user',
    displayName:    'Standard User',
    description:    'Standard users can create new clusters and manage clusters and projects they have been granted access to.',
    newUserDefault: true,
    rules:          [
      rule([MGMT], ['principals', 'roletemplates', 'settings', 'features', 'kontainerdrivers', 'nodedrivers', 'podsecurityadmissionconfigurationtemplates'], READ),
      rule([MGMT], ['preferences'], ALL),
      rule([MGMT], ['clusters'], ['create']),
      rule([PROV], ['clusters'], ['create']),
      rule(['catalog.cattle.io'], ['clusterrepos'], READ),
    ],
    // Creating a cloud credential is creating a Secret in cattle-global-data as the user (Norman's
    // proxy store impersonates the caller): role_data.go `userRole.addNamespacedRule(...)` (release/v2.10-v2.12).
    namespacedRules: {
      'cattle-global-data': [rule([''], ['secrets'], ['create'])],
      'fleet-default':      [rule([''], ['secrets'], ['create'])],
    },
  },
  {
    // Rancher's "User-Base": can log in and read settings and features, nothing more (no verb on
    // clusters, so no cluster schema at all). rancher/rancher pkg/data/management/role_data.go
    // rb.addRole("User Base", "user-base") (release/v2.12; reduced to the simulator's types).
    name:           'user-base',
    displayName:    'User-Base',
    description:    'User-Base users have login-access only.',
    newUserDefault: false,
    rules:          [
      rule([MGMT], ['settings', 'features'], READ),
      rule([MGMT], ['preferences'], ALL),
    ],
  },
];

const CLUSTER_READ: ScopedRule[] = [
  scoped('cluster', [MGMT], ['clusters'], READ),
  scoped('cluster', [PROV], ['clusters'], READ),
];

export const ROLE_TEMPLATES: RoleTemplateDef[] = [
  {
    name:            'cluster-owner',
    displayName:     'Cluster Owner',
    description:     'Owner of the cluster: full control of the cluster and its projects, members and registration.',
    context:         'cluster',
    rules:           [rule(['*'], ['*'], ALL)],
    managementRules: [
      scoped('cluster', [MGMT], ['clusters'], ['get', 'list', 'watch', 'update', 'patch', 'delete']),
      scoped('cluster', [PROV], ['clusters'], ['get', 'list', 'watch', 'update', 'patch', 'delete']),
      scoped('cluster', [MGMT], ['clusterregistrationtokens', 'projects', 'clusterroletemplatebindings', 'projectroletemplatebindings'], ALL),
      scoped('cluster', [''], ['namespaces'], ALL),
      // role_data.go cluster-owner `*`/`*`/`*`, applied upstream in the cluster's namespace to the
      // resources in rancher pkg/controllers/management/auth/crtb_handler.go
      // clusterManagementPlaneResources, `nodes` among them (release/v2.10-v2.12).
      scoped('cluster', [MGMT], ['nodes'], ALL),
    ],
  },
  {
    name:            'cluster-member',
    displayName:     'Cluster Member',
    description:     'Can view the cluster and create projects in it.',
    context:         'cluster',
    rules:           [rule([''], ['nodes', 'namespaces', 'events'], READ)],
    managementRules: [
      ...CLUSTER_READ,
      scoped('cluster', [MGMT], ['clusterregistrationtokens', 'clusterroletemplatebindings'], READ),
      scoped('cluster', [MGMT], ['projects'], ['create']),
      // role_data.go cluster-member: management.cattle.io nodes, nodepools get/list/watch
      // (release/v2.10-v2.12), upstream via clusterManagementPlaneResources as above. The project
      // roles (project-owner, project-member, read-only) have no management.cattle.io nodes rule
      // (project-owner's `nodes` is the core group, downstream).
      scoped('cluster', [MGMT], ['nodes'], READ),
    ],
  },
  {
    name:            'project-owner',
    displayName:     'Project Owner',
    description:     'Owner of a project: full control of the project, its namespaces and members.',
    context:         'project',
    rules:           [rule(['', 'apps', 'batch', 'kubevirt.io', 'harvesterhci.io'], ['*'], ALL)],
    managementRules: [
      ...CLUSTER_READ,
      scoped('project', [MGMT], ['projects'], ['get', 'list', 'watch', 'update', 'patch']),
      scoped('project', [MGMT], ['projectroletemplatebindings'], ALL),
      scoped('project', [''], ['namespaces'], ALL),
    ],
  },
  {
    name:            'project-member',
    displayName:     'Project Member',
    description:     'Can manage workloads in the project\'s namespaces.',
    context:         'project',
    // Rancher's project-member inherits Kubernetes' `edit`, which Harvester's ClusterRole
    // `harvesterhci.io:edit` (aggregate-to-edit: virtualmachineimages and more) and KubeVirt's
    // `kubevirt.io:edit` extend (harvester deploy/charts/harvester/templates/rbac.yaml; kubevirt
    // pkg/virt-operator/resource/generate/rbac/cluster.go).
    rules:           [rule(['', 'apps', 'batch', 'kubevirt.io'], ['*'], ALL), rule(['harvesterhci.io'], ['virtualmachineimages'], ALL)],
    managementRules: [
      ...CLUSTER_READ,
      scoped('project', [MGMT], ['projects', 'projectroletemplatebindings'], READ),
      scoped('project', [''], ['namespaces'], ALL),
    ],
  },
  {
    name:            'read-only',
    displayName:     'Read-only',
    description:     'Can view everything in the project, change nothing.',
    context:         'project',
    rules:           [rule(['*'], ['*'], READ)],
    managementRules: [
      ...CLUSTER_READ,
      scoped('project', [MGMT], ['projects', 'projectroletemplatebindings'], READ),
      scoped('project', [''], ['namespaces'], READ),
    ],
  },
];

export function roleTemplateDef(name: string): RoleTemplateDef | undefined {
  return ROLE_TEMPLATES.find((r) => r.name === name);
}
