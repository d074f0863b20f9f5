/**
 * The delete guard in the real dashboard: the plan and the kubectl delete -f warning, typed
 * confirmation, single and bulk delete through the provisioning clusters only, and the simulated
 * Harvester keeping its cattle-system namespace.
 */
import type { Page } from 'playwright-core';
import type { Stack } from './support/stack';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { screenshot } from '../../drivers/browser';

import {
  clusterRow, eventually, input, listedNames, rowAction, simState,
} from '../../drivers/clusters';

const SUITE = 'delete';

let session: DashboardSession;
let stack: Stack;
let page: Page;

beforeAll(async() => {
  session = await openDashboard({
    seedClusters: 2, user: 'admin', openList: true
  });
  ({ stack, page } = session);
});

afterAll(() => closeDashboard(session));

test('Delete shows the guard and removes only the selected cluster; Harvester keeps cattle-system', async() => {
  expect(await listedNames(page)).toEqual(['harvester-lab', 'harvester-prod', 'harvester-scale-0001', 'harvester-scale-0002']);
  await rowAction(page, 'harvester-lab', /Delete/);
  const dialog = page.getByTestId('harvester-delete-dialog-card');

  await dialog.waitFor();
  expect(await dialog.getByTestId('delete-plan-warning').innerText()).toContain('Never run kubectl delete -f');
  expect(await dialog.getByTestId('harvester-delete-confirm-prompt').innerText()).toBe('Enter harvester-lab below to confirm:');
  // Rancher lists its cloud credentials to an admin (GET /v3/cloudcredentials): none holds this cluster
  await dialog.getByTestId('delete-plan-dependants-none').waitFor();
  expect(await dialog.getByTestId('delete-plan-dependants-unknown').count()).toBe(0);
  await screenshot(page, SUITE, '01-guard');

  await input(page, 'harvester-delete-confirm-input').fill('harvester-la');
  expect(await page.getByTestId('harvester-delete-confirm').isDisabled()).toBe(true);
  await input(page, 'harvester-delete-confirm-input').fill('harvester-lab');
  await page.getByTestId('harvester-delete-confirm').click();
  await dialog.waitFor({ state: 'detached' });

  await clusterRow(page, 'harvester-lab').waitFor({ state: 'detached', timeout: 30_000 });
  await screenshot(page, SUITE, '02-gone');
  expect(await listedNames(page)).toEqual(['harvester-prod', 'harvester-scale-0001', 'harvester-scale-0002']);

  const state = await simState(stack.simUrl);

  expect(state.clusters.map((c) => c.id)).not.toContain('fleet-default/harvester-lab');
  expect(state.clusters.map((c) => c.id)).toContain('fleet-default/harvester-prod');
  const harvester = state.harvesters.find((h) => h.name === 'harvester-lab');

  expect(harvester?.namespaces).toContain('cattle-system');
});

test('bulk delete asks for the number of selected clusters', async() => {
  // a laptop window: the typed confirmation must be in view without scrolling the plan
  await page.setViewportSize({ width: 1024, height: 700 });
  for (const name of ['harvester-scale-0001', 'harvester-scale-0002']) {
    await clusterRow(page, name).locator('td.row-check .selection-checkbox').click();
  }
  await page.getByTestId('sortable-table-promptRemove').click();
  const dialog = page.getByTestId('harvester-delete-dialog-card');

  await dialog.waitFor();
  expect(await dialog.getByTestId('harvester-delete-confirm-prompt').innerText()).toBe('Enter the number of selected clusters (2) below to confirm:');
  const box = await input(page, 'harvester-delete-confirm-input').boundingBox();

  expect(box && box.y >= 0 && box.y + box.height <= 700).toBe(true);
  await input(page, 'harvester-delete-confirm-input').fill('2');
  await screenshot(page, SUITE, '03-bulk-guard');
  await page.getByTestId('harvester-delete-confirm').click();
  await dialog.waitFor({ state: 'detached' });

  await eventually(async() => (await listedNames(page)).length === 1, 30_000, 'the two clusters to disappear');
  expect(await listedNames(page)).toEqual(['harvester-prod']);
  await screenshot(page, SUITE, '04-bulk-gone');
  await page.setViewportSize({ width: 1400, height: 900 });
});
