import fs from 'fs';
import path from 'path';

/** What the shell's plugin loader needs to load our extension (see rancher-api.md, UI extensions). */
export interface ExtensionEntry {
  name: string;
  version: string;
  endpoint: string;
  noCache: boolean;
  metadata: Record<string, string>;
}

export interface BuiltExtension {
  name: string;
  version: string;
  /** dist-pkg/<name>-<version>: the build-pkg output */
  dir: string;
  /** `rancher.annotations` of the package's own package.json (build-pkg drops them from its copy) */
  annotations: Record<string, string>;
}

export const UI_PLUGINS_PATH = '/v1/uiplugins';

export function readBuiltExtension(rootDir: string, name: string): BuiltExtension {
  const pkg = JSON.parse(fs.readFileSync(path.join(rootDir, 'pkg', name, 'package.json'), 'utf8'));
  const dir = path.join(rootDir, 'dist-pkg', `${ name }-${ pkg.version }`);

  return {
    name, version: pkg.version, dir, annotations: pkg.rancher?.annotations || {},
  };
}

/**
 * `HM_EXTENSION_DIR=<folder>`: `npm start` serves the extension built into that folder (a
 * build-pkg output: `<name>-<version>.umd.min.js` and its package.json) instead of ours, e.g.
 * upstream's harvester-manager for the bench (scripts/build-upstream-extension.sh). Only the
 * environment chooses the folder; nothing from HTTP does.
 */
export const EXTENSION_DIR_ENV = 'HM_EXTENSION_DIR';

// What the shell's loader puts into a script URL and a window global: a plain package name and version.
const SAFE_NAME = /^[a-z0-9][a-z0-9._-]*$/;
const SAFE_VERSION = /^[0-9A-Za-z][0-9A-Za-z.+-]*$/;

/** The build-pkg output in `dir`, checked: a folder whose package.json names a script that is there. */
export function readExtensionDir(dir: string): BuiltExtension {
  const abs = path.resolve(dir);
  const fail = (why: string): never => {
    throw new Error(`${ EXTENSION_DIR_ENV }=${ dir }: ${ why }`);
  };

  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
    fail('not a folder');
  }
  const pkgFile = path.join(abs, 'package.json');
  let pkg: { name?: unknown, version?: unknown, rancher?: { annotations?: unknown } } = {};

  try {
    pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  } catch {
    fail('no readable package.json (expected a build-pkg output folder, dist-pkg/<name>-<version>)');
  }
  const { name, version } = pkg;

  if (typeof name !== 'string' || !SAFE_NAME.test(name) || typeof version !== 'string' || !SAFE_VERSION.test(version)) {
    fail('package.json has no plain name and version');
  }
  const main = `${ name }-${ version }.umd.min.js`;

  if (!fs.existsSync(path.join(abs, main))) {
    fail(`no ${ main } in it`);
  }
  const annotations = pkg.rancher && typeof pkg.rancher === 'object' && pkg.rancher.annotations && typeof pkg.rancher.annotations === 'object' ? pkg.rancher.annotations as Record<string, string> : {};

  return {
    name: name as string, version: version as string, dir: fs.realpathSync(abs), annotations,
  };
}

export function extensionAssetBase(ext: BuiltExtension): string {
  return `${ UI_PLUGINS_PATH }/${ ext.name }/${ ext.version }/plugin`;
}

export function extensionEntry(ext: BuiltExtension): ExtensionEntry {
  return {
    name:     ext.name,
    version:  ext.version,
    endpoint: extensionAssetBase(ext),
    noCache:  true,
    metadata: { ...ext.annotations },
  };
}

/**
 * Adds our entry to the backend's /v1/uiplugins answer. A 404 there means "no UI Plugin operator"
 * (as on the simulator before it serves its catalog): then ours is the only entry.
 */
export function mergeUiPlugins(backendBody: string | undefined, status: number, ext: BuiltExtension): string {
  let entries: Record<string, ExtensionEntry> = {};

  if (status >= 200 && status < 300 && backendBody) {
    try {
      entries = JSON.parse(backendBody).entries || {};
    } catch {
      entries = {};
    }
  }

  return JSON.stringify({ entries: { ...entries, [ext.name]: extensionEntry(ext) } });
}
