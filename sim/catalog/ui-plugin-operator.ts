import type { SimState } from '../state';
import type { KubeObject } from '../store/kube-object';
import { TYPES } from '../steve/type-catalog';
import { UI_PLUGIN_NAMESPACE } from './charts';
import { RemoteRegistry } from './remotes';

/** One `/v1/uiplugins` entry: the UIPlugin's `spec.plugin` plus the operator's cache state. */
export interface UIPluginIndexEntry {
  name: string;
  version: string;
  endpoint: string;
  compressedEndpoint?: string;
  noCache: boolean;
  noAuth: boolean;
  metadata: Record<string, string>;
  CacheState: string;
  Ready: boolean;
}

interface CachedPlugin {
  version: string;
  files: Map<string, Buffer>;
}

const FILE_ENTRY_RE = /(^[/\\.])|\.\./;

/**
 * Rancher's UI Plugin operator (pkg/controllers/dashboard/plugin): for every UIPlugin in
 * `cattle-ui-plugin-system` it downloads `<endpoint>/plugin/package.json` (the version must
 * match), `<endpoint>/files.txt` and each listed file into its cache, records `status`
 * (`cacheState`, `ready`, `error`), publishes the index at `/v1/uiplugins`, and serves the
 * cached files at `/v1/uiplugins/<name>/<version>/<file>`.
 */
export class UIPluginOperator {
  private cache = new Map<string, CachedPlugin>();

  constructor(private state: SimState, private remotes: RemoteRegistry) {}

  register(): void {
    this.state.store.subscribe((event) => {
      if (event.type !== TYPES.UI_PLUGIN) {
        return;
      }
      if (event.kind === 'remove') {
        const name = event.obj.spec?.plugin?.name;

        if (name && !this.plugins().some((p) => p.spec?.plugin?.name === name)) {
          this.cache.delete(name);
        }

        return;
      }
      if ((event.obj.status?.observedGeneration ?? 0) < (event.obj.metadata.generation ?? 1)) {
        const id = `${ event.obj.metadata.namespace }/${ event.obj.metadata.name }`;

        // after the write that triggered us has been answered, as a controller would
        this.state.scheduler.after(0, () => this.sync(id));
      }
    });
    this.state.on('reset', () => this.cache.clear());
  }

  private plugins(): KubeObject[] {
    return this.state.store.list(TYPES.UI_PLUGIN).filter((p) => p.metadata.namespace === UI_PLUGIN_NAMESPACE);
  }

  private fetchPluginFiles(plugin: { name: string, version: string, endpoint: string }): Map<string, Buffer> {
    const endpoint = plugin.endpoint.replace(/\/+$/, '');
    const pkg = JSON.parse(this.remotes.fetch(`${ endpoint }/plugin/package.json`).toString('utf8'));

    if (String(pkg.version) !== plugin.version) {
      throw new Error(`plugin [${ plugin.name }] version [${ pkg.version }] does not match version in controller's cache [${ plugin.version }]`);
    }
    const entries = this.remotes.fetch(`${ endpoint }/files.txt`).toString('utf8').split('\n').map((l) => l.trim())
      .filter(Boolean);
    const files = new Map<string, Buffer>();

    for (const entry of entries) {
      if (FILE_ENTRY_RE.test(decodeURIComponent(entry))) {
        throw new Error(`invalid file entry: ${ entry }`);
      }
      files.set(entry, this.remotes.fetch(`${ endpoint }/${ entry }`));
    }

    return files;
  }

  /** Reconcile one UIPlugin: fill the cache and write its status. */
  sync(id: string): void {
    const obj = this.state.store.get(TYPES.UI_PLUGIN, id);
    const plugin = obj?.spec?.plugin;

    if (!obj || !plugin?.name || !plugin?.version) {
      return;
    }
    const generation = obj.metadata.generation ?? 1;
    let status: Record<string, unknown>;

    if (plugin.noCache) {
      this.cache.delete(plugin.name);
      status = {
        cacheState: 'disabled', ready: true, error: '', observedGeneration: generation
      };
    } else {
      try {
        this.cache.set(plugin.name, { version: String(plugin.version), files: this.fetchPluginFiles(plugin) });
        status = {
          cacheState: 'cached', ready: true, error: '', observedGeneration: generation, retryNumber: 0
        };
      } catch (e) {
        this.cache.delete(plugin.name);
        status = {
          cacheState: 'pending', ready: false, error: 'Failed to cache plugin', observedGeneration: generation, retryNumber: 1, message: (e as Error).message
        };
      }
    }
    this.state.store.patch(TYPES.UI_PLUGIN, id, (p) => {
      p.status = { ...(p.status || {}), ...status };
    });
  }

  /** Simulator start: the operator's file cache is not persisted, so rebuild it. */
  resyncAll(): void {
    for (const p of this.plugins()) {
      this.sync(`${ p.metadata.namespace }/${ p.metadata.name }`);
    }
  }

  /** `/v1/uiplugins`: every plugin for a logged-in user, only `noAuth` ones for anonymous callers. */
  entries(authenticated: boolean): Record<string, UIPluginIndexEntry> {
    const out: Record<string, UIPluginIndexEntry> = {};

    for (const p of this.plugins()) {
      const plugin = p.spec?.plugin;

      if (!plugin?.name || (!authenticated && !plugin.noAuth)) {
        continue;
      }
      out[plugin.name] = {
        name:               plugin.name,
        version:            String(plugin.version),
        endpoint:           plugin.endpoint,
        compressedEndpoint: plugin.compressedEndpoint || undefined,
        noCache:            !!plugin.noCache,
        noAuth:             !!plugin.noAuth,
        metadata:           plugin.metadata || {},
        CacheState:         p.status?.cacheState || 'pending',
        Ready:              !!p.status?.ready,
      };
    }

    return out;
  }

  /** A plugin file: from the cache, or straight from the endpoint for `noCache` plugins. */
  file(name: string, version: string, relativePath: string, authenticated: boolean): Buffer | undefined {
    const entry = this.entries(authenticated)[name];

    if (!entry || entry.version !== version || FILE_ENTRY_RE.test(relativePath)) {
      return undefined;
    }
    const cached = this.cache.get(name);

    if (cached && cached.version === version) {
      return cached.files.get(relativePath);
    }
    if (entry.noCache) {
      try {
        return this.remotes.fetch(`${ entry.endpoint.replace(/\/+$/, '') }/${ relativePath }`);
      } catch {
        return undefined;
      }
    }

    return undefined;
  }

  /** For the /sim control API. */
  cachedVersions(): Record<string, { version: string, files: number }> {
    return Object.fromEntries([...this.cache].map(([name, c]) => [name, { version: c.version, files: c.files.size }]));
  }
}
