import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from './harness.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type PageOptions = {
  /** Lets a test inject axe-core past the site's strict CSP; other flows run under the real CSP. */
  forAxe?: boolean;
  width?: number;
  /** The browser's own zone (Beijing unless a test proves times stay Beijing's elsewhere). */
  timezoneId?: string;
};

/** A page in Chinese, collecting the page's uncaught errors. */
export async function openPage(browser: Browser, options: PageOptions = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: options.timezoneId ?? 'Asia/Shanghai',
    bypassCSP: options.forAxe ?? false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** Opens `path` of the portal, signs in on the login page it leads to, and waits to be back on `path`. */
export async function signInToPortal(page: Page, baseUrl: string, email: string, path: string) {
  const input = (testId: string) => page.locator(`input[data-testid=${testId}]`);
  await page.goto(`${baseUrl}/portal${path}`);
  await page.waitForURL(/\/portal\/login/);
  await input('login-email').fill(email);
  await input('login-password').fill(DEMO_PASSWORD);
  await input('login-password').press('Enter');
  await page.waitForURL((url) => url.pathname === `/portal${path}`);
}

/** axe-core injected into the page (opened with `forAxe`); returns the serious and critical violations. */
export async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
