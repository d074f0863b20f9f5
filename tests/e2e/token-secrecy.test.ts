/**
 * The registration token stays where it belongs, across a whole journey in the real dashboard:
 * Import Existing → registration view → Active → list → detail → Edit Config → delete guard →
 * delete. It is never in the browser console (any level) or a page error, never in the URL of a
 * request the page makes (the manifest URL is the only URL that may carry it; the page does not
 * request it today), never in the page's address, and never in the text or markup of any
 * page other than the registration view (so not in a screenshot of one), nor in web storage.
 */
import type { Page } from 'playwright-core';
import type { Stack } from './support/stack';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { screenshot } from '../../drivers/browser';
import { importThroughForm, login, openVirtualizationManagement } from '../../drivers/dashboard';
import {
  applyOnHarvester, clusterRow, eventually, input, listedNames, rowAction, simState,
} from '../../drivers/clusters';

const SUITE = 'token-secrecy';
const NAME = 'harv-secret';

let session: DashboardSession;
let stack: Stack;
let page: Page;
const consoleLines: string[] = [];
const pageErrors: string[] = [];
const requested: string[] = [];
/** the page's own address after every navigation */
const addresses: string[] = [];
let token = '';
let manifestUrl = '';

/** Everything on the page now that a person or a screenshot could see, and the markup behind it. */
async function pageContent(p: Page): Promise<{ text: string; html: string; storage: string }> {
  return p.evaluate(() => ({
    text:    document.body.innerText,
    html:    document.documentElement.outerHTML,
    storage: JSON.stringify({ local: { ...window.localStorage }, session: { ...window.sessionStorage } }),
  }));
}

/** A page other than the registration view: the token is nowhere on it. */
async function expectNoToken(step: string): Promise<void> {
  const content = await pageContent(page);

  expect({
    step, text: content.text.includes(token), html: content.html.includes(token), storage: content.storage.includes(token)
  })
    .toEqual({
      step, text: false, html: false, storage: false,
    });
  expect(page.url()).not.toContain(token);
  await screenshot(page, SUITE, step);
}

beforeAll(async() => {
  session = await openDashboard();
  ({ stack, page } = session);
  page.on('console', (msg) => consoleLines.push(`${ msg.type() }: ${ msg.text() } ${ JSON.stringify(msg.location()) }`));
  page.on('pageerror', (err) => pageErrors.push(`${ err.name }: ${ err.message }\n${ err.stack || '' }`));
  page.on('request', (req) => requested.push(req.url()));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) {
      addresses.push(frame.url());
    }
  });
  await login(page, stack.url, 'admin');
});

afterAll(() => closeDashboard(session));

test('import → registration view → Active: the token is shown there and nowhere else', async() => {
  manifestUrl = await importThroughForm(page, NAME);
  token = /\/v3\/import\/([a-z0-9]+)_c-[a-z0-9]{5}\.yaml$/.exec(manifestUrl)?.[1] || '';
  expect(token.length).toBeGreaterThanOrEqual(32);

  // the registration view is where the token is meant to be
  expect((await pageContent(page)).text).toContain(token);
  await screenshot(page, SUITE, '02-registration-view');

  expect(await applyOnHarvester(stack.simUrl, manifestUrl)).toBe(201);
  await page.getByTestId('registration-active').waitFor({ timeout: 60_000 });
  await screenshot(page, SUITE, '03-registration-active');
});

test('list, detail, Edit Config, delete guard and the list after the delete: no token on any of them', async() => {
  await openVirtualizationManagement(page);
  await clusterRow(page, NAME).waitFor();
  await expectNoToken('04-list');

  // the detail page of the Active cluster, opened afresh: no registration view
  await clusterRow(page, NAME).locator('td.col-link-detail a').click();
  await page.getByTestId('harvester-cluster-detail').waitFor();
  await page.getByTestId('harvester-cluster-conditions').waitFor({ state: 'attached' });
  await expectNoToken('05-detail');

  await openVirtualizationManagement(page);
  await rowAction(page, NAME, /Edit Config/);
  await page.waitForURL(/\?mode=edit/);
  await eventually(async() => (await input(page, 'name-ns-description-name').inputValue()) === NAME, 30_000, 'Edit Config to load');
  await expectNoToken('06-edit-config');

  await openVirtualizationManagement(page);
  await rowAction(page, NAME, /Delete/);
  const dialog = page.getByTestId('harvester-delete-dialog-card');

  await dialog.waitFor();
  await expectNoToken('07-delete-guard');
  await input(page, 'harvester-delete-confirm-input').fill(NAME);
  await page.getByTestId('harvester-delete-confirm').click();
  await dialog.waitFor({ state: 'detached' });
  await eventually(async() => !(await listedNames(page)).includes(NAME), 60_000, 'the row to go');
  await eventually(async() => !(await simState(stack.simUrl)).clusters.some((c) => c.id.endsWith(NAME)), 60_000, 'the cluster to be removed');
  await expectNoToken('08-list-after-delete');
});

test('across the journey: not in console output, page errors, request URLs or page addresses', () => {
  expect(token).not.toBe('');
  expect(consoleLines.length + requested.length).toBeGreaterThan(0);
  expect(consoleLines.filter((l) => l.includes(token))).toEqual([]);
  expect(pageErrors.filter((e) => e.includes(token))).toEqual([]);
  expect(requested.filter((u) => u.includes(token) && u !== manifestUrl)).toEqual([]);
  expect(addresses.filter((u) => u.includes(token))).toEqual([]);
});
