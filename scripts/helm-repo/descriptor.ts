import fs from 'fs';
import path from 'path';

// The packager (npm run package) owns this format; the simulator reads it to serve the repository.

/**
 * `repository.json` that `npm run package` writes next to `index.yaml`: where the repository is
 * published (what an admin adds in Rancher) and the URL prefix its extension endpoints use.
 */
export interface RepositoryDescriptor {
  /** Chart (and extension) name. */
  name: string;
  /** Helm HTTP repository URL (a static web server holding this folder). */
  url?: string;
  /** Git repository holding this folder on `gitBranch` (GitHub Pages style). */
  gitRepo?: string;
  gitBranch?: string;
  /** URL this folder is reachable at for plain files: `plugin.endpoint` = `<fileBase>/extensions/<name>/<version>`. */
  fileBase: string;
}

export const REPOSITORY_DESCRIPTOR = 'repository.json';

export function readRepositoryDescriptor(dir: string): RepositoryDescriptor {
  const file = path.join(dir, REPOSITORY_DESCRIPTOR);

  if (!fs.existsSync(file)) {
    throw new Error(`${ file } is missing: ${ dir } is not a repository made by npm run package`);
  }
  const desc = JSON.parse(fs.readFileSync(file, 'utf8')) as RepositoryDescriptor;

  if (!desc.name || !desc.fileBase || (!desc.url && !desc.gitRepo)) {
    throw new Error(`${ file } needs name, fileBase and url or gitRepo`);
  }

  return desc;
}
