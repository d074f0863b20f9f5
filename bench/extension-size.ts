/**
 * Size of the built extension: raw and gzip (level 9) bytes of every .js/.css file build-pkg
 * wrote to `dist-pkg/harvester-manager-<version>/` (what the dashboard may download; source maps
 * and package.json are not counted). Shared by `npm run bench` and `npx tsx bench/extension-size.ts`.
 */
import fs from 'fs';
import path from 'path';
import zlib from 'zlib';

export interface FileSize { name: string; raw: number; gzip: number }

export interface ExtensionSize { rawKB: number; gzipKB: number; largest: string; files: FileSize[] }

const ROOT = path.resolve(__dirname, '..');
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

export function extensionSize(rootDir: string = ROOT): ExtensionSize {
  const distPkg = path.join(rootDir, 'dist-pkg');
  const dir = fs.existsSync(distPkg) ? fs.readdirSync(distPkg).find((d) => d.startsWith('harvester-manager-') && !d.endsWith('.tgz')) : undefined;

  if (!dir) {
    return {
      rawKB: 0, gzipKB: 0, largest: 'not built', files: []
    };
  }

  return buildSize(path.join(distPkg, dir), rootDir);
}

/** The same figures for any build-pkg output folder (e.g. upstream's, for the bench); names relative to `rootDir`. */
export function buildSize(folder: string, rootDir: string = folder): ExtensionSize {
  const files: FileSize[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);

      if (entry.isDirectory()) {
        walk(p);
      } else if (/\.(js|css)$/.test(entry.name)) {
        const buf = fs.readFileSync(p);

        files.push({
          name: path.relative(rootDir, p), raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length
        });
      }
    }
  };

  walk(folder);
  files.sort((a, b) => b.raw - a.raw);
  const raw = files.reduce((sum, f) => sum + f.raw, 0);
  const gzip = files.reduce((sum, f) => sum + f.gzip, 0);
  const largest = files[0];

  return {
    rawKB: kb(raw), gzipKB: kb(gzip), largest: largest ? `${ largest.name } (${ Math.round(largest.raw / 1024) } KB)` : 'none', files
  };
}

if (require.main === module) {
  const size = extensionSize();

  for (const f of size.files) {
    process.stdout.write(`${ String(kb(f.raw)).padStart(8) } KB  ${ String(kb(f.gzip)).padStart(7) } KB gz  ${ f.name }\n`);
  }
  process.stdout.write(`total: ${ size.rawKB } KB raw, ${ size.gzipKB } KB gzip (${ size.files.length } files)\n`);
}
