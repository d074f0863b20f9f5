import type { Page } from 'playwright-core';
import { listFigures, RequestMeter } from './request-meter';
import { heapMB } from './heap';

const SETTLE_MS = 10_000;

/**
 * Plain browser JavaScript (a string, so the bundler's helpers never leak into the page):
 * resolves once the rows are in the DOM (with its own timing, for debugging).
 */
const NAIVE_LIST_SCRIPT = `(async () => {
  const started = performance.now();
  const get = (url) => fetch(url, { credentials: 'include', headers: { accept: 'application/json' } }).then((r) => r.json());
  const [mgmt, prov] = await Promise.all([get('/v1/management.cattle.io.clusters'), get('/v1/provisioning.cattle.io.clusters')]);
  const byId = new Map(mgmt.data.map((m) => [m.id, m]));
  const rows = prov.data.map((p) => ({ p, m: byId.get(p.status && p.status.clusterName) }))
    .filter(({ p, m }) => (p.metadata.labels || {})['provider.cattle.io'] === 'harvester' || (m && m.status && m.status.provider === 'harvester'));
  const table = document.createElement('table');
  table.id = 'naive-list';
  for (const { p } of rows) {
    const tr = table.insertRow();
    tr.insertCell().textContent = p.metadata.name;
    tr.insertCell().textContent = (p.metadata.state && p.metadata.state.name) || '';
  }
  document.body.appendChild(table);
  const elapsed = performance.now() - started;
  window.__naiveVersions = Promise.allSettled(rows
    .filter(({ m }) => m && m.metadata.state && m.metadata.state.name === 'active')
    .map(({ m }) => get('/k8s/clusters/' + m.id + '/v1/harvesterhci.io.settings/server-version')));
  return Math.round(elapsed);
})()`;

/**
 * The naive baseline, run inside the logged-in dashboard page with its cookies: what the
 * upstream list does — every management and provisioning cluster in full, filter Harvester
 * ones in the browser, render a row each, then one server-version request per Active row with
 * no concurrency limit.
 */
export async function measureNaive(page: Page, baseUrl: string) {
  const meter = new RequestMeter(page, baseUrl);

  meter.start();
  await page.evaluate(NAIVE_LIST_SCRIPT);
  // Timed on the same clock as the request log (the page's own figure leaves out the call's overhead).
  const firstRowsMs = meter.elapsedMs();
  const visibleRows = await page.locator('#naive-list tr').count();

  await page.waitForTimeout(SETTLE_MS);
  const untilRows = await meter.snapshot(firstRowsMs);
  const after = await meter.snapshot();
  const heap = await heapMB(page);

  meter.stop();
  await page.evaluate(() => document.getElementById('naive-list')?.remove());

  return listFigures(firstRowsMs, visibleRows, untilRows, after, heap);
}
