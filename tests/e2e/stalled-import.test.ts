/**
 * A stalled import in the real dashboard: with the simulated agent never connecting, the
 * registration view marks the agent step stuck and shows the cause and the remedy once the
 * timeline's threshold (DEFAULT_TIMELINE_THRESHOLDS.agentNotConnectingAfterMinutes) has passed.
 * The page's clock is Playwright's: it runs in real time and is fast-forwarded past the threshold.
 */
import type { Page } from 'playwright-core';
import type { Stack } from './support/stack';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { screenshot } from '../../drivers/browser';
import { importThroughForm, login } from '../../drivers/dashboard';
import { applyOnHarvester, simState } from '../../drivers/clusters';
import { DEFAULT_TIMELINE_THRESHOLDS } from '../../pkg/harvester-manager/domain/registration-timeline';

const SUITE = 'stalled-import';
const MINUTES = DEFAULT_TIMELINE_THRESHOLDS.agentNotConnectingAfterMinutes;

let session: DashboardSession;
let stack: Stack;
let page: Page;

beforeAll(async() => {
  session = await openDashboard();
  ({ stack, page } = session);
  await page.clock.install();
  await login(page, stack.url, 'admin');
});

afterAll(() => closeDashboard(session));

test('an agent that never connects: the agent step is stuck and the cause and remedy are shown', async() => {
  const fault = await fetch(`${ stack.simUrl }/sim/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'agent-never-connects' }),
  });

  expect(fault.status).toBe(201);

  const url = await importThroughForm(page, 'harv-stalled');

  expect(await applyOnHarvester(stack.simUrl, url)).toBe(201);
  // The simulated Harvester runs the agent's Deployment, but the agent does not connect.
  const harvester = (await simState(stack.simUrl)).harvesters.find((h) => h.history.some((line) => line.includes('cattle-cluster-agent cannot register')));

  expect(harvester?.agent).toBeNull();
  await screenshot(page, SUITE, '01-applied');

  const stall = page.getByTestId('registration-stall-agentNotConnecting');

  expect(await stall.count()).toBe(0);

  await page.clock.fastForward(`${ MINUTES + 1 }:00`);
  await stall.waitFor({ timeout: 60_000 });

  const text = (await stall.innerText()).replace(/\s+/g, ' ');

  expect(text).toContain(`The Harvester agent has not connected within ${ MINUTES } minutes.`);
  expect(text).toContain('Check that the registration URL is set in Harvester\'s cluster-registration-url setting');

  const agentStep = page.getByTestId('registration-step-agentConnected');

  expect(await agentStep.getAttribute('data-status')).toBe('failed');
  expect(await agentStep.innerText()).toContain('stuck');
  expect(await page.getByTestId('registration-step-active').getAttribute('data-status')).toBe('pending');
  expect(await page.getByTestId('registration-active').count()).toBe(0);
  expect((await page.getByTestId('registration-status-state').innerText()).trim()).not.toBe('Active');
  await screenshot(page, SUITE, '02-stalled');
});
