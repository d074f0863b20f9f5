/**
 * What dominates the built extension: the modules with the most gzip bytes, read from the
 * webpack-bundle-analyzer report the shell's build-pkg writes next to the package
 * (`dist-pkg/harvester-manager-<version>/report.html`, its `window.chartData`).
 */
import fs from 'fs';
import path from 'path';

interface ChartNode {
  label?: string;
  path?: string;
  gzipSize?: number;
  parsedSize?: number;
  groups?: ChartNode[];
}

export interface ModuleSize {
  /** The module, shortened to what follows the last `node_modules/` (or a concatenation's entry). */
  module: string;
  chunk: string;
  gzipKB: number;
}

const ROOT = path.resolve(__dirname, '..');
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

function shortName(node: ChartNode): string {
  const full = node.path || node.label || '';
  // a concatenated module is named after its entry: keep the part that names the module itself
  const inModules = full.split('(concatenated)/').pop()?.split('node_modules/').pop() || full;

  return inModules.replace(/^\.\//, '').replace(/\?vue&type=(\w+).*$/, ' ($1)');
}

/** The `top` largest modules by gzip size, or [] when the package (or its report) is not built. */
export function packageBreakdown(top = 10, rootDir: string = ROOT): ModuleSize[] {
  const distPkg = path.join(rootDir, 'dist-pkg');
  const dir = fs.existsSync(distPkg) ? fs.readdirSync(distPkg).find((d) => d.startsWith('harvester-manager-') && !d.endsWith('.tgz')) : undefined;
  const report = dir ? path.join(distPkg, dir, 'report.html') : '';

  if (!report || !fs.existsSync(report)) {
    return [];
  }
  const data = /window\.chartData\s*=\s*(\[.*?\]);\s*\n/s.exec(fs.readFileSync(report, 'utf8'))?.[1];
  const leaves: ModuleSize[] = [];
  const walk = (node: ChartNode, chunk: string) => {
    if (node.groups?.length) {
      node.groups.forEach((g) => walk(g, chunk));
    } else {
      leaves.push({
        module: shortName(node), chunk, gzipKB: kb(node.gzipSize || 0)
      });
    }
  };

  (data ? JSON.parse(data) as ChartNode[] : []).forEach((chunk) => walk(chunk, chunk.label || ''));

  return leaves.sort((a, b) => b.gzipKB - a.gzipKB).slice(0, top);
}

if (require.main === module) {
  for (const m of packageBreakdown(Number(process.argv[2]) || 20)) {
    process.stdout.write(`${ String(m.gzipKB).padStart(6) } KB gz  ${ m.module }  [${ m.chunk }]\n`);
  }
}
