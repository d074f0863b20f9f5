import { KUBERNETES_VERSION } from './kube/discovery';
import { hashPassword } from './auth/passwords';
import { ClusterLifecycle } from './controllers/cluster-lifecycle';
import {
  condition, FLEET_DEFAULT, HARVESTER_LABEL, linkRelationships, newManagementCluster, newProvisioningCluster, resourceState
} from './controllers/cluster-objects';
import { provisionedClusterId, randomSuffix } from './core/ids';
import { seedWorkloads } from './harvester/seeded-workloads';
import { defaultSqlCache } from './profile';
import { GLOBAL_ROLES, ROLE_TEMPLATES } from './rbac/policy';
import type { SimState } from './state';
import { TYPES } from './steve/type-catalog';

export const DEFAULT_PASSWORD = 'password1234';

/** The seeded logins (README documents them). */
export const SEEDED_USERS = [
  {
    username: 'admin', displayName: 'Default Admin', globalRole: 'admin', description: 'Global administrator'
  },
  {
    username: 'project-owner', displayName: 'Project Owner', globalRole: 'user', description: 'Standard user; owner of project Default on harvester-prod'
  },
  {
    username: 'project-readonly', displayName: 'Project Read-only', globalRole: 'user-base', description: 'Read-only member of project Default on harvester-prod'
  },
  {
    username: 'no-access', displayName: 'No Access', globalRole: 'user-base', description: 'Can log in, has no cluster or project roles'
  },
  // Rancher's default role for new users (role_data.go addUserRules): may create clusters, owns none yet.
  {
    username: 'standard-user', displayName: 'Standard User', globalRole: 'user', description: 'Standard user with no clusters: may import one and then owns it'
  },
] as const;

export const SEEDED_HARVESTERS = [
  { name: 'harvester-prod', version: 'v1.4.1' },
  { name: 'harvester-lab', version: 'v1.5.0' },
];

export interface SeedOptions {
  password?: string;
  /** Extra Active Harvester clusters (scale tests): `harvester-scale-0001`… */
  seedClusters?: number;
}

/**
 * `ui-performance` as the simulator seeds it. Rancher 2.10/2.11's own dashboards page lists on the
 * server only with the SQL cache on; the newer shell this project runs always would (shell 3.x
 * `store/features.js`: the flag "has been removed"), so with the cache off the simulator saves the
 * setting as an admin would from Global Settings → Performance with server-side pagination off:
 * the whole object (the shell's `mixins/resource-fetch.js` reads it without defaults), with
 * `serverPagination.useDefaultStores: false` and no stores (`utils/pagination-utils.ts`).
 */
function uiPerformance(sqlCache: boolean): string {
  if (sqlCache) {
    return '';
  }

  return JSON.stringify({
    inactivity:                   { enabled: false, threshold: 900 },
    incrementalLoading:           { enabled: true, threshold: 1500 },
    manualRefresh:                { enabled: false, threshold: 1500 },
    disableWebsocketNotification: true,
    garbageCollection:            {
      enabled: false, enabledInterval: true, interval: 300, enabledOnNavigate: true, ageThreshold: 120, countThreshold: 500,
    },
    forceNsFilterV2:  { enabled: false },
    advancedWorker:   { enabled: false },
    kubeAPI:          { warningHeader: { separator: '299 - ', notificationBlockList: ['299 - unknown field'] } },
    serverPagination: {
      useDefaultStores: false, stores: {}, resourceChangesDebounceMs: 4000
    },
  });
}

function settings(serverUrl: string): Record<string, string> {
  return {
    'server-url':                    serverUrl,
    'ui-pl':                         'Rancher',
    'ui-brand':                      '',
    'ui-banners':                    '{}',
    'first-login':                   'false',
    'eula-agreed':                   '2026-01-01T00:00:00.000Z',
    'telemetry-opt':                 'out',
    'ui-offline-preferred':          'true',
    'ui-default-landing':            'vue',
    'ui-primary-color':              '',
    'ui-link-color':                 '',
    'auth-user-session-ttl-minutes': '960',
    'kubeconfig-generate-token':     'true',
    'hide-local-cluster':            'false',
    'agent-tls-mode':                'strict',
    cacerts:                         '',
    'ui-custom-links':               '',
    'ui-issues':                     '',
    'ui-community-links':            'true',
    // The shell waits for this setting before it opens any websocket watch; Rancher ships it empty.
    'ui-index':                      'https://releases.rancher.com/ui/release-2.12/index.html',
    'ui-dashboard-index':            'https://releases.rancher.com/dashboard/release-2.12/index.html',
  };
}

const FEATURES: Record<string, boolean> = {
  'multi-cluster-management': true,
  harvester:                  true,
  fleet:                      true,
  rke2:                       true,
  'continuous-delivery':      true,
  'ui-extension':             true,
};

/**
 * What the Rancher profile decides in the stored objects: the `server-version` setting, the
 * `ui-sql-cache` feature (the release's default, the admin's choice as `spec.value`) and
 * `ui-performance`. Applied at seeding and again on every start over kept state, so a restart with
 * another SIM_RANCHER_VERSION / SIM_UI_SQL_CACHE does not keep the previous Rancher's answers.
 */
export function applyProfile(state: SimState): void {
  const { store, profile } = state;
  const sqlDefault = defaultSqlCache(profile.minor);
  const feature = {
    spec:   { value: profile.sqlCache === sqlDefault ? null : profile.sqlCache },
    status: {
      default: sqlDefault, dynamic: false, lockedValue: null, description: 'ui-sql-cache'
    },
  };
  const settingValues: Record<string, string> = { 'server-version': profile.version, 'ui-performance': uiPerformance(profile.sqlCache) };

  if (store.has(TYPES.FEATURE, 'ui-sql-cache')) {
    store.patch(TYPES.FEATURE, 'ui-sql-cache', (f) => Object.assign(f, feature));
  } else {
    store.create(TYPES.FEATURE, { metadata: { name: 'ui-sql-cache' }, ...feature });
  }
  for (const [name, value] of Object.entries(settingValues)) {
    if (!store.has(TYPES.SETTING, name)) {
      store.create(TYPES.SETTING, {
        metadata: { name }, value, default: '', customized: false, source: '',
      });
    } else if (store.get(TYPES.SETTING, name)?.value !== value) {
      store.patch(TYPES.SETTING, name, (setting) => {
        setting.value = value;
      });
    }
  }
}

/** Fill an empty simulator with the documented users, roles, settings and clusters. */
export function seed(state: SimState, lifecycle: ClusterLifecycle, opts: SeedOptions = {}): void {
  const { store } = state;
  const password = opts.password || DEFAULT_PASSWORD;

  for (const role of GLOBAL_ROLES) {
    store.create(TYPES.GLOBAL_ROLE, {
      metadata:       { name: role.name },
      displayName:    role.displayName,
      description:    role.description,
      newUserDefault: role.newUserDefault,
      builtin:        true,
      rules:          role.rules,
      ...(role.namespacedRules ? { namespacedRules: role.namespacedRules } : {}),
    });
  }
  for (const rt of ROLE_TEMPLATES) {
    store.create(TYPES.ROLE_TEMPLATE, {
      metadata:              { name: rt.name },
      displayName:           rt.displayName,
      description:           rt.description,
      context:               rt.context,
      builtin:               true,
      external:              false,
      hidden:                false,
      locked:                false,
      administrative:        rt.name === 'cluster-owner',
      clusterCreatorDefault: rt.name === 'cluster-owner',
      projectCreatorDefault: rt.name === 'project-owner',
      rules:                 rt.rules,
    });
  }
  const userIds: Record<string, string> = {};

  for (const u of SEEDED_USERS) {
    const id = u.username === 'admin' ? 'user-admin' : `u-${ randomSuffix(5) }`;

    userIds[u.username] = id;
    store.create(TYPES.USER, {
      metadata: { name: id }, username: u.username, displayName: u.displayName, description: u.description, enabled: true, mustChangePassword: false, principalIds: [`local://${ id }`],
    });
    store.create(TYPES.GLOBAL_ROLE_BINDING, {
      metadata: { name: `grb-${ randomSuffix(5) }` }, globalRoleName: u.globalRole, userName: id
    });
    state.passwords.set(id, hashPassword(password));
  }
  for (const [name, value] of Object.entries(settings(state.config.serverUrl))) {
    store.create(TYPES.SETTING, {
      metadata: { name }, value, default: '', customized: false, source: '',
    });
  }
  for (const [name, value] of Object.entries(FEATURES)) {
    store.create(TYPES.FEATURE, {
      metadata: { name },
      spec:     { value: null },
      status:   {
        default: value, dynamic: false, lockedValue: null, description: name
      },
    });
  }
  applyProfile(state);
  for (const ws of ['fleet-default', 'fleet-local']) {
    store.create(TYPES.FLEET_WORKSPACE, { metadata: { name: ws } });
  }
  for (const ns of ['fleet-default', 'fleet-local', 'cattle-system', 'cattle-global-data', 'cattle-ui-plugin-system', 'local']) {
    store.create(TYPES.NAMESPACE, { metadata: { name: ns }, status: { phase: 'Active' } });
  }

  seedLocalCluster(state);
  const projects: Record<string, string> = {};

  for (const h of SEEDED_HARVESTERS) {
    projects[h.name] = seedActiveHarvester(state, lifecycle, h.name, h.version, userIds.admin);
    seedWorkloads(state, h.name, projects[h.name]);
  }
  const prodProject = projects['harvester-prod'];

  for (const [username, roleTemplateName] of [['project-owner', 'project-owner'], ['project-readonly', 'read-only']]) {
    const [clusterId, project] = prodProject.split(':');

    store.create(TYPES.PRTB, {
      metadata: {
        name: `prtb-${ randomSuffix(5) }`, namespace: project, annotations: { 'field.cattle.io/creatorId': userIds.admin }
      },
      projectName:       `${ clusterId }:${ project }`,
      userName:          userIds[username],
      userPrincipalName: `local://${ userIds[username] }`,
      roleTemplateName,
    });
  }
  seedScaleClusters(state, lifecycle, opts.seedClusters || 0, userIds.admin);
}

function seedLocalCluster(state: SimState): void {
  const mgmt = newManagementCluster({
    id: 'local', displayName: 'local', labels: { [HARVESTER_LABEL]: 'k3s' }
  });
  const prov = newProvisioningCluster('fleet-local', 'local', 'local', { labels: { [HARVESTER_LABEL]: 'k3s' } });

  mgmt.spec.internal = true;
  mgmt.status.driver = 'k3s';
  mgmt.status.provider = 'k3s';
  mgmt.status.info = {
    arch: 'amd64', kubernetesVersion: 'v1.31.4+k3s1', machineProvider: ''
  };
  mgmt.status.conditions = [condition('Ready', 'True'), condition('Connected', 'True'), condition('Provisioned', 'True')];
  mgmt.metadata.state = resourceState('active');
  prov.status.ready = true;
  prov.status.conditions = [condition('Ready', 'True')];
  prov.metadata.state = resourceState('active');
  linkRelationships(mgmt, prov);
  state.store.create(TYPES.MGMT_CLUSTER, mgmt);
  state.store.create(TYPES.PROV_CLUSTER, prov);
  state.store.create(TYPES.PROJECT, {
    metadata: {
      name: `p-${ randomSuffix(5) }`, namespace: 'local', labels: { 'authz.management.cattle.io/default-project': 'true' }
    },
    spec:   { clusterName: 'local', displayName: 'Default' },
    status: {},
  });
}

/**
 * An imported Harvester cluster whose agent is connected (as after a finished registration).
 * Returns `<clusterId>:<default project>`.
 */
export function seedActiveHarvester(state: SimState, lifecycle: ClusterLifecycle, name: string, version: string, creatorId: string, withProjects = true): string {
  const { store } = state;
  const id = provisionedClusterId();
  const prov = newProvisioningCluster(FLEET_DEFAULT, name, id, { labels: { [HARVESTER_LABEL]: 'harvester' }, annotations: { 'field.cattle.io/creatorId': creatorId } });
  const mgmt = newManagementCluster({
    id, displayName: name, labels: { [HARVESTER_LABEL]: 'harvester' }, owner: { namespace: FLEET_DEFAULT, name }, creatorId,
  });

  linkRelationships(mgmt, prov);
  store.create(TYPES.MGMT_CLUSTER, mgmt);
  store.create(TYPES.PROV_CLUSTER, prov);
  store.create(TYPES.NAMESPACE, { metadata: { name: id }, status: { phase: 'Active' } });
  let defaultProject = '';

  if (withProjects) {
    defaultProject = lifecycle.createProject(id, 'Default').metadata.name;
    lifecycle.createProject(id, 'System');
  }
  lifecycle.ensureRegistrationToken(id);
  const harvester = state.fleet.ensure(state.fleet.freeName(name), version);

  harvester.agent = {
    deployment: 'cattle-cluster-agent', namespace: 'cattle-system', serverUrl: state.serverUrl, clusterId: id, installedAt: new Date().toISOString(), installedBy: 'registration-url',
  };
  state.fleet.record(harvester, `registered with Rancher as ${ id } (seeded)`);
  lifecycle.markReady(id, { harvesterVersion: version, kubernetesVersion: KUBERNETES_VERSION.gitVersion });

  return `${ id }:${ defaultProject }`;
}

export function seedScaleClusters(state: SimState, lifecycle: ClusterLifecycle, count: number, creatorId: string): void {
  const versions = ['v1.2.2', 'v1.3.2', 'v1.4.1', 'v1.5.0', 'v1.6.0'];
  const start = state.store.list(TYPES.PROV_CLUSTER).filter((p) => p.metadata.name.startsWith('harvester-scale-')).length;

  // One transaction for the lot: thousands of clusters are seeded in seconds, not one fsync each.
  state.batch(() => {
    for (let i = start + 1; i <= start + count; i++) {
      seedActiveHarvester(state, lifecycle, `harvester-scale-${ String(i).padStart(4, '0') }`, versions[i % versions.length], creatorId, false);
    }
    state.flush();
  });
}
