import { execFileSync, spawnSync } from 'child_process';
import { realpathSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { installedCli, ROOT } from './support/cli-harness';

// The command as a user installs it (issue 18 item 5): `npm pack ./cli`, `npm install -g` of the
// tarball (support/install-cli.ts), then plain node, outside this repository.

const run = (args: string[]) => spawnSync(installedCli(), args, {
  cwd: tmpdir(), encoding: 'utf8', env: { PATH: process.env.PATH, HOME: tmpdir() }
});

describe('cli: the installed package', () => {
  it('lives outside the repository and holds only its bundle and package.json', () => {
    const installed = realpathSync(installedCli());

    expect(path.relative(ROOT, installed).startsWith('..')).toBe(true);
    expect(installed.endsWith(path.join('node_modules', 'harvester-manager-cli', 'dist', 'harvester-manager.js'))).toBe(true);

    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', path.join(ROOT, 'cli')], { cwd: tmpdir(), encoding: 'utf8' }));

    expect(packed.files.map((f: { path: string }) => f.path).sort()).toEqual(['dist/harvester-manager.js', 'package.json']);
  });

  it('runs with plain node: --version is the package\'s, and domain messages come in English from the bundle', () => {
    const version = run(['--version']);

    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(require('../../cli/package.json').version);

    const bad = run(['import', 'My.Cluster', '--server', 'http://127.0.0.1:9', '--token', 'token-abcde:secret']);

    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Name must not contain dots');
    expect(bad.stderr).not.toContain('harvesterManager.');
  });
});
