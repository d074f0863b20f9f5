/**
 * `npm run build-cli`: the harvester-manager command as plain JavaScript, `cli/dist/harvester-manager.js`,
 * for the `cli/` package (`npm install -g ./cli`, or its `npm pack` tarball). One file with the
 * CLI, the domain code it shares with the extension and the extension's English texts; its
 * dependencies (axios, commander, yaml, @kubernetes/client-node) stay packages of their own.
 */
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { flattenCatalogue } from '../cli/messages';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'cli', 'dist', 'harvester-manager.js');

export async function buildCli(): Promise<string> {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'cli', 'package.json'), 'utf8'));
  const catalogue = flattenCatalogue(parse(readFileSync(path.join(ROOT, 'pkg/harvester-manager/l10n/en-us.yaml'), 'utf8')));

  await build({
    entryPoints:   [path.join(ROOT, 'cli', 'main.ts')], // it runs itself as the main module
    outfile:       OUT,
    bundle:        true,
    platform:      'node',
    // CommonJS: the Harvester client is required lazily (only --harvester-kubeconfig loads
    // @kubernetes/client-node, an ES module: Node 20.19 and later require it natively).
    format:        'cjs',
    target:        'node20',
    external:      Object.keys(pkg.dependencies),
    define:        { __HARVESTER_MANAGER_CATALOGUE__: JSON.stringify(catalogue) },
    banner:        { js: '#!/usr/bin/env node' },
    legalComments: 'none',
    logLevel:      'warning',
  });
  chmodSync(OUT, 0o755);

  return OUT;
}

if (require.main === module) {
  buildCli().then((out) => process.stdout.write(`built ${ path.relative(ROOT, out) }\n`)).catch((e) => {
    process.stderr.write(`${ (e as Error).message }\n`);
    process.exit(1);
  });
}
