/**
 * The foundation journey: the unmodified dashboard boots on the simulator, loads our extension
 * through /v1/uiplugins, and each seeded user sees exactly the Harvester clusters Rancher allows.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, Stack } from './support/stack';
import { launchBrowser, newContext, screenshot } from '../../drivers/browser';
import { login, openVirtualizationManagement } from '../../drivers/dashboard';
import { listedNames } from '../../drivers/clusters';

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

test('no-access (User-Base) is offered no Virtualization Management, and Rancher lists it no cluster', async() => {
  await asUser('no-access', async(page) => {
    // No verb on provisioning clusters, so no schema (steve pkg/schema/factory.go): the product stays hidden (product.ts ifHaveType).
    await page.getByTestId('top-level-menu').click();
    await page.getByRole('link', { name: /Home/ }).first().waitFor();
    expect(await page.getByRole('link', { name: /Virtualization Management/ }).count()).toBe(0);
    await screenshot(page, SUITE, '04-no-access-menu');
    const answers = await page.evaluate(async() => Promise.all(['/v1/provisioning.cattle.io.clusters', '/v1/management.cattle.io.clusters'].map(async(url) => {
      const res = await fetch(url);

      return { status: res.status, items: res.status === 200 ? (await res.json()).data.length : null };
    })));

    // apiserver: no schema → 404 without a body; management clusters are listable by everyone, and empty (clusters.go)
    expect(answers).toEqual([{ status: 404, items: null }, { status: 200, items: 0 }]);
  });
});
