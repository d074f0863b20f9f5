/**
 * Errors in the real dashboard: a 500 and a 403 injected on Norman's POST /v3/clusters show a clear
 * banner on the form, keep the page where it is and leave no cluster behind; a websocket drop
 * during registration does not stop the registration view from following the cluster to Active.
 */
import type { Page } from 'playwright-core';
import type { Stack } from './support/stack';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { screenshot } from '../../drivers/browser';

import { input, simState } from '../../drivers/clusters';

const SUITE = 'errors';
const NAME = 'harv-errors';

let session: DashboardSession;
let stack: Stack;
let page: Page;

async function injectFault(spec: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${ stack.simUrl }/sim/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec),
  });

  expect(res.status).toBe(201);
}

/** What a failed create could leave behind: provisioning and management clusters, tokens. */
async function leftovers(): Promise<unknown> {
  const state = await simState(stack.simUrl) as unknown as { clusters: { id: string }[]; managementClusters: string[]; tokens: string[] };

  return {
    clusters: state.clusters.map((c) => c.id).sort(), managementClusters: state.managementClusters, tokens: state.tokens
  };
}

beforeAll(async() => {
  session = await openDashboard({ user: 'admin', openList: true });
  ({ stack, page } = session);
  await page.getByTestId('masthead-create').click();
  await page.waitForURL(/\/harvesterhci\.io\.management\.cluster\/create$/);
  await input(page, 'name-ns-description-name').fill(NAME);
});

afterAll(() => closeDashboard(session));

test.each([
  [500, 'Rancher failed with an internal error (HTTP 500)', '01-create-500'],
  [403, 'You are not allowed to do this: Rancher refused the request (HTTP 403)', '02-create-403'],
])('a %i on create shows a clear banner, stays on the form and creates nothing', async(status, detail, step) => {
  const before = await leftovers();

  await injectFault({
    kind: 'http', method: 'POST', path: '/v3/clusters', status, times: 1,
  });
  await page.getByTestId('form-save').click();

  const banner = page.locator('.banner.error', { hasText: detail });

  await banner.waitFor();
  expect((await banner.innerText()).replace(/\s+/g, ' ')).toContain(`Could not import "${ NAME }" into Rancher.`);
  await screenshot(page, SUITE, step);
  // still on the form (the tabs may add a #hash), with what was typed
  expect(page.url()).toMatch(/\/harvesterhci\.io\.management\.cluster\/create(#[\w-]*)?$/);
  expect(await input(page, 'name-ns-description-name').inputValue()).toBe(NAME);
  expect(await leftovers()).toEqual(before);
  expect(await page.getByTestId('form-save').isDisabled()).toBe(false);
});
