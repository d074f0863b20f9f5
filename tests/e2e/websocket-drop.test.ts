/**
 * A websocket drop during registration (issue #5 journey 6, issue #8 "websocket drop and
 * reconnect"), in the real dashboard: the registration view of a cluster being imported is open,
 * every socket to Rancher drops, the Harvester side applies the manifest and the cluster turns
 * Active in Rancher while the page is disconnected; once the shell has reconnected, the page shows
 * Active without a reload.
 *
 * The page's clock (Playwright's, real time otherwise) is held while the socket is down, so the
 * shell's reconnect timer (≥ 1 s) cannot fire before Rancher has finished the registration: the
 * whole registration happens in the gap, which is the case the shell must catch up on when it
 * re-watches (it resumes from the highest `revision` it was sent).
 */
import type { Page, WebSocket } from 'playwright-core';
import type { Stack } from './support/stack';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { screenshot } from '../../drivers/browser';
import { importThroughForm, login } from '../../drivers/dashboard';
import { applyOnHarvester, eventually, simState } from '../../drivers/clusters';

const SUITE = 'websocket-drop';
const NAME = 'harv-wsdrop';

let session: DashboardSession;
let stack: Stack;
let page: Page;
const sockets: WebSocket[] = [];

beforeAll(async() => {
  session = await openDashboard();
  ({ stack, page } = session);
  page.on('websocket', (ws) => sockets.push(ws));
  await page.clock.install();
  await login(page, stack.url, 'admin');
});

afterAll(() => closeDashboard(session));

const steveSockets = () => sockets.filter((ws) => new URL(ws.url()).pathname === '/v1/subscribe');

test('registration view open, websocket dropped, Harvester applies the manifest: the page shows Active without a reload', async() => {
  const manifestUrl = await importThroughForm(page, NAME);
  const clusterId = decodeURIComponent(new URL(page.url()).pathname).replace(/^.*\/(fleet-default\/c-[a-z0-9]{5})$/, '$1');
  const state = page.getByTestId('registration-status-state');

  expect((await state.innerText()).trim()).toBe('Pending');
  await screenshot(page, SUITE, '01-registration-pending');

  // A marker a reload would lose.
  await page.evaluate(() => {
    (window as unknown as { wsDropMarker: boolean }).wsDropMarker = true;
  });
  const steveBefore = steveSockets();

  expect(steveBefore.filter((ws) => !ws.isClosed())).toHaveLength(1);

  // Hold the page's clock, then drop every websocket (as a load balancer restart does).
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 50));
  const fault = await fetch(`${ stack.simUrl }/sim/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'websocket-drop' }),
  });

  expect(fault.status).toBe(201);
  await eventually(async() => steveBefore.every((ws) => ws.isClosed()), 30_000, 'the page\'s websocket to close');

  // The Harvester side applies the manifest; Rancher sees the agent and the cluster turns Active
  // while the page is disconnected.
  expect(await applyOnHarvester(stack.simUrl, manifestUrl)).toBe(201);
  await eventually(async() => (await simState(stack.simUrl)).clusters.some((c) => c.id === clusterId && c.state === 'active'), 60_000, 'the cluster to be Active in Rancher');
  expect((await state.innerText()).trim()).toBe('Pending');
  await screenshot(page, SUITE, '02-disconnected-still-pending');

  // Time runs again: the shell reconnects and re-watches.
  await page.clock.resume();
  await page.getByTestId('registration-active').waitFor({ timeout: 60_000 });
  expect((await state.innerText()).trim()).toBe('Active');
  expect(await page.getByTestId('registration-step-active').getAttribute('data-status')).toBe('done');
  await screenshot(page, SUITE, '03-active-after-reconnect');

  // It was the reconnected socket, not a reload, that brought the page there.
  expect(steveSockets().filter((ws) => !ws.isClosed()).length).toBeGreaterThanOrEqual(1);
  expect(steveSockets().length).toBeGreaterThan(steveBefore.length);
  expect(await page.evaluate(() => (window as unknown as { wsDropMarker?: boolean }).wsDropMarker)).toBe(true);
});
