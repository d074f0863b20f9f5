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
