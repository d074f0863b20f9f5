/**
 * 401 mid-session in the real dashboard. The session ends (its token is deleted in Rancher, as
 * when it expires or an admin revokes it) while the user is on the Import Existing form with
 * values typed. On Create, Rancher answers 401 and the shell logs the user out: the tab reloads
 * into the login page with "Log in again to continue". Nothing is created in Rancher. The shell
 * (3.0.13) lands on Home after logging in again; the form keeps what was typed (sessionStorage,
 * this tab, this user) and the extension's onLogin hook goes back to the form, which brings it
 * back; the import then goes through once, and the draft is gone. The same for Edit Config.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { Stack } from './support/stack';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { screenshot } from '../../drivers/browser';
import { login, openImportExisting, openVirtualizationManagement, submitLogin } from '../../drivers/dashboard';
import { eventually, input, rowAction, simState } from '../../drivers/clusters';

const SUITE = 'session-expiry';
const NAME = 'harv-expiry';
const DESCRIPTION = 'typed before the session expired';
const DRAFT_KEY = 'harvester-manager/draft/import';

let session: DashboardSession;
let stack: Stack;
let context: BrowserContext;
let page: Page;
/** every answer to a POST /v3/clusters, in order */
const creates: number[] = [];

/** Everything in the simulator's state that a create could change. */
async function rancherObjects(): Promise<unknown> {
  const state = await simState(stack.simUrl) as unknown as Record<string, unknown>;

  return {
    clusters: state.clusters, managementClusters: state.managementClusters, tokens: state.tokens, counts: state.counts, harvesters: state.harvesters,
  };
}

/** The Import Existing draft this tab keeps (sessionStorage), or null. */
const importDraft = () => page.evaluate((key) => window.sessionStorage.getItem(key), DRAFT_KEY);

/** Import Existing opened with `name` typed, once the form has kept it as a draft. */
async function startImport(name: string): Promise<void> {
  await openImportExisting(page);
  await input(page, 'name-ns-description-name').fill(name);
  await eventually(async() => !!(await importDraft()), 10_000, 'the draft to be kept');
}

/** Import Existing opened again starts empty, without the restored-draft notice. */
async function expectEmptyImportForm(): Promise<void> {
  await openImportExisting(page);
  expect(await input(page, 'name-ns-description-name').inputValue()).toBe('');
  expect(await page.getByTestId('harvester-draft-restored').count()).toBe(0);
}

/** The session's token is deleted in Rancher (what expiry or a revoke does to it). */
async function endSession(): Promise<void> {
  const token = (await context.cookies()).find((c) => c.name === 'R_SESS')?.value as string;
  const revoked = await fetch(`${ stack.simUrl }/v3/tokens/${ token.split(':')[0] }`, { method: 'DELETE', headers: { authorization: `Bearer ${ token }` } });

  expect(revoked.status).toBe(204);
}

/** The login page the shell shows once the session is gone, filled in as admin. */
const logInAgain = () => submitLogin(page, 'admin');

beforeAll(async() => {
  session = await openDashboard();
  ({ stack, context, page } = session);
  page.on('response', (res) => {
    if (res.request().method() === 'POST' && new URL(res.url()).pathname === '/v3/clusters') {
      creates.push(res.status());
    }
  });
  await login(page, stack.url, 'admin');
});

afterAll(() => closeDashboard(session));

test('the session ends on the Import Existing form: Create asks to log in again, creates nothing, and the login goes back to the form with the typed values', async() => {
  await openImportExisting(page);
  await input(page, 'name-ns-description-name').fill(NAME);
  await input(page, 'name-ns-description-description').fill(DESCRIPTION);
  const before = await rancherObjects();

  await endSession();

  await page.getByTestId('form-save').click();
  await page.waitForURL(/\/auth\/login\?timed-out/, { timeout: 60_000 });
  await page.getByText('Log in again to continue.').waitFor();
  await screenshot(page, SUITE, '01-log-in-again');
  expect(creates).toEqual([401]);
  expect(await rancherObjects()).toEqual(before);

  // Log in again on that page: back on Import Existing, the values are there, with a notice.
  await logInAgain();
  await page.waitForURL(/\/harvesterhci\.io\.management\.cluster\/create$/, { timeout: 60_000 });
  await input(page, 'name-ns-description-name').waitFor();
  expect(await input(page, 'name-ns-description-name').inputValue()).toBe(NAME);
  expect(await input(page, 'name-ns-description-description').inputValue()).toBe(DESCRIPTION);
  expect((await page.getByTestId('harvester-draft-restored').innerText()).trim())
    .toBe('Restored what you typed in this tab before leaving the form without importing (for example when your session expired). Cancel discards it.');
  await screenshot(page, SUITE, '02-restored');

  // Create now goes through, once, and the draft is gone.
  await page.getByTestId('form-save').click();
  await page.waitForURL(/\/fleet-default\/c-[a-z0-9]{5}#registration$/, { timeout: 90_000 });
  await page.getByTestId('registration-url-text').waitFor();
  expect(creates).toEqual([401, 201]);
  const after = await simState(stack.simUrl) as unknown as { clusters: { id: string }[] };

  expect(after.clusters.length).toBe((before as { clusters: unknown[] }).clusters.length + 1);
  expect(await importDraft()).toBeNull();
  await expectEmptyImportForm();
});

test('Cancel discards what was typed: the next Import Existing starts empty', async() => {
  await startImport('harv-cancelled');
  await page.getByTestId('form-cancel').click();
  await page.waitForURL(/\/harvesterhci\.io\.management\.cluster$/);
  expect(await importDraft()).toBeNull();
  await expectEmptyImportForm();
});

test('logging out on purpose from a half-filled form: the next login lands on Home, and Import Existing still offers the values', async() => {
  await startImport('harv-logged-out');

  await page.getByTestId('nav_header_showUserMenu').click();
  await page.getByText('Log Out', { exact: true }).click();
  await page.waitForURL(/\/auth\/login/, { timeout: 60_000 });
  await logInAgain();
  await page.waitForURL(/\/home$/, { timeout: 60_000 });
  await page.waitForTimeout(2000);
  expect(new URL(page.url()).pathname).toBe('/home');

  await openImportExisting(page);
  expect(await input(page, 'name-ns-description-name').inputValue()).toBe('harv-logged-out');
  await page.getByTestId('form-cancel').click();
  await page.waitForURL(/\/harvesterhci\.io\.management\.cluster$/);
});

test('the session ends on Edit Config: Save asks to log in again, the login goes back to Edit Config with the change, and Save then keeps it', async() => {
  const CHANGED = 'changed before the session ended';
  // Edit Config saves where Rancher keeps the cluster's config: the management cluster (Norman),
  // or, for a cluster administrated by its provisioning cluster, that one's annotation (Steve).
  const descriptionInRancher = async() => {
    type Stored = { metadata: { annotations?: Record<string, string> }; spec: { displayName?: string; description?: string }; status?: { clusterName?: string } };
    const { objects } = await (await fetch(`${ stack.simUrl }/sim/objects`)).json() as { objects: Record<string, Stored[]> };
    const mgmt = objects['management.cattle.io.cluster'].find((c) => c.spec.displayName === 'harvester-prod') as Stored & { metadata: { name: string } };
    const prov = objects['provisioning.cattle.io.cluster'].find((c) => c.status?.clusterName === mgmt.metadata.name);

    return prov?.metadata.annotations?.['field.cattle.io/description'] || mgmt.spec.description || '';
  };
  const before = await descriptionInRancher();

  await openVirtualizationManagement(page);
  await rowAction(page, 'harvester-prod', /Edit Config/);
  await page.waitForURL(/\?mode=edit/);
  const description = input(page, 'name-ns-description-description');

  await eventually(async() => (await description.inputValue()) === before, 30_000, 'the description to load');
  await description.fill(CHANGED);
  await eventually(async() => (await page.evaluate(() => Object.keys(window.sessionStorage).filter((k) => k.startsWith('harvester-manager/draft/edit/')).length)) === 1, 10_000, 'the draft to be kept');
  await endSession();

  await page.getByTestId('form-save').click();
  await page.waitForURL(/\/auth\/login\?timed-out/, { timeout: 60_000 });
  expect(await descriptionInRancher()).toBe(before);

  await logInAgain();
  await page.waitForURL(/\?mode=edit$/, { timeout: 60_000 });
  await eventually(async() => (await description.inputValue()) === CHANGED, 30_000, 'the change to come back');
  expect((await page.getByTestId('harvester-draft-restored').innerText()).trim())
    .toBe('Restored the changes you made in this tab before leaving Edit Config without saving (for example when your session expired). Cancel discards them.');
  await screenshot(page, SUITE, '03-edit-config-restored');

  await page.getByTestId('form-save').click();
  await page.waitForURL((url) => !url.search.includes('mode=edit'), { timeout: 60_000 });
  await eventually(async() => (await descriptionInRancher()) === CHANGED, 10_000, 'Rancher to keep the description');
  expect(await page.evaluate(() => Object.keys(window.sessionStorage).filter((k) => k.startsWith('harvester-manager/draft/')))).toEqual([]);
});

test('the session ends on a cluster\'s detail page: after logging in again the user is back on that page', async() => {
  await openVirtualizationManagement(page);
  await page.locator('[data-testid="harvester-cluster-list"] tbody tr.main-row', { hasText: 'harvester-prod' }).locator('td.col-link-detail a').click();
  await page.getByTestId('harvester-cluster-state').waitFor();
  const detailUrl = page.url();

  await endSession();
  await page.reload(); // the next request finds the session gone
  await page.waitForURL(/\/auth\/login/, { timeout: 60_000 });
  await logInAgain();
  await page.waitForURL(detailUrl, { timeout: 60_000 });
  await page.getByTestId('harvester-cluster-state').waitFor();
  expect((await page.locator('.masthead h1, h1').first().innerText())).toContain('harvester-prod');
});
