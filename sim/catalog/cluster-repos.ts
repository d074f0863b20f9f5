import { randomBytes } from 'crypto';
import { errors } from '../core/api-error';
import { randomSuffix } from '../core/ids';
import { kubeTimestamp } from '../core/time';
import { condition, resourceState, setCondition } from '../controllers/cluster-objects';
import type { SimState } from '../state';
import type { KubeObject } from '../store/kube-object';
import type { HookRegistry } from '../steve/hooks';
import { TYPES } from '../steve/type-catalog';
import type { ChartContent, HelmIndex } from './charts';
import { RemoteRegistry, RemoteRepo, RepoLocation } from './remotes';

function locationOf(repo: KubeObject): RepoLocation {
  const spec = repo.spec || {};

  return spec.gitRepo ? { gitRepo: spec.gitRepo, gitBranch: spec.gitBranch } : { url: spec.url };
}

function validateSpec(obj: KubeObject): void {
  const spec = obj.spec;

  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) {
    throw errors.invalid(`ClusterRepo.catalog.cattle.io "${ obj.metadata.name }" is invalid: spec: Required value`);
  }
  const { url, gitRepo, gitBranch } = spec;

  for (const [field, value] of [['url', url], ['gitRepo', gitRepo], ['gitBranch', gitBranch]] as const) {
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw errors.invalid(`ClusterRepo.catalog.cattle.io "${ obj.metadata.name }" is invalid: spec.${ field }: must be a string`);
    }
  }
  if (!url && !gitRepo) {
    throw errors.invalid(`ClusterRepo.catalog.cattle.io "${ obj.metadata.name }" is invalid: spec: either url or gitRepo is required`);
  }
  if (url && gitRepo) {
    throw errors.invalid(`ClusterRepo.catalog.cattle.io "${ obj.metadata.name }" is invalid: spec: url and gitRepo are mutually exclusive`);
  }
  const target = (url || gitRepo) as string;

  if (!/^(https?|oci):\/\/[^\s]+$/.test(target)) {
    throw errors.invalid(`ClusterRepo.catalog.cattle.io "${ obj.metadata.name }" is invalid: spec.${ url ? 'url' : 'gitRepo' }: "${ target }" is not an http(s) URL`);
  }
}

function sameSource(a: KubeObject['spec'], b: KubeObject['spec']): boolean {
  return (a?.url || '') === (b?.url || '') && (a?.gitRepo || '') === (b?.gitRepo || '') && (a?.gitBranch || '') === (b?.gitBranch || '') &&
    (a?.forceUpdate || '') === (b?.forceUpdate || '') && a?.enabled !== false === (b?.enabled !== false);
}

/**
 * Rancher's cluster repository controller: a ClusterRepo downloads its index (a snapshot, like
 * the ConfigMap Rancher keeps) on create and again whenever its spec changes — the dashboard's
 * Refresh sets `spec.forceUpdate` — and reports it with the `Downloaded` condition.
 */
export class ClusterRepoController {
  private snapshots = new Map<string, HelmIndex>();

  constructor(private state: SimState, private remotes: RemoteRegistry, private delayMs: () => number) {}

  register(hooks: HookRegistry): void {
    hooks.register(TYPES.CLUSTER_REPO, {
      beforeCreate: (draft) => {
        validateSpec(draft);
        draft.status = { observedGeneration: 0, conditions: [] };
        draft.metadata.state = resourceState('in-progress', 'downloading the repository index', { transitioning: true });
      },
      beforeUpdate: (draft, existing) => {
        validateSpec(draft);
        if (!sameSource(draft.spec, existing.spec)) {
          draft.metadata.state = resourceState('in-progress', 'downloading the repository index', { transitioning: true });
        }
      },
      delete: (obj) => {
        this.snapshots.delete(obj.metadata.name);
        this.state.store.remove(TYPES.CLUSTER_REPO, obj.metadata.name);

        return undefined;
      },
    });
    this.state.store.subscribe((event) => {
      if (event.type !== TYPES.CLUSTER_REPO || event.kind === 'remove') {
        return;
      }
      if ((event.obj.status?.observedGeneration ?? 0) < (event.obj.metadata.generation ?? 1)) {
        const name = event.obj.metadata.name;

        this.state.scheduler.after(this.delayMs(), () => this.download(name));
      }
    });
    this.state.on('reset', () => this.snapshots.clear());
  }

  /** Fetch the index now (controller loop, startup resync). */
  download(name: string): KubeObject | undefined {
    const repo = this.state.store.get(TYPES.CLUSTER_REPO, name);

    if (!repo) {
      return undefined;
    }
    const generation = repo.metadata.generation ?? 1;
    const location = locationOf(repo);

    if (repo.spec?.enabled === false) {
      this.snapshots.delete(name);

      return this.state.store.patch(TYPES.CLUSTER_REPO, name, (r) => {
        r.status = { ...(r.status || {}), observedGeneration: generation };
        r.metadata.state = resourceState('disabled', 'the repository is disabled');
      });
    }
    try {
      const remote = this.remotes.forLocation(location);
      const index = remote.index();

      this.snapshots.set(name, index);

      return this.state.store.patch(TYPES.CLUSTER_REPO, name, (r) => {
        const now = kubeTimestamp();

        r.status = {
          ...(r.status || {}),
          observedGeneration:      generation,
          downloadTime:            now,
          url:                     location.gitRepo || location.url,
          branch:                  location.gitBranch || (location.gitRepo ? 'master' : undefined),
          commit:                  location.gitRepo ? randomBytes(20).toString('hex') : undefined,
          indexConfigMapName:      `${ name }-${ randomSuffix(5) }`,
          indexConfigMapNamespace: 'cattle-system',
          conditions:              setCondition(setCondition(r.status?.conditions, condition('Downloaded', 'True')), condition('FollowerDownloaded', 'True')),
        };
        r.metadata.state = resourceState('active');
      });
    } catch (e) {
      this.snapshots.delete(name);
      const message = (e as Error).message;

      return this.state.store.patch(TYPES.CLUSTER_REPO, name, (r) => {
        r.status = {
          ...(r.status || {}),
          observedGeneration: generation,
          conditions:         setCondition(r.status?.conditions, condition('Downloaded', 'False', message, 'Error')),
        };
        r.metadata.state = resourceState('error', message, { error: true, transitioning: false });
      });
    }
  }

  /** Download every repository again (simulator start: snapshots live in memory). */
  resyncAll(): void {
    for (const repo of this.state.store.list(TYPES.CLUSTER_REPO)) {
      this.download(repo.metadata.name);
    }
  }

  /** The index as last downloaded; undefined while not downloaded (or failed). */
  index(name: string): HelmIndex | undefined {
    return this.snapshots.get(name);
  }

  remoteOf(name: string): RemoteRepo | undefined {
    const repo = this.state.store.get(TYPES.CLUSTER_REPO, name);

    try {
      return repo ? this.remotes.forLocation(locationOf(repo)) : undefined;
    } catch {
      return undefined;
    }
  }

  /** A chart version the downloaded index lists, read from the repository. */
  chart(repoName: string, chartName: string, version: string): ChartContent | undefined {
    const listed = this.snapshots.get(repoName)?.entries[chartName]?.some((e) => e.version === version);

    return listed ? this.remoteOf(repoName)?.chart(chartName, version) : undefined;
  }
}
