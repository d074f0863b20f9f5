import fs from 'fs';
import path from 'path';
import { REPOSITORY_DESCRIPTOR, RepositoryDescriptor } from './descriptor';
import { writeChart } from './chart';
import { changelogProblem, readExtensionManifest } from './extension-package';
import { writeIndex } from './index-file';
import { lintRepository, lintTemplates, LintProblem } from './lint';
import { createTarGz } from './tarball';

/** Where the repository will be published (what a Rancher admin adds under Repositories). */
export type RepositoryTarget =
  | { kind: 'http', url: string }
  | { kind: 'github', source: string, branch: string };

export interface PackageOptions {
  rootDir: string;
  /** Extension name (folder under pkg/). */
  name: string;
  /** The build-pkg output folder (`dist-pkg/<name>-<version>`). */
  pluginDir: string;
  /** Repository folder to write (`dist-repo`); other versions already in it are kept. */
  outDir: string;
  target: RepositoryTarget;
  /** Package time (archive mtimes, index `created`); SOURCE_DATE_EPOCH for reproducible output. */
  now?: Date;
  log?: (line: string) => void;
}

export interface PackageResult {
  version: string;
  chartArchive: string;
  indexFile: string;
  descriptor: RepositoryDescriptor;
  problems: LintProblem[];
}

export const PACKAGE_STAMP = '.package-stamp';

export function describeTarget(name: string, target: RepositoryTarget): RepositoryDescriptor {
  if (target.kind === 'github') {
    return {
      name,
      gitRepo:   `https://github.com/${ target.source }`,
      gitBranch: target.branch,
      fileBase:  `https://raw.githubusercontent.com/${ target.source }/${ target.branch }`,
    };
  }
  const url = target.url.replace(/\/+$/, '');

  return {
    name, url, fileBase: url
  };
}

/** Copy the built extension as the operator wants it: `<version>/plugin/…`, `files.txt`, `<version>.tgz`. */
function writeExtensionFiles(pluginDir: string, extRoot: string, version: string, now: Date): string {
  const dir = path.join(extRoot, version);

  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'plugin'), { recursive: true });
  fs.cpSync(pluginDir, path.join(dir, 'plugin'), { recursive: true });
  fs.rmSync(path.join(dir, 'plugin', 'report.html'), { force: true });
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel)).sort()) {
      const child = `${ rel }/${ entry }`;

      if (fs.statSync(path.join(dir, child)).isDirectory()) {
        walk(child);
      } else {
        files.push(child);
      }
    }
  };

  walk('plugin');
  fs.writeFileSync(path.join(dir, 'files.txt'), `${ files.sort().join('\n') }\n`);
  createTarGz(extRoot, version, `${ dir }.tgz`, now);

  return dir;
}

/**
 * Builds the Helm chart repository for the extension, laid out as the shell's `publish` script
 * lays out a GitHub Pages branch, so the folder can be pushed to `gh-pages` or served by any
 * web server:
 *
 *   index.yaml                                  the Helm repository index
 *   assets/<name>/<name>-<version>.tgz          the chart (Chart.yaml, values.yaml, templates/cr.yaml: UIPlugin)
 *   charts/<name>/<version>/                    the same chart, unpacked (what a Git-based repository reads)
 *   extensions/<name>/<version>/plugin/…        the built extension, `files.txt`, and `<version>.tgz`:
 *                                               what Rancher's UI Plugin operator downloads from plugin.endpoint
 *   repository.json                             where it is published (for the simulator and tooling)
 */
export function packageExtension(opts: PackageOptions): PackageResult {
  const log = opts.log || (() => {});
  const now = opts.now || new Date();
  const pkgDir = path.join(opts.rootDir, 'pkg', opts.name);
  const manifest = readExtensionManifest(pkgDir);
  const changelog = path.join(pkgDir, 'CHANGELOG.md');
  const changelogIssue = changelogProblem(changelog, manifest.version);

  if (changelogIssue) {
    throw new Error(`${ changelogIssue }: describe version ${ manifest.version } there before packaging`);
  }
  if (!fs.existsSync(path.join(opts.pluginDir, `${ manifest.name }-${ manifest.version }.umd.min.js`))) {
    throw new Error(`${ opts.pluginDir } does not hold ${ manifest.name }-${ manifest.version }.umd.min.js: build the extension first`);
  }
  const descriptor = describeTarget(manifest.name, opts.target);
  const endpoint = `${ descriptor.fileBase }/extensions/${ manifest.name }/${ manifest.version }`;
  const out = opts.outDir;
  const chartsRoot = path.join(out, 'charts', manifest.name);
  const chartDir = path.join(chartsRoot, manifest.version);

  fs.mkdirSync(out, { recursive: true });
  log(`chart ${ manifest.name } ${ manifest.version } (endpoint ${ endpoint })`);
  writeChart({
    rootDir:    opts.rootDir,
    manifest,
    chartDir,
    endpoint,
    github:     opts.target.kind === 'github' ? { source: opts.target.source, branch: opts.target.branch } : undefined,
    extraFiles: [path.join(pkgDir, 'README.md'), changelog],
  });
  const templateProblems: LintProblem[] = [];

  lintTemplates(chartDir, path.relative(out, chartDir), templateProblems);

  // helm package: <name>/ at the top of the archive
  const staging = fs.mkdtempSync(path.join(out, '.staging-'));

  try {
    fs.cpSync(chartDir, path.join(staging, manifest.name), { recursive: true });
    const chartArchive = path.join(out, 'assets', manifest.name, `${ manifest.name }-${ manifest.version }.tgz`);

    createTarGz(staging, manifest.name, chartArchive, now);
    fs.utimesSync(chartArchive, now, now);
    log(`extension files for plugin.endpoint`);
    writeExtensionFiles(opts.pluginDir, path.join(out, 'extensions', manifest.name), manifest.version, now);
    const indexFile = writeIndex(out, now);

    fs.writeFileSync(path.join(out, REPOSITORY_DESCRIPTOR), `${ JSON.stringify(descriptor, null, 2) }\n`);
    const problems = [...templateProblems, ...lintRepository(out)];

    return {
      version: manifest.version, chartArchive, indexFile, descriptor, problems,
    };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** The target an existing repository folder was packaged for (to repackage it the same way). */
export function targetOf(outDir: string): RepositoryTarget | undefined {
  const file = path.join(outDir, REPOSITORY_DESCRIPTOR);

  if (!fs.existsSync(file)) {
    return undefined;
  }
  const d = JSON.parse(fs.readFileSync(file, 'utf8')) as RepositoryDescriptor;
  const gh = d.gitRepo && /^https:\/\/github\.com\/([^/]+\/[^/]+?)(\.git)?$/.exec(d.gitRepo);

  if (gh) {
    return {
      kind: 'github', source: gh[1], branch: d.gitBranch || 'gh-pages'
    };
  }

  return d.url ? { kind: 'http', url: d.url } : undefined;
}
