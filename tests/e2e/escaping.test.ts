/**
 * HTML and script payloads in what Rancher stores about Harvester clusters are shown as text in
 * the real dashboard: a display name (Norman allows any printable text), a description,
 * annotation values, the agent's condition message and the Harvester version string. Covered:
 * the list (rows, cells hovered, the table filter), the detail page (masthead, labels and
 * annotations with their previews, state banner, registration view, conditions), Edit Config,
 * the delete guard, and the shell's cluster menu (whose tooltip is sanitised HTML, see there).
 * "Injected" = the payload's script ran (window.__xss set) or one of its elements exists.
 * Label values cannot carry payloads: Kubernetes (and the simulator) allow only letters, digits,
 * '-', '_' and '.' in them; a label is still shown next to the payload annotation.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, Stack } from './support/stack';
import { launchBrowser, newContext, screenshot } from '../../drivers/browser';
import { login, openVirtualizationManagement } from '../../drivers/dashboard';
import {
  applyOnHarvester, clusterRow, eventually, input, listedNames, rowAction, simState,
} from '../../drivers/clusters';
import { SimClient } from '../integration/support/sim-client';

const SUITE = 'escaping';

const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=1</script>';
const SVG = '<svg onload=window.__xss=1>';
const ATTR = '"><img src=x onerror=window.__xss=1>';

/** Display name of a cluster imported through Norman (Rancher allows any printable text). */
const NAME = `x${ IMG }`;
const DESCRIPTION = `d ${ SCRIPT } ${ ATTR }`;
const LABEL = { key: 'xss.example.com/label', value: 'lab_1.x-y' };
const ANNOTATION = { key: 'xss.example.com/note', value: `${ SVG }${ SCRIPT }` };
/** What the agent of the second cluster reports when it disconnects. */
const MESSAGE = `agent: ${ IMG } ${ SCRIPT } ${ ATTR }`;

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let admin: SimClient;
/** management id of the cluster whose name, description, labels and annotations are payloads */
let metaId: string;

/** Nothing from a payload ran or was created, on the page as it is now. */
async function injected(p: Page): Promise<{ ran: unknown; elements: string[] }> {
  return p.evaluate(() => ({
    ran:      (window as unknown as { __xss?: unknown }).__xss,
    elements: Array.from(document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], script'))
      .filter((el) => el.tagName !== 'SCRIPT' || (el.textContent || '').includes('__xss'))
      .map((el) => el.outerHTML.slice(0, 200)),
  }));
}

async function expectNothingInjected(p: Page): Promise<void> {
  expect(await injected(p)).toEqual({ ran: undefined, elements: [] });
}

async function normanCluster(body: Record<string, unknown>): Promise<string> {
  const res = await admin.post('/v3/clusters', { type: 'cluster', ...body });

  expect(res.status).toBe(201);

  return res.body.id;
}

async function manifestUrl(clusterId: string): Promise<string> {
  let url = '';

  await eventually(async() => {
    const res = await admin.get(`/v3/clusterregistrationtokens?clusterId=${ clusterId }`);

    url = res.body?.data?.[0]?.manifestUrl || '';

    return !!url;
  }, 30_000, `the registration token of ${ clusterId }`);

  return url;
}

beforeAll(async() => {
  stack = await startStack();
  admin = await SimClient.bearerLogin(stack.simUrl, 'admin');
  metaId = await normanCluster({
    name:        NAME,
    description: DESCRIPTION,
    labels:      { 'provider.cattle.io': 'harvester', [LABEL.key]: LABEL.value },
    annotations: { [ANNOTATION.key]: ANNOTATION.value },
  });
  // xss-message: registered, Active, then its agent disconnects reporting MESSAGE.
  const messageId = await normanCluster({ name: 'xss-message', labels: { 'provider.cattle.io': 'harvester' } });
  const sim = new SimClient(stack.simUrl);

  expect(await applyOnHarvester(stack.simUrl, await manifestUrl(messageId))).toBe(201);
  await eventually(async() => (await sim.get('/sim/state')).body.clusters.some((c: { clusterId: string, state: string }) => c.clusterId === messageId && c.state === 'active'), 30_000, 'xss-message to be active');
  const harvester = (await sim.get('/sim/state')).body.harvesters.find((h: { agent: { clusterId: string } | null }) => h.agent?.clusterId === messageId);

  expect((await sim.post(`/sim/harvester/${ harvester.name }/disconnect`, { message: MESSAGE })).status).toBe(200);

  // xss-version: registered from a simulated Harvester whose server-version carries a payload.
  const versionId = await normanCluster({ name: 'xss-version', labels: { 'provider.cattle.io': 'harvester' } });

  expect((await sim.post('/sim/harvester', { name: 'hv-xss', version: `v1.0.0-${ IMG }` })).status).toBe(201);
  expect((await sim.post('/sim/harvester/apply', { manifestUrl: await manifestUrl(versionId), harvester: 'hv-xss' })).status).toBe(201);

  // xss-steve: created through Steve, so its labels and annotations are the provisioning cluster's.
  // On Rancher >= 2.11 its management cluster is known as Harvester (and listed) once the agent reports.
  expect((await admin.post('/v1/provisioning.cattle.io.clusters/fleet-default', {
    metadata: {
      name: 'xss-steve', labels: { 'provider.cattle.io': 'harvester', [LABEL.key]: LABEL.value }, annotations: { 'field.cattle.io/description': DESCRIPTION, [ANNOTATION.key]: ANNOTATION.value },
    },
    spec: {},
  })).status).toBe(201);
  let steveId = '';

  await eventually(async() => {
    steveId = (await sim.get('/sim/state')).body.clusters.find((c: { id: string, clusterId?: string }) => c.id === 'fleet-default/xss-steve')?.clusterId || '';

    return !!steveId;
  }, 30_000, 'xss-steve to get its management cluster');

  expect(await applyOnHarvester(stack.simUrl, await manifestUrl(steveId))).toBe(201);

  // xss-menu: not a Harvester cluster, so the shell's cluster menu lists it (it leaves Harvester clusters out).
  await normanCluster({ name: 'xss-menu', description: DESCRIPTION });

  browser = await launchBrowser();
  context = await newContext(browser);
  page = await context.newPage();
  await login(page, stack.url, 'admin');
});

// Each test is judged on its own: a payload that ran in an earlier test does not count here.
beforeEach(async() => {
  await page.evaluate(() => delete (window as unknown as { __xss?: unknown }).__xss);
});

afterAll(async() => {
  await context?.close();
  await browser?.close();
  await stack?.close();
});

/** Text of the element, whitespace collapsed. */
async function text(locator: import('playwright-core').Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function openDetail(name: string): Promise<void> {
  await openVirtualizationManagement(page);
  await clusterRow(page, name).locator('td.col-link-detail a').click();
  await page.getByTestId('harvester-cluster-detail').waitFor();
}

test('the list shows the payloads as text; hovering every cell and filtering by a payload inject nothing', async() => {
  await openVirtualizationManagement(page);
  await clusterRow(page, 'xss-version').locator('[data-testid="harvester-version-cell"]', { hasText: 'v1.0.0-' }).waitFor();

  expect(await listedNames(page)).toEqual(['harvester-lab', 'harvester-prod', NAME, 'xss-message', 'xss-steve', 'xss-version'].sort());
  expect(await text(clusterRow(page, 'xss-version').locator('[data-testid="harvester-version-cell"]'))).toBe(`v1.0.0-${ IMG }`);
  await expectNothingInjected(page);

  // Tooltips and previews open on hover: hover every cell and state badge of every row.
  for (const cell of await page.locator('[data-testid="harvester-cluster-list"] tbody td').all()) {
    await cell.hover();
  }
  for (const badge of await page.locator('[data-testid="harvester-cluster-list"] tbody .badge-state').all()) {
    await badge.hover();
  }
  await expectNothingInjected(page);
  await screenshot(page, SUITE, '01-list');

  // The table filter gets the payload typed in: it matches the row by its text, nothing more.
  const filter = page.locator('[data-testid="harvester-cluster-list"] input.search-box');

  await filter.fill(IMG);
  await eventually(async() => JSON.stringify(await listedNames(page)) === JSON.stringify([NAME]), 30_000, 'the filter to leave the payload row');
  await expectNothingInjected(page);
  await screenshot(page, SUITE, '02-list-filtered');
  await filter.fill('');
  // the next test clicks a row: wait for the unfiltered page, not a row the refresh is replacing
  await eventually(async() => (await listedNames(page)).length === 6, 30_000, 'the unfiltered list');
});

test('detail page: title and description in the masthead, and the registration view, as text', async() => {
  await openDetail(NAME);
  const masthead = page.locator('.title-bar');

  expect(await text(masthead.locator('.masthead-resource-title'))).toBe(NAME);
  expect(await text(masthead.locator('.description'))).toBe(DESCRIPTION);
  await page.getByTestId('registration-url-text').waitFor();
  expect(await text(page.getByTestId('harvester-cluster-registration'))).toContain('Registration URL');
  await expectNothingInjected(page);
  await screenshot(page, SUITE, '03-detail-name-description');
});

test('detail page: labels and annotations (and their previews) as text', async() => {
  await openDetail('xss-steve');
  const labels = page.locator('.labels .tag-data');
  const annotations = page.getByTestId('resource-detail-annotations').locator('.tag-data');

  expect(await labels.allInnerTexts()).toEqual(['provider.cattle.io: harvester', `${ LABEL.key }: ${ LABEL.value }`]);
  expect(await annotations.allInnerTexts()).toEqual([`${ ANNOTATION.key }: ${ ANNOTATION.value }`]);
  expect(await text(page.locator('.title-bar .description'))).toBe(DESCRIPTION);

  // Each tag opens a preview of its value: open the label's and the payload annotation's.
  for (const tag of [labels.nth(1), annotations.first()]) {
    await tag.click();
    await expectNothingInjected(page);
    await page.keyboard.press('Escape');
  }
  await labels.nth(1).click();
  await screenshot(page, SUITE, '04-detail-labels-annotations');
  await expectNothingInjected(page);
  await page.keyboard.press('Escape');
});

test('detail page: the agent\'s condition message in the masthead banner, the registration view and the conditions table, as text', async() => {
  await openDetail('xss-message');
  expect(await text(page.locator('.title-bar ~ .state-banner, .state-banner').first())).toBe(MESSAGE);
  const messages = page.getByTestId('registration-conditions');

  await messages.waitFor();
  // clusterconnected.go writes the message on Ready only (Connected=False carries none)
  expect(await messages.locator('li').allInnerTexts()).toEqual(expect.arrayContaining([`Ready: ${ MESSAGE }`]));
  await expectNothingInjected(page);
  await screenshot(page, SUITE, '05-detail-message-registration');

  await page.getByTestId('btn-conditions').click();
  const conditions = page.getByTestId('harvester-cluster-conditions');

  await conditions.locator('td', { hasText: 'agent:' }).first().waitFor();
  const cells = (await conditions.locator('td').allInnerTexts()).map((t) => t.trim());

  // The shell's Conditions table prefixes the reason: "[Disconnected] <message>".
  expect(cells.filter((c) => c === `[Disconnected] ${ MESSAGE }`)).toHaveLength(1);
  for (const cell of await conditions.locator('td').all()) {
    await cell.hover();
  }
  await expectNothingInjected(page);
  await screenshot(page, SUITE, '06-detail-message-conditions');
});

test('Edit Config shows the description, labels and annotations as field values', async() => {
  await openVirtualizationManagement(page);
  await rowAction(page, NAME, /Edit Config/);
  await page.waitForURL(/\?mode=edit/);
  const description = input(page, 'name-ns-description-description');

  await eventually(async() => (await description.inputValue()) === DESCRIPTION, 30_000, 'the description to load');
  expect(await input(page, 'name-ns-description-name').inputValue()).toBe(NAME);
  await page.getByTestId('btn-labels').click();
  const values = await page.locator('#labels textarea, #labels input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

  expect(values).toEqual(expect.arrayContaining([LABEL.key, LABEL.value, ANNOTATION.key, ANNOTATION.value]));
  await expectNothingInjected(page);
  await screenshot(page, SUITE, '07-edit-config');
});

test('the delete guard shows the name literally; typing it deletes exactly that cluster', async() => {
  await openVirtualizationManagement(page);
  await rowAction(page, NAME, /Delete/);
  const dialog = page.getByTestId('harvester-delete-dialog-card');

  await dialog.waitFor();
  expect(await text(dialog.getByTestId('harvester-delete-confirm-prompt'))).toBe(`Enter ${ NAME } below to confirm:`);
  expect(await text(dialog)).toContain(NAME);
  await expectNothingInjected(page);
  await screenshot(page, SUITE, '08-delete-guard');

  const before = (await simState(stack.simUrl)).clusters.map((c) => c.id).sort();

  await input(page, 'harvester-delete-confirm-input').fill(NAME);
  await page.getByTestId('harvester-delete-confirm').click();
  await dialog.waitFor({ state: 'detached' });
  await eventually(async() => !(await simState(stack.simUrl)).clusters.some((c) => c.clusterId === metaId), 30_000, 'the cluster to be removed');
  expect((await simState(stack.simUrl)).clusters.map((c) => c.id).sort()).toEqual(before.filter((id) => id !== `fleet-default/${ metaId }`));
  await eventually(async() => !(await listedNames(page)).includes(NAME), 30_000, 'the row to go');
  await expectNothingInjected(page);
});

/**
 * Not our code: the shell's cluster menu builds its tooltip as `label<br><br>description` and
 * renders it through DOMPurify (v-clean-tooltip), so markup in a cluster's description becomes
 * elements, minus scripts and event handlers. This pins that behaviour down: nothing runs, the
 * only element is the handler-less <img>, inside the tooltip, gone when the tooltip closes.
 */
test('the shell\'s cluster menu: no script runs; its tooltip renders a description as sanitised HTML (an <img> without handlers)', async() => {
  await openVirtualizationManagement(page);
  await page.getByTestId('top-level-menu').click();
  const entry = page.locator('.cluster-name', { hasText: 'xss-menu' });

  await entry.waitFor();
  expect(await text(entry)).toBe(`xss-menu ${ DESCRIPTION }`);
  await entry.hover();
  const tooltip = page.locator('.v-popper__popper', { hasText: 'xss-menu' });

  await tooltip.waitFor();
  expect(await injected(page)).toEqual({ ran: undefined, elements: ['<img src="x">'] });
  expect(await tooltip.locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttributeNames()))).toEqual([['src']]);
  await screenshot(page, SUITE, '09-menu-tooltip');

  await page.mouse.move(1200, 800);
  await tooltip.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await expectNothingInjected(page);
});
