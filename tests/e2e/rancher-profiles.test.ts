/**
 * The journey on each Rancher the product supports, as that Rancher ships (sim/FIDELITY.md):
 * 2.10 and 2.11 with the SQL cache off (Steve's list processor, no `resource.changes`), 2.12 with
 * it on. Import → Pending (never Unavailable, though Rancher already says Connected=False) → the
 * list shows the registering cluster and follows it live to Active → search and sort → Delete;
 * then a read-only user.
 */
import type { Browser, Page } from 'playwright-core';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { launchBrowser, newContext, screenshot } from '../../drivers/browser';
import {
  applyOnHarvester, clusterRow, eventually, expectReadOnlyList, input, listedNames,
} from '../../drivers/clusters';
import { importThroughForm, login, openVirtualizationManagement } from '../../drivers/dashboard';

const SUITE = 'rancher-profiles';

const PROFILES = [
  {
    rancherVersion: 'v2.10.6', label: '2.10, SQL cache off', sortsKubernetesVersion: true
  },
  {
    rancherVersion: 'v2.11.3', label: '2.11, SQL cache off', sortsKubernetesVersion: true
  },
  {
    rancherVersion: 'v2.12.3', label: '2.12, SQL cache on', sortsKubernetesVersion: false
  },
];

async function mgmtConditions(simUrl: string, clusterId: string): Promise<Array<{ type: string, status: string }>> {
  const { objects } = await (await fetch(`${ simUrl }/sim/objects`)).json() as { objects: Record<string, Array<{ metadata: { name: string }, status?: { conditions?: Array<{ type: string, status: string }> } }>> };

  return (objects['management.cattle.io.cluster'] || []).find((m) => m.metadata.name === clusterId)?.status?.conditions || [];
}

function headerCell(page: Page, label: string) {
  return page.locator('[data-testid="harvester-cluster-list"] thead th', { hasText: label });
}

describe.each(PROFILES)('Rancher $label', ({ rancherVersion, sortsKubernetesVersion }) => {
  const tag = rancherVersion.replace(/^v(\d+)\.(\d+).*/, '$1-$2');
  const name = `profile-${ tag }`;
  let session: DashboardSession;
  let page: Page;

  beforeAll(async() => {
    // The connected checker every 200 ms (Rancher: 15 s), so the new import meets Connected=False before its agent.
    session = await openDashboard({
      rancherVersion, connectedCheckMs: 200, harvesterDelayMs: 1500, user: 'admin', clipboard: true,
    });
    ({ page } = session);
  });

  afterAll(() => closeDashboard(session));

  test('a new import reads Pending while Rancher says Connected=False, the list finds it and follows it live to Active', async() => {
    const url = await importThroughForm(page, name);
    const clusterId = /_(c-[a-z0-9]{5})\.yaml$/.exec(url)?.[1] as string;

    await eventually(async() => (await mgmtConditions(session.stack.simUrl, clusterId)).some((c) => c.type === 'Connected' && c.status === 'False'), 10_000, 'Connected=False');
    await page.waitForTimeout(500); // a poll of the registration view after the condition changed
    expect((await page.getByTestId('registration-status-state').innerText()).trim()).toBe('Pending');
    expect(await page.getByTestId('registration-stall-disconnected').count()).toBe(0);

    await openVirtualizationManagement(page);
    const row = clusterRow(page, name);

    await row.waitFor({ timeout: 30_000 });
    expect((await row.locator('.badge-state').innerText()).trim()).toBe('Pending');
    await screenshot(page, SUITE, `${ tag }-01-pending`);

    // Applied on Harvester while the list is open: the row changes without a reload.
    expect(await applyOnHarvester(session.stack.simUrl, url)).toBe(201);
    await eventually(async() => (await row.locator('.badge-state').innerText()).trim() === 'Active', 45_000, `${ name } to turn Active in the open list`);
    await screenshot(page, SUITE, `${ tag }-02-active-live`);
  });

  test('search and sort run on the server in what this Steve understands; the Kubernetes Version column says when it cannot sort', async() => {
    const search = page.locator('[data-testid="harvester-cluster-list"] input.search-box');

    await search.fill('prod');
    await eventually(async() => JSON.stringify(await listedNames(page)) === JSON.stringify(['harvester-prod']), 30_000, 'the search to leave harvester-prod');
    await search.fill('');
    await eventually(async() => (await listedNames(page)).length === 3, 30_000, 'all three clusters back');

    // Name is the default sort (ascending): one click reverses it.
    await headerCell(page, 'Name').click();
    await eventually(async() => {
      const shown = (await page.locator('[data-testid="harvester-cluster-list"] tbody tr.main-row td.col-link-detail').allInnerTexts()).map((n) => n.trim());

      return JSON.stringify(shown) === JSON.stringify([name, 'harvester-prod', 'harvester-lab']);
    }, 30_000, 'names sorted descending');
    const versionHeader = headerCell(page, 'Kubernetes Version');

    expect(await versionHeader.locator('.sort').count()).toBe(sortsKubernetesVersion ? 1 : 0);
    expect(await page.getByTestId('harvester-cluster-list-error').count()).toBe(0);
    await screenshot(page, SUITE, `${ tag }-03-sorted`);
  });

  test('the Delete button removes the selected cluster, and the open list drops it', async() => {
    await clusterRow(page, name).locator('td.row-check .selection-checkbox').click();
    await page.getByTestId('sortable-table-promptRemove').click();
    await page.getByTestId('harvester-delete-dialog-card').waitFor();
    await screenshot(page, SUITE, `${ tag }-04-delete-guard`);
    await input(page, 'harvester-delete-confirm-input').fill(name); // one cluster selected: its name, as for a row's Delete
    await page.getByTestId('harvester-delete-confirm').click();
    await clusterRow(page, name).waitFor({ state: 'detached', timeout: 45_000 });
    expect(await listedNames(page)).toEqual(['harvester-lab', 'harvester-prod']);
  });

  test('project-readonly sees harvester-prod read-only', async() => {
    let browser: Browser | undefined;

    try {
      browser = await launchBrowser();
      const readonlyPage = await (await newContext(browser)).newPage();

      await login(readonlyPage, session.stack.url, 'project-readonly');
      await openVirtualizationManagement(readonlyPage);
      expect(await listedNames(readonlyPage)).toEqual(['harvester-prod']);
      await expectReadOnlyList(readonlyPage);
      await screenshot(readonlyPage, SUITE, `${ tag }-05-readonly`);
    } finally {
      await browser?.close();
    }
  });
});
