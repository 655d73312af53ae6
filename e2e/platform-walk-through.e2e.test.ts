import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, screenshot, startPlatform } from './harness.ts';
import { openPage } from './page-steps.ts';

/**
 * An address that names nothing: the public site says 未找到 at once, with a way on, instead of a
 * skeleton while a 404 is retried and then an error whose 重试 cannot help.
 */

let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('pages for things that do not exist', () => {
  test.each([
    ['an unknown resource', `/resources/${UNKNOWN_ID}`, 'resources.get', '未找到该资源'],
    ['a malformed resource id', '/resources/not-an-id', 'resources.get', '未找到该资源'],
    ['an unknown base', `/bases/${UNKNOWN_ID}`, 'bases.', '未找到该基地'],
    ['an unknown notice', `/notices/${UNKNOWN_ID}`, 'notices.', '未找到该公示'],
  ])('%s shows 未找到 after one request, with links to search and home', async (_what, path, procedure, heading) => {
    const { context, page } = await openPage(browser);
    const calls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/trpc/') && request.url().includes(procedure)) calls.push(request.url());
    });
    await page.goto(`${platform.baseUrl}${path}`);
    const missing = page.locator('[data-testid=not-found]');
    await missing.waitFor({ timeout: 5_000 });
    expect(await missing.locator('h1').textContent()).toContain(heading);
    expect(await missing.locator('a[href="/search"]').count()).toBe(1);
    expect(await page.locator('text=重试').count()).toBe(0);
    // Give a retry the time it would have taken, then check none was made.
    await page.waitForTimeout(1_500);
    expect(calls.length).toBe(1);
    if (path.includes('not-an-id')) await screenshot(page, 'platform-resource-not-found');
    await context.close();
  });
});
