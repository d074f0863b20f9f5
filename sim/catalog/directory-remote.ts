import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import type { ChartContent, HelmIndex } from './charts';
import { normalizeUrl, RemoteRepo, RepoLocation } from './remotes';
import { readTarGz } from './tar';
import { readRepositoryDescriptor, type RepositoryDescriptor } from '../../scripts/helm-repo/descriptor';

/** A Helm chart repository in a local folder (the `dist-repo/` that `npm run package` builds). */
export class DirectoryRemote implements RemoteRepo {
  readonly id: string;
  readonly descriptor: RepositoryDescriptor;

  constructor(readonly dir: string) {
    this.descriptor = readRepositoryDescriptor(dir);
    this.id = this.descriptor.name;
  }

  get fileBases(): string[] {
    return [this.descriptor.fileBase.replace(/\/+$/, '')];
  }

  /** The spec of a ClusterRepo pointing at this repository. */
  get location(): RepoLocation {
    const { url, gitRepo, gitBranch } = this.descriptor;

    return gitRepo ? { gitRepo, gitBranch } : { url };
  }

  matches(location: RepoLocation): boolean {
    const { url, gitRepo, gitBranch } = this.descriptor;

    if (location.gitRepo) {
      return !!gitRepo && normalizeUrl(location.gitRepo) === normalizeUrl(gitRepo) && (location.gitBranch || 'master') === (gitBranch || 'master');
    }

    return !!url && normalizeUrl(location.url) === normalizeUrl(url);
  }

  index(): HelmIndex {
    const index = YAML.parse(fs.readFileSync(path.join(this.dir, 'index.yaml'), 'utf8')) as HelmIndex;

    return {
      apiVersion: 'v1', entries: index.entries || {}, generated: index.generated
    };
  }

  chart(name: string, version: string): ChartContent | undefined {
    const entry = this.index().entries[name]?.find((e) => e.version === version);
    const url = entry?.urls?.[0];

    if (!url) {
      return undefined;
    }
    const archive = /^https?:\/\//.test(url) ? this.fileUnderBase(url) : this.file(url);

    if (!archive) {
      return undefined;
    }
    const files = readTarGz(archive);
    const get = (rel: string) => files.get(`${ name }/${ rel }`)?.toString('utf8');
    const chartYaml = get('Chart.yaml');

    if (!chartYaml) {
      return undefined;
    }

    return {
      metadata:  YAML.parse(chartYaml),
      values:    YAML.parse(get('values.yaml') || '{}') || {},
      readme:    get('README.md'),
      templates: [...files.keys()].filter((f) => f.startsWith(`${ name }/templates/`)).map((f) => f.slice(name.length + 1)),
    };
  }

  file(relativePath: string): Buffer | undefined {
    const root = path.resolve(this.dir);
    const full = path.resolve(root, relativePath);

    if (!full.startsWith(`${ root }${ path.sep }`) || !fs.existsSync(full) || !fs.statSync(full).isFile()) {
      return undefined;
    }

    return fs.readFileSync(full);
  }

  private fileUnderBase(url: string): Buffer | undefined {
    const base = [this.descriptor.fileBase, this.descriptor.url].filter(Boolean).map((b) => `${ (b as string).replace(/\/+$/, '') }/`)
      .find((b) => url.startsWith(b));

    return base ? this.file(url.slice(base.length)) : undefined;
  }
}
