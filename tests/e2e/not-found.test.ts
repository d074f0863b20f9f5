/**
 * The page of a Harvester cluster that is not there — deleted, or not shared with the user — says
 * so and leads back to the list, in view and in Edit Config, without a script error.
 */
import type { Page } from 'playwright-core';
import type { Stack } from './support/stack';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { screenshot } from '../../drivers/browser';
import { login } from '../../drivers/dashboard';

const SUITE = 'not-found';
const LIST = '/c/_/harvesterManager/harvesterhci.io.management.cluster';

let session: DashboardSession;
let stack: Stack;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async() => {
  session = await openDashboard({ user: 'admin' });
  ({ stack, page } = session);
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(() => closeDashboard(session));

async function expectNotFound(path: string, id: string): Promise<void> {
  await page.goto(`${ stack.url }${ path }`);
  const notFound = page.getByTestId('harvester-cluster-not-found');

  await notFound.waitFor({ timeout: 30_000 });
  expect(await notFound.innerText()).toContain(`The Harvester cluster ${ id } does not exist or is not shared with you`);
  expect(await page.getByTestId('name-ns-description-name').count()).toBe(0);
}

test('a deleted cluster\'s page and its Edit Config say it is not there and lead back to the list', async() => {
  await expectNotFound(`${ LIST }/fleet-default/c-gone1`, 'c-gone1');
  await screenshot(page, SUITE, '01-detail');
  // the side menu entry carries no namespaced-type icon (upstream's does not)
  expect(await page.locator('[data-testid="type-namespaced"]').count()).toBe(0);
  await expectNotFound(`${ LIST }/fleet-default/c-gone1?mode=edit`, 'c-gone1');
  await page.getByTestId('harvester-cluster-not-found-back').click();
  await page.waitForURL((u) => u.pathname === LIST);
  await page.getByTestId('harvester-cluster-list').waitFor();
  expect(pageErrors).toEqual([]);
});

test('a cluster not shared with the user reads the same: project-readonly opening harvester-lab', async() => {
  const lab = await (await fetch(`${ stack.simUrl }/sim/state`)).json();
  const id = lab.clusters.find((c: { id: string }) => c.id === 'fleet-default/harvester-lab').id.split('/')[1];

  await page.context().clearCookies();
  await login(page, stack.url, 'project-readonly');
  await expectNotFound(`${ LIST }/fleet-default/${ id }`, id);
  await screenshot(page, SUITE, '02-not-shared');
  expect(pageErrors).toEqual([]);
});
