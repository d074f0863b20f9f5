import fs from 'fs';
import path from 'path';

/** What packaging needs from `pkg/<name>/package.json` (the extension's own manifest). */
export interface ExtensionManifest {
  name: string;
  version: string;
  description?: string;
  icon?: string;
  homepage?: string;
  keywords?: string[];
  /** `rancher.annotations`: the chart annotations Rancher and the shell check. */
  annotations: Record<string, string>;
  /** `rancher.noAuth`: load the extension before login. */
  noAuth: boolean;
}

export function readExtensionManifest(pkgDir: string): ExtensionManifest {
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));

  return {
    name:        pkg.name,
    version:     pkg.version,
    description: pkg.description,
    icon:        pkg.icon,
    homepage:    pkg.homepage,
    keywords:    pkg.keywords,
    annotations: { ...(pkg.rancher?.annotations || {}) },
    noAuth:      pkg.rancher?.noAuth === true,
  };
}

/** The changelog must describe the version being packaged (a `## <version>` heading). */
export function changelogProblem(changelogFile: string, version: string): string | null {
  if (!fs.existsSync(changelogFile)) {
    return `${ changelogFile } is missing`;
  }
  const text = fs.readFileSync(changelogFile, 'utf8');
  const escaped = version.replace(/[.+]/g, (c) => `\\${ c }`);

  return new RegExp(`^##\\s+\\[?v?${ escaped }\\]?(\\s|$)`, 'm').test(text) ? null : `${ changelogFile } has no "## ${ version }" section`;
}
