import type { SimState } from '../state';
import type { KubeObject } from '../store/kube-object';
import type { HookRegistry } from '../steve/hooks';
import { decorateResources } from '../steve/render';
import { TYPES } from '../steve/type-catalog';
import { compareChartVersions, UI_PLUGIN_NAMESPACE } from './charts';
import { ClusterRepoController } from './cluster-repos';
import { DirectoryRemote } from './directory-remote';
import { HarvesterRemote } from './harvester-remote';
import { HelmReleases } from './helm-releases';
import { RemoteRegistry } from './remotes';
import { UIPluginOperator } from './ui-plugin-operator';

export interface CatalogOptions {
  /**
   * A Helm repository folder made by `npm run package` (`dist-repo/`): the simulator knows it
   * as a remote repository and keeps its extension installed, as an admin would have done.
   */
  extensionRepoDir?: string;
  /** How long a repository download or a helm operation takes. */
  delayMs?: () => number;
}

/**
 * Rancher's catalog as the dashboard and the extension see it: cluster repositories (the
 * simulated internet holds the Harvester UI extension's repository and, when packaged, ours),
 * Helm releases (Apps, Operations) and the UI Plugin operator that serves installed extensions.
 */
export class Catalog {
  readonly remotes = new RemoteRegistry();
  readonly harvester = new HarvesterRemote();
  readonly repos: ClusterRepoController;
  readonly releases: HelmReleases;
  readonly operator: UIPluginOperator;
  readonly bundled?: DirectoryRemote;

  constructor(private state: SimState, opts: CatalogOptions = {}) {
    const delay = opts.delayMs || (() => Math.min(state.config.harvesterDelayMs, 500));

    this.remotes.add(this.harvester);
    if (opts.extensionRepoDir) {
      this.bundled = new DirectoryRemote(opts.extensionRepoDir);
      this.remotes.add(this.bundled);
    }
    this.repos = new ClusterRepoController(state, this.remotes, delay);
    this.releases = new HelmReleases(state, this.repos, delay);
    this.operator = new UIPluginOperator(state, this.remotes);
    state.on('reset', () => this.harvester.reset());
  }

  register(hooks: HookRegistry): void {
    this.repos.register(hooks);
    this.operator.register();

    decorateResources(TYPES.CLUSTER_REPO, ({ links, actions }, {
      self, obj, access, authorizer
    }) => {
      for (const link of ['index', 'info', 'chart', 'icon']) {
        links[link] = `${ self }?link=${ link }`;
      }
      if (authorizer.can(access, 'create', TYPES.APP, { metadata: { name: 'x', namespace: UI_PLUGIN_NAMESPACE } }) && obj.metadata.name) {
        actions.install = `${ self }?action=install`;
        actions.upgrade = `${ self }?action=upgrade`;
      }
    });
    decorateResources(TYPES.APP, ({ actions }, {
      self, obj, access, authorizer
    }) => {
      if (authorizer.can(access, 'delete', TYPES.APP, obj)) {
        actions.uninstall = `${ self }?action=uninstall`;
      }
    });
  }

  /**
   * After seeding or loading: rebuild what lives in memory (index snapshots, the operator's
   * file cache) and make sure the packaged extension is installed at its newest version.
   */
  start(): void {
    this.repos.resyncAll();
    if (this.bundled) {
      this.installBundled(this.bundled);
    }
    this.operator.resyncAll();
  }

  private installBundled(remote: DirectoryRemote): void {
    const { store } = this.state;
    const name = remote.descriptor.name;

    if (!store.has(TYPES.CLUSTER_REPO, name)) {
      store.create(TYPES.CLUSTER_REPO, {
        metadata: { name, annotations: { 'field.cattle.io/description': 'Harvester Manager, packaged by npm run package' } },
        spec:     { ...remote.location },
        status:   { observedGeneration: 0, conditions: [] },
      });
    }
    this.repos.download(name);
    const versions = (this.repos.index(name)?.entries[name] || []).map((e) => e.version).sort(compareChartVersions);
    const latest = versions[versions.length - 1];

    if (!latest) {
      return;
    }
    const app = store.get(TYPES.APP, `${ UI_PLUGIN_NAMESPACE }/${ name }`);
    const installed = app?.spec?.chart?.metadata?.version;

    if (installed === latest && store.has(TYPES.UI_PLUGIN, `${ UI_PLUGIN_NAMESPACE }/${ name }`)) {
      return;
    }
    this.releases.chartAction(app ? 'upgrade' : 'install', name, {
      namespace: UI_PLUGIN_NAMESPACE,
      charts:    [{
        chartName: name, version: latest, releaseName: name, annotations: { 'catalog.cattle.io/ui-source-repo': name, 'catalog.cattle.io/ui-source-repo-type': 'cluster' }, values: {},
      }],
    }, { immediate: true });
  }

  /** What `GET /sim/catalog` reports. */
  snapshot(): Record<string, unknown> {
    const { store } = this.state;
    const summary = (o: KubeObject) => ({ id: o.metadata.namespace ? `${ o.metadata.namespace }/${ o.metadata.name }` : o.metadata.name, state: o.metadata.state?.name || null });

    return {
      repositories: store.list(TYPES.CLUSTER_REPO).map((r) => ({
        ...summary(r),
        url:       r.spec?.url || null,
        gitRepo:   r.spec?.gitRepo || null,
        gitBranch: r.spec?.gitBranch || null,
        charts:    Object.fromEntries(Object.entries(this.repos.index(r.metadata.name)?.entries || {}).map(([chart, entries]) => [chart, entries.map((e) => e.version)])),
      })),
      apps: store.list(TYPES.APP).map((a) => ({
        ...summary(a), chart: a.spec?.chart?.metadata?.name || null, version: a.spec?.chart?.metadata?.version || null, revision: a.spec?.version || null,
      })),
      uiPlugins: store.list(TYPES.UI_PLUGIN).map((p) => ({
        ...summary(p), name: p.spec?.plugin?.name, version: p.spec?.plugin?.version, endpoint: p.spec?.plugin?.endpoint, ready: !!p.status?.ready, cacheState: p.status?.cacheState || null, error: p.status?.error || null,
      })),
      operations: store.list(TYPES.OPERATION).map((o) => ({
        ...summary(o), action: o.status?.action, chart: o.status?.chart, version: o.status?.version, release: o.status?.releaseName, error: o.status?.error || null,
      })),
      remotes: {
        harvester: this.harvester.versions,
        ...(this.bundled ? { [this.bundled.id]: this.bundled.descriptor } : {}),
      },
      cache: this.operator.cachedVersions(),
    };
  }
}
