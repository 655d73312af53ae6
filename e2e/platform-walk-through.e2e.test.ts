import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, screenshot, startPlatform } from './harness.ts';
import { openPage } from './page-steps.ts';

/**
 * Defects found walking the public site: an address that names nothing says 未找到 at once, with a
 * way on, instead of a skeleton while a 404 is retried; every base's events have a page of their own.
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

describe('the events page', () => {
  test('lists every base’s upcoming events, filters them by kind and district in the address, and is reached from the home page', async () => {
    const { context, page, errors } = await openPage(browser, { width: 1440 });
    await page.goto(`${platform.baseUrl}/`);
    await page.locator('[data-testid=home-all-events]').click();
    await page.waitForURL(/\/events$/);
    const list = page.locator('[data-testid=events-list]');
    await list.locator('[data-testid=event-item]').first().waitFor();
    const all = await list.locator('[data-testid=event-item]').count();
    expect(all).toBeGreaterThan(1);

    await page.locator('[data-testid=filter-kind]').selectOption('lecture');
    await page.waitForURL(/kind=lecture/);
    await expect.poll(async () => {
      const tags = await list.locator('[data-testid=event-item] [data-testid=event-kind]').allTextContents();
      return tags.length > 0 && tags.every((tag) => tag === '讲座');
    }).toBe(true);
    expect(await list.locator('[data-testid=event-item]').count()).toBeLessThan(all);

    // Days with no events say so (an unknown district in the address is no filter), and clearing the filters brings the whole list back.
    await page.goto(`${platform.baseUrl}/events?from=2099-01-01&district=nowhere`);
    await page.locator('[data-testid=events-empty]').waitFor();
    expect(await page.locator('[data-testid=events-empty]').textContent()).toContain('没有符合筛选条件的活动');
    await page.locator('[data-testid=filters-clear]').click();
    await expect.poll(() => list.locator('[data-testid=event-item]').count()).toBe(all);
    await screenshot(page, 'platform-events');
    expect(errors).toEqual([]);
    await context.close();
  });
});

