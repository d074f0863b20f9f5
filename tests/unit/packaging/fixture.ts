import fs from 'fs';
import os from 'os';
import path from 'path';
import { packageExtension, PackageResult, RepositoryTarget } from '../../../scripts/helm-repo/build';

export const ROOT = path.resolve(__dirname, '../../..');

const created: string[] = [];

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));

  created.push(dir);

  return dir;
}

/** Remove every folder the fixtures made (call from afterAll). */
export function removeFixtures(): void {
  created.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
}

/**
 * A stand-in for `dist-pkg/harvester-manager-<version>/` (what build-pkg writes), so the
 * packaging can be tested without the ~1 minute extension build.
 */
export function fakePluginBuild(version: string): string {
  const dir = tempDir('hm-plugin-');

  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'harvester-manager', version, rancher: true
  }));
  fs.writeFileSync(path.join(dir, `harvester-manager-${ version }.umd.min.js`), `window["harvester-manager-${ version }"]={default:function(p){p.metadata={name:"harvester-manager",version:"${ version }"}}};\n`);
  fs.writeFileSync(path.join(dir, `harvester-manager-${ version }.umd.min.list.js`), '/* chunk */\n');
  fs.mkdirSync(path.join(dir, 'img'));
  fs.writeFileSync(path.join(dir, 'img', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(dir, 'report.html'), '<html>bundle report</html>');

  return dir;
}

export function currentVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'pkg/harvester-manager/package.json'), 'utf8')).version;
}

/** Package the fake build into a fresh temporary repository folder. */
export function packageFixture(target: RepositoryTarget = { kind: 'http', url: 'https://charts.example.com/harvester-manager' }, outDir?: string): PackageResult & { outDir: string } {
  const out = outDir || tempDir('hm-repo-');
  const result = packageExtension({
    rootDir: ROOT, name: 'harvester-manager', pluginDir: fakePluginBuild(currentVersion()), outDir: out, target, now: new Date('2026-01-02T03:04:05Z'),
  });

  return { ...result, outDir: out };
}
