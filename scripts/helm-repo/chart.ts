import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import type { ExtensionManifest } from './extension-package';

/** The shell's own extension chart template and its annotation/endpoint patcher. */
export function shellExtensionScripts(rootDir: string) {
  const base = path.join(rootDir, 'node_modules/@rancher/shell/scripts/extension');

  return {
    chartTemplate: path.join(base, 'helm/charts/ui-plugin-server'),
    helmpatch:     path.join(base, 'helmpatch'),
  };
}

export interface ChartOptions {
  rootDir: string;
  manifest: ExtensionManifest;
  /** Where the chart folder is written (`<repo>/charts/<name>/<version>`). */
  chartDir: string;
  /** `plugin.endpoint`: where Rancher's UI Plugin operator downloads the extension files from. */
  endpoint: string;
  /** GitHub `owner/repo` + branch when the repository is published on GitHub (helmpatch's GitHub mode). */
  github?: { source: string, branch: string };
  /** Extra files copied into the chart (README.md, CHANGELOG.md). */
  extraFiles: string[];
}

function readYaml(file: string): any { // eslint-disable-line @typescript-eslint/no-explicit-any -- the shell's chart template files, of the shape its publish script writes
  return YAML.parse(fs.readFileSync(file, 'utf8')) || {};
}

function writeYaml(file: string, value: unknown): void {
  fs.writeFileSync(file, YAML.stringify(value, { lineWidth: 0 }));
}

/**
 * The extension's Helm chart, built the way the shell's `publish` script does: the shell's
 * `ui-plugin-server` chart template (Chart.yaml, values.yaml, templates/cr.yaml — the UIPlugin
 * resource), patched with the extension's name, version, description and annotations (what the
 * shell's `helm/scripts/patch` does with yq/jq; done here in Node because that script needs the
 * Go `yq`), then run through the shell's own `helmpatch` (annotations into Chart.yaml, endpoints
 * into values.yaml).
 */
export function writeChart(opts: ChartOptions): void {
  const { manifest, chartDir } = opts;
  const scripts = shellExtensionScripts(opts.rootDir);

  fs.rmSync(chartDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(chartDir), { recursive: true });
  fs.cpSync(scripts.chartTemplate, chartDir, { recursive: true });

  // helm/scripts/patch, in Node
  const chartFile = path.join(chartDir, 'Chart.yaml');
  const valuesFile = path.join(chartDir, 'values.yaml');
  const chart = readYaml(chartFile);

  chart.name = manifest.name;
  chart.appVersion = manifest.version;
  chart.version = manifest.version;
  const optional: Array<[string, unknown]> = [['description', manifest.description], ['icon', manifest.icon], ['keywords', manifest.keywords], ['home', manifest.homepage]];

  for (const [key, value] of optional) {
    if (value === undefined || value === null || value === '') {
      delete chart[key];
    } else {
      chart[key] = value;
    }
  }
  writeYaml(chartFile, chart);
  const values = readYaml(valuesFile);

  values.plugin = { ...(values.plugin || {}), metadata: { ...(values.plugin?.metadata || {}), ...manifest.annotations } };
  if (manifest.noAuth) {
    values.plugin.noAuth = true;
  }
  writeYaml(valuesFile, values);

  // the shell's helmpatch: Chart.yaml annotations from package.json, endpoint + compressedEndpoint
  const pkgJson = path.join(path.dirname(chartDir), `.${ manifest.name }-package.json`);

  fs.writeFileSync(pkgJson, JSON.stringify({
    name: manifest.name, version: manifest.version, rancher: { annotations: manifest.annotations },
  }));
  try {
    execFileSync(process.execPath, [scripts.helmpatch, chartDir, pkgJson], {
      cwd: opts.rootDir,
      env: {
        ...process.env, GITHUB_BUILD: 'true', GITHUB_SOURCE: opts.github?.source || 'local/local', GITHUB_BRANCH: opts.github?.branch || 'local',
      },
      stdio: 'pipe',
    });
  } finally {
    fs.rmSync(pkgJson, { force: true });
  }
  if (!opts.github) {
    const patched = readYaml(valuesFile);

    patched.plugin.endpoint = opts.endpoint;
    patched.plugin.compressedEndpoint = `${ opts.endpoint }.tgz`;
    writeYaml(valuesFile, patched);
  }
  for (const file of opts.extraFiles) {
    if (fs.existsSync(file)) {
      fs.copyFileSync(file, path.join(chartDir, path.basename(file)));
    }
  }
}
