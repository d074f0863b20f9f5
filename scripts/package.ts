/**
 * npm run package — the extension as a Helm chart repository in dist-repo/, ready to be added
 * to Rancher (Extensions → Manage Repositories) and installed like any other UI extension.
 *
 *   npm run package                                   repository URL: as last time, else the GitHub
 *                                                     origin (gh-pages), else http://localhost:8000
 *   npm run package -- --repo-url https://charts.example.com/harvester-manager
 *   npm run package -- --github my-org/harvester-manager [--branch gh-pages]
 *   npm run package -- --out /tmp/repo
 *
 * Builds the extension with the shell's build-pkg (cached), then the chart with the shell's chart
 * template and helmpatch (see scripts/helm-repo/), writes index.yaml and lints the result; a lint
 * error fails the command.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { ensureExtensionBuild } from './support/builds';
import { PLUGIN_NAME } from '../pkg/harvester-manager/config/constants';
import {
  PACKAGE_STAMP, packageExtension, PackageResult, RepositoryTarget, targetOf,
} from './helm-repo/build';

const rootDir = path.resolve(__dirname, '..');

export const DEFAULT_REPO_DIR = path.join(rootDir, 'dist-repo');
export const FALLBACK_REPO_URL = 'http://localhost:8000';

function gitHubOrigin(): string | undefined {
  try {
    const origin = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: rootDir, encoding: 'utf8' }).trim();
    const m = /github\.com[:/]([^/]+\/[^/]+?)(\.git)?$/.exec(origin);

    return m?.[1];
  } catch {
    return undefined;
  }
}

function buildStamp(): string {
  const file = path.join(rootDir, 'dist-pkg', `.${ PLUGIN_NAME }-build-stamp`);

  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
}

function pluginDir(): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(rootDir, 'pkg', PLUGIN_NAME, 'package.json'), 'utf8'));

  return path.join(rootDir, 'dist-pkg', `${ PLUGIN_NAME }-${ version }`);
}

function packageTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;

  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}

/** Build (cached) and package; throws when the repository has lint errors. */
export async function buildRepository(outDir: string, target: RepositoryTarget, log: (line: string) => void): Promise<PackageResult> {
  await ensureExtensionBuild(rootDir, PLUGIN_NAME, log);
  const result = packageExtension({
    rootDir, name: PLUGIN_NAME, pluginDir: pluginDir(), outDir, target, now: packageTime(), log,
  });

  for (const p of result.problems) {
    log(`${ p.severity }: ${ p.file }: ${ p.message }`);
  }
  if (result.problems.some((p) => p.severity === 'error')) {
    throw new Error(`the chart repository in ${ outDir } has lint errors (above)`);
  }
  fs.writeFileSync(path.join(outDir, PACKAGE_STAMP), `${ buildStamp() }\n`);

  return result;
}

/**
 * npm start: when dist-repo/ exists, keep it in step with the extension build (repackaged
 * for the same repository URL when the sources changed). Returns whether it is usable.
 */
export async function ensurePackagedRepository(outDir: string, log: (line: string) => void): Promise<boolean> {
  const target = targetOf(outDir);

  if (!target) {
    return false;
  }
  const stampFile = path.join(outDir, PACKAGE_STAMP);
  const stamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';

  if (stamp && stamp === buildStamp()) {
    log('Helm chart repository dist-repo/: up to date');

    return true;
  }
  log('Helm chart repository dist-repo/: repackaging for the current build…');
  await buildRepository(outDir, target, log);

  return true;
}

function parseArgs(argv: string[]): { outDir: string, target: RepositoryTarget } {
  let outDir = DEFAULT_REPO_DIR;
  let repoUrl: string | undefined;
  let github: string | undefined;
  let branch = 'gh-pages';

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];

      if (!v) {
        throw new Error(`${ arg } needs a value`);
      }

      return v;
    };

    if (arg === '--repo-url') {
      repoUrl = value();
    } else if (arg === '--github') {
      github = value();
    } else if (arg === '--branch') {
      branch = value();
    } else if (arg === '--out') {
      outDir = path.resolve(value());
    } else if (arg === '-h' || arg === '--help') {
      process.stdout.write('usage: npm run package -- [--repo-url <https://…> | --github <owner/repo> [--branch gh-pages]] [--out dist-repo]\n');
      process.exit(0);
    } else {
      throw new Error(`unknown option ${ arg } (try --help)`);
    }
  }
  if (repoUrl && github) {
    throw new Error('use either --repo-url or --github');
  }
  if (repoUrl && !/^https?:\/\/[^\s]+$/.test(repoUrl)) {
    throw new Error(`--repo-url must be an http(s) URL, got "${ repoUrl }"`);
  }
  if (github && !/^[\w.-]+\/[\w.-]+$/.test(github)) {
    throw new Error(`--github must be owner/repo, got "${ github }"`);
  }
  const origin = gitHubOrigin();
  const target: RepositoryTarget = repoUrl ? { kind: 'http', url: repoUrl } : github ? {
    kind: 'github', source: github, branch
  } : targetOf(outDir) || (origin ? {
    kind: 'github', source: origin, branch
  } : { kind: 'http', url: FALLBACK_REPO_URL });

  return { outDir, target };
}

async function main() {
  const log = (line: string) => process.stdout.write(`[package] ${ line }\n`);
  const { outDir, target } = parseArgs(process.argv.slice(2));
  const result = await buildRepository(outDir, target, log);
  const d = result.descriptor;
  const rel = path.relative(process.cwd(), outDir) || '.';

  process.stdout.write(`
  Helm chart repository: ${ rel }/ (${ PLUGIN_NAME } ${ result.version }, lint passed)
  ${ d.gitRepo ? `Publish: push the contents of ${ rel }/ to ${ d.gitRepo } branch ${ d.gitBranch }.
  In Rancher: Extensions → ⋮ → Manage Repositories → Create: Git repository ${ d.gitRepo }, branch ${ d.gitBranch }.` : `Publish: serve ${ rel }/ at ${ d.url } (any static web server; Rancher must reach it).
  In Rancher: Extensions → ⋮ → Manage Repositories → Create: http(s) URL ${ d.url }.` }
  Then install "Harvester Manager" from Extensions → Available (docs/install.md).
`);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`[package] ${ err.message || err }\n`);
    process.exit(1);
  });
}
