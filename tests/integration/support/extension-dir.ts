// A build-pkg output folder as scripts/build-upstream-extension.sh leaves it, for the
// HM_EXTENSION_DIR tests (integration: what is read and served; e2e: npm start serving it).
import fs from 'fs';
import os from 'os';
import path from 'path';

export const NAME = 'harvester-manager';
export const VERSION = '7.7.7';
export const SCRIPT = `${ NAME }-${ VERSION }.umd.min.js`;
export const API_RANGE = { 'catalog.cattle.io/ui-extensions-version': '>= 3.0.0 < 4.0.0' };

const made: string[] = [];

/** A build-pkg output folder as scripts/build-upstream-extension.sh leaves it. */
export function buildOutput(pkg: Record<string, unknown> | undefined, files: Record<string, string> = { [SCRIPT]: '/* the other extension */' }): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-ext-dir-'));
  const dir = path.join(parent, `${ NAME }-${ VERSION }`);

  made.push(parent);
  fs.mkdirSync(dir);
  if (pkg) {
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
  }
  for (const [file, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, file), text);
  }
  // a file next to the folder, which must never be served through it
  fs.writeFileSync(path.join(parent, 'secret.txt'), 'not part of the extension');

  return dir;
}

export const goodPkg = {
  name: NAME, version: VERSION, rancher: { annotations: API_RANGE }, main: SCRIPT
};

/** Removes the folders made so far. */
export function removeBuildOutputs(): void {
  made.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
}
