import type { Locator, Page } from 'playwright-core';
import { input } from '../drivers/clusters';
import { RequestMeter } from './request-meter';

// What opening a page from the warm list costs: the detail page of a cluster (a click on its name)
// and Import Existing (the masthead button). Each should cost the same at N = 10 and N = 5,000.

export interface PageFigures {
  ms: number;
  requests: number;
  bytes: number;
}

export const LIST_PATH = '/c/_/harvesterManager/harvesterhci.io.management.cluster';
export const ROWS = '[data-testid="harvester-cluster-list"] tbody tr.main-row';

async function measureOpen(page: Page, baseUrl: string, open: (page: Page) => Promise<void>, ready: (page: Page) => Locator): Promise<PageFigures> {
  await page.goto(`${ baseUrl }${ LIST_PATH }`);
  await page.locator(ROWS).first().waitFor({ timeout: 60_000 });
  // Let the freshly loaded dashboard finish its own start-up requests first (at N = 5,000 the shell
  // reads its cluster menu for seconds), so the figures are the page's alone.
  await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined);
  await page.waitForTimeout(1500);
  const meter = new RequestMeter(page, baseUrl);

  meter.start();
  await open(page);
  await ready(page).waitFor({ timeout: 120_000 });
  const ms = meter.elapsedMs();
  const { requests, bytes } = await meter.snapshot(ms);

  meter.stop();

  return {
    ms, requests, bytes
  };
}

export function measureDetail(page: Page, baseUrl: string): Promise<PageFigures> {
  return measureOpen(page, baseUrl,
    (p) => p.locator(`${ ROWS } td.col-link-detail a`).first().click(),
    (p) => p.getByTestId('harvester-cluster-state'));
}

export function measureImportForm(page: Page, baseUrl: string): Promise<PageFigures> {
  return measureOpen(page, baseUrl,
    (p) => p.getByTestId('masthead-create').click(),
    (p) => input(p, 'name-ns-description-name'));
}
