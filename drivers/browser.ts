import fs from 'fs';
import path from 'path';
import { chromium, Browser, BrowserContext, Page } from 'playwright-core';

/** Screenshots of the e2e suite and the bench (git-ignored). */
export const ARTIFACTS_DIR = path.resolve(__dirname, '../tests/e2e/artifacts');

/** Debian's chromium, headless, with the flags this sandbox needs (no background networking). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless:       true,
    args:           [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } });

  context.setDefaultTimeout(30_000);
  // Hermetic: the dashboard's calls to the internet (e.g. updates.rancher.io) fail at once.
  await context.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname), (route) => route.abort('internetdisconnected'));

  return context;
}

/** Screenshots go to tests/e2e/artifacts/<suite>/<step>.png (git-ignored). */
export async function screenshot(page: Page, suite: string, step: string): Promise<string> {
  const dir = path.join(ARTIFACTS_DIR, suite);

  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${ step }.png`);

  await page.screenshot({ path: file, fullPage: false });

  return file;
}
