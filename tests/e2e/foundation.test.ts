/**
 * The foundation journey: the unmodified dashboard boots on the simulator, loads our extension
 * through /v1/uiplugins, and each seeded user sees exactly the Harvester clusters Rancher allows.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, Stack } from './support/stack';
import { launchBrowser, newContext, screenshot } from './support/browser';
import { login, openVirtualizationManagement } from './support/dashboard';
import { listedNames } from './support/clusters';

const SUITE = 'foundation';

let stack: Stack;
let browser: Browser;

beforeAll(async() => {
  stack = await startStack();
  browser = await launchBrowser();
});

afterAll(async() => {
  await browser?.close();
  await stack?.close();
});

async function asUser(username: string, step: (page: Page) => Promise<void>) {
  const context: BrowserContext = await newContext(browser);
  const page = await context.newPage();

  try {
    await login(page, stack.url, username);
    await step(page);
  } finally {
    await context.close();
  }
}

test('admin opens Virtualization Management from the side menu and sees the seeded Harvester clusters, not local', async() => {
  await asUser('admin', async(page) => {
    await screenshot(page, SUITE, '01-admin-home');
    await openVirtualizationManagement(page);
    const names = await listedNames(page);

    await screenshot(page, SUITE, '02-admin-harvester-list');
    expect(names).toEqual(['harvester-lab', 'harvester-prod']);
  });
});

test('project-readonly sees only the cluster of its project', async() => {
  await asUser('project-readonly', async(page) => {
    await openVirtualizationManagement(page);
    const names = await listedNames(page);

    await screenshot(page, SUITE, '03-readonly-harvester-list');
    expect(names).toEqual(['harvester-prod']);
  });
});

test('no-access sees no Harvester cluster', async() => {
  await asUser('no-access', async(page) => {
    await page.goto(`${ stack.url }/c/_/harvesterManager/harvesterhci.io.management.cluster`);
    await page.getByTestId('harvester-cluster-list-empty').waitFor();
    await screenshot(page, SUITE, '04-no-access-harvester-list');
    expect(await page.locator('[data-testid="harvester-cluster-list"] tbody tr.main-row').count()).toBe(0);
  });
});
