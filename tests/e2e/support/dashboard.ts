import { Page } from 'playwright-core';
import { PASSWORD } from './stack';

/** Logs in through the real login form, as a person does. */
export async function login(page: Page, baseUrl: string, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${ baseUrl }/auth/login`);
  // LabeledInput puts the test id on the <input> itself; Password wraps it.
  await page.locator('input[data-testid="local-login-username"], [data-testid="local-login-username"] input').first().fill(username);
  await page.locator('input[data-testid="local-login-password"], [data-testid="local-login-password"] input').first().fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/auth/login'), { timeout: 60_000 });
}

/** Hamburger menu → Virtualization Management. */
export async function openVirtualizationManagement(page: Page): Promise<void> {
  await page.getByTestId('top-level-menu').click();
  await page.getByRole('link', { name: /Virtualization Management/ }).click();
  await page.waitForURL(/\/c\/_\/harvesterManager\/harvesterhci\.io\.management\.cluster/);
}
