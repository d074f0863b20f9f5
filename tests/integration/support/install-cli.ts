import { execFileSync } from 'child_process';
import {
  existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync
} from 'fs';
import { tmpdir } from 'os';
import path from 'path';

// Jest globalSetup of the integration project: the harvester-manager command built as a user
// gets it (npm run build-cli, npm pack ./cli) and installed from that tarball into a fresh npm
// prefix, so `spawnCli` runs the installed command with plain node, away from this repository.

const ROOT = path.resolve(__dirname, '../../..');

/** Where the installed command's path is left for the test workers. */
export const INSTALLED_CLI_FILE = path.join(ROOT, '.cache', 'installed-cli.json');

export default function installCli(): void {
  const work = mkdtempSync(path.join(tmpdir(), 'harvester-manager-cli-'));
  const npm = (args: string[], cwd = work) => execFileSync('npm', args, {
    cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']
  });

  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-cli.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const [packed] = JSON.parse(npm(['pack', path.join(ROOT, 'cli'), '--json', '--pack-destination', work]));
  const prefix = path.join(work, 'prefix');

  // offline first: npm ci has put the dependencies' tarballs in npm's cache
  npm(['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed.filename)]);
  mkdirSync(path.dirname(INSTALLED_CLI_FILE), { recursive: true });
  writeFileSync(INSTALLED_CLI_FILE, JSON.stringify({ bin: path.join(prefix, 'bin', 'harvester-manager'), work }));
}

/** The tarball's install is removed after the run (globalTeardown). */
export function removeInstalledCli(): void {
  if (existsSync(INSTALLED_CLI_FILE)) {
    rmSync(JSON.parse(readFileSync(INSTALLED_CLI_FILE, 'utf8')).work, { recursive: true, force: true });
    rmSync(INSTALLED_CLI_FILE, { force: true });
  }
}
