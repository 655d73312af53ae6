import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from './harness.ts';
import { openPage } from './page-steps.ts';

/** A desktop page in Chinese on Beijing time, collecting the page's uncaught errors. */
export const newDesktopPage = (browser: Browser) => openPage(browser);

/** Signs in on the admin console's login page, which then opens `redirect`. */
export async function signInAdmin(page: Page, baseUrl: string, email: string, redirect: string) {
  await page.goto(`${baseUrl}/admin/login?redirect=${encodeURIComponent(redirect)}`);
  await page.locator('[data-testid=login-email]').fill(email);
  await page.locator('[data-testid=login-password]').fill(DEMO_PASSWORD);
  await page.locator('[data-testid=login-submit]').click();
}

/** Confirms the open Element Plus message box and waits for it to close. */
export async function confirmMessageBox(page: Page) {
  const box = page.locator('.el-message-box');
  await box.waitFor();
  await box.locator('.el-button--primary').click();
  await box.waitFor({ state: 'hidden' });
}
