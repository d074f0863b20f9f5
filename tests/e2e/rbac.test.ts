/**
 * A read-only user in the real dashboard: only the cluster Rancher shares, a read-only banner, no
 * Import, no Edit, no Delete anywhere; a typed /create is read-only, and a create sent anyway is refused by the API.
 */
import type { Page } from 'playwright-core';
import type { Stack } from './support/stack';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { screenshot } from '../../drivers/browser';
import { openVirtualizationManagement } from '../../drivers/dashboard';
import { clusterRow, input, listedNames, simState } from '../../drivers/clusters';
import { rancherApi } from './support/rancher-qa';

const SUITE = 'rbac';

let session: DashboardSession;
let stack: Stack;
let page: Page;

beforeAll(async() => {
  session = await openDashboard({ user: 'project-readonly' });
  ({ stack, page } = session);
});

afterAll(() => closeDashboard(session));

test('project-readonly sees its cluster, a read-only banner and no mutating control', async() => {
  await openVirtualizationManagement(page);
  expect(await listedNames(page)).toEqual(['harvester-prod']);
  await page.getByTestId('harvester-cluster-list-readonly').waitFor();
  expect(await page.getByTestId('masthead-create').count()).toBe(0);
  expect(await page.locator('[data-testid="harvester-cluster-list"] [data-testid*="action-button"]').count()).toBe(0);
  expect(await page.getByTestId('sortable-table-promptRemove').count()).toBe(0);
  expect(await page.locator('[data-testid="harvester-cluster-list"] .selection-checkbox').count()).toBe(0);
  await screenshot(page, SUITE, '01-readonly-list');

  await clusterRow(page, 'harvester-prod').locator('td.col-link-detail a').click();
  await page.getByTestId('harvester-cluster-detail').waitFor();
  await page.getByTestId('masthead-action-menu').click();
  const items = (await page.getByRole('menuitem').allInnerTexts()).map((t) => t.trim());

  expect(items).not.toContain('Edit Config');
  expect(items).not.toContain('Delete');
  await screenshot(page, SUITE, '02-readonly-detail-menu');
});

test('a typed /create shows the form read-only with the reason; a create sent anyway is refused by the API and leaves nothing', async() => {
  await page.goto(`${ stack.url }/c/_/harvesterManager/harvesterhci.io.management.cluster/create`);
  await page.getByTestId('harvester-cluster-form-denied').waitFor();
  expect(await page.getByTestId('harvester-cluster-form-denied').innerText()).toContain('You may not import Harvester clusters');
  expect(await input(page, 'name-ns-description-name').isEnabled()).toBe(false);
  expect(await page.getByTestId('form-save').isDisabled()).toBe(true);
  expect(await page.getByText('Rancher makes you the owner').count()).toBe(0);
  await screenshot(page, SUITE, '03-create-denied');
  // the UI is not what keeps it out: the same create sent with this session is refused by Rancher
  const forged = await rancherApi(page, stack.url, 'POST', 'v3/clusters', {
    type: 'cluster', name: 'sneaky', labels: { 'provider.cattle.io': 'harvester' }
  });

  expect(forged.status()).toBe(403);
  expect((await simState(stack.simUrl)).clusters.length).toBe(3);
});
