import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { spawn } from 'child_process';

/** Hash of the files that decide a build's output, so a cached build is reused only when valid. */
export function hashInputs(rootDir: string, inputs: string[]): string {
  const hash = crypto.createHash('sha256');
  const visit = (p: string) => {
    if (!fs.existsSync(p)) {
      hash.update(`missing:${ p }`);

      return;
    }
    const stat = fs.statSync(p);

    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) {
        if (entry === 'node_modules' || entry.startsWith('.')) {
          continue;
        }
        visit(path.join(p, entry));
      }
    } else {
      hash.update(path.relative(rootDir, p));
      hash.update(fs.readFileSync(p));
    }
  };

  inputs.forEach((i) => visit(path.join(rootDir, i)));

  return hash.digest('hex');
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'w');
    const child = spawn(command, args, {
      cwd, env: { ...process.env, ...env }, stdio: ['ignore', out, out],
    });

    child.on('error', reject);
    child.on('exit', (code, signal) => {
      fs.closeSync(out);
      if (code === 0) {
        resolve();
      } else {
        reject(new Error(`${ command } ${ args.join(' ') } failed (${ signal || `exit ${ code }` }); see ${ logFile }`));
      }
    });
  });
}

interface CachedBuildOptions {
  rootDir: string;
  stampFile: string;
  inputs: string[];
  build: () => Promise<void>;
  log: (line: string) => void;
  what: string;
}

async function cachedBuild(opts: CachedBuildOptions): Promise<boolean> {
  const hash = hashInputs(opts.rootDir, opts.inputs);

  if (fs.existsSync(opts.stampFile) && fs.readFileSync(opts.stampFile, 'utf8').trim() === hash) {
    opts.log(`${ opts.what }: up to date`);

    return false;
  }
  const started = Date.now();

  opts.log(`${ opts.what }: building…`);
  await opts.build();
  fs.mkdirSync(path.dirname(opts.stampFile), { recursive: true });
  fs.writeFileSync(opts.stampFile, `${ hash }\n`);
  opts.log(`${ opts.what }: built in ${ ((Date.now() - started) / 1000).toFixed(0) } s`);

  return true;
}

/**
 * The unmodified Rancher dashboard, built once for production (minutes on 2 cores) and reused
 * until the shell version or the build config changes. Our extension is not part of it.
 */
export function ensureDashboardBuild(rootDir: string, log: (line: string) => void): Promise<boolean> {
  const dist = path.join(rootDir, 'dist');
  const logFile = path.join(rootDir, '.cache', 'dashboard-build.log');

  fs.mkdirSync(path.dirname(logFile), { recursive: true });

  return cachedBuild({
    rootDir,
    what:      'Rancher dashboard (first start only, ~5-10 min on 2 cores)',
    stampFile: path.join(dist, '.build-stamp'),
    inputs:    ['node_modules/@rancher/shell/package.json', 'vue.config.js', 'babel.config.js', 'tsconfig.json'],
    log,
    build:     async() => {
      fs.rmSync(dist, { recursive: true, force: true });
      await run(path.join(rootDir, 'node_modules/.bin/vue-cli-service'), ['build'], rootDir, {
        NODE_ENV:     'production',
        NODE_OPTIONS: '--max-old-space-size=6144',
      }, logFile);
    },
  });
}

/** Our extension through the shell's own build-pkg (seconds), rebuilt when its sources change. */
export function ensureExtensionBuild(rootDir: string, name: string, log: (line: string) => void): Promise<boolean> {
  const logFile = path.join(rootDir, '.cache', 'extension-build.log');

  fs.mkdirSync(path.dirname(logFile), { recursive: true });

  return cachedBuild({
    rootDir,
    what:      `Extension ${ name }`,
    stampFile: path.join(rootDir, 'dist-pkg', `.${ name }-build-stamp`),
    inputs:    [`pkg/${ name }`, 'node_modules/@rancher/shell/package.json'],
    log,
    // NODE_ENV=production as a plain `npm run build-pkg` has it: under jest (NODE_ENV=test) webpack
    // resolves packages with other export conditions and the build fails.
    build:     () => run('bash', [path.join(rootDir, 'node_modules/@rancher/shell/scripts/build-pkg.sh'), name], rootDir, { NODE_ENV: 'production' }, logFile),
  });
}
