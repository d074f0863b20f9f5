import fs from 'fs';
import os from 'os';
import path from 'path';
import { packageBreakdown } from '../../../bench/package-breakdown';

// What `npm run bench` lists as dominating the package: the largest modules of the bundle report
// build-pkg writes, by gzip size, named by what they are rather than by the chunk that holds them.
describe('packaging: what dominates the extension package', () => {
  let root: string;

  const writeReport = (chartData: unknown) => {
    const dir = path.join(root, 'dist-pkg', 'harvester-manager-0.1.0');

    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'report.html'), `<script>\n  window.chartData = ${ JSON.stringify(chartData) };\n  window.defaultSizes = "gzip";\n</script>`);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'breakdown-'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('lists the largest modules across chunks, largest first, with short names', () => {
    writeReport([
      {
        label:  'a.js',
        groups: [{ label: 'node_modules', groups: [{ path: './node_modules/vee-validate/dist/vee-validate.mjs', gzipSize: 10650 }] }, { path: './l10n/en-us.yaml', gzipSize: 7065 }]
      },
      { label: 'b.js', groups: [{ path: './node_modules/@vue/cli-service/lib/commands/build/entry-lib.js + 8 modules (concatenated)/models/cluster.ts', gzipSize: 9728 }] },
      { label: 'c.js', groups: [{ path: './node_modules/@rancher/shell/components/SortableTable/index.vue?vue&type=template&id=5', gzipSize: 3379 }] },
    ]);

    expect(packageBreakdown(3, root)).toEqual([
      {
        module: 'vee-validate/dist/vee-validate.mjs', chunk: 'a.js', gzipKB: 10.4
      },
      {
        module: 'models/cluster.ts', chunk: 'b.js', gzipKB: 9.5
      },
      {
        module: 'l10n/en-us.yaml', chunk: 'a.js', gzipKB: 6.9
      },
    ]);
    expect(packageBreakdown(10, root).map((m) => m.module)).toContain('@rancher/shell/components/SortableTable/index.vue (template)');
  });

  it('nothing built: nothing listed', () => {
    expect(packageBreakdown(10, root)).toEqual([]);
  });
});
