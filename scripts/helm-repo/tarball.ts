import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

/**
 * `<outFile>` = gzipped tar of `<parentDir>/<entry>`, the way `helm package` lays a chart out
 * (one top folder). Written with the system's GNU tar and gzip — `helm` is not installed here —
 * with sorted names, numeric root ownership and a fixed mtime, so the same input gives the same
 * archive (and digest).
 */
export function createTarGz(parentDir: string, entry: string, outFile: string, mtime: Date): void {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const tar = execFileSync('tar', [
    '--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--format=ustar', `--mtime=@${ Math.floor(mtime.getTime() / 1000) }`,
    '-C', parentDir, '-cf', '-', entry,
  ], { maxBuffer: 512 * 1024 * 1024 });
  const gz = execFileSync('gzip', ['-n', '-9', '-c'], { input: tar, maxBuffer: 512 * 1024 * 1024 });

  fs.writeFileSync(outFile, gz);
}
