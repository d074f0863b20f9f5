import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, Stack, StackOptions } from './stack';
import { launchBrowser, newContext } from '../../../drivers/browser';
import { login, openVirtualizationManagement } from '../../../drivers/dashboard';

/** What a browser test file works with. */
export interface DashboardSession {
  stack: Stack;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

export interface SessionOptions extends StackOptions {
  /** Log in as this user once the page is open. */
  user?: string;
  /** Let the page read and write the clipboard (copy buttons). */
  clipboard?: boolean;
  /** After login, open Virtualization Management from the hamburger menu. */
  openList?: boolean;
}

/** A stack (simulator + front server) with a browser page on it: what each test file's `beforeAll` sets up. */
export async function openDashboard(opts: SessionOptions = {}): Promise<DashboardSession> {
  const session: Partial<DashboardSession> = {};

  try {
    session.stack = await startStack(opts);
    session.browser = await launchBrowser();
    session.context = await newContext(session.browser);
    if (opts.clipboard) {
      await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.stack.url });
    }
    session.page = await session.context.newPage();
    if (opts.user) {
      await login(session.page, session.stack.url, opts.user);
    }
    if (opts.openList) {
      await openVirtualizationManagement(session.page);
    }
  } catch (err) {
    await closeDashboard(session);
    throw err;
  }

  return session as DashboardSession;
}

/** Closes what `openDashboard` opened (also after a failed set-up). */
export async function closeDashboard(session: Partial<DashboardSession> | undefined): Promise<void> {
  await session?.context?.close();
  await session?.browser?.close();
  await session?.stack?.close();
}
