import type { Page } from 'playwright-core';
import { heapMB } from './heap';
import { ListFigures, listFigures, RequestMeter } from './request-meter';

const SETTLE_MS = 10_000;

export interface ListOptions {
  /** The list's rows once it shows them. */
  rows: string;
  /** How long the first rows may take. */
  timeoutMs: number;
  /** Report a list that shows no rows in time as a figure (`timedOut`) instead of failing the run. */
  timeoutIsFigure?: boolean;
  /** The top-level menu entry clicked (Virtualization Management unless said). */
  link?: RegExp;
}

/**
 * A list reached as a user does: a warm dashboard, the click on Virtualization Management (or
 * `opts.link`) in the top-level menu, then the time to its first rows, what it asked for until
 * then and in the next 10 s.
 */
export async function measureList(page: Page, baseUrl: string, opts: ListOptions): Promise<ListFigures> {
  await page.goto(`${ baseUrl }/home`);
  await page.getByTestId('top-level-menu').waitFor();
  await page.waitForTimeout(1500);
  const meter = new RequestMeter(page, baseUrl);

  await page.getByTestId('top-level-menu').click();
  const link = page.getByRole('link', { name: opts.link || /Virtualization Management/ });

  await link.waitFor();
  meter.start();
  await link.click();
  let timedOut = false;

  try {
    await page.locator(opts.rows).first().waitFor({ timeout: opts.timeoutMs });
  } catch (err) {
    if (!opts.timeoutIsFigure) {
      throw err;
    }
    timedOut = true;
  }
  const firstRowsMs = meter.elapsedMs();
  const visibleRows = await page.locator(opts.rows).count();

  await page.waitForTimeout(SETTLE_MS);
  const untilRows = await meter.snapshot(firstRowsMs);
  const after = await meter.snapshot();

  meter.stop();

  const pageRows = await page.locator(opts.rows).count();

  return {
    ...listFigures(firstRowsMs, visibleRows, untilRows, after, await heapMB(page)), pageRows, ...(timedOut ? { timedOut } : {}),
  };
}

/**
 * The dashboard's own floor for the same click: Home → Users & Authentication, until the shell's
 * page of a handful of users shows its title (it loads its users first). Leaving Home mounts the
 * product layout, whose top-level menu deep-watches every cluster the dashboard holds (the shell's
 * TopLevelMenu.vue `provClusters` / `mgmtClusters`, when the shell's own paging is off, as on
 * Rancher 2.10 and 2.11): what any product pays there before its own code runs.
 */
export function measureDashboardFloor(page: Page, baseUrl: string): Promise<ListFigures> {
  return measureList(page, baseUrl, {
    link: /Users & Authentication/, rows: 'main header .title h1:has-text("Users")', timeoutMs: 60_000,
  });
}
