import { schema } from '@ssb/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSession } from './api-session.ts';
import { DEMO_PASSWORD, launchBrowser, screenshot, startPlatform } from './harness.ts';
import { openPage, seriousViolations, signInToPortal } from './page-steps.ts';
import { EXHIBIT } from './resource-steps.ts';

/**
 * The public site as people meet it (issue 14, items 11, 12 and 18): booking a resource with its
 * calendar and limits, the search and notice pages on a phone, and the small things around them.
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

const at = (path: string) => `${platform.baseUrl}${path}`;
const inDays = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));
let owner: ReturnType<typeof apiSession> | undefined;
const asOwner = () => (owner ??= apiSession(platform.baseUrl, 'base@demo.ssb.local'));

async function publishedResource(fields: Record<string, unknown>) {
  const session = await asOwner();
  const [base] = await session.query<Array<{ id: string }>>('bases.mine');
  const created = await session.mutate<{ id: string }>('resources.create', { ...EXHIBIT, ...fields, baseId: base!.id });
  await session.mutate('resources.transition', { resourceId: created.id, action: 'publish' });
  return created.id;
}

async function signInOnSite(page: Page, email: string, path: string) {
  await page.goto(at(`/login?redirect=${encodeURIComponent(path)}`));
  await page.locator('input[data-testid=login-email]').fill(email);
  await page.locator('input[data-testid=login-password]').fill(DEMO_PASSWORD);
  await page.locator('input[data-testid=login-password]').press('Enter');
  await page.waitForURL((url) => url.pathname === path);
}

/** The input of an Element Plus field, whichever element its data-testid lands on. */
const field = (page: Page, testId: string) => page.locator(`input[data-testid=${testId}], [data-testid=${testId}] input`).first();
const validationMessage = (page: Page, testId: string) => page.locator(`[data-testid=${testId}]`).evaluate((el) => (el as HTMLInputElement).validationMessage);

describe('booking a resource from its page', () => {
  test('a calendar by keyboard, Chinese date messages, the request shown once sent, a repeat refused clearly, the limit kept', { timeout: 90_000 }, async () => {
    const resourceId = await publishedResource({ title: '日晷复原件（预约测试）', maxBookingDays: 20 });
    const { context, page, errors } = await openPage(browser, { width: 1440 });
    await signInOnSite(page, 'base2@demo.ssb.local', `/resources/${resourceId}`);
    await page.locator('[data-testid=booking-form]').waitFor();
    expect(await page.locator('[data-testid=booking-limit]').textContent()).toContain('每次最多借用 20 天');

    // The browser's own messages would be in its language; the page gives Chinese ones.
    await page.locator('[data-testid=booking-form]').evaluate((form) => (form as HTMLFormElement).reportValidity());
    expect(await validationMessage(page, 'booking-starts')).toBe('请选择开始日期');

    // Keyboard only: from today, two weeks down, Enter; three days on, Enter.
    const calendar = page.locator('[data-testid=availability-calendar]');
    await calendar.locator(`[data-day="${inDays(0)}"]`).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-testid=booking-starts]').inputValue()).toBe(inDays(14));
    expect(await page.locator('[data-testid=booking-ends]').inputValue()).toBe(inDays(17));
    // Whatever order the browser shows a date input in, the page spells the day out in Chinese.
    expect(await page.locator('[data-testid=booking-starts-spelled]').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日星期[一二三四五六日]$/);
    expect(await calendar.locator(`[data-day="${inDays(15)}"]`).getAttribute('aria-label')).toContain('已选');
    await screenshot(page, 'public-booking-picked-1440');

    await page.locator('[data-testid=booking-submit]').click();
    await page.locator('[data-testid=booking-sent]').waitFor();
    expect(await page.locator('[data-testid=booking-sent]').textContent()).toContain(`${inDays(14)} 至 ${inDays(17)}`);
    const mine = page.locator('[data-testid=my-booking]');
    await expect.poll(() => mine.count()).toBe(1);
    expect(await mine.first().textContent()).toContain('等待审批');
    expect(await calendar.locator(`[data-day="${inDays(16)}"]`).getAttribute('data-state')).toBe('pending');
    expect(await page.locator('[data-testid=booking-starts]').inputValue()).toBe('');
    await screenshot(page, 'public-booking-sent-1440');

    // The same request again is refused, and the page says why.
    await page.locator('[data-testid=booking-starts]').fill(inDays(14));
    await page.locator('[data-testid=booking-ends]').fill(inDays(17));
    await page.locator('[data-testid=booking-submit]').click();
    await page.locator('[data-testid=booking-error]').waitFor();
    expect(await page.locator('[data-testid=booking-error]').textContent()).toContain('正在等待对方审批');
    expect(await mine.count()).toBe(1);

    // Longer than the resource allows: the end date is bounded, in Chinese.
    await page.locator('[data-testid=booking-starts]').fill(inDays(40));
    await page.locator('[data-testid=booking-ends]').fill(inDays(69));
    await page.locator('[data-testid=booking-form]').evaluate((form) => (form as HTMLFormElement).reportValidity());
    expect(await validationMessage(page, 'booking-ends')).toBe(`结束日期不能晚于 ${inDays(59)}`);

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'public-booking-390');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a visitor sees the calendar and the limit before signing in; the page passes axe', async () => {
    const resourceId = await publishedResource({ title: '浑天仪模型（日历测试）', maxBookingDays: 14 });
    const { context, page, errors } = await openPage(browser, { width: 390, forAxe: true });
    await page.goto(at(`/resources/${resourceId}`));
    const calendar = page.locator('[data-testid=availability-calendar]');
    await calendar.waitFor();
    expect(await calendar.locator(`[data-day="${inDays(0)}"]`).getAttribute('tabindex')).toBe('0');
    expect(await calendar.locator(`[data-day="${inDays(-1)}"]`).count()).toBeLessThanOrEqual(1);
    await page.locator('[data-testid=calendar-next]').click();
    await expect.poll(() => page.locator('[data-testid=calendar-month]').textContent()).not.toBe('');
    expect(await page.locator('[data-testid=booking-limit]').textContent()).toContain('14');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('an online exhibition links to where it is seen', async () => {
    const resourceId = await publishedResource({ type: 'online', title: '线上展厅（测试）', lendable: false, lendingTerms: '', onlineUrl: 'https://example.org/expo' });
    const { context, page } = await openPage(browser);
    await page.goto(at(`/resources/${resourceId}`));
    const link = page.locator('a[data-testid=resource-online-url]');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('https://example.org/expo');
    expect(await link.getAttribute('rel')).toContain('noopener');
    await context.close();
  });
});

describe('on a phone (390×844)', () => {
  test('search folds its filters into a panel with a count, so the first result is on the first screen', async () => {
    const { context, page, errors } = await openPage(browser, { width: 390 });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(at('/search?q=科学'));
    const first = page.locator('[data-testid=search-results] li').first();
    await first.waitFor();
    const box = await first.boundingBox();
    expect(box!.y + 40).toBeLessThan(844);
    const toggle = page.locator('[data-testid=filter-toggle]');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#facet-groups').isVisible()).toBe(false);
    await screenshot(page, 'public-search-390');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.locator('#facet-groups input[type=checkbox]').first().check();
    await expect.poll(() => page.locator('[data-testid=filter-count]').textContent()).toBe('已选 1 项');
    await screenshot(page, 'public-search-filters-390');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a notice lists its entries as cards, base names on one line', async () => {
    const db = platform.database.db;
    const [campaign] = await db.select({ id: schema.campaigns.id }).from(schema.campaigns).limit(1);
    const applications = await db.select({ id: schema.applications.id }).from(schema.applications).limit(3);
    const [notice] = await db
      .insert(schema.publicNotices)
      .values({
        campaignId: campaign!.id,
        title: '拟命名科学家精神教育基地公示（版式测试）',
        body: '公示期内如有异议，请实名提出。',
        status: 'published',
        startsAt: new Date(Date.now() - 86400_000),
        endsAt: new Date(Date.now() + 5 * 86400_000),
        applicationIds: applications.map((a) => a.id),
        publishedAt: new Date(),
      })
      .returning({ id: schema.publicNotices.id });
    const { context, page, errors } = await openPage(browser, { width: 390 });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(at(`/notices/${notice!.id}`));
    const rows = page.locator('[data-testid=notice-entries] tbody tr');
    await rows.first().waitFor();
    expect(await rows.first().evaluate((el) => getComputedStyle(el).display)).toBe('block');
    const name = rows.first().locator('th');
    const nameBox = await name.boundingBox();
    // A card as wide as the screen, not a column a character or two wide.
    expect(nameBox!.width).toBeGreaterThan(250);
    await screenshot(page, 'public-notice-390');

    // The filer keeps the reference shown, and looks the objection up with it on the notices page.
    await page.locator('[data-testid=objection-against]').selectOption({ index: 1 });
    await page.locator('[data-testid=objection-name]').fill('王芳');
    await page.locator('[data-testid=objection-phone]').fill('13800138000');
    await page.locator('[data-testid=objection-body]').fill('该馆近三年未常态化开放，与申报材料不符。');
    await page.locator('[data-testid=objection-submit]').click();
    const sent = (await page.locator('[data-testid=objection-sent]').textContent()) ?? '';
    const reference = /编号 ([0-9A-F]{8})/.exec(sent)?.[1];
    expect(reference).toMatch(/^[0-9A-F]{8}$/);
    await page.goto(at('/notices'));
    await page.locator('[data-testid=lookup-reference]').fill(reference!);
    await page.locator('[data-testid=lookup-phone]').fill('138 0013 8000');
    await page.locator('[data-testid=lookup-submit]').click();
    await page.locator('[data-testid=lookup-result]').waitFor();
    expect(await page.locator('[data-testid=lookup-status]').textContent()).toContain('尚未答复');
    await page.locator('[data-testid=lookup-phone]').fill('13900000000');
    await page.locator('[data-testid=lookup-submit]').click();
    expect(await page.locator('[data-testid=lookup-error]').textContent()).toContain('未找到该异议');
    await screenshot(page, 'public-objection-lookup-390');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('small things', () => {
  test('the home page links 开放数据; the footer shows who is signed in instead of 登录', async () => {
    const { context, page } = await openPage(browser, { width: 1440 });
    await page.goto(at('/'));
    await page.locator('[data-testid=hero-open-data]').click();
    await page.waitForURL(/\/bases#open-data-h$/);
    await page.locator('#open-data-h').waitFor();
    await signInOnSite(page, 'base2@demo.ssb.local', '/about');
    await page.locator('[data-testid=footer-user]').waitFor();
    expect(await page.locator('[data-testid=footer-login]').count()).toBe(0);
    expect(await page.locator('[data-testid=footer-user]').textContent()).toContain('已登录');
    await screenshot(page, 'public-footer-signed-in-1440');
    await context.close();
  });

  test('a base in the search results carries no dangling "·"', async () => {
    const { context, page } = await openPage(browser, { width: 1440 });
    await page.goto(at('/search?q=科学'));
    await page.locator('[data-testid=search-results] li').first().waitFor();
    const metas = await page.locator('[data-testid=search-results] .hit__meta').evaluateAll((els) => els.map((el) => el.textContent?.trim() ?? ''));
    expect(metas.length).toBeGreaterThan(0);
    expect(metas.filter((m) => m.startsWith('基地') && m.includes('·'))).toEqual([]);
    // The type facet has 基地 too, and its counts add up to the results.
    const baseFacet = page.locator('[data-testid=facet-type-base]');
    await baseFacet.waitFor();
    const counts = await page.locator('.facets__group').first().locator('.facets__count').allTextContents();
    const total = Number(/共 (\d+) 条/.exec((await page.locator('.results__count').textContent()) ?? '')?.[1]);
    expect(counts.reduce((sum, c) => sum + Number(c), 0)).toBe(total);
    await screenshot(page, 'public-search-1440');
    await baseFacet.check();
    // The facet's results replace the list after a request: wait until only bases are left.
    await expect.poll(async () => new Set(await page.locator('[data-testid=search-results] .hit__meta .tag').allTextContents())).toEqual(new Set(['基地']));
    await context.close();
  });

  test("the application form's section list stays in view while the applicant scrolls", async () => {
    const applicant = await apiSession(platform.baseUrl, 'applicant@demo.ssb.local');
    const campaign = await applicant.query<{ id: string }>('campaigns.current');
    const [body] = await applicant.query<Array<{ id: string }>>('reference.recommendingBodies');
    const application = await applicant.mutate<{ id: string }>('applications.create', { campaignId: campaign.id, recommendingBodyId: body!.id });
    const { context, page } = await openPage(browser, { width: 1440 });
    await signInToPortal(page, platform.baseUrl, 'applicant@demo.ssb.local', `/applications/${application!.id}`);
    const nav = page.locator('.app-form__nav');
    await nav.waitFor();
    await page.mouse.wheel(0, 2400);
    await expect.poll(async () => (await nav.boundingBox())!.y).toBeGreaterThanOrEqual(0);
    const box = await nav.boundingBox();
    expect(box!.y).toBeLessThan(200);
    await screenshot(page, 'portal-form-sticky-sections-1440');
    await context.close();
  });

  test('the resource editor has an online address and the longest booking', async () => {
    const { context, page, errors } = await openPage(browser, { width: 1440 });
    await signInToPortal(page, platform.baseUrl, 'base@demo.ssb.local', '/resources/new');
    await field(page, 'resource-title').fill('线上科学家故事展（编辑器测试）');
    await field(page, 'resource-online-url').fill('https://example.org/online-expo');
    await page.locator('[data-testid=resource-lendable]').click();
    await field(page, 'resource-max-days').fill('21');
    await page.locator('[data-testid=resource-save]').click();
    await page.waitForURL(/\/portal\/resources\/[0-9a-f-]{36}/);
    const resourceId = /resources\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const saved = await (await asOwner()).query<{ onlineUrl: string | null; maxBookingDays: number | null }>('resources.edit', { resourceId });
    expect(saved).toMatchObject({ onlineUrl: 'https://example.org/online-expo', maxBookingDays: 21 });
    await screenshot(page, 'portal-resource-editor-url-1440');
    expect(errors).toEqual([]);
    await context.close();
  });
});
