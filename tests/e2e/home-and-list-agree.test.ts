/**
 * Home and Virtualization Management agree on who may import, as Rancher decides it: a Standard
 * User (project-owner) sees Import on Home and Import Existing on our list, without the read-only
 * banner; a User-Base member (project-readonly) sees neither, and our list says read-only.
 */
import type { Page } from 'playwright-core';
import type { Stack } from './support/stack';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { login, openVirtualizationManagement } from '../../drivers/dashboard';
import { screenshot } from '../../drivers/browser';

const SUITE = 'home-and-list-agree';

let session: DashboardSession;
let stack: Stack;
let page: Page;

beforeAll(async() => {
  session = await openDashboard({});
  ({ stack, page } = session);
});

afterAll(() => closeDashboard(session));

async function homeOffersImport(): Promise<boolean> {
  await page.goto(`${ stack.url }/home`);
  // Home's cluster table heading shows Manage for whoever may list provisioning clusters, Import beside it for who may create them
  await page.getByTestId('cluster-management-manage-button').waitFor({ timeout: 30_000 });

  return (await page.getByTestId('cluster-create-import-button').count()) > 0;
}

test.each([
  ['project-owner', true],
  ['project-readonly', false],
])('%s: Home and the Harvester list both offer Import: %s', async(user, mayImport) => {
  await page.context().clearCookies();
  await login(page, stack.url, user as string);
  expect(await homeOffersImport()).toBe(mayImport);
  await openVirtualizationManagement(page);
  await page.getByTestId('harvester-cluster-list').locator('tbody tr.main-row').first().waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('masthead-create').count() > 0).toBe(mayImport);
  expect(await page.getByTestId('harvester-cluster-list-readonly').count() > 0).toBe(!mayImport);
  await screenshot(page, SUITE, `${ user }-list`);
});
