import type { Page, Response } from 'playwright-core';

/**
 * What Rancher QA's Cypress page objects (npm `@rancher/cypress` 1.0.11, `e2e/po/**`) resolve to,
 * for replaying their specs with Playwright: the same selectors, URL checks and API calls.
 */

/** `cy.intercept` + `cy.wait('@alias')`: every matching response from the start, each wait takes the next one. */
export class InterceptQueue {
  private seen: Response[] = [];
  private taken = 0;

  constructor(page: Page, private method: string, private urlPart: string) {
    page.on('response', (res) => {
      if (res.request().method() === this.method && res.url().includes(this.urlPart)) {
        this.seen.push(res);
      }
    });
  }

  async wait(timeoutMs = 35_000): Promise<Response> {
    const deadline = Date.now() + timeoutMs;

    while (this.seen.length <= this.taken) {
      if (Date.now() > deadline) {
        throw new Error(`cy.wait: no ${ this.method } ${ this.urlPart } within ${ timeoutMs } ms (${ this.taken } already taken)`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    return this.seen[this.taken++];
  }
}

/** `PagePo.waitForPage(params, fragment)`: the URL contains BASE + path (+ ?params)(+ #fragment). */
export async function waitForPage(page: Page, url: string, timeoutMs = 10_000): Promise<void> {
  await page.waitForURL((u) => u.href.includes(url), { timeout: timeoutMs });
}

/** `ResourceListMastheadPo.title()`: the text of every masthead title, concatenated. */
export async function mastheadTitle(page: Page): Promise<string> {
  return (await page.locator('.title h1, .primaryheader h1, .title-bar h1.title').allTextContents()).join('');
}

/** `title().should('contain', text)`: retried like Cypress' should (default command timeout 10 s). */
export async function titleShouldContain(page: Page, text: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';

  while (Date.now() < deadline) {
    last = await mastheadTitle(page);
    if (last.includes(text)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the masthead title "${ last }" does not contain "${ text }"`);
}

/** `LabeledInputPo.set(v)`: scroll, visible, focus, clear, type. */
export async function setInput(page: Page, selector: string, value: string): Promise<void> {
  const input = page.locator(`.dashboard-root ${ selector }`);

  await input.scrollIntoViewIfNeeded();
  await input.focus();
  await input.fill('');
  await input.pressSequentially(value);
}

/** `BurgerMenuPo.burgerMenuNavToMenubyLabel(label)`: a forced click on the side menu's option, menu open or not. */
export async function burgerMenuNavTo(page: Page, label: string): Promise<void> {
  await page.locator('[data-testid="side-menu"] .option').filter({ hasText: label }).first().dispatchEvent('click');
}

/** `SortableTablePo.rowElementWithName(name)`: the first body row of the table whose text matches. */
export function rowWithName(page: Page, tableSelector: string, name: string) {
  return page.locator(`${ tableSelector } tbody tr`).filter({ hasText: new RegExp(name) }).first();
}

/** `BaseResourceList.actionMenu(name).getMenuItem(label)`: open the row's action menu, find the item. */
export async function rowMenuItem(page: Page, tableSelector: string, name: string, label: string) {
  const button = rowWithName(page, tableSelector, name).locator('[data-testid*="action-button"]');

  await button.click();
  if (await button.getAttribute('aria-expanded') !== 'true') {
    throw new Error(`the action menu of ${ name } did not open (aria-expanded is not "true")`);
  }
  const menu = page.locator('[dropdown-menu-collection]:visible');

  await menu.waitFor();
  if ((await menu.innerText()).includes('No actions available')) {
    throw new Error(`the action menu of ${ name } says "No actions available"`);
  }

  return menu.locator('[dropdown-menu-item]').filter({ hasText: label });
}

/** The `cy.*Resource` commands: the API with the browser's cookies and the CSRF header. */
export async function rancherApi(page: Page, base: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
  const csrf = (await page.context().cookies(base)).find((c) => c.name === 'CSRF')?.value || '';

  return page.request.fetch(`${ base }/${ path }`, {
    method, headers: { 'x-api-csrf': csrf, accept: 'application/json' }, ...(body !== undefined ? { data: body } : {}), failOnStatusCode: false,
  });
}

/** `cy.waitForRancherResource(...)`: poll a resource until `test` holds, at most `retries` times 1.5 s apart. */
export async function waitForRancherResource(page: Page, base: string, path: string, test: (status: number, body: unknown) => boolean, retries: number): Promise<boolean> {
  for (let i = 0; i < retries; i++) {
    const res = await rancherApi(page, base, 'GET', path);

    if (test(res.status(), await res.json().catch(() => undefined))) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }

  return false;
}

/** `RcItemCardPo.getCardByTitle(title)`: the card whose header title holds `title`. */
export function extensionCard(page: Page, title: string) {
  return page.getByTestId('item-card-header-title').filter({ hasText: title }).first().locator('xpath=ancestor::*[contains(@data-testid,"item-card-")][1]');
}

/** `ExtensionsPagePo.goTo()` + `waitForTabs()`. */
export async function openExtensions(page: Page, base: string): Promise<void> {
  await page.goto(`${ base }/c/local/uiplugins`);
  await page.getByTestId('extension-tabs').waitFor({ state: 'visible', timeout: 60_000 });
}

/** `extensionTab<Name>Click()`: the tab is listed, then its button clicked. */
export async function clickExtensionTab(page: Page, name: 'available' | 'installed'): Promise<void> {
  await page.locator('[data-testid="tabbed-block"] > li').filter({ hasText: name === 'available' ? 'Available' : 'Installed' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.getByTestId(`btn-${ name }`).click();
}

/** `loading().should('not.exist')`. */
export async function noLoading(page: Page): Promise<void> {
  await page.locator('.data-loading').waitFor({ state: 'detached', timeout: 10_000 });
}

/** `extensionCardInstallClick(title)`: the card's action menu → Install. */
export async function extensionCardInstallClick(page: Page, title: string): Promise<void> {
  await noLoading(page);
  const card = extensionCard(page, title);

  await card.waitFor({ state: 'visible', timeout: 60_000 });
  await card.getByTestId('item-card-header-action-menu').click();
  await page.locator('[dropdown-menu-collection] [dropdown-menu-item]').filter({ hasText: 'Install' }).first().click({ timeout: 60_000 });
}

/** `installModal().selectVersionClick(n, toggle)`. */
export async function selectVersion(page: Page, n: number, toggle = true): Promise<void> {
  if (toggle) {
    await page.getByTestId('install-ext-modal-select-version').click();
  }
  await page.locator(`.vs__dropdown-menu .vs__dropdown-option:nth-child(${ n })`).dispatchEvent('click');
}

/** `extensionReloadBanner()` visible, then `extensionReloadClick()`, `waitForTabs()`, no loading. */
export async function reloadExtensions(page: Page): Promise<void> {
  await page.getByTestId('extension-reload-banner').waitFor({ state: 'visible', timeout: 60_000 });
  await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.getByTestId('extension-reload-banner-reload-btn').dispatchEvent('click')]);
  await page.getByTestId('extension-tabs').waitFor({ state: 'visible', timeout: 60_000 });
  await noLoading(page);
}

/** `TooltipPo.waitForTooltipWithText(text)` on one of the card's status icons (`item-card-header-status-<i>`). */
export async function cardStatusWithTooltip(page: Page, card: ReturnType<Page['locator']>, text: string): Promise<void> {
  const icons = card.locator('i[data-testid^="item-card-header-status-"]');
  const tooltip = page.locator('.v-popper__popper.v-popper--theme-tooltip .v-popper__inner').filter({ hasText: text });
  const seen: string[] = [];

  for (let i = 0; i < await icons.count(); i++) {
    await icons.nth(i).dispatchEvent('mouseenter');
    try {
      await tooltip.first().waitFor({ state: 'visible', timeout: 3_000 });

      return;
    } catch {
      seen.push((await page.locator('.v-popper__popper .v-popper__inner').allTextContents()).join(' | '));
      await icons.nth(i).dispatchEvent('mouseleave');
    }
  }
  throw new Error(`no status icon of the card has the tooltip "${ text }" (tooltips seen: ${ seen.join('; ') })`);
}
