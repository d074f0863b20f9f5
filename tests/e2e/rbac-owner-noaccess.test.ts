/**
 * Issue #5 journey 5 in the real dashboard for the two other seeded users (project-readonly is in
 * rbac.test.ts):
 *
 * - project-owner: global role `user` (Rancher's Standard User: create on clusters, no update) and
 *   owner of project Default on harvester-prod (cluster read only). Sees harvester-prod only; no
 *   Import (the extension asks for create and update on both cluster schemas), no Edit Config /
 *   Delete on harvester-prod, no bulk delete.
 * - no-access: global role `user-base`, no cluster or project role. Sees no cluster and may not
 *   Import.
 *
 * For both, a forged request from the page's own API client (the shell's store, with its session
 * and CSRF header) is refused by Rancher and changes nothing in the simulator's state.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, Stack } from './support/stack';
import { launchBrowser, newContext, screenshot } from '../../drivers/browser';
import { login, openVirtualizationManagement } from '../../drivers/dashboard';
import { detailMenuLabels, listedNames, simState } from '../../drivers/clusters';

const SUITE = 'rbac-owner-noaccess';
const PROV = 'provisioning.cattle.io.cluster';

let stack: Stack;
let browser: Browser;

beforeAll(async() => {
  stack = await startStack();
  browser = await launchBrowser();
});

afterAll(async() => {
  await browser?.close();
  await stack?.close();
});

/** Everything a cluster create, edit or delete would change. */
async function clusterState(): Promise<unknown> {
  const state = await simState(stack.simUrl) as unknown as {
    clusters: unknown[]; managementClusters: string[]; tokens: string[]; counts: Record<string, number>;
  };
  const counted = [PROV, 'management.cattle.io.cluster', 'management.cattle.io.clusterroletemplatebinding', 'management.cattle.io.project', 'management.cattle.io.projectroletemplatebinding'];

  return {
    clusters: state.clusters, managementClusters: state.managementClusters, tokens: state.tokens, counts: counted.map((t) => [t, state.counts[t] ?? 0]),
  };
}

interface Refusal { status?: number; code?: string; message?: string }

/** A request sent by the page through the shell's own store (its session cookie, its CSRF header). */
function forge(page: Page, store: 'management' | 'rancher', method: string, url: string, data?: unknown): Promise<Refusal | 'accepted'> {
  return page.evaluate(async({
    store, method, url, data
  }) => {
    const $store = (window as unknown as { $globalApp: { $store: { dispatch: (a: string, b: unknown) => Promise<unknown> } } }).$globalApp.$store;

    try {
      await $store.dispatch(`${ store }/request`, {
        opt: {
          url, method, data
        }
      });

      return 'accepted' as const;
    } catch (e) {
      const err = e as { _status?: number; status?: number | string; code?: string; message?: string; response?: { status?: number } };

      return {
        status: Number(err._status ?? err.response?.status ?? err.status), code: err.code, message: err.message
      };
    }
  }, {
    store, method, url, data
  });
}

async function userPage(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();

  await login(page, stack.url, username);
  await openVirtualizationManagement(page);

  return { context, page };
}

describe('project-owner', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async() => {
    ({ context, page } = await userPage('project-owner'));
  });
  afterAll(async() => {
    await context?.close();
  });

  test('sees harvester-prod only; may Import (a Standard User), but no Edit Config, Delete or bulk delete on it', async() => {
    expect(await listedNames(page)).toEqual(['harvester-prod']);
    // Import needs only create on management clusters, which global role `user` holds (rancher
    // pkg/data/management/role_data.go addUserRules; domain/permissions.ts canImport).
    expect(await page.getByTestId('masthead-create').count()).toBe(1);
    expect(await page.getByTestId('harvester-cluster-list-readonly').count()).toBe(0);
    expect(await page.getByTestId('sortable-table-promptRemove').count()).toBe(0);
    expect(await page.locator('[data-testid="harvester-cluster-list"] .selection-checkbox').count()).toBe(0);
    await screenshot(page, SUITE, '01-owner-list');

    const items = await detailMenuLabels(page, 'harvester-prod');

    expect(items).not.toContain('Edit Config');
    expect(items).not.toContain('Delete');
    await screenshot(page, SUITE, '02-owner-detail-menu');
    await page.keyboard.press('Escape');
  });

  test('a forged delete or edit of harvester-prod from the page\'s API client is refused (403) and changes nothing', async() => {
    const before = await clusterState();
    const prodUrl = `/v1/${ PROV }s/fleet-default/harvester-prod`;
    const prod = await page.evaluate(async(url) => {
      const $store = (window as unknown as { $globalApp: { $store: { dispatch: (a: string, b: unknown) => Promise<unknown> } } }).$globalApp.$store;

      return JSON.parse(JSON.stringify(await $store.dispatch('management/request', { opt: { url, method: 'get' } })));
    }, prodUrl) as { metadata: { annotations?: Record<string, string> }, links: Record<string, string> };

    // Rancher tells the UI it may neither change nor remove it ...
    expect(prod.links.update).toBeUndefined();
    expect(prod.links.remove).toBeUndefined();
    // ... and refuses when asked anyway.
    expect(await forge(page, 'management', 'delete', prodUrl)).toMatchObject({ status: 403, code: 'Forbidden' });
    expect(await forge(page, 'management', 'put', prodUrl, { ...prod, metadata: { ...prod.metadata, annotations: { ...prod.metadata.annotations, forged: 'yes' } } })).toMatchObject({ status: 403, code: 'Forbidden' });
    const prodId = (await simState(stack.simUrl)).clusters.find((c) => c.id === 'fleet-default/harvester-prod')?.clusterId;

    expect(prodId).toMatch(/^c-/);
    expect(await forge(page, 'rancher', 'delete', `/v3/clusters/${ prodId }`)).toMatchObject({ status: 403 });
    expect(await clusterState()).toEqual(before);
  });
});

describe('no-access', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async() => {
    context = await newContext(browser);
    page = await context.newPage();
    await login(page, stack.url, 'no-access');
  });
  afterAll(async() => {
    await context?.close();
  });

  test('has no Virtualization Management at all: a User-Base user has no provisioning-cluster schema', async() => {
    // steve pkg/schema/factory.go: no verb, no schema; the product shows only with that schema (product.ts ifHaveType).
    await page.getByTestId('top-level-menu').click();
    await page.getByRole('link', { name: /Home/ }).first().waitFor();
    expect(await page.getByRole('link', { name: /Virtualization Management/ }).count()).toBe(0);
    await screenshot(page, SUITE, '03-no-access-menu');
    await page.keyboard.press('Escape');
  });

  test('a forged import (POST) or delete from the page\'s API client is refused and changes nothing', async() => {
    const before = await clusterState();

    expect(await forge(page, 'rancher', 'post', '/v3/clusters', {
      type: 'cluster', name: 'forged', labels: { 'provider.cattle.io': 'harvester' },
    })).toMatchObject({ status: 403, code: 'Forbidden' });
    // no provisioning-cluster schema at all: apiserver answers 404 (no body) to every method
    expect(await forge(page, 'management', 'post', `/v1/${ PROV }s/fleet-default`, {
      type:     PROV,
      metadata: {
        name: 'forged', namespace: 'fleet-default', labels: { 'provider.cattle.io': 'harvester' }
      },
      spec: {},
    })).toMatchObject({ status: 404 });
    // harvester-prod does not exist for this user: Rancher answers as for an unknown object
    expect(await forge(page, 'management', 'delete', `/v1/${ PROV }s/fleet-default/harvester-prod`)).toMatchObject({ status: 404 });
    expect(await clusterState()).toEqual(before);
  });
});
