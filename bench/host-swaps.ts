/**
 * `npm run bench:swaps` — what each module swap of the extension's library build saves
 * (pkg/harvester-manager/vue.config.js: HOST_MODULES, the per-function lodash, the console
 * polyfill): the extension is built once as shipped, then once per swap with only that swap left
 * out (HARVESTER_MANAGER_KEEP_SHELL), and the gzip sizes compared in the same run. About half a
 * minute per build on 2 cores; the shipped build is put back at the end.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { extensionSize } from './extension-size';

const ROOT = path.resolve(__dirname, '..');
const PKG_DIR = path.join(ROOT, 'pkg/harvester-manager');
const DIST = path.join(ROOT, 'dist-pkg');

/** The swaps as vue.config.js declares them: HOST_MODULES' keys, then the two plugin tweaks. */
export function declaredSwaps(): string[] {
  const source = fs.readFileSync(path.join(PKG_DIR, 'vue.config.js'), 'utf8');
  const block = source.slice(source.indexOf('const HOST_MODULES = {'), source.indexOf('};', source.indexOf('const HOST_MODULES = {')));
  const keys = [...block.matchAll(/^\s+'?([^'\s:]+)'?:\s+'host\//gm)].map((m) => m[1]);

  return [...keys, 'lodash', 'console'];
}

/** gzip KB of the build, or why it failed (a swap some bundled code cannot do without). */
function buildGzipKB(keepShell: string): number | string {
  try {
    execFileSync('bash', [path.join(ROOT, 'node_modules/@rancher/shell/scripts/build-pkg.sh'), 'harvester-manager'], {
      cwd:       ROOT,
      stdio:     ['ignore', 'pipe', 'pipe'],
      encoding:  'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env:       {
        ...process.env, NODE_ENV: 'production', HARVESTER_MANAGER_KEEP_SHELL: keepShell
      },
    });
  } catch (e) {
    const output = `${ (e as { stdout?: string }).stdout || '' }${ (e as { stderr?: string }).stderr || '' }`;
    const reason = /export '[^']+' \(imported as '[^']+'\) was not found in '[^']+'|Module not found: [^\n]+/.exec(output)?.[0] || 'the build failed';

    return reason.replace(/\s+/g, ' ').slice(0, 160);
  }

  return extensionSize(ROOT).gzipKB;
}

function main(): void {
  const shipped = path.join(ROOT, '.cache', 'dist-pkg-shipped');

  fs.rmSync(shipped, { recursive: true, force: true });
  if (fs.existsSync(DIST)) {
    fs.mkdirSync(path.dirname(shipped), { recursive: true });
    fs.renameSync(DIST, shipped);
  }
  try {
    const base = buildGzipKB('');

    if (typeof base !== 'number') {
      throw new Error(`the shipped build failed: ${ base }`);
    }
    const rows = declaredSwaps().map((swap) => {
      const without = buildGzipKB(swap);

      process.stderr.write(`[swaps] ${ swap }: ${ typeof without === 'number' ? `${ without } KB` : without } without it\n`);

      return typeof without === 'number' ? [swap, `${ without } KB`, `${ (without - base).toFixed(1) } KB`] : [swap, 'no build', `needed: ${ without }`];
    });

    process.stdout.write(`Extension as shipped: ${ base } KB gzip\n\n`);
    const all = [['swap left out', 'gzip without it', 'saved by the swap'], ...rows];
    const widths = all[0].map((_, i) => Math.max(...all.map((r) => r[i].length)));

    all.forEach((r) => process.stdout.write(`${ r.map((c, i) => c.padEnd(widths[i])).join('  ') }\n`));
  } finally {
    fs.rmSync(DIST, { recursive: true, force: true });
    if (fs.existsSync(shipped)) {
      fs.renameSync(shipped, DIST);
    }
  }
}

if (require.main === module) {
  main();
}
