import type { ChartContent, ChartVersionEntry, HelmIndex } from './charts';
import { sortNewestFirst, UI_COMPONENT_ANNOTATION, UI_PLUGIN_NAMESPACE } from './charts';
import { normalizeUrl, RemoteRepo, RepoLocation } from './remotes';

/**
 * The Harvester UI extension's chart repository (`harvester/harvester-ui-extension`, branch
 * `gh-pages`), as the simulator stands it in: a `harvester` UI extension chart in several
 * versions for different Rancher lines, one of them needing an extension API the shell does
 * not have. Its plugin is a small script that registers the product, cluster store and routes the
 * Manage button and the pages around it rely on (`harvester-c-cluster-resource`…), so the whole
 * install → reload → Manage → Projects/Namespaces path runs.
 */
export const HARVESTER_GIT_REPO = 'https://github.com/harvester/harvester-ui-extension';
export const HARVESTER_GIT_BRANCH = 'gh-pages';
export const HARVESTER_PAGES_URL = 'https://harvester.github.io/harvester-ui-extension';
export const HARVESTER_FILE_BASE = 'https://raw.githubusercontent.com/harvester/harvester-ui-extension/gh-pages';
export const HARVESTER_CHART_NAME = 'harvester';

export interface HarvesterChartVersion {
  version: string;
  /** `catalog.cattle.io/rancher-version` */
  rancherVersion: string;
  /** `catalog.cattle.io/ui-extensions-version` */
  extensionsVersion: string;
  /** `catalog.cattle.io/kube-version` */
  kubeVersion?: string;
}

/**
 * Default offer, newest first. With shell 3.0.x (extension API 3): Rancher 2.10 → 1.0.3,
 * 2.11 → 1.5.1, 2.12 → 1.6.0; 1.7.0 needs extension API 4 and is never compatible.
 */
export const DEFAULT_HARVESTER_VERSIONS: HarvesterChartVersion[] = [
  {
    version: '1.7.0', rancherVersion: '>= 2.12.0-0', extensionsVersion: '>= 4.0.0 < 5.0.0'
  },
  {
    version: '1.6.0', rancherVersion: '>= 2.12.0-0', extensionsVersion: '>= 3.0.0 < 4.0.0'
  },
  {
    version: '1.5.1', rancherVersion: '>= 2.11.0-0', extensionsVersion: '>= 3.0.0 < 4.0.0'
  },
  {
    version: '1.5.0', rancherVersion: '>= 2.11.0-0', extensionsVersion: '>= 3.0.0 < 4.0.0'
  },
  {
    version: '1.0.3', rancherVersion: '>= 2.10.0-0 < 2.11.0-0', extensionsVersion: '>= 3.0.0 < 4.0.0'
  },
];

const CREATED = '2025-06-02T10:00:00Z';

function annotations(v: HarvesterChartVersion): Record<string, string> {
  const out: Record<string, string> = {
    'catalog.cattle.io/certified':             'rancher',
    'catalog.cattle.io/display-name':          'Harvester',
    'catalog.cattle.io/namespace':             UI_PLUGIN_NAMESPACE,
    'catalog.cattle.io/os':                    'linux',
    'catalog.cattle.io/permits-os':            'linux, windows',
    'catalog.cattle.io/scope':                 'management',
    [UI_COMPONENT_ANNOTATION]:                 'plugins',
    'catalog.cattle.io/rancher-version':       v.rancherVersion,
    'catalog.cattle.io/ui-extensions-version': v.extensionsVersion,
  };

  if (v.kubeVersion) {
    out['catalog.cattle.io/kube-version'] = v.kubeVersion;
  }

  return out;
}

/**
 * The extension's script: defines `window["harvester-<version>"].default` as build-pkg output does.
 *
 * It follows what the real extension registers where the shell's navigation depends on it
 * (`harvester/harvester-ui-extension`, branches `release-harvester-v1.0`/`v1.5`/`v1.6`): product `harvester`
 * (`pkg/harvester/config/harvester-cluster.js`) in its own cluster store `harvester`
 * (`pkg/harvester/store/harvester-store/index.ts`), whose `loadCluster` fetches the management
 * cluster so the shell's `currentCluster` is there (`actions.ts`), and the route
 * `harvester-c-cluster-resource` at `/:product/c/:cluster/:resource`
 * (`pkg/harvester/routing/harvester-routing.js`). Leaving the product for the cluster explorer
 * then makes the shell load the cluster as it does from any other product. The page itself is a
 * stand-in: the cluster's name and what a real Rancher shows here. Names are rendered as text.
 */
export function simulatedHarvesterPlugin(version: string): string {
  const id = `harvester-${ version }`;
  const metadata = {
    name: HARVESTER_CHART_NAME, version, description: 'Harvester UI extension (simulated by the Rancher simulator)', rancher: true,
  };

  return `/* Harvester UI extension ${ version }: a stand-in served by the Rancher simulator */
(function () {
  var id = ${ JSON.stringify(id) };
  var version = ${ JSON.stringify(version) };
  var PRODUCT = 'harvester';
  var DASHBOARD = 'harvesterhci.io.dashboard';
  var MGMT_CLUSTER = 'management.cattle.io.cluster';
  var ROUTE = PRODUCT + '-c-cluster-resource';
  function init(plugin) {
    var Vue = window.Vue;
    plugin.metadata = ${ JSON.stringify(metadata) };
    plugin.addProduct({
      init: function (p, store) {
        var dsl = p.DSL(store, PRODUCT);
        var home = { name: ROUTE, params: { product: PRODUCT, resource: DASHBOARD } };
        dsl.product({
          inStore: PRODUCT, removable: false, showClusterSwitcher: true, showNamespaceFilter: false,
          hideKubeShell: true, hideKubeConfig: true, hideCopyConfig: true, hideSystemResources: true,
          typeStoreMap: {
            'management.cattle.io.project': 'management',
            'management.cattle.io.clusterroletemplatebinding': 'management',
            'management.cattle.io.projectroletemplatebinding': 'management'
          },
          supportRoute: { name: PRODUCT + '-c-cluster-support' },
          to: home
        });
        dsl.basicType([DASHBOARD, 'projects-namespaces', 'cluster-members']);
        dsl.virtualType({ label: 'Dashboard', group: 'Root', name: DASHBOARD, weight: 500, route: home });
        dsl.virtualType({
          label: 'Projects/Namespaces', group: 'Root', name: 'projects-namespaces', weight: 98, exact: true,
          route: { name: PRODUCT + '-c-cluster-projectsnamespaces' }
        });
        dsl.virtualType({
          label: 'Cluster Members', group: 'Root', name: 'cluster-members', weight: 97, exact: true,
          route: { name: PRODUCT + '-c-cluster-members' }
        });
      }
    });
    plugin.addDashboardStore(PRODUCT, {
      state: function () { return {}; },
      getters: {},
      mutations: {},
      actions: {
        // As the real store: the management cluster must exist (and is then the shell's currentCluster).
        loadCluster: function (ctx, opt) {
          var clusterId = opt && opt.id;
          return ctx.dispatch('management/waitForSchema', { type: MGMT_CLUSTER }, { root: true }).then(function () {
            return ctx.dispatch('management/find', { type: MGMT_CLUSTER, id: clusterId, opt: { url: MGMT_CLUSTER + 's/' + encodeURIComponent(clusterId) } }, { root: true });
          }).then(function (cluster) {
            if (!cluster) {
              ctx.commit('clusterId', null, { root: true });
              throw new Error('Cluster not found: ' + clusterId);
            }
          });
        },
        unsubscribe: function () {},
        onLogout: function (ctx) { ctx.commit('reset'); }
      }
    }, { namespace: PRODUCT, isClusterStore: true });
    var Dashboard = Vue.defineComponent({
      name: 'SimulatedHarvesterDashboard',
      computed: {
        clusterId: function () { return (this.$route.params || {}).cluster; },
        clusterName: function () {
          var c = this.$store.getters['management/byId'](MGMT_CLUSTER, this.clusterId);
          return (c && c.spec && c.spec.displayName) || this.clusterId;
        }
      },
      render: function () {
        return Vue.h('div', { 'class': 'simulated-harvester', 'data-testid': 'simulated-harvester-dashboard', style: 'padding: 24px; max-width: 760px' }, [
          Vue.h('h1', { 'data-testid': 'simulated-harvester-title' }, this.clusterName),
          Vue.h('p', { 'data-testid': 'simulated-harvester-explanation', style: 'margin: 12px 0' },
            'In a real Rancher this page is the Harvester UI: the virtual machines, images, volumes, hosts and networks of this Harvester cluster. ' +
            'It needs a real Harvester cluster, so the Rancher simulator shows this stand-in for the Harvester UI extension ' + version + '.'),
          Vue.h('p', { 'class': 'text-muted', 'data-testid': 'simulated-harvester-cluster' }, 'Cluster ID: ' + this.clusterId)
        ]);
      }
    });
    // The real extension's own Projects/Namespaces and Members pages are the shell's components over
    // its store; the stand-in sends them to the shell's pages in the cluster explorer.
    function toExplorer(page) {
      return function (to) { return { name: 'c-cluster-product-' + page, params: { cluster: to.params.cluster, product: 'explorer' } }; };
    }
    plugin.addRoutes([
      { parent: 'default', route: { name: PRODUCT + '-c-cluster-support', path: '/:product/c/:cluster/support', component: Dashboard } },
      { parent: 'default', route: { name: PRODUCT + '-c-cluster-members', path: '/:product/c/:cluster/members', redirect: toExplorer('members') } },
      { parent: 'default', route: { name: PRODUCT + '-c-cluster-projectsnamespaces', path: '/:product/c/:cluster/projectsnamespaces', redirect: toExplorer('projectsnamespaces') } },
      { parent: 'default', route: { name: ROUTE, path: '/:product/c/:cluster/:resource', component: Dashboard } }
    ]);
  }
  window[id] = { default: init };
})();
`;
}

/** The Harvester UI extension repository; `versions` can be replaced (a new release, none compatible…). */
export class HarvesterRemote implements RemoteRepo {
  readonly id = 'harvester-ui-extension';
  readonly fileBases = [HARVESTER_FILE_BASE, HARVESTER_PAGES_URL];
  versions: HarvesterChartVersion[] = [...DEFAULT_HARVESTER_VERSIONS];
  /** Fault: the extension files cannot be downloaded (the UI Plugin operator fails to cache them). */
  filesUnreachable = false;

  /** The spec of a ClusterRepo pointing here, as the panel creates it. */
  readonly location: RepoLocation = { gitRepo: HARVESTER_GIT_REPO, gitBranch: HARVESTER_GIT_BRANCH };

  matches(location: RepoLocation): boolean {
    if (location.gitRepo) {
      return normalizeUrl(location.gitRepo) === normalizeUrl(HARVESTER_GIT_REPO) && (location.gitBranch || 'master') === HARVESTER_GIT_BRANCH;
    }

    return normalizeUrl(location.url) === normalizeUrl(HARVESTER_PAGES_URL);
  }

  reset(): void {
    this.versions = [...DEFAULT_HARVESTER_VERSIONS];
    this.filesUnreachable = false;
  }

  private endpoint(version: string): string {
    return `${ HARVESTER_FILE_BASE }/extensions/${ HARVESTER_CHART_NAME }/${ version }`;
  }

  index(): HelmIndex {
    const entries: ChartVersionEntry[] = this.versions.map((v) => ({
      apiVersion:  'v2',
      name:        HARVESTER_CHART_NAME,
      version:     v.version,
      appVersion:  v.version,
      type:        'application',
      description: 'Harvester UI extension',
      icon:        'https://raw.githubusercontent.com/harvester/harvester-ui-extension/main/pkg/harvester/icon.svg',
      home:        'https://github.com/harvester/harvester-ui-extension',
      keywords:    ['harvester', 'virtualization', 'extension'],
      annotations: annotations(v),
      urls:        [`assets/${ HARVESTER_CHART_NAME }/${ HARVESTER_CHART_NAME }-${ v.version }.tgz`],
      created:     CREATED,
    }));

    return {
      apiVersion: 'v1', entries: { [HARVESTER_CHART_NAME]: sortNewestFirst(entries) }, generated: CREATED
    };
  }

  chart(name: string, version: string): ChartContent | undefined {
    const v = this.versions.find((x) => x.version === version);

    if (name !== HARVESTER_CHART_NAME || !v) {
      return undefined;
    }
    const meta = annotations(v);
    const entry = this.index().entries[name].find((e) => e.version === version) as ChartVersionEntry;
    const { urls, created, ...metadata } = entry;

    return {
      metadata,
      values: {
        plugin: {
          enabled:            true,
          versionOverride:    '',
          endpoint:           this.endpoint(version),
          compressedEndpoint: `${ this.endpoint(version) }.tgz`,
          noCache:            false,
          noAuth:             false,
          metadata:           Object.fromEntries(Object.entries(meta).filter(([k]) => /rancher-version|ui-extensions-version|kube-version|display-name/.test(k))),
        },
      },
      readme:    `# Harvester UI extension ${ version }\n\nSimulated by the Rancher simulator.\n`,
      templates: ['templates/_helpers.tpl', 'templates/cr.yaml'],
    };
  }

  file(relativePath: string): Buffer | undefined {
    const m = /^extensions\/harvester\/([^/]+)\/(files\.txt|plugin\/package\.json|plugin\/harvester-[^/]+\.umd\.min\.js)$/.exec(relativePath);
    const version = m?.[1];

    if (!m || this.filesUnreachable || !this.versions.some((v) => v.version === version)) {
      return undefined;
    }
    const main = `plugin/harvester-${ version }.umd.min.js`;

    if (m[2] === 'files.txt') {
      return Buffer.from(`${ main }\nplugin/package.json\n`);
    }
    if (m[2] === 'plugin/package.json') {
      return Buffer.from(JSON.stringify({
        name: HARVESTER_CHART_NAME, version, rancher: true
      }));
    }

    return m[2] === main ? Buffer.from(simulatedHarvesterPlugin(version as string)) : undefined;
  }
}
