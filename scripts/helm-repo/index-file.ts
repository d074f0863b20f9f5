import { execFileSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import YAML from 'yaml';

export interface IndexEntry {
  [key: string]: unknown;
  name: string;
  version: string;
  urls: string[];
  created: string;
  digest: string;
}

/** Semver order for chart versions (pre-releases before their release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/.exec(v);
  const pa = parse(a);
  const pb = parse(b);

  if (!pa || !pb) {
    return a.localeCompare(b);
  }
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);

    if (d) {
      return Math.sign(d);
    }
  }
  if (!pa[4] || !pb[4]) {
    return pa[4] ? -1 : pb[4] ? 1 : 0;
  }

  return pa[4].localeCompare(pb[4], 'en', { numeric: true });
}

/** Chart.yaml of a chart archive (`<name>/Chart.yaml`), read with the system tar. */
export function chartYamlOf(archive: string): Record<string, unknown> {
  const text = execFileSync('tar', ['-xzOf', archive, '--wildcards', '--no-wildcards-match-slash', '*/Chart.yaml'], { encoding: 'utf8' });

  return YAML.parse(text);
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * `index.yaml` for every chart archive under `<repoDir>/assets/<chart>/`, as `helm repo index`
 * writes it: entries per chart, newest version first, each with the Chart.yaml fields, a URL
 * relative to the repository, the archive's sha256 digest and its creation time.
 */
export function writeIndex(repoDir: string, created: Date): string {
  const assets = path.join(repoDir, 'assets');
  const entries: Record<string, IndexEntry[]> = {};

  for (const chartName of fs.existsSync(assets) ? fs.readdirSync(assets).sort() : []) {
    for (const file of fs.readdirSync(path.join(assets, chartName)).filter((f) => f.endsWith('.tgz')).sort()) {
      const archive = path.join(assets, chartName, file);
      const chart = chartYamlOf(archive);
      const name = String(chart.name);

      (entries[name] = entries[name] || []).push({
        ...chart,
        name,
        version: String(chart.version),
        urls:    [`assets/${ chartName }/${ file }`],
        created: fs.statSync(archive).mtime.toISOString(),
        digest:  sha256(archive),
      });
    }
  }
  for (const name of Object.keys(entries)) {
    entries[name].sort((a, b) => compareVersions(b.version, a.version));
  }
  const indexFile = path.join(repoDir, 'index.yaml');

  fs.writeFileSync(indexFile, YAML.stringify({
    apiVersion: 'v1', entries, generated: created.toISOString()
  }, { lineWidth: 0 }));

  return indexFile;
}
