import { execFileSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import semver from 'semver';
import YAML from 'yaml';

/**
 * What `helm lint` (and Rancher's catalog) would reject in the chart repository
 * `npm run package` writes, checked with a strict YAML parser (duplicate keys and syntax errors
 * fail) and semver: Chart.yaml (apiVersion v2, name, SemVer 2 version, the annotations Rancher's
 * Extensions page and the shell's loader read, as valid ranges), values.yaml (the UIPlugin
 * endpoint), templates (the UIPlugin resource), the archive layout, `index.yaml` (entries,
 * digests, URLs that resolve) and the extension files the UI Plugin operator downloads.
 */

export interface LintProblem {
  severity: 'error' | 'warning';
  file: string;
  message: string;
}

const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const REQUIRED_ANNOTATIONS = [
  'catalog.cattle.io/display-name',
  'catalog.cattle.io/rancher-version',
  'catalog.cattle.io/ui-extensions-version',
  'catalog.cattle.io/kube-version',
];
const RANGE_ANNOTATIONS = ['catalog.cattle.io/rancher-version', 'catalog.cattle.io/ui-extensions-version', 'catalog.cattle.io/kube-version', 'catalog.cattle.io/ui-version'];
const FIXED_ANNOTATIONS: Record<string, string> = {
  'catalog.cattle.io/ui-component': 'plugins',
  'catalog.cattle.io/namespace':    'cattle-ui-plugin-system',
  'catalog.cattle.io/scope':        'management',
};

/** Strict YAML: syntax errors, duplicate keys and multiple documents are problems. */
export function parseStrictYaml(text: string, file: string, problems: LintProblem[]): any { // eslint-disable-line @typescript-eslint/no-explicit-any -- YAML of unknown shape: the linter checks it field by field
  const docs = YAML.parseAllDocuments(text, {
    strict: true, uniqueKeys: true, prettyErrors: true
  });

  if (!Array.isArray(docs) || docs.length !== 1) {
    problems.push({
      severity: 'error', file, message: 'must hold exactly one YAML document'
    });

    return undefined;
  }
  const [doc] = docs;

  for (const e of [...doc.errors, ...doc.warnings]) {
    problems.push({
      severity: 'error', file, message: `YAML: ${ e.message.split('\n')[0] }`
    });
  }

  return doc.errors.length ? undefined : doc.toJS();
}

function isStringMap(value: unknown): value is Record<string, string> {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

function isHttpUrl(value: unknown): boolean {
  try {
    return typeof value === 'string' && ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Chart.yaml rules (helm's chart schema plus what a Rancher UI extension chart needs). */
export function lintChartYaml(chart: any, file: string, problems: LintProblem[]): void { // eslint-disable-line @typescript-eslint/no-explicit-any -- YAML of unknown shape: the linter checks it field by field
  const err = (message: string): void => {
    problems.push({
      severity: 'error', file, message
    });
  };
  const warn = (message: string): void => {
    problems.push({
      severity: 'warning', file, message
    });
  };

  if (!chart || typeof chart !== 'object') {
    return err('Chart.yaml is empty');
  }
  if (chart.apiVersion !== 'v2') {
    err(`apiVersion must be "v2" (found ${ JSON.stringify(chart.apiVersion) })`);
  }
  if (typeof chart.name !== 'string' || !NAME_RE.test(chart.name)) {
    err(`name ${ JSON.stringify(chart.name) } must be lowercase letters, digits and "-"`);
  }
  if (typeof chart.version !== 'string' || !semver.valid(chart.version)) {
    err(`version ${ JSON.stringify(chart.version) } is not a SemVer 2 version`);
  }
  if (chart.appVersion !== undefined && typeof chart.appVersion !== 'string') {
    err('appVersion must be a string (quote it)');
  }
  if (chart.type !== undefined && !['application', 'library'].includes(chart.type)) {
    err(`type must be application or library (found ${ JSON.stringify(chart.type) })`);
  }
  if (chart.description !== undefined && typeof chart.description !== 'string') {
    err('description must be a string');
  }
  if (chart.keywords !== undefined && (!Array.isArray(chart.keywords) || chart.keywords.some((k: unknown) => typeof k !== 'string'))) {
    err('keywords must be a list of strings');
  }
  if (chart.icon === undefined) {
    warn('icon is recommended');
  } else if (!isHttpUrl(chart.icon)) {
    err(`icon ${ JSON.stringify(chart.icon) } must be an http(s) URL`);
  }
  if (!isStringMap(chart.annotations)) {
    return err('annotations must be a map of strings');
  }
  for (const key of REQUIRED_ANNOTATIONS) {
    if (!chart.annotations[key]) {
      err(`annotation ${ key } is required`);
    }
  }
  for (const key of RANGE_ANNOTATIONS) {
    const value = chart.annotations[key];

    if (value !== undefined && !semver.validRange(value, { includePrerelease: true } as semver.RangeOptions)) {
      err(`annotation ${ key } "${ value }" is not a valid semver range`);
    }
  }
  for (const [key, expected] of Object.entries(FIXED_ANNOTATIONS)) {
    if (chart.annotations[key] !== expected) {
      err(`annotation ${ key } must be "${ expected }" (found ${ JSON.stringify(chart.annotations[key]) })`);
    }
  }
  const host = chart.annotations['catalog.cattle.io/ui-extensions-host'];

  if (host !== undefined && host !== 'rancher-manager') {
    err(`annotation catalog.cattle.io/ui-extensions-host must be "rancher-manager" for Rancher Manager (found "${ host }")`);
  }
}

/** values.yaml of an extension chart: `plugin.endpoint` and friends, as templates/cr.yaml uses them. */
export function lintValuesYaml(values: any, chart: any, file: string, problems: LintProblem[]): void { // eslint-disable-line @typescript-eslint/no-explicit-any -- YAML of unknown shape: the linter checks it field by field
  const err = (message: string): void => {
    problems.push({
      severity: 'error', file, message
    });
  };
  const plugin = values?.plugin;

  if (!plugin || typeof plugin !== 'object') {
    return err('plugin is required');
  }
  if (!isHttpUrl(plugin.endpoint)) {
    err(`plugin.endpoint ${ JSON.stringify(plugin.endpoint) } must be an absolute http(s) URL (Rancher downloads the extension from it)`);
  } else if (!plugin.endpoint.endsWith(`/${ chart?.name }/${ chart?.version }`)) {
    err(`plugin.endpoint ${ plugin.endpoint } must end with /${ chart?.name }/${ chart?.version }`);
  }
  if (plugin.compressedEndpoint !== `${ plugin.endpoint }.tgz`) {
    err('plugin.compressedEndpoint must be plugin.endpoint + ".tgz"');
  }
  for (const key of ['noCache', 'noAuth', 'enabled']) {
    if (plugin[key] !== undefined && typeof plugin[key] !== 'boolean') {
      err(`plugin.${ key } must be true or false`);
    }
  }
  if (!isStringMap(plugin.metadata)) {
    return err('plugin.metadata must be a map of strings');
  }
  for (const key of ['catalog.cattle.io/ui-extensions-version', 'catalog.cattle.io/rancher-version']) {
    if (plugin.metadata[key] !== chart?.annotations?.[key]) {
      err(`plugin.metadata["${ key }"] must equal the Chart.yaml annotation (the shell's loader checks it)`);
    }
  }
}

export function lintTemplates(chartDir: string, rel: string, problems: LintProblem[]): void {
  const cr = path.join(chartDir, 'templates/cr.yaml');

  if (!fs.existsSync(cr)) {
    problems.push({
      severity: 'error', file: `${ rel }/templates/cr.yaml`, message: 'missing: the chart must create the UIPlugin resource'
    });

    return;
  }
  const text = fs.readFileSync(cr, 'utf8');

  for (const needle of ['apiVersion: catalog.cattle.io/v1', 'kind: UIPlugin', '.Values.plugin.endpoint', '.Values.plugin.metadata']) {
    if (!text.includes(needle) && !(needle === '.Values.plugin.metadata' && text.includes('pluginMetadata'))) {
      problems.push({
        severity: 'error', file: `${ rel }/templates/cr.yaml`, message: `does not contain "${ needle }"`
      });
    }
  }
  if (!fs.existsSync(path.join(chartDir, 'templates/_helpers.tpl'))) {
    problems.push({
      severity: 'error', file: `${ rel }/templates/_helpers.tpl`, message: 'missing (cr.yaml includes its helpers)'
    });
  }
}

function tarList(archive: string): string[] {
  return execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

function tarRead(archive: string, member: string): string {
  return execFileSync('tar', ['-xzOf', archive, member], { encoding: 'utf8' });
}

/** Lint a repository folder made by `npm run package`; returns every problem found. */
export function lintRepository(repoDir: string): LintProblem[] {
  const problems: LintProblem[] = [];
  const err = (file: string, message: string): void => {
    problems.push({
      severity: 'error', file, message
    });
  };
  const indexFile = path.join(repoDir, 'index.yaml');

  if (!fs.existsSync(indexFile)) {
    err('index.yaml', 'missing');

    return problems;
  }
  const index = parseStrictYaml(fs.readFileSync(indexFile, 'utf8'), 'index.yaml', problems);

  if (!index) {
    return problems;
  }
  if (index.apiVersion !== 'v1') {
    err('index.yaml', 'apiVersion must be "v1"');
  }
  if (!index.generated || Number.isNaN(Date.parse(index.generated))) {
    err('index.yaml', 'generated must be a timestamp');
  }
  if (!index.entries || typeof index.entries !== 'object' || !Object.keys(index.entries).length) {
    err('index.yaml', 'entries must list at least one chart');

    return problems;
  }
  for (const [name, versions] of Object.entries(index.entries as Record<string, any[]>)) { // eslint-disable-line @typescript-eslint/no-explicit-any -- YAML of unknown shape: the linter checks it field by field
    if (!Array.isArray(versions) || !versions.length) {
      err('index.yaml', `entries.${ name } must be a non-empty list`);
      continue;
    }
    const order = versions.map((v) => String(v.version));
    const sorted = [...order].sort((a, b) => (semver.valid(a) && semver.valid(b) ? semver.rcompare(a, b) : 0));

    if (order.join() !== sorted.join()) {
      err('index.yaml', `entries.${ name } must list the newest version first (the shell installs the first compatible one)`);
    }
    for (const entry of versions) {
      const where = `index.yaml entries.${ name }[${ entry.version }]`;

      if (entry.name !== name) {
        err(where, `name "${ entry.name }" differs from its key`);
      }
      lintChartYaml(entry, where, problems);
      if (!entry.created || Number.isNaN(Date.parse(entry.created))) {
        err(where, 'created must be a timestamp');
      }
      if (!Array.isArray(entry.urls) || !entry.urls.length) {
        err(where, 'urls must hold the chart archive URL');
        continue;
      }
      const url = String(entry.urls[0]);

      if (/^[a-z]+:\/\//.test(url) || url.startsWith('/') || url.includes('..')) {
        err(where, `url ${ url } must be relative to the repository`);
        continue;
      }
      const archive = path.join(repoDir, url);

      if (!fs.existsSync(archive)) {
        err(where, `archive ${ url } does not exist`);
        continue;
      }
      const digest = crypto.createHash('sha256').update(fs.readFileSync(archive)).digest('hex');

      if (entry.digest !== digest) {
        err(where, `digest ${ entry.digest } does not match ${ url } (${ digest })`);
      }
      lintArchive(archive, entry, url, problems);
      lintExtensionFiles(repoDir, entry, problems);
    }
  }

  return problems;
}

function lintArchive(archive: string, entry: any, rel: string, problems: LintProblem[]): void { // eslint-disable-line @typescript-eslint/no-explicit-any -- YAML of unknown shape: the linter checks it field by field
  const members = tarList(archive);
  const top = new Set(members.map((m) => m.split('/')[0]));

  if (top.size !== 1 || !top.has(entry.name)) {
    problems.push({
      severity: 'error', file: rel, message: `must hold one top folder named ${ entry.name } (found ${ [...top].join(', ') })`
    });

    return;
  }
  for (const required of ['Chart.yaml', 'values.yaml', 'templates/cr.yaml', 'templates/_helpers.tpl']) {
    if (!members.includes(`${ entry.name }/${ required }`)) {
      problems.push({
        severity: 'error', file: rel, message: `is missing ${ entry.name }/${ required }`
      });
    }
  }
  const chart = parseStrictYaml(tarRead(archive, `${ entry.name }/Chart.yaml`), `${ rel }:Chart.yaml`, problems);

  lintChartYaml(chart, `${ rel }:Chart.yaml`, problems);
  if (chart && (chart.version !== entry.version || chart.name !== entry.name)) {
    problems.push({
      severity: 'error', file: rel, message: 'Chart.yaml name/version differ from the index entry'
    });
  }
  if (members.includes(`${ entry.name }/values.yaml`)) {
    lintValuesYaml(parseStrictYaml(tarRead(archive, `${ entry.name }/values.yaml`), `${ rel }:values.yaml`, problems), chart, `${ rel }:values.yaml`, problems);
  }
}

/** The files the UI Plugin operator fetches from `plugin.endpoint`, when they are in this folder. */
function lintExtensionFiles(repoDir: string, entry: any, problems: LintProblem[]): void { // eslint-disable-line @typescript-eslint/no-explicit-any -- YAML of unknown shape: the linter checks it field by field
  const dir = path.join(repoDir, 'extensions', entry.name, entry.version);
  const rel = path.relative(repoDir, dir);
  const filesTxt = path.join(dir, 'files.txt');

  if (!fs.existsSync(filesTxt)) {
    problems.push({
      severity: 'error', file: `${ rel }/files.txt`, message: 'missing (the UI Plugin operator reads it)'
    });

    return;
  }
  const files = fs.readFileSync(filesTxt, 'utf8').split('\n').filter(Boolean);

  for (const f of files) {
    if (/(^[/\\.])|\.\./.test(f)) {
      problems.push({
        severity: 'error', file: `${ rel }/files.txt`, message: `invalid entry ${ f }`
      });
    } else if (!fs.existsSync(path.join(dir, f))) {
      problems.push({
        severity: 'error', file: `${ rel }/files.txt`, message: `lists ${ f }, which does not exist`
      });
    }
  }
  const main = `plugin/${ entry.name }-${ entry.version }.umd.min.js`;

  for (const needed of [main, 'plugin/package.json']) {
    if (!files.includes(needed)) {
      problems.push({
        severity: 'error', file: `${ rel }/files.txt`, message: `must list ${ needed }`
      });
    }
  }
  const pkgFile = path.join(dir, 'plugin/package.json');

  if (fs.existsSync(pkgFile) && JSON.parse(fs.readFileSync(pkgFile, 'utf8')).version !== entry.version) {
    problems.push({
      severity: 'error', file: `${ rel }/plugin/package.json`, message: `version must be ${ entry.version } (the operator compares it)`
    });
  }
  if (!fs.existsSync(`${ dir }.tgz`)) {
    problems.push({
      severity: 'error', file: `${ rel }.tgz`, message: 'missing (plugin.compressedEndpoint)'
    });
  }
}
