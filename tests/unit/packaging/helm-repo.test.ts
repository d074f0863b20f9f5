import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import { readTarGz } from '../../../sim/catalog/tar';
import { lintChartYaml, lintRepository, LintProblem, parseStrictYaml } from '../../../scripts/helm-repo/lint';
import { describeTarget, targetOf } from '../../../scripts/helm-repo/build';
import { changelogProblem } from '../../../scripts/helm-repo/extension-package';
import { currentVersion, packageFixture, removeFixtures, ROOT } from './fixture';

const errorsOf = (problems: LintProblem[]) => problems.filter((p) => p.severity === 'error');

/**
 * `npm run package` output: a Helm chart repository Rancher can add, checked by the same lint
 * `npm run package` runs (our `helm lint` equivalent: strict YAML, chart schema, semver ranges,
 * digests, archive layout, the files the UI Plugin operator downloads).
 */
describe('packaging: Helm chart repository', () => {
  const version = currentVersion();
  const repo = packageFixture();
  const chartName = 'harvester-manager';
  const archive = path.join(repo.outDir, 'assets', chartName, `${ chartName }-${ version }.tgz`);

  afterAll(removeFixtures);

  it('lays the repository out as the shell\'s publish script does and lints clean', () => {
    for (const f of ['index.yaml', 'repository.json', `charts/${ chartName }/${ version }/Chart.yaml`, `extensions/${ chartName }/${ version }/files.txt`, `extensions/${ chartName }/${ version }.tgz`]) {
      expect(fs.existsSync(path.join(repo.outDir, f))).toBe(true);
    }
    expect(errorsOf(repo.problems)).toEqual([]);
    expect(errorsOf(lintRepository(repo.outDir))).toEqual([]);
  });

  it('puts the chart in one top folder with Chart.yaml, values.yaml and the UIPlugin template', () => {
    const files = readTarGz(fs.readFileSync(archive));

    expect([...files.keys()].every((f) => f.startsWith(`${ chartName }/`))).toBe(true);
    expect([...files.keys()]).toEqual(expect.arrayContaining([
      `${ chartName }/Chart.yaml`, `${ chartName }/values.yaml`, `${ chartName }/templates/cr.yaml`, `${ chartName }/templates/_helpers.tpl`, `${ chartName }/CHANGELOG.md`, `${ chartName }/README.md`,
    ]));
    expect(files.get(`${ chartName }/templates/cr.yaml`)?.toString()).toContain('kind: UIPlugin');
  });

  it('takes name, version and the Rancher annotations from pkg/harvester-manager/package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'pkg/harvester-manager/package.json'), 'utf8'));
    const chart = YAML.parse(readTarGz(fs.readFileSync(archive)).get(`${ chartName }/Chart.yaml`)!.toString());

    expect(chart).toMatchObject({
      apiVersion: 'v2', name: chartName, version: pkg.version, appVersion: pkg.version, description: pkg.description,
    });
    expect(chart.annotations).toMatchObject({
      ...pkg.rancher.annotations,
      'catalog.cattle.io/ui-component': 'plugins',
      'catalog.cattle.io/namespace':    'cattle-ui-plugin-system',
    });
    for (const key of ['catalog.cattle.io/display-name', 'catalog.cattle.io/rancher-version', 'catalog.cattle.io/ui-extensions-version', 'catalog.cattle.io/kube-version', 'catalog.cattle.io/ui-extensions-host']) {
      expect(chart.annotations[key]).toEqual(expect.any(String));
    }
  });

  it('points plugin.endpoint at the extension files under the repository URL', () => {
    const values = YAML.parse(readTarGz(fs.readFileSync(archive)).get(`${ chartName }/values.yaml`)!.toString());

    expect(values.plugin.endpoint).toBe(`https://charts.example.com/harvester-manager/extensions/${ chartName }/${ version }`);
    expect(values.plugin.compressedEndpoint).toBe(`${ values.plugin.endpoint }.tgz`);
    expect(values.plugin.metadata['catalog.cattle.io/ui-extensions-version']).toBe('>= 3.0.0 < 4.0.0');
    const files = fs.readFileSync(path.join(repo.outDir, 'extensions', chartName, version, 'files.txt'), 'utf8').split('\n').filter(Boolean);

    expect(files).toEqual(expect.arrayContaining([`plugin/${ chartName }-${ version }.umd.min.js`, 'plugin/package.json', 'plugin/img/logo.svg']));
    expect(files).not.toContain('plugin/report.html');
  });

  it('writes an index with a matching digest, and the GitHub layout for --github', () => {
    const index = YAML.parse(fs.readFileSync(path.join(repo.outDir, 'index.yaml'), 'utf8'));

    expect(index.entries[chartName][0]).toMatchObject({
      version, urls: [`assets/${ chartName }/${ chartName }-${ version }.tgz`], digest: expect.stringMatching(/^[a-f0-9]{64}$/)
    });
    expect(targetOf(repo.outDir)).toEqual({ kind: 'http', url: 'https://charts.example.com/harvester-manager' });

    const gh = packageFixture({
      kind: 'github', source: 'example/harvester-manager', branch: 'gh-pages'
    });
    const values = YAML.parse(fs.readFileSync(path.join(gh.outDir, 'charts', chartName, version, 'values.yaml'), 'utf8'));

    expect(values.plugin.endpoint).toBe(`https://raw.githubusercontent.com/example/harvester-manager/gh-pages/extensions/${ chartName }/${ version }`);
    expect(gh.descriptor).toEqual(describeTarget(chartName, {
      kind: 'github', source: 'example/harvester-manager', branch: 'gh-pages'
    }));
    expect(errorsOf(gh.problems)).toEqual([]);
  });

  it('keeps other versions already in the repository in the index, newest first', () => {
    const older = path.join(repo.outDir, 'assets', chartName, `${ chartName }-0.0.9.tgz`);
    const copy = packageFixture(undefined);

    // an older release: same chart with version 0.0.9
    const staging = fs.mkdtempSync(path.join(copy.outDir, 'old-'));
    const chartDir = path.join(staging, chartName);

    fs.cpSync(path.join(copy.outDir, 'charts', chartName, version), chartDir, { recursive: true });
    const chart = YAML.parse(fs.readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8'));

    fs.writeFileSync(path.join(chartDir, 'Chart.yaml'), YAML.stringify({
      ...chart, version: '0.0.9', appVersion: '0.0.9'
    }));
    require('../../../scripts/helm-repo/tarball').createTarGz(staging, chartName, older, new Date('2025-01-01T00:00:00Z'));
    const again = packageFixture(undefined, repo.outDir);
    const index = YAML.parse(fs.readFileSync(again.indexFile, 'utf8'));

    expect(index.entries[chartName].map((e: { version: string }) => e.version)).toEqual([version, '0.0.9']);
    // 0.0.9 has no extension files in this folder: lint says so
    expect(errorsOf(again.problems).map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringContaining('missing (the UI Plugin operator reads it)')]));
    fs.rmSync(older);
    fs.rmSync(staging, { recursive: true });
  });

  describe('lint catches what helm lint and Rancher would reject', () => {
    const valid = () => YAML.parse(fs.readFileSync(path.join(repo.outDir, 'charts', chartName, version, 'Chart.yaml'), 'utf8'));
    const lint = (chart: unknown) => {
      const problems: LintProblem[] = [];

      lintChartYaml(chart, 'Chart.yaml', problems);

      return errorsOf(problems).map((p) => p.message);
    };

    /** A Chart.yaml as parsed: its annotations, and the other fields the mutations below replace. */
    type ChartYaml = { annotations?: Record<string, string | undefined>; [field: string]: unknown };

    const mutations: [string, (c: ChartYaml) => ChartYaml, RegExp][] = [
      ['apiVersion v1', (c) => ({ ...c, apiVersion: 'v1' }), /apiVersion/],
      ['a non-SemVer version', (c) => ({ ...c, version: '1.0' }), /SemVer/],
      ['an upper-case name', (c) => ({ ...c, name: 'Harvester' }), /name/],
      ['no ui-extensions-version', (c) => ({ ...c, annotations: { ...c.annotations, 'catalog.cattle.io/ui-extensions-version': undefined } }), /ui-extensions-version/],
      ['an invalid rancher-version range', (c) => ({ ...c, annotations: { ...c.annotations, 'catalog.cattle.io/rancher-version': '>= two' } }), /rancher-version/],
      ['a wrong host', (c) => ({ ...c, annotations: { ...c.annotations, 'catalog.cattle.io/ui-extensions-host': 'harvester' } }), /ui-extensions-host/],
      ['not a UI component', (c) => ({ ...c, annotations: { ...c.annotations, 'catalog.cattle.io/ui-component': undefined } }), /ui-component/],
    ];

    it.each(mutations)('%s', (_what, mutate, expected) => {
      expect(lint(valid())).toEqual([]);
      expect(lint(JSON.parse(JSON.stringify(mutate(valid()))))).toEqual([expect.stringMatching(expected)]);
    });

    it('rejects duplicate keys and a second document', () => {
      const problems: LintProblem[] = [];

      parseStrictYaml('name: a\nname: b\n', 'Chart.yaml', problems);
      parseStrictYaml('a: 1\n---\nb: 2\n', 'index.yaml', problems);
      expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/unique|duplicate/i), expect.stringMatching(/one YAML document/)]);
    });

    it('notices a tampered archive (digest) and a missing extension script', () => {
      const tampered = packageFixture();
      const a = path.join(tampered.outDir, 'assets', chartName, `${ chartName }-${ version }.tgz`);

      fs.appendFileSync(a, Buffer.from([0]));
      fs.rmSync(path.join(tampered.outDir, 'extensions', chartName, version, 'plugin', `${ chartName }-${ version }.umd.min.js`));
      const messages = errorsOf(lintRepository(tampered.outDir)).map((p) => p.message);

      expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^digest .* does not match/), expect.stringMatching(/lists plugin\/harvester-manager-.*umd\.min\.js, which does not exist/)]));
    });
  });

  it('requires a changelog section for the packaged version', () => {
    expect(changelogProblem(path.join(ROOT, 'pkg/harvester-manager/CHANGELOG.md'), version)).toBeNull();
    expect(changelogProblem(path.join(ROOT, 'pkg/harvester-manager/CHANGELOG.md'), '99.0.0')).toMatch(/no "## 99.0.0" section/);
  });
});
