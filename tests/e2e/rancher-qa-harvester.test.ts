/**
 * Rancher's own QA suite for this page, replayed: `e2e/tests/pages/virtualization-mgmt/harvester.spec.ts`
 * of npm `@rancher/cypress` 1.0.11, step by step with the selectors, URL checks and API calls its
 * page objects resolve to (`e2e/po/pages/virtualization-mgmt/harvester-clusters.po.ts` and the
 * component page objects; tests/e2e/support/rancher-qa.ts). Where a step differs, the comment says why.
 * Log in: our `login` fills the same `local-login-*` fields and `login-submit` as `cy.login()`.
 */
import type { Page } from 'playwright-core';
import type { Stack } from './support/stack';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { screenshot } from '../../drivers/browser';
import { eventually } from '../../drivers/clusters';
import {
  burgerMenuNavTo, clickExtensionTab, extensionCard, extensionCardInstallClick, InterceptQueue, noLoading, openExtensions, rancherApi, reloadExtensions,
  cardStatusWithTooltip, rowMenuItem, rowWithName, selectVersion, setInput, titleShouldContain, waitForPage, waitForRancherResource,
} from './support/rancher-qa';

const SUITE = 'rancher-qa-harvester';
const CLUSTER_REPOS_BASE_URL = '/v1/catalog.cattle.io.clusterrepos';
// The simulator is Rancher community (RancherPrime "false"): the Harvester repository of the community catalog.
const CATALOG = {
  repo: 'harvester', gitRepo: 'https://github.com/harvester/harvester-ui-extension.git', gitBranch: 'gh-pages'
};
const MEDIUM = 30_000;
const LONG = 60_000;

let session: DashboardSession;
let stack: Stack;
let page: Page;
let BASE = '';
const LIST_PATH = '/c/_/harvesterManager/harvesterhci.io.management.cluster';

beforeAll(async() => {
  session = await openDashboard({ user: 'admin' });
  ({ stack, page } = session);
  BASE = stack.url;

  // before(): the spec's clean-up of a stale Harvester extension and its repositories
  await rancherApi(page, BASE, 'POST', 'v1/catalog.cattle.io.apps/cattle-ui-plugin-system/harvester?action=uninstall', {});
  expect(await waitForRancherResource(page, BASE, 'v1/catalog.cattle.io.apps/cattle-ui-plugin-system/harvester', (status) => status === 404, 10)).toBe(true);
  const repos = await (await rancherApi(page, BASE, 'GET', 'v1/catalog.cattle.io.clusterrepos')).json();

  for (const repo of (repos.data || []).filter((r: { spec?: { gitRepo?: string } }) => ['rancher/ui-plugin-charts', 'harvester/harvester-ui-extension'].some((u) => r.spec?.gitRepo?.includes(u)))) {
    expect([200, 204]).toContain((await rancherApi(page, BASE, 'DELETE', `v1/catalog.cattle.io.clusterrepos/${ repo.id }`)).status());
  }
});

afterAll(() => closeDashboard(session));

/** afterEach(): uninstall the Harvester extension and delete its repository. */
afterEach(async() => {
  await rancherApi(page, BASE, 'POST', 'v1/catalog.cattle.io.apps/cattle-ui-plugin-system/harvester?action=uninstall', {});
  await rancherApi(page, BASE, 'DELETE', `v1/catalog.cattle.io.clusterrepos/${ CATALOG.repo }`);
  expect(await waitForRancherResource(page, BASE, `v1/catalog.cattle.io.clusterrepos/${ CATALOG.repo }`, (status) => status === 404, 10)).toBe(true);
});

/** The steps 7021 and 7022 share: the repository created and Active, the extension uninstalled, Install opened on its card. */
async function openInstallOfHarvesterCard(): Promise<void> {
  const created = await rancherApi(page, BASE, 'POST', 'v1/catalog.cattle.io.clusterrepos', {
    type:     'catalog.cattle.io.clusterrepo',
    metadata: { name: CATALOG.repo },
    spec:     {
      clientSecret: null, gitRepo: CATALOG.gitRepo, gitBranch: CATALOG.gitBranch
    },
  });

  expect([200, 201]).toContain(created.status());
  await waitForRancherResource(page, BASE, `v1/catalog.cattle.io.clusterrepos/${ CATALOG.repo }`,
    (_status, body) => ((body as { status?: { conditions?: { type: string, status: string }[] } })?.status?.conditions || []).some((c) => c.type === 'Downloaded' && c.status === 'True'), 20);
  await page.goto(`${ BASE }/c/_/manager/catalog.cattle.io.clusterrepo`);
  await waitForPage(page, `${ BASE }/c/_/manager/catalog.cattle.io.clusterrepo`);
  const repoRow = rowWithName(page, '[data-testid="app-cluster-repo-list"]', CATALOG.repo);

  await repoRow.waitFor({ state: 'visible' });
  await eventually(async() => (await repoRow.locator('td').nth(1).innerText()).includes('Active'), LONG, `repository ${ CATALOG.repo } to be Active`);
  await rancherApi(page, BASE, 'POST', 'v1/catalog.cattle.io.apps/cattle-ui-plugin-system/harvester?action=uninstall', {});
  await waitForRancherResource(page, BASE, 'v1/catalog.cattle.io.apps/cattle-ui-plugin-system/harvester', (status) => status === 404, 15);
  await openExtensions(page, BASE);
  await clickExtensionTab(page, 'available');
  await waitForPage(page, `${ BASE }/c/local/uiplugins#available`, MEDIUM);
  await noLoading(page);
  await extensionCardInstallClick(page, 'Harvester');
}

test('(Qase ID: 7020) can auto install harvester and begin process of importing a harvester cluster', async() => {
  const harvesterClusterName = `e2e-test-${ Date.now() }-harvesterclustername-1`;
  const createChart = new InterceptQueue(page, 'POST', CLUSTER_REPOS_BASE_URL);
  const updateChart = new InterceptQueue(page, 'PUT', `${ CLUSTER_REPOS_BASE_URL }/${ CATALOG.repo }`);
  const installHarvesterExtension = new InterceptQueue(page, 'POST', `${ CLUSTER_REPOS_BASE_URL }/${ CATALOG.repo }?action=install`);
  const createHarvesterCluster = new InterceptQueue(page, 'POST', '/v3/clusters');

  // verify install button and message displays
  await page.goto(`${ BASE }${ LIST_PATH }`);
  await waitForPage(page, `${ BASE }${ LIST_PATH }`);
  const installButton = page.locator('[data-testid="action-button-async-button"]');

  await installButton.scrollIntoViewIfNeeded();
  await installButton.waitFor({ state: 'visible' });
  expect(await page.locator('.extension-warning').textContent()).toBe('The Harvester UI Extension is not installed');
  await screenshot(page, SUITE, '7020-01-not-installed');

  // install harvester extension
  await installButton.click();
  expect((await createChart.wait(MEDIUM)).status()).toBe(201);
  expect((await updateChart.wait(MEDIUM)).status()).toBe(200);
  await installHarvesterExtension.wait(MEDIUM);
  await waitForPage(page, `${ BASE }${ LIST_PATH }`);
  await page.locator('.extension-warning').waitFor({ state: 'detached', timeout: MEDIUM });

  // verify harvester extension added to extensions page
  await page.goto(`${ BASE }/c/local/uiplugins`);
  await page.getByTestId('extension-tabs').waitFor({ state: 'visible', timeout: LONG });
  await waitForPage(page, `${ BASE }/c/local/uiplugins#installed`);
  const card = page.getByTestId('item-card-header-title').filter({ hasText: 'Harvester' }).first().locator('xpath=ancestor::*[contains(@data-testid,"item-card-")][1]');

  await card.scrollIntoViewIfNeeded();
  await card.waitFor({ state: 'visible' });
  await screenshot(page, SUITE, '7020-02-extensions');

  // verify harvester repo is added to repos list page
  await page.goto(`${ BASE }/c/_/manager/catalog.cattle.io.clusterrepo`);
  await waitForPage(page, `${ BASE }/c/_/manager/catalog.cattle.io.clusterrepo`);
  const repoRow = rowWithName(page, '[data-testid="app-cluster-repo-list"]', CATALOG.repo);

  await repoRow.waitFor({ state: 'visible' });
  await eventually(async() => (await repoRow.locator('td').nth(1).innerText()).includes('Active'), LONG, `repository ${ CATALOG.repo } to be Active`);

  // begin process of importing harvester cluster
  await page.goto(`${ BASE }${ LIST_PATH }`);
  await waitForPage(page, `${ BASE }${ LIST_PATH }`);
  await updateChart.wait(LONG);
  await page.locator('.actions-container .actions .btn, [data-testid="masthead-action-menu"]').click();
  await waitForPage(page, `${ BASE }${ LIST_PATH }/create#memberRoles`);
  await titleShouldContain(page, 'Harvester Cluster:');
  await setInput(page, '[data-testid="name-ns-description-name"] input', harvesterClusterName);
  await setInput(page, '[data-testid="name-ns-description-description"] input', `${ harvesterClusterName }-desc`);
  await screenshot(page, SUITE, '7020-03-create');
  await page.locator('.dashboard-root .cru-resource-footer .role-primary').click();
  const created = await createHarvesterCluster.wait();

  expect(created.status()).toBe(201);
  const harvesterClusterId = (await created.json()).id;

  await waitForPage(page, `${ BASE }${ LIST_PATH }/fleet-default/${ harvesterClusterId }#registration`);
  await titleShouldContain(page, harvesterClusterName);

  // navigate to harvester list page and verify the logo and tagline do not display after cluster created
  await burgerMenuNavTo(page, 'Virtualization Management');
  await waitForPage(page, `${ BASE }${ LIST_PATH }`);
  const row = rowWithName(page, '[data-testid="sortable-table-list-container"]', harvesterClusterName);

  await row.scrollIntoViewIfNeeded();
  await row.waitFor({ state: 'visible' });
  expect(await page.locator('div.logo').count()).toBe(0);
  expect(await page.locator('div.tagline').count()).toBe(0);

  // #14285: Should be able to edit cluster here
  expect(await (await rowMenuItem(page, '[data-testid="sortable-table-list-container"]', harvesterClusterName, 'Edit Config')).count()).toBeGreaterThan(0);
  await screenshot(page, SUITE, '7020-04-row-menu');
  await page.keyboard.press('Escape');
  // delete cluster
  expect([200, 204]).toContain((await rancherApi(page, BASE, 'DELETE', `v1/provisioning.cattle.io.clusters/fleet-default/${ harvesterClusterId }`)).status());
});

test('(Qase ID: 7021) missing repo message should display when repo does NOT exist', async() => {
  const installHarvesterExtension = new InterceptQueue(page, 'POST', `${ CLUSTER_REPOS_BASE_URL }/${ CATALOG.repo }?action=install`);
  const updateHarvesterChart = new InterceptQueue(page, 'PUT', `${ CLUSTER_REPOS_BASE_URL }/${ CATALOG.repo }`);

  await openInstallOfHarvesterCard();
  // the modal is fixed-position: visible without scrolling
  await page.locator('#modal-container-element').waitFor({ state: 'visible' });
  await selectVersion(page, 1);
  await page.getByTestId('install-ext-modal-install-btn').click();
  expect((await installHarvesterExtension.wait()).status()).toBe(201);
  await clickExtensionTab(page, 'installed');
  await waitForPage(page, `${ BASE }/c/local/uiplugins#installed`);
  await reloadExtensions(page);

  await page.goto(`${ BASE }${ LIST_PATH }`);
  await waitForPage(page, `${ BASE }${ LIST_PATH }`);
  await updateHarvesterChart.wait(LONG);
  expect(await page.locator('.extension-warning').count()).toBe(0);

  expect([200, 204]).toContain((await rancherApi(page, BASE, 'DELETE', `v1/catalog.cattle.io.clusterrepos/${ CATALOG.repo }`)).status());
  await page.goto(`${ BASE }${ LIST_PATH }`);
  await waitForPage(page, `${ BASE }${ LIST_PATH }`);
  // verify missing repo message displays
  await page.locator('.extension-warning').waitFor({ timeout: 10_000 });
  expect(await page.locator('.extension-warning').textContent()).toBe('The Harvester UI Extension repository is missing');
  await screenshot(page, SUITE, '7021-01-missing-repo');

  // uninstall harvester
  expect([200, 201]).toContain((await rancherApi(page, BASE, 'POST', 'v1/catalog.cattle.io.apps/cattle-ui-plugin-system/harvester?action=uninstall', {})).status());
  // reload extensions
  await openExtensions(page, BASE);
  await waitForPage(page, `${ BASE }/c/local/uiplugins`);
  await noLoading(page);
  await reloadExtensions(page);

  // verify install button and message displays
  await burgerMenuNavTo(page, 'Virtualization Management');
  await waitForPage(page, `${ BASE }${ LIST_PATH }`);
  await page.locator('[data-testid="action-button-async-button"]').waitFor({ state: 'visible', timeout: 10_000 });
  expect(await page.locator('.extension-warning').textContent()).toBe('The Harvester UI Extension is not installed');
});

test('(Qase ID: 7022) able to update harvester extension version', async() => {
  const installHarvesterExtension = new InterceptQueue(page, 'POST', `${ CLUSTER_REPOS_BASE_URL }/${ CATALOG.repo }?action=install`);
  const upgradeHarvesterExtension = new InterceptQueue(page, 'POST', `${ CLUSTER_REPOS_BASE_URL }/${ CATALOG.repo }?action=upgrade`);
  const updateHarvesterChart = new InterceptQueue(page, 'PUT', `${ CLUSTER_REPOS_BASE_URL }/${ CATALOG.repo }`);

  await openInstallOfHarvesterCard();
  await page.locator('#modal-container-element').waitFor({ state: 'visible' });
  await page.getByTestId('install-ext-modal-select-version').click();
  const versions = (await page.locator('.vs__dropdown-menu > li').allTextContents()).map((v) => v.trim());

  expect(versions.length).toBeGreaterThan(1);
  // select older version and click install
  await selectVersion(page, 2, false);
  await page.getByTestId('install-ext-modal-install-btn').click();
  expect((await installHarvesterExtension.wait()).status()).toBe(201);
  await waitForPage(page, `${ BASE }/c/local/uiplugins#installed`);
  await reloadExtensions(page);

  // check harvester version on card - should be the latest available version; the checkmark's tooltip the older one
  const card = extensionCard(page, 'Harvester');

  expect(await card.getByTestId('app-chart-card-sub-header-item').first().textContent()).toContain(versions[0]);
  // The spec hovers status icon 1 (0 after the update). The simulated repository, like the real one
  // for Rancher 2.12 (the spec's own note), also lists 1.7.0, which needs Extensions API 4: the card
  // carries one more icon, that incompatibility, first. So the installed-version tooltip is looked up
  // among the card's status icons by its text, not by a fixed position.
  await cardStatusWithTooltip(page, card, `Installed (${ versions[1] })`);

  await page.goto(`${ BASE }${ LIST_PATH }`);
  await waitForPage(page, `${ BASE }${ LIST_PATH }`);
  await updateHarvesterChart.wait(LONG);
  // check for update harvester message
  await page.locator('.extension-warning').waitFor({ timeout: 10_000 });
  expect(await page.locator('.extension-warning').textContent()).toMatch(/^Your current Harvester UI Extension \((v[\d.]+)\) is not the latest\.$/);
  await screenshot(page, SUITE, '7022-01-update');
  await page.locator('[data-testid="action-button-async-button"]').click();

  const upgrade = await upgradeHarvesterExtension.wait(LONG).catch(async(e: Error) => {
    // say what the panel showed instead (a failed step names itself there)
    await screenshot(page, SUITE, '7022-02-no-upgrade');
    throw new Error(`${ e.message }; the panel read: ${ await page.locator('[data-testid="harvester-extension-panel"]').textContent().catch(() => '(gone)') }`);
  });

  expect(upgrade.status()).toBe(201);
  expect(upgrade.request().postDataJSON()?.charts?.[0]?.version).toBe(versions[0]);
  await updateHarvesterChart.wait(LONG);
  // verify update button and message not displayed
  await page.locator('.extension-warning').waitFor({ state: 'detached', timeout: 10_000 });
  expect(await page.locator('[data-testid="action-button-async-button"]').count()).toBe(0);

  await openExtensions(page, BASE);
  await waitForPage(page, `${ BASE }/c/local/uiplugins#installed`);
  await noLoading(page);
  expect(await extensionCard(page, 'Harvester').getByTestId('app-chart-card-sub-header-item').first().textContent()).toContain(versions[0]);
  await cardStatusWithTooltip(page, extensionCard(page, 'Harvester'), `Installed (${ versions[0] })`);
});
