/**
 * The extension the Rancher way, in the real dashboard: `npm run package` output installs into the
 * simulator through the UI Plugin path (the product appears in the side menu), and the Harvester UI
 * extension panel reaches each of its states for the admin and for a standard user, with the admin's
 * Install and Update leaving the extension installed at the newest compatible version.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { buildRepository } from '../../scripts/package';
import { startStack, Stack } from './support/stack';
import { launchBrowser, newContext, screenshot } from '../../drivers/browser';
import { login, openVirtualizationManagement } from '../../drivers/dashboard';
import { clusterRow, eventually } from '../../drivers/clusters';
import { SimClient } from '../integration/support/sim-client';

const SUITE = 'extension-panel';
const LIST = '/c/_/harvesterManager/harvesterhci.io.management.cluster';
const NS = 'cattle-ui-plugin-system';
const REPOS = '/v1/catalog.cattle.io.clusterrepos';

let repoDir: string;
let stack: Stack;
let browser: Browser;
let api: SimClient;

beforeAll(async() => {
  repoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-e2e-repo-'));
  await buildRepository(repoDir, { kind: 'http', url: 'https://charts.example.com/harvester-manager' }, () => {});
  stack = await startStack({ extensionRepoDir: repoDir });
  browser = await launchBrowser();
  api = await SimClient.cookieLogin(stack.simUrl, 'admin');
});

afterAll(async() => {
  await browser?.close();
  await stack?.close();
  fs.rmSync(repoDir, { recursive: true, force: true });
});

/** What `GET /sim/catalog` answers, as far as these tests read it. */
interface SimCatalog {
  apps: { id: string; version: string }[];
  repositories: { id: string }[];
}

async function sim<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
  const res = await fetch(`${ stack.simUrl }${ urlPath }`, {
    method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body)
  });

  return res.json();
}

async function catalogApp(name: string): Promise<{ version: string } | undefined> {
  return (await sim<SimCatalog>('GET', '/sim/catalog')).apps.find((a) => a.id === `${ NS }/${ name }`);
}

async function waitUntil<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    const value = await check();

    if (value) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${ what }`);
}

async function installViaApi(version: string): Promise<void> {
  const res = await api.post(`${ REPOS }/harvester?action=install`, {
    charts: [{
      chartName: 'harvester', version, releaseName: 'harvester', annotations: {}, values: {},
    }],
    namespace: NS,
  });

  expect(res.status).toBe(201);
  await waitUntil(`harvester ${ version } installed`, async() => (await catalogApp('harvester'))?.version === version);
}

async function uninstallViaApi(): Promise<void> {
  if (await catalogApp('harvester')) {
    expect((await api.post(`/v1/catalog.cattle.io.apps/${ NS }/harvester?action=uninstall`, {})).status).toBe(201);
    await waitUntil('harvester uninstalled', async() => !(await catalogApp('harvester')));
  }
}

async function addHarvesterRepoViaApi(): Promise<void> {
  if ((await api.get(`${ REPOS }/harvester`)).status === 404) {
    expect((await api.post(REPOS, {
      type: 'catalog.cattle.io.clusterrepo', metadata: { name: 'harvester' }, spec: { gitRepo: 'https://github.com/harvester/harvester-ui-extension', gitBranch: 'gh-pages' }
    })).status).toBe(201);
  }
  await waitUntil('harvester repository downloaded', async() => (await api.get(`${ REPOS }/harvester`)).body?.metadata?.state?.name === 'active');
}

async function withUser(username: string, step: (page: Page) => Promise<void>): Promise<void> {
  const context = await newContext(browser);
  const page = await context.newPage();

  try {
    await login(page, stack.url, username);
    await step(page);
  } finally {
    await context.close();
  }
}

/** Open the list and wait for the panel in `state` (or for it to be absent: 'installed'). */
async function panelIn(page: Page, state: string): Promise<void> {
  if (!page.url().includes(LIST)) {
    await page.goto(`${ stack.url }${ LIST }`);
  }
  await page.getByTestId('harvester-cluster-list').waitFor();
  if (state === 'installed') {
    // the admin's check refreshes the repository first (a few seconds); then nothing shows
    await page.waitForTimeout(7000);
    expect(await page.getByTestId('harvester-extension-panel').count()).toBe(0);
  } else {
    await page.locator(`[data-testid="harvester-extension-panel"][data-state="${ state }"]`).waitFor({ timeout: 30_000 });
  }
}

const action = (page: Page) => page.getByTestId('harvester-extension-panel').getByTestId('action-button-async-button');
const prompt = (page: Page) => page.getByTestId('harvester-extension-panel-prompt').innerText();

async function clickAndReload(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent('load', { timeout: 120_000 }), action(page).click()]);
  await page.getByTestId('harvester-cluster-list').waitFor({ timeout: 60_000 });
}

test('the packaged chart installs through the UI Plugin path and the product appears in the side menu', async() => {
  const entries = (await api.get('/v1/uiplugins')).body.entries;

  expect(entries['harvester-manager']).toMatchObject({
    Ready: true, CacheState: 'cached', endpoint: expect.stringMatching(/^https:\/\/charts\.example\.com\/harvester-manager\/extensions\/harvester-manager\//)
  });
  await withUser('admin', async(page) => {
    await openVirtualizationManagement(page);
    await page.getByTestId('harvester-cluster-list').waitFor();
    await screenshot(page, SUITE, '01-loaded-from-chart');
    // the dashboard's own Extensions page lists it as installed from the repository
    await page.goto(`${ stack.url }/c/local/uiplugins`);
    await page.getByText('Harvester Manager', { exact: true }).waitFor({ timeout: 30_000 });
    await screenshot(page, SUITE, '01b-extensions-page');
  });
});

test('not installed: the admin gets Install, the standard user is told to ask; Manage explains what is missing', async() => {
  await withUser('admin', async(page) => {
    await panelIn(page, 'install');
    expect(await action(page).innerText()).toMatch(/Install/);
    await page.locator('[data-testid="harvester-cluster-manage"]').first().click();
    expect(await page.getByTestId('harvester-cluster-list-manage-error').innerText()).toMatch(/Harvester UI extension.*is not installed/);
    await screenshot(page, SUITE, '02-admin-not-installed');
  });
  await withUser('project-owner', async(page) => {
    await panelIn(page, 'install');
    expect(await action(page).count()).toBe(0);
    expect(await prompt(page)).toMatch(/Ask your Rancher administrator to install/);
    await screenshot(page, SUITE, '03-user-not-installed');
  });
});

test('automatic install failed (injected fault): the admin sees the error, the manual steps and a button to try again', async() => {
  await sim('POST', '/sim/faults', {
    kind: 'http', method: 'POST', path: 're:^/v1/catalog\\.cattle\\.io\\.clusterrepos/[^/]+$', status: 500, message: 'helm operation could not be started', times: 1,
  });
  await withUser('admin', async(page) => {
    await panelIn(page, 'install');
    await action(page).click();
    await panelIn(page, 'error');
    expect(await page.getByTestId('harvester-extension-panel-detail').innerText()).toMatch(/installing the chart: .*helm operation could not be started/);
    await page.getByTestId('harvester-extension-panel-steps').waitFor();
    // the button shows the failure for a moment (the shell's AsyncButton), then offers Install again
    await eventually(async() => (await action(page).innerText()).trim() === 'Install', 15_000, 'the button to offer Install again');
    await screenshot(page, SUITE, '04-admin-install-failed');
  });
  expect(await catalogApp('harvester')).toBeUndefined();
});

test('install: one click adds the repository, installs the newest compatible version and Manage opens the cluster', async() => {
  await withUser('admin', async(page) => {
    await panelIn(page, 'install');
    await clickAndReload(page);
    expect(await catalogApp('harvester')).toMatchObject({ version: '1.6.0' });
    await panelIn(page, 'installed');
    await screenshot(page, SUITE, '05-admin-installed');
    await page.locator('[data-testid="harvester-cluster-manage"]').first().click();
    await page.waitForURL(/\/harvester\/c\/c-[a-z0-9-]+\/harvesterhci\.io\.dashboard$/);
    await page.getByTestId('simulated-harvester-dashboard').waitFor();
    await screenshot(page, SUITE, '06-manage-opens-harvester');
  });
  expect((await sim<SimCatalog>('GET', '/sim/catalog')).repositories.map((r) => r.id)).toContain('harvester');
});

test('Manage opens the stand-in titled with the cluster\'s name, saying what a real Rancher shows; its Projects/Namespaces loads the cluster on the first click', async() => {
  await withUser('admin', async(page) => {
    // Errors the page throws, and those Vue catches in a component and logs (the shell's
    // `reading 'isLocal'` when the cluster was not loaded); the hermetic context's refused
    // internet requests are not the page's fault.
    const errors: string[] = [];

    page.on('pageerror', (err) => errors.push(`pageerror: ${ err.message }`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/Failed to load resource|Network Error|ERR_INTERNET_DISCONNECTED/.test(msg.text())) {
        errors.push(`console: ${ msg.text().split('\n')[0] }`);
      }
    });
    await page.goto(`${ stack.url }${ LIST }`);
    await clusterRow(page, 'harvester-lab').locator('[data-testid="harvester-cluster-manage"]').click();
    await page.waitForURL(/\/harvester\/c\/c-[a-z0-9-]+\/harvesterhci\.io\.dashboard$/);
    const clusterId = /\/harvester\/c\/([^/]+)\//.exec(page.url())?.[1] as string;

    await page.getByTestId('simulated-harvester-dashboard').waitFor();
    expect(await page.getByTestId('simulated-harvester-title').innerText()).toBe('harvester-lab');
    expect(await page.getByTestId('simulated-harvester-explanation').innerText()).toMatch(
      /In a real Rancher this page is the Harvester UI: the virtual machines, images, volumes, hosts and networks of this Harvester cluster\. It needs a real Harvester cluster/,
    );
    // the header shows the cluster (its icon and name), not the clipped Rancher logo
    expect(await page.locator('header .cluster-clipped .cluster-name').innerText()).toBe('harvester-lab');
    expect(await page.locator('header .cluster-clipped .simple-title').count()).toBe(0);
    await screenshot(page, SUITE, '06b-manage-standin-titled');

    await page.locator('.side-nav').getByRole('link', { name: 'Projects/Namespaces' }).click();
    await page.waitForURL(`${ stack.url }/c/${ clusterId }/explorer/projectsnamespaces`);
    await page.locator('.project-bar', { hasText: 'Default project created for the cluster' }).waitFor();
    await page.locator('tr.main-row', { hasText: 'default' }).first().waitFor();
    await screenshot(page, SUITE, '06c-manage-projects-namespaces');

    await page.goBack();
    await page.getByTestId('simulated-harvester-dashboard').waitFor();
    await page.locator('.side-nav').getByRole('link', { name: 'Cluster Members' }).click();
    await page.waitForURL(`${ stack.url }/c/${ clusterId }/explorer/members`);
    await page.getByRole('tab', { name: 'Cluster Membership' }).waitFor();
    expect(errors).toEqual([]);
  });
});

test('update: a new compatible release shows for both users; the admin\'s Update installs it', async() => {
  await sim('PUT', '/sim/catalog/remotes/harvester', {
    versions: ['1.7.0', {
      version: '1.6.1', rancherVersion: '>= 2.12.0-0', extensionsVersion: '>= 3.0.0 < 4.0.0'
    }, '1.6.0', '1.5.1', '1.0.3']
  });
  await withUser('admin', async(page) => {
    await panelIn(page, 'update');
    expect(await page.getByTestId('harvester-extension-panel-warning').innerText()).toContain('v1.6.0');
    expect(await prompt(page)).toContain('v1.6.1');
    await screenshot(page, SUITE, '07-admin-update');
  });
  await withUser('project-owner', async(page) => {
    await panelIn(page, 'update');
    expect(await action(page).count()).toBe(0);
    expect(await prompt(page)).toMatch(/v1\.6\.1 is available\. Ask your Rancher administrator/);
    await screenshot(page, SUITE, '08-user-update');
  });
  await withUser('admin', async(page) => {
    await panelIn(page, 'update');
    await clickAndReload(page);
    expect(await catalogApp('harvester')).toMatchObject({ version: '1.6.1' });
    await panelIn(page, 'installed');
  });
});

test('repository missing: both users are told; the admin\'s Update adds it back', async() => {
  expect((await api.delete(`${ REPOS }/harvester`)).status).toBe(200);
  await withUser('project-owner', async(page) => {
    await panelIn(page, 'missingRepo');
    expect(await action(page).count()).toBe(0);
    await screenshot(page, SUITE, '09-user-missing-repo');
  });
  await withUser('admin', async(page) => {
    await panelIn(page, 'missingRepo');
    await screenshot(page, SUITE, '10-admin-missing-repo');
    await action(page).click();
    // nothing newer than 1.6.1: the repository comes back and the panel goes
    await waitUntil('the repository to be back', async() => (await api.get(`${ REPOS }/harvester`)).status === 200, 30_000);
    await page.getByTestId('harvester-extension-panel').waitFor({ state: 'detached', timeout: 30_000 });
  });
  expect(await catalogApp('harvester')).toMatchObject({ version: '1.6.1' });
});

test('no compatible version: only a release needing a newer extension API is offered', async() => {
  await uninstallViaApi();
  await sim('PUT', '/sim/catalog/remotes/harvester', { versions: ['1.7.0'] });
  await withUser('admin', async(page) => {
    await panelIn(page, 'missingVersion');
    expect(await action(page).count()).toBe(0);
    await screenshot(page, SUITE, '11-admin-no-compatible-version');
  });
  await withUser('project-owner', async(page) => {
    await panelIn(page, 'missingVersion');
    expect(await prompt(page)).toMatch(/Ask your Rancher administrator to upgrade Rancher/);
    await screenshot(page, SUITE, '12-user-no-compatible-version');
  });
});

test('installed but Rancher cannot download it: the error state for both users', async() => {
  await sim('DELETE', '/sim/catalog/remotes/harvester');
  await addHarvesterRepoViaApi();
  const repo = (await api.get(`${ REPOS }/harvester`)).body;

  await api.put(`${ REPOS }/harvester`, { ...repo, spec: { ...repo.spec, forceUpdate: new Date().toISOString() } });
  await waitUntil('refreshed index', async() => ((await api.get(`${ REPOS }/harvester?link=index`)).body.entries?.harvester || []).some((e: { version: string }) => e.version === '1.6.0'));
  await sim('PUT', '/sim/catalog/remotes/harvester', { filesUnreachable: true });
  await installViaApi('1.6.0');
  expect((await api.get('/v1/uiplugins')).body.entries.harvester).toMatchObject({ Ready: false });
  await withUser('project-owner', async(page) => {
    await panelIn(page, 'error');
    expect(await prompt(page)).toMatch(/Ask your Rancher administrator/);
    expect(await page.getByTestId('harvester-extension-panel-steps').count()).toBe(0);
    await screenshot(page, SUITE, '13-user-install-failed');
  });
  await withUser('admin', async(page) => {
    await panelIn(page, 'error');
    expect(await page.getByTestId('harvester-extension-panel-detail').innerText()).toMatch(/could not download the files of version 1\.6\.0/);
    await page.getByTestId('harvester-extension-panel-steps').waitFor();
    await screenshot(page, SUITE, '14-admin-not-served');
  });
});
