/**
 * `npm run bench` — how the Harvester cluster list scales, measured in headless chromium
 * against `npm start` (the real dashboard and the simulator, started as their own process), for our list and for a naive baseline
 * (upstream's approach: fetch every cluster, then one Harvester-version request per row)
 * run in the same browser, on the same data, in the same run.
 *
 * With BENCH_UPSTREAM_PKG=<folder of a build-pkg output of upstream's pkg/harvester-manager>
 * (scripts/build-upstream-extension.sh), upstream's real list is measured too, the same way as ours
 * (bench/upstream.ts).
 *
 * Prints a table and writes bench/results/latest.json. Sizes: BENCH_SIZES=10,100,1000,5000.
 */
import fs from 'fs';
import path from 'path';
import { ProductProcess } from '../drivers/product-process';
import { launchBrowser, newContext } from '../drivers/browser';
import { login } from '../drivers/dashboard';
import { measureNaive } from './naive-list';
import type { ListFigures } from './request-meter';
import { measureDashboardFloor, measureList } from './list';
import { resetSimulator as reset } from './simulator';
import { measureUpstream, upstreamPackage, type UpstreamPackage } from './upstream';
import { simulatorLatency } from './sim-latency';
import { buildSize, ExtensionSize, extensionSize } from './extension-size';
import { ModuleSize, packageBreakdown } from './package-breakdown';
import { measureDetail, measureImportForm, ROWS } from './pages';
import { WriteFigures, writeDurability } from './write-durability';
import { measureTenancyTab, seedTenancy, type TenancyFigures } from './tenancy';

type PageFigures = Awaited<ReturnType<typeof measureDetail>>;

/** One fleet size of the report. */
interface SizeResult {
  n: number;
  ours: ListFigures;
  naive: ListFigures;
  /** Upstream's list, when BENCH_UPSTREAM_PKG is set. */
  upstream?: ListFigures;
  /** The same click to the shell's own Users & Authentication list (bench/list.ts measureDashboardFloor). */
  dashboardFloor: ListFigures;
  pages: { detail: PageFigures, importForm: PageFigures };
  simulator: { p50: number, p95: number };
  ratios: { requests: number, bytes: number, firstRows: number, upstream?: { firstRows: number, requests: number } };
}

/** Our list: a warm dashboard, the user clicks Virtualization Management in the side menu. */
const measureOurs = (page: Parameters<typeof measureList>[0], baseUrl: string) => measureList(page, baseUrl, { rows: ROWS, timeoutMs: 60_000 });
const ratio = (a: number, b: number) => +(a / Math.max(1, b)).toFixed(3);

/** Projects and bindings added to harvester-lab for the Projects & Members figures (harvester-prod keeps its 2 projects). */
const TENANCY = { projects: 200, bindingsPerProject: 10 };

/** The Projects & Members tab on a cluster with 2 projects and on one with 202 projects and 2,000 more bindings, same run. */
async function measureTenancy(browser: Awaited<ReturnType<typeof launchBrowser>>, simUrl: string, url: string): Promise<TenancyFigures[]> {
  await reset(simUrl, 0);
  await seedTenancy(simUrl, 'harvester-lab', TENANCY.projects, TENANCY.bindingsPerProject);
  const context = await newContext(browser);
  const page = await context.newPage();

  try {
    await login(page, url, 'admin');
    await measureTenancyTab(page, url, 'harvester-prod', 2, 2); // warm the tab's chunks

    return [
      await measureTenancyTab(page, url, 'harvester-prod', 2, 2),
      await measureTenancyTab(page, url, 'harvester-lab', TENANCY.projects + 2, TENANCY.projects * TENANCY.bindingsPerProject),
    ];
  } finally {
    await context.close();
  }
}

/** One Rancher profile of the report: every fleet size and the Projects & Members figures. */
interface ProfileReport {
  /** `v2.12.3`, or with `:sql` / `:nosql` when the cache is not as the release ships it. */
  rancher: string;
  results: SizeResult[];
  /** What upstream's figures ran: its package and the Harvester UI extension it needs for rows. */
  upstream?: { package: string, commit?: string, harvesterExtension?: string, error?: string };
  tenancy: TenancyFigures[];
}

/**
 * The Rancher profiles to measure (BENCH_PROFILES=v2.10.6,v2.11.4:sql,…): each release with
 * `ui-sql-cache` as it ships it unless `:sql` / `:nosql` says otherwise. By default the three
 * supported releases as shipped, which answer the list differently (the cache is off before 2.12).
 */
function profilesToMeasure(): { label: string; env: Record<string, string> }[] {
  return (process.env.BENCH_PROFILES || 'v2.10.6,v2.11.4,v2.12.3').split(',').map((p) => p.trim()).filter(Boolean).map((label) => {
    const [version, cache] = label.split(':');

    return { label, env: { SIM_RANCHER_VERSION: version, ...(cache ? { SIM_UI_SQL_CACHE: cache === 'sql' ? 'true' : 'false' } : {}) } };
  });
}

async function measureSize(browser: Awaited<ReturnType<typeof launchBrowser>>, stack: { url: string; simUrl: string }, n: number): Promise<SizeResult> {
  // The seed has 2 Harvester clusters; add N-2 more so the list holds N.
  await reset(stack.simUrl, Math.max(0, n - 2));
  const latency = await simulatorLatency(stack.simUrl);
  const context = await newContext(browser);
  const page = await context.newPage();

  try {
    await login(page, stack.url, 'admin');
    await measureOurs(page, stack.url); // warm the browser cache and the shell's chunks
    const ours = await measureOurs(page, stack.url);
    const naive = await measureNaive(page, stack.url);
    const dashboardFloor = await measureDashboardFloor(page, stack.url);
    const pages = { detail: await measureDetail(page, stack.url), importForm: await measureImportForm(page, stack.url) };

    return {
      n,
      ours,
      naive,
      dashboardFloor,
      pages,
      simulator: latency,
      ratios:    {
        requests: ratio(ours.requests, naive.requests), bytes: ratio(ours.bytes, naive.bytes), firstRows: ratio(ours.firstRowsMs, naive.firstRowsMs)
      },
    };
  } finally {
    await context.close();
  }
}

async function measureProfile(browser: Awaited<ReturnType<typeof launchBrowser>>, profile: { label: string; env: Record<string, string> }, sizes: number[], upstream?: UpstreamPackage): Promise<ProfileReport> {
  const report = await measureOurProfile(browser, profile, sizes);

  if (!upstream) {
    return report;
  }
  const log = (line: string) => process.stderr.write(`[bench] Rancher ${ profile.label }: ${ line }\n`);
  const about = { package: `${ upstream.name } ${ upstream.version }`, commit: upstream.commit };
  // after ours, in a product process of its own (one list at a time on the machine); a failure there keeps our figures
  const run = await measureUpstream(browser, profile.env, sizes, upstream, log).catch((err: Error) => {
    log(`upstream failed: ${ err.stack || err }`);

    return err;
  });

  if (run instanceof Error) {
    return { ...report, upstream: { ...about, error: run.message.split('\n')[0] } };
  }

  for (const r of report.results) {
    const up = run.lists.get(r.n);

    if (up) {
      r.upstream = up;
      r.ratios.upstream = { firstRows: ratio(r.ours.firstRowsMs, up.firstRowsMs), requests: ratio(r.ours.requests, up.requests) };
    }
  }

  return { ...report, upstream: { ...about, harvesterExtension: run.harvesterExtension } };
}

async function measureOurProfile(browser: Awaited<ReturnType<typeof launchBrowser>>, profile: { label: string; env: Record<string, string> }, sizes: number[]): Promise<ProfileReport> {
  // the product as `npm start` runs it (its own process: the bench imports none of its code)
  const product = new ProductProcess({ SIM_HARVESTER_DELAY_MS: '300', ...profile.env });
  const stack = await product.start();
  const results: SizeResult[] = [];

  try {
    for (const n of sizes) {
      results.push(await measureSize(browser, stack, n));
      process.stderr.write(`[bench] Rancher ${ profile.label }: N=${ n } done\n`);
    }
    const tenancy = await measureTenancy(browser, stack.simUrl, stack.url);

    process.stderr.write(`[bench] Rancher ${ profile.label }: Projects & Members done\n`);

    return {
      rancher: profile.label, results, tenancy
    };
  } finally {
    await product.stop();
  }
}

async function main() {
  const sizes = (process.env.BENCH_SIZES || '10,100,1000,5000').split(',').map(Number);
  const upstream = upstreamPackage();
  const browser = await launchBrowser();
  const profiles: ProfileReport[] = [];

  try {
    for (const profile of profilesToMeasure()) {
      profiles.push(await measureProfile(browser, profile, sizes, upstream));
    }
  } finally {
    await browser.close();
  }
  const { rawKB, gzipKB, largest } = extensionSize();
  const ext = {
    rawKB, gzipKB, largest, dominatedBy: packageBreakdown(10), upstreamGzipKB: upstream ? buildSize(upstream.dir).gzipKB : undefined,
  };
  const writes = await writeDurability();
  const report = {
    date: new Date().toISOString(), machine: `${ require('os').cpus().length } cores`, extension: ext, writes, profiles
  };

  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'results', 'latest.json'), `${ JSON.stringify(report, null, 2) }\n`);
  printTable(report);
}

function writeColumns(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));

  for (const row of rows) {
    process.stdout.write(`${ row.map((c, i) => c.padEnd(widths[i])).join('  ') }\n`);
  }
}

const kb = (b: number) => `${ (b / 1024).toFixed(1) } KB`;

function printProfile(profile: ProfileReport) {
  process.stdout.write(`\n== Rancher ${ profile.rancher } ==\n`);
  if (profile.upstream) {
    const {
      package: name, commit, harvesterExtension, error
    } = profile.upstream;

    process.stdout.write(`upstream: ${ name }${ commit ? ` (rancher/dashboard ${ commit.slice(0, 12) })` : '' }, ${ error ? `not measured: ${ error }` : `Harvester UI extension ${ harvesterExtension } installed for it` }\n`);
  }
  const rows = [['N', 'list', 'first rows', 'requests', 'bytes', 'version req', 'req next 10s', 'heap', 'sim p50/p95']];

  for (const r of profile.results) {
    const lists = [['ours', r.ours], ['naive', r.naive], ...(r.upstream ? [['upstream', r.upstream] as const] : []), ['dashboard floor', r.dashboardFloor]] as const;

    for (const [name, f] of lists) {
      rows.push([String(r.n), name, `${ f.timedOut ? '> ' : '' }${ f.firstRowsMs } ms${ f.timedOut ? ' (timed out)' : '' }`, String(f.requests), kb(f.bytes), `${ f.versionRequests } (rows ${ f.visibleRows }${ f.pageRows !== undefined && f.pageRows !== f.visibleRows ? ` → ${ f.pageRows }` : '' })`,
        String(f.requestsNext10s), `${ f.heapMB } MB`, name === 'ours' ? `${ r.simulator.p50 }/${ r.simulator.p95 } ms` : '']);
    }
    rows.push([String(r.n), 'ours/naive', `${ r.ratios.firstRows }`, `${ r.ratios.requests }`, `${ r.ratios.bytes }`, '', '', '', '']);
    if (r.ratios.upstream) {
      rows.push([String(r.n), 'ours/upstream', `${ r.ratios.upstream.firstRows }`, `${ r.ratios.upstream.requests }`, '', '', '', '', '']);
    }
  }
  writeColumns(rows);
  process.stdout.write('dashboard floor: the same click to the shell\'s own Users & Authentication page, until it shows (leaving Home costs every product this)\n');

  const pageRows = [['N', 'page opened from the list', 'until shown', 'requests', 'bytes']];

  for (const r of profile.results) {
    pageRows.push([String(r.n), 'cluster detail', `${ r.pages.detail.ms } ms`, String(r.pages.detail.requests), kb(r.pages.detail.bytes)]);
    pageRows.push([String(r.n), 'Import Existing', `${ r.pages.importForm.ms } ms`, String(r.pages.importForm.requests), kb(r.pages.importForm.bytes)]);
  }
  process.stdout.write('\n');
  writeColumns(pageRows);
  const tenancyRows = [['Projects & Members tab of', 'projects', 'bindings', 'until rows', 'requests', 'bytes']];

  for (const t of profile.tenancy) {
    tenancyRows.push([t.cluster, String(t.projects), String(t.bindings), `${ t.ms } ms`, String(t.requests), kb(t.bytes)]);
  }
  if (profile.tenancy.length === 2) {
    const [few, many] = profile.tenancy;

    tenancyRows.push(['many/few', '', '', `${ +(many.ms / Math.max(1, few.ms)).toFixed(2) }`, `${ +(many.requests / Math.max(1, few.requests)).toFixed(2) }`, '']);
  }
  process.stdout.write('\n');
  writeColumns(tenancyRows);
}

function printTable(report: { extension: Pick<ExtensionSize, 'rawKB' | 'gzipKB' | 'largest'> & { dominatedBy: ModuleSize[], upstreamGzipKB?: number }, writes: WriteFigures, profiles: ProfileReport[] }) {
  report.profiles.forEach(printProfile);
  const w = report.writes;

  process.stdout.write(`\nSimulator writes (${ w.creates } creates, ${ w.parallel } at a time): ${ w.durablePerSecond }/s committed to SQLite before each answer, ` +
    `${ w.inMemoryPerSecond }/s in memory only (ratio ${ w.ratio })\n`);
  process.stdout.write(`\nExtension package: ${ report.extension.rawKB } KB raw, ${ report.extension.gzipKB } KB gzip; largest file ${ report.extension.largest }\n`);
  if (report.extension.upstreamGzipKB !== undefined) {
    process.stdout.write(`Upstream's package, built the same way: ${ report.extension.upstreamGzipKB } KB gzip\n`);
  }
  if (report.extension.dominatedBy.length) {
    process.stdout.write('What dominates it (gzip, from the build\'s bundle report):\n');
    writeColumns(report.extension.dominatedBy.map((m) => [`  ${ m.gzipKB } KB`, m.module]));
  }
  process.stdout.write('JSON: bench/results/latest.json\n');
}

main().catch((err) => {
  process.stderr.write(`${ err?.stack || err }\n`);
  process.exit(1);
});
