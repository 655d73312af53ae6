import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startPlatform } from './harness.ts';

/** The README's public examples on a fresh start, in Chinese and in English. */

let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;

async function openPage(lang: 'zh' | 'en'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  if (lang === 'en') {
    await page.goto(`${platform.baseUrl}/`);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
  }
  return { context, page };
}

/** Whether every image in the locator has loaded real pixels. */
const imagesLoaded = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((images) => images.length > 0 && images.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0));

const hitTitles = (page: Page) => page.locator('[data-testid=search-results] .hit__title').allTextContents();

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('demo resources and English on a fresh start', () => {
  it('searching 望远 from the home page finds the telescope exhibit, with its picture; its page shows the gallery', async () => {
    const { context, page } = await openPage('zh');
    await page.goto(`${platform.baseUrl}/`);
    await page.getByTestId('search-input').first().fill('望远');
    await page.getByTestId('search-submit').first().click();
    await page.waitForURL(/\/search\?/);
    await page.locator('[data-testid=search-results] .hit').first().waitFor();
    expect((await hitTitles(page))[0]).toContain('望远镜');
    await expect.poll(() => imagesLoaded(page, '[data-testid=search-results] .hit__cover')).toBe(true);
    // The card shows the thumbnail, not the original.
    expect(await page.locator('[data-testid=search-results] .hit__cover').first().getAttribute('src')).toContain('size=thumb');
    await screenshot(page, 'demo-search-telescope');

    await page.locator('[data-testid=search-results] .hit__title a').first().click();
    await page.getByTestId('resource-title').waitFor();
    expect(await page.getByTestId('resource-title').textContent()).toContain('望远镜');
    await page.getByTestId('resource-gallery').scrollIntoViewIfNeeded();
    await expect.poll(() => imagesLoaded(page, '[data-testid=resource-gallery] img')).toBe(true);
    await context.close();
  });

  it('plays the demo video of a video resource', async () => {
    const { context, page } = await openPage('zh');
    await page.goto(`${platform.baseUrl}/search?q=${encodeURIComponent('科学家手稿里的故事')}`);
    await page.locator('[data-testid=search-results] .hit__title a').first().click();
    const video = page.getByTestId('resource-video').first();
    await video.waitFor();
    await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).readyState >= 1 && (v as HTMLVideoElement).duration > 0), { timeout: 20_000 }).toBe(true);
    await context.close();
  });

  it('finds 钱学森 in English: Qian and qianxuesen', async () => {
    const { context, page } = await openPage('en');
    for (const q of ['Qian', 'qianxuesen']) {
      await page.goto(`${platform.baseUrl}/search?q=${q}`);
      await page.locator('[data-testid=search-results] .hit').first().waitFor();
      const titles = await hitTitles(page);
      expect(titles.some((t) => t.includes('两弹一星'))).toBe(true);
    }
    await screenshot(page, 'demo-search-qian-en');
    // The resource page names its base's district in English too.
    await page.locator('[data-testid=search-results] .hit__title a', { hasText: '两弹一星' }).first().click();
    await page.getByTestId('resource-base').waitFor();
    expect(await page.locator('.resource-page__meta').textContent()).toMatch(/· [A-Z][a-z]+/);
    expect(await page.locator('.resource-page__meta').textContent()).not.toMatch(/· \p{Script=Han}+区/u);
    await context.close();
  });

  it('shows base categories and districts in English on /bases and a base page; filters by category, district and 现在开放', async () => {
    const { context, page } = await openPage('en');
    await page.goto(`${platform.baseUrl}/bases`);
    const cards = page.locator('[data-testid=base-category]');
    await cards.first().waitFor();
    const options = await page.locator('[data-testid=filter-category] option').allTextContents();
    expect(options).toContain('Science and technology museum');
    expect(options.join(' ')).not.toMatch(/\p{Script=Han}/u);
    for (const text of await cards.allTextContents()) expect(text).not.toMatch(/\p{Script=Han}/u);
    expect(await page.getByTestId('district-map').textContent()).toContain('Haidian');
    // The longer English names stay inside the filter box.
    const select = (await page.locator('[data-testid=filter-category]').boundingBox())!;
    const box = (await page.locator('.filters').boundingBox())!;
    expect(select.x + select.width).toBeLessThanOrEqual(box.x + box.width);
    await screenshot(page, 'demo-bases-en');

    // The README's filters: a category, a district on the map, and open now.
    const count = async () => Number(/\d+/.exec((await page.locator('.directory__count').textContent()) ?? '')?.[0] ?? NaN);
    const all = await count();
    const category = await cards.first().textContent();
    const value = await page.locator('[data-testid=filter-category] option', { hasText: category! }).first().getAttribute('value');
    await page.locator('[data-testid=filter-category]').selectOption(value!);
    await expect.poll(() => page.url()).toContain('category=');
    // The filtered page replaces the cards after the address changes: wait until every card is of the category.
    await expect.poll(async () => new Set(await cards.allTextContents())).toEqual(new Set([category]));
    expect(await count()).toBeLessThanOrEqual(all);
    await page.goto(`${platform.baseUrl}/bases`);
    await cards.first().waitFor();
    await page.getByTestId('district-110108').click();
    await expect.poll(() => page.url()).toContain('district=110108');
    await page.getByTestId('filter-open').check();
    await expect.poll(() => page.url()).toContain('open=1');

    await page.goto(`${platform.baseUrl}/bases`);
    await page.locator('.cards a').first().click();
    await page.getByTestId('base-name').waitFor();
    expect(await page.locator('.base-page__meta').textContent()).not.toMatch(/\p{Script=Han}/u);
    await context.close();
  });
});
