import { Page } from 'playwright-core';
import { input } from './clusters';

/** The seeded users' password (the simulator's default; tests and the bench start it with it). */
export const PASSWORD = 'password1234';

/** Logs in through the real login form, as a person does. */
export async function login(page: Page, baseUrl: string, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${ baseUrl }/auth/login`);
  await submitLogin(page, username, password);
}

/** Fills and submits the login form the page shows (e.g. after the session ended), then waits to leave it. */
export async function submitLogin(page: Page, username: string, password = PASSWORD): Promise<void> {
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

/** Virtualization Management → Import Existing, once the form's name field is there. */
export async function openImportExisting(page: Page): Promise<void> {
  await openVirtualizationManagement(page);
  await page.getByTestId('masthead-create').click();
  await page.waitForURL(/\/harvesterhci\.io\.management\.cluster\/create$/);
  await input(page, 'name-ns-description-name').waitFor();
}

/** Imports a cluster named `name` through the form; returns the registration URL the page then shows. */
export async function importThroughForm(page: Page, name: string): Promise<string> {
  await openImportExisting(page);
  await input(page, 'name-ns-description-name').fill(name);
  await page.getByTestId('form-save').click();
  await page.waitForURL(/\/fleet-default\/c-[a-z0-9]{5}#registration$/, { timeout: 90_000 });
  const urlText = page.getByTestId('registration-url-text');

  await urlText.waitFor({ timeout: 30_000 });

  return (await urlText.innerText()).trim();
}
