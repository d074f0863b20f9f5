/**
 * Import Existing in the real dashboard: name validation, create through Norman, the registration
 * view with working copy buttons, the simulated Harvester applying the shown URL, and the page and
 * the list following the cluster to Active without a reload.
 */
import type { Page } from 'playwright-core';
import type { Stack } from './support/stack';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { screenshot } from '../../drivers/browser';
import { harvesterKubeconfig, shell } from '../integration/support/kubectl';
import { openVirtualizationManagement } from '../../drivers/dashboard';
import { clusterRow, input, simState } from '../../drivers/clusters';

const SUITE = 'import';

let session: DashboardSession;
let stack: Stack;
let page: Page;

beforeAll(async() => {
  session = await openDashboard({ clipboard: true, user: 'admin' });
  ({ stack, page } = session);
});

afterAll(() => closeDashboard(session));

test('Import Existing rejects a name with dots before anything is created', async() => {
  await openVirtualizationManagement(page);
  await page.getByTestId('masthead-create').click();
  await page.waitForURL(/\/harvesterhci\.io\.management\.cluster\/create$/);
  const title = page.locator('h1', { hasText: 'Create' });

  await title.waitFor();
  expect((await title.innerText()).replace(/\s+/g, ' ').trim()).toBe('Harvester Cluster: Create');

  // Member roles are ours; agent environment and labels are the dashboard's own provisioning-cluster sections.
  for (const tab of ['memberRoles', 'agentEnv', 'labels']) {
    await page.getByTestId(`btn-${ tab }`).waitFor();
  }
  for (const tab of ['labels', 'agentEnv']) {
    await page.getByTestId(`btn-${ tab }`).click();
    await page.locator(`section[role="tabpanel"]#${ tab } [data-testid="add_row_item_button"]`).first().waitFor();
  }

  const tabsTop = () => page.locator('.side-tabs').first().evaluate((el) => el.getBoundingClientRect().top);
  const border = (testId: string) => page.locator(`[data-testid="${ testId }"] .labeled-input`).first().evaluate((el) => getComputedStyle(el).borderTopColor);
  const topBefore = await tabsTop();

  await input(page, 'name-ns-description-name').fill('My.Cluster');
  await input(page, 'name-ns-description-name').blur();
  await page.getByTestId('harvester-cluster-name-error').waitFor();
  // every problem, not only the first; the field is marked as the shell marks fields; nothing moved
  expect(await page.getByTestId('harvester-cluster-name-error').innerText()).toBe('Name must not contain dots: Fleet cannot handle cluster names with dots. Name must be lowercase.');
  expect(await border('name-ns-description-name')).not.toBe(await border('name-ns-description-description'));
  expect(await tabsTop()).toBe(topBefore);
  expect(await page.getByTestId('form-save').isDisabled()).toBe(true);
  await screenshot(page, SUITE, '01-invalid-name');
  expect((await simState(stack.simUrl)).clusters.map((c) => c.id)).not.toContain('fleet-default/My.Cluster');
});

test('a label value Kubernetes would refuse, typed in the dashboard\'s label editor, is named and keeps Create disabled until fixed', async() => {
  await input(page, 'name-ns-description-name').fill('harv-e2e');
  await page.getByTestId('btn-labels').click();
  const labels = page.locator('section[role="tabpanel"]#labels');

  await labels.locator('[data-testid="add_row_item_button"]').first().click();
  await labels.locator('[data-testid="input-kv-item-key-0"]').first().fill('team');
  const value = labels.locator('[data-testid="kv-item-value-0"] textarea, [data-testid="kv-item-value-0"] input').first();

  await value.fill('virt team');
  const problems = page.getByTestId('harvester-metadata-errors');

  await problems.waitFor();
  expect((await problems.innerText()).trim()).toBe('Label "team": the value "virt team" must be empty or 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.');
  expect(await page.getByTestId('form-save').isDisabled()).toBe(true);
  await screenshot(page, SUITE, '01b-invalid-label');

  await value.fill('virt');
  await problems.waitFor({ state: 'detached' });
  expect(await page.getByTestId('form-save').isDisabled()).toBe(false);
});

test('Create shows the registration view; applying its URL on Harvester makes the page and the list Active', async() => {
  await input(page, 'name-ns-description-name').fill('harv-e2e');
  await input(page, 'name-ns-description-description').fill('imported by the e2e test');
  await page.getByTestId('form-save').click();
  await page.waitForURL(/\/fleet-default\/c-[a-z0-9]{5}#registration$/, { timeout: 90_000 });

  const urlText = page.getByTestId('registration-url-text');

  await urlText.waitFor({ timeout: 30_000 });
  const url = (await urlText.innerText()).trim();

  expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v3\/import\/[a-z0-9]+_c-[a-z0-9]{5}\.yaml$/);
  expect((await page.getByTestId('registration-apply-text').innerText()).trim()).toBe(`kubectl apply -f ${ url }`);
  expect((await page.getByTestId('registration-insecure-apply-text').innerText()).trim()).toBe(`curl --insecure -sfL ${ url } | kubectl apply -f -`);
  expect((await page.getByTestId('registration-status-state').innerText()).trim()).toBe('Pending');
  await screenshot(page, SUITE, '02-registration');

  // the copy buttons put exactly the shown text on the clipboard
  await page.getByTestId('registration-url-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await page.getByTestId('registration-insecure-apply-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`curl --insecure -sfL ${ url } | kubectl apply -f -`);

  // …and that command, run with the real kubectl on a simulated Harvester node, registers the cluster
  const created = await fetch(`${ stack.simUrl }/sim/harvester`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'journey-node', version: 'v1.4.1' }),
  });

  expect(created.status).toBe(201);
  const applied = await shell(await page.evaluate(() => navigator.clipboard.readText()), await harvesterKubeconfig(stack.simUrl, 'journey-node'));

  expect({ code: applied.code, stdout: applied.stdout }).toEqual({ code: 0, stdout: expect.stringContaining('deployment.apps/cattle-cluster-agent created') });
  await page.getByTestId('registration-active').waitFor({ timeout: 60_000 });
  expect((await page.getByTestId('registration-status-state').innerText()).trim()).toBe('Active');
  await screenshot(page, SUITE, '03-active');

  // the Events tab tells the same story from Rancher's side
  await page.getByTestId('btn-events').click();
  const events = page.getByTestId('harvester-cluster-events');

  await events.locator('td', { hasText: 'AgentConnected' }).first().waitFor({ timeout: 30_000 });
  await events.locator('td', { hasText: /^\s*Ready\s*$/ }).first().waitFor({ timeout: 30_000 });
  expect(await events.innerText()).toContain('Registering');
  await screenshot(page, SUITE, '03b-events');

  await openVirtualizationManagement(page);
  const row = clusterRow(page, 'harv-e2e');

  await row.waitFor();
  expect(await row.locator('.badge-state').innerText()).toBe('Active');
  await screenshot(page, SUITE, '04-list-active');
});
