import { readdirSync, readFileSync, statSync } from 'fs';
import path from 'path';

// Dependencies point one way (CONTRIBUTING.md): scripts/, bench/ and drivers/ start the product or
// the simulator as processes and drive them over HTTP, and never import their code; the domain
// layer imports nothing of the extension's outer layers.

const ROOT = path.resolve(__dirname, '../..');

function tsFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);

    if (name === 'node_modules' || name === 'results' || name === 'dist') {
      return [];
    }

    return statSync(path.join(ROOT, rel)).isDirectory() ? tsFiles(rel) : /\.(ts|js)$/.test(name) ? [rel] : [];
  });
}

/** Every module a file imports (static, dynamic, require), resolved against the repository root. */
function importsOf(file: string): string[] {
  const src = readFileSync(path.join(ROOT, file), 'utf8');
  const specs = [...src.matchAll(/(?:from\s+|import\(\s*|require\(\s*)'([^']+)'/g)].map((m) => m[1]);

  return specs.filter((s) => s.startsWith('.')).map((s) => path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), s)));
}

function arrows(fromDirs: string[], intoDirs: string[]): string[] {
  return fromDirs.flatMap(tsFiles).flatMap((file) => importsOf(file)
    .filter((target) => intoDirs.some((d) => target === d || target.startsWith(`${ d }/`)))
    .map((target) => `${ file } → ${ target }`));
}

describe('the import graph', () => {
  it('scripts/, bench/ and drivers/ import nothing from sim/, serve/ or tests/', () => {
    expect(arrows(['scripts', 'bench', 'drivers'], ['sim', 'serve', 'tests'])).toEqual([]);
  });

  it('the domain imports nothing from the adapters, views, config or the shell', () => {
    const outward = tsFiles('pkg/harvester-manager/domain').flatMap((file) => {
      const src = readFileSync(path.join(ROOT, file), 'utf8');

      return [...src.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1])
        .filter((s) => s.startsWith('@shell') || s.startsWith('@components') || /^\.\.\//.test(s))
        .map((s) => `${ file } → ${ s }`);
    });

    expect(outward).toEqual([]);
  });

  it('the simulator imports no product code (only the chart repository format scripts/helm-repo owns)', () => {
    expect(arrows(['sim'], ['pkg', 'cli', 'serve', 'drivers', 'tests', 'bench'])).toEqual([]);
    expect(arrows(['sim'], ['scripts'])).toEqual(['sim/catalog/directory-remote.ts → scripts/helm-repo/descriptor']);
  });

  it('the CLI uses the domain and nothing else of the repository', () => {
    const outside = arrows(['cli'], ['pkg', 'sim', 'serve', 'scripts', 'drivers', 'tests', 'bench'])
      .filter((arrow) => !/→ pkg\/harvester-manager\/domain(\/|$)/.test(arrow));

    expect(outside).toEqual([]);
  });

  it('finds an arrow when there is one (the check itself)', () => {
    expect(importsOf('serve/main.ts')).toContain('sim/server');
    expect(arrows(['serve'], ['sim'])).toEqual(expect.arrayContaining(['serve/main.ts → sim/server']));
  });
});
