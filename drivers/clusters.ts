import { Locator, Page } from 'playwright-core';

// Page helpers for the Virtualization Management screens, by the test ids our views render.

/** LabeledInput puts the test id on the <input> itself. */
export function input(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${ testId }"], [data-testid="${ testId }"] input`).first();
}

export function clusterRows(page: Page): Locator {
  return page.locator('[data-testid="harvester-cluster-list"] tbody tr.main-row');
}

export function clusterRow(page: Page, name: string): Locator {
  return clusterRows(page).filter({ has: page.locator('td.col-link-detail', { hasText: new RegExp(`^\\s*${ name }\\s*$`) }) });
}

export async function listedNames(page: Page): Promise<string[]> {
  await page.getByTestId('harvester-cluster-list').waitFor();
  // The page arrives from the server after the table shows: a cluster row or the empty row ends the wait.
  await page.locator('[data-testid="harvester-cluster-list"] tbody tr.main-row, [data-testid="harvester-cluster-list-empty"]').first().waitFor();

  return (await page.locator('[data-testid="harvester-cluster-list"] tbody tr.main-row td.col-link-detail').allInnerTexts()).map((n) => n.trim()).sort();
}

/**
 * Row ⋮ menu → the action with this label. A live refresh of the page can re-render the row
 * while its menu opens (the menu then closes), so the menu is opened again, up to three times.
 */
export async function rowAction(page: Page, name: string, label: RegExp): Promise<void> {
  const item = page.getByRole('menuitem', { name: label });

  await page.keyboard.press('Escape'); // a menu left open elsewhere would take the click
  for (let attempt = 1; ; attempt++) {
    await clusterRow(page, name).locator('[data-testid*="action-button"]').click();
    try {
      await item.waitFor({ timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt === 3) {
        throw err;
      }
      await page.keyboard.press('Escape'); // a menu left open would take the next click
    }
  }
  await item.click();
}

/** Waits until `fn` returns true (polling), for conditions outside the page. */
export async function eventually(fn: () => Promise<boolean>, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    if (await fn()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${ what }`);
}

export interface SimState {
  clusters: { id: string; clusterId: string | null; state: string | null }[];
  harvesters: { name: string; namespaces: string[]; agent: unknown; settings: Record<string, string>; history: string[] }[];
}

export async function simState(simUrl: string): Promise<SimState> {
  return (await fetch(`${ simUrl }/sim/state`)).json() as Promise<SimState>;
}

/** What an operator does on a Harvester node: apply the registration manifest the page shows. */
export async function applyOnHarvester(simUrl: string, manifestUrl: string): Promise<number> {
  const res = await fetch(`${ simUrl }/sim/harvester/apply`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ manifestUrl }),
  });

  return res.status;
}

/** The list offers nothing that changes clusters: the read-only banner, no Import, row actions, selection or bulk delete. */
export async function expectReadOnlyList(page: Page): Promise<void> {
  await page.getByTestId('harvester-cluster-list-readonly').waitFor();
  const counts = {
    import:     await page.getByTestId('masthead-create').count(),
    rowActions: await page.locator('[data-testid="harvester-cluster-list"] [data-testid*="action-button"]').count(),
    selection:  await page.locator('[data-testid="harvester-cluster-list"] .selection-checkbox').count(),
    bulkDelete: await page.getByTestId('sortable-table-promptRemove').count(),
  };

  expect(counts).toEqual({
    import: 0, rowActions: 0, selection: 0, bulkDelete: 0
  });
}

/** From the list, open a cluster's detail page and read the labels of its masthead ⋮ menu (left open). */
export async function detailMenuLabels(page: Page, name: string): Promise<string[]> {
  await clusterRow(page, name).locator('td.col-link-detail a').click();
  await page.getByTestId('harvester-cluster-detail').waitFor();
  await page.getByTestId('masthead-action-menu').click();
  const menu = page.getByRole('menuitem');

  await menu.first().waitFor();

  return (await menu.allInnerTexts()).map((t) => t.trim());
}
