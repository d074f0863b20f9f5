import { Page } from 'playwright-core';
import { PASSWORD } from './stack';

/** Logs in through the real login form, as a person does. */
export async function login(page: Page, baseUrl: string, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${ baseUrl }/auth/login`);
  await page.getByTestId('local-login-username').locator('input').fill(username);
  await page.getByTestId('local-login-password').locator('input').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/auth/login'), { timeout: 60_000 });
}

/** Hamburger menu → Virtualization Management. */
export async function openVirtualizationManagement(page: Page): Promise<void> {
  await page.getByTestId('top-level-menu').click();
  await page.getByRole('link', { name: /Virtualization Management/ }).click();
  await page.waitForURL(/\/c\/_\/harvesterManager\/harvesterhci\.io\.management\.cluster/);
}
