/**
 * The Steve types the simulator knows, with the Kubernetes coordinates Steve derives its
 * schemas from. RBAC rules name `apiGroups`/`resources` like Kubernetes does; this catalog
 * maps them to Steve type ids.
 */
export interface TypeDef {
  /** Steve type id, e.g. `management.cattle.io.cluster`, `namespace`. */
  id: string;
  group: string;
  version: string;
  kind: string;
  /** Kubernetes plural resource name. */
  resource: string;
  namespaced: boolean;
  /** Served by custom code rather than the generic object store. */
  virtual?: boolean;
  /** Verbs the API supports for the type (a user gets the intersection with their grants). */
  supportedVerbs?: string[];
  /** Printer columns (Steve exposes them as `attributes.columns`). */
  columns?: Array<{ name: string, field: string, type: string, format?: string }>;
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const READ_ONLY_VERBS = ['get', 'list', 'watch'];

export const NAME_COLUMN = {
  name: 'Name', field: '$.metadata.name', type: 'string', format: 'name'
};
export const AGE_COLUMN = {
  name: 'Age', field: '$.metadata.creationTimestamp', type: 'string', format: 'date'
};

function mgmt(kind: string, resource: string, namespaced = false, extra: Partial<TypeDef> = {}): TypeDef {
  return {
    id:      `management.cattle.io.${ kind.toLowerCase() }`,
    group:   'management.cattle.io',
    version: 'v3',
    kind,
    resource,
    namespaced,
    columns: [NAME_COLUMN, AGE_COLUMN],
    ...extra,
  };
}

function catalog(kind: string, resource: string, namespaced: boolean): TypeDef {
  return {
    id:      `catalog.cattle.io.${ kind.toLowerCase() }`,
    group:   'catalog.cattle.io',
    version: 'v1',
    kind,
    resource,
    namespaced,
    columns: [NAME_COLUMN, AGE_COLUMN],
  };
}

export const TYPES = {
  SETTING:             'management.cattle.io.setting',
  FEATURE:             'management.cattle.io.feature',
  MGMT_CLUSTER:        'management.cattle.io.cluster',
  PROJECT:             'management.cattle.io.project',
  USER:                'management.cattle.io.user',
  FLEET_WORKSPACE:     'management.cattle.io.fleetworkspace',
  ROLE_TEMPLATE:       'management.cattle.io.roletemplate',
  GLOBAL_ROLE:         'management.cattle.io.globalrole',
  GLOBAL_ROLE_BINDING: 'management.cattle.io.globalrolebinding',
  CRTB:                'management.cattle.io.clusterroletemplatebinding',
  PRTB:                'management.cattle.io.projectroletemplatebinding',
  REGISTRATION_TOKEN:  'management.cattle.io.clusterregistrationtoken',
  /** A downstream node as Rancher's node syncer mirrors it (`nodes.management.cattle.io`, in the cluster's namespace). */
  MGMT_NODE:           'management.cattle.io.node',
  AUTH_CONFIG:         'management.cattle.io.authconfig',
  PROV_CLUSTER:        'provisioning.cattle.io.cluster',
  NAMESPACE:           'namespace',
  COUNT:               'count',
  USER_PREFERENCE:     'userpreference',
  SELF_USER:           'ext.cattle.io.selfuser',
  SCHEMA:              'schema',
  CLUSTER_REPO:        'catalog.cattle.io.clusterrepo',
  APP:                 'catalog.cattle.io.app',
  OPERATION:           'catalog.cattle.io.operation',
  UI_PLUGIN:           'catalog.cattle.io.uiplugin',
  EVENT:               'event',
} as const;

export const TYPE_DEFS: TypeDef[] = [
  mgmt('Setting', 'settings'),
  mgmt('Feature', 'features', false, { supportedVerbs: ['get', 'list', 'patch', 'update', 'watch'] }),
  mgmt('Cluster', 'clusters', false, {
    columns: [NAME_COLUMN, {
      name: 'Display Name', field: '$.spec.displayName', type: 'string'
    }, AGE_COLUMN]
  }),
  mgmt('Project', 'projects', true),
  mgmt('User', 'users'),
  mgmt('FleetWorkspace', 'fleetworkspaces'),
  mgmt('RoleTemplate', 'roletemplates'),
  mgmt('GlobalRole', 'globalroles'),
  mgmt('GlobalRoleBinding', 'globalrolebindings'),
  mgmt('ClusterRoleTemplateBinding', 'clusterroletemplatebindings', true),
  mgmt('ProjectRoleTemplateBinding', 'projectroletemplatebindings', true),
  mgmt('ClusterRegistrationToken', 'clusterregistrationtokens', true),
  // rancher pkg/apis/management.cattle.io/v3/machine_types.go `Node` (namespaced: the cluster's namespace).
  mgmt('Node', 'nodes', true),
  mgmt('AuthConfig', 'authconfigs'),
  {
    id:         TYPES.PROV_CLUSTER,
    group:      'provisioning.cattle.io',
    version:    'v1',
    kind:       'Cluster',
    resource:   'clusters',
    namespaced: true,
    columns:    [NAME_COLUMN, {
      name: 'Ready', field: '$.status.ready', type: 'boolean'
    }, {
      name: 'Kubeconfig', field: '$.status.clientSecretName', type: 'string'
    }, AGE_COLUMN],
  },
  {
    id:         TYPES.NAMESPACE,
    group:      '',
    version:    'v1',
    kind:       'Namespace',
    resource:   'namespaces',
    namespaced: false,
    columns:    [NAME_COLUMN, {
      name: 'Status', field: '$.status.phase', type: 'string'
    }, AGE_COLUMN],
  },
  {
    id:         TYPES.EVENT,
    group:      '',
    version:    'v1',
    kind:       'Event',
    resource:   'events',
    namespaced: true,
    columns:    [{
      name: 'Last Seen', field: '$.lastTimestamp', type: 'string', format: 'date'
    }, {
      name: 'Type', field: '$._type', type: 'string'
    }, {
      name: 'Reason', field: '$.reason', type: 'string'
    }, {
      name: 'Object', field: '$.involvedObject.name', type: 'string'
    }, {
      name: 'Message', field: '$.message', type: 'string'
    }],
  },
  catalog('ClusterRepo', 'clusterrepos', false),
  catalog('App', 'apps', true),
  catalog('Operation', 'operations', true),
  catalog('UIPlugin', 'uiplugins', true),
  {
    id: TYPES.COUNT, group: '', version: 'v1', kind: 'Count', resource: 'counts', namespaced: false, virtual: true, supportedVerbs: READ_ONLY_VERBS
  },
  {
    id: TYPES.USER_PREFERENCE, group: '', version: 'v1', kind: 'UserPreference', resource: 'userpreferences', namespaced: false, virtual: true, supportedVerbs: ['get', 'list', 'update', 'watch']
  },
  {
    id: TYPES.SELF_USER, group: 'ext.cattle.io', version: 'v1', kind: 'SelfUser', resource: 'selfusers', namespaced: false, virtual: true, supportedVerbs: ['create']
  },
  {
    id: TYPES.SCHEMA, group: '', version: 'v1', kind: 'Schema', resource: 'schemas', namespaced: false, virtual: true, supportedVerbs: READ_ONLY_VERBS
  },
];

const byId = new Map(TYPE_DEFS.map((t) => [t.id, t]));

export function typeDef(id: string): TypeDef | undefined {
  return byId.get(id.toLowerCase());
}

/**
 * Steve accepts the plural form in URLs too (`/v1/management.cattle.io.clusters`); map either
 * spelling to the type id.
 */
export function resolveUrlType(segment: string): TypeDef | undefined {
  const lower = segment.toLowerCase();
  const direct = byId.get(lower);

  if (direct) {
    return direct;
  }

  return TYPE_DEFS.find((t) => {
    const prefix = t.group ? `${ t.group }.` : '';

    return `${ prefix }${ t.resource }` === lower;
  });
}

/** Steve's URL segment for a type: the plural form (`management.cattle.io.clusters`, `namespaces`). */
export function urlSegment(type: string): string {
  const def = typeDef(type);

  if (!def) {
    return type;
  }

  return def.group ? `${ def.group }.${ def.resource }` : def.resource;
}

export function supportedVerbs(def: TypeDef): string[] {
  return def.supportedVerbs || ALL_VERBS;
}
