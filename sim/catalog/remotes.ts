import type { ChartContent, HelmIndex } from './charts';

/** How a ClusterRepo points at a Helm repository: an HTTP(S) index URL, or a Git repository + branch. */
export interface RepoLocation {
  url?: string;
  gitRepo?: string;
  gitBranch?: string;
}

/**
 * A chart repository somewhere on the internet, as the simulator models it (it never goes
 * online): its index, its charts, and the files its extensions' `plugin.endpoint` URLs point at.
 */
export interface RemoteRepo {
  /** Short name for logs and the /sim control API. */
  readonly id: string;
  /** Does a ClusterRepo spec point at this repository? */
  matches(location: RepoLocation): boolean;
  /** Where the repository's plain files live (endpoints point below these), without a trailing slash. */
  readonly fileBases: string[];
  index(): HelmIndex;
  chart(name: string, version: string): ChartContent | undefined;
  /** A file below one of `fileBases`, by path relative to it; undefined when absent. */
  file(relativePath: string): Buffer | undefined;
}

export function normalizeUrl(url: string | undefined): string {
  return (url || '').trim().replace(/\.git$/, '').replace(/\/+$/, '').toLowerCase();
}

export class RemoteFetchError extends Error {}

/**
 * The simulator's stand-in for the internet: the repositories it knows, found by a ClusterRepo's
 * URL or by a file URL (what the UI Plugin operator downloads). Anything else is unreachable.
 */
export class RemoteRegistry {
  private remotes: RemoteRepo[] = [];

  add(remote: RemoteRepo): void {
    this.remotes = [...this.remotes.filter((r) => r.id !== remote.id), remote];
  }

  get(id: string): RemoteRepo | undefined {
    return this.remotes.find((r) => r.id === id);
  }

  list(): RemoteRepo[] {
    return [...this.remotes];
  }

  forLocation(location: RepoLocation): RemoteRepo {
    const remote = this.remotes.find((r) => r.matches(location));

    if (!remote) {
      const where = location.gitRepo ? `${ location.gitRepo } (branch ${ location.gitBranch || 'master' })` : location.url;

      throw new RemoteFetchError(`failed to fetch the repository index from ${ where }: the host cannot be reached from the simulator`);
    }

    return remote;
  }

  /** GET of a plain file URL (plugin endpoint files). */
  fetch(url: string): Buffer {
    const wanted = url.trim();

    for (const remote of this.remotes) {
      for (const base of remote.fileBases) {
        if (wanted.toLowerCase().startsWith(`${ base.toLowerCase() }/`)) {
          const rel = decodeURIComponent(wanted.slice(base.length + 1).split(/[?#]/)[0]);

          if (rel.split('/').some((part) => part === '..' || part === '')) {
            break;
          }
          const data = remote.file(rel);

          if (data) {
            return data;
          }
        }
      }
    }
    throw new RemoteFetchError(`GET ${ url }: 404 Not Found`);
  }
}
