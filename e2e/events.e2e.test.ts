import { formatEventPeriod } from '@ssb/domain/events';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSession } from './api-session.ts';
import { launchBrowser, screenshot, startPlatform } from './harness.ts';
import { openPage, seriousViolations, signInToPortal as signIn, type PageOptions } from './page-steps.ts';

/**
 * Events of a base end to end: a base manager writes an event in the portal with Beijing times and
 * publishes it; a visitor sees it on the base's public page; cancelling it (after a confirmation)
 * keeps it there marked 已取消. The public pages pass an axe-core check.
 */

const TITLE = '少年科学家的一天：地质研学（测试）';
const PLACE = '陈列馆门前广场集合';
const BOOKING = '请班主任拨打 010-69800001 报名';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});


const at = (path: string) => `${platform.baseUrl}${path}`;
const input = (page: Page, testId: string) => page.locator(`input[data-testid=${testId}]`);
const newPage = (options: PageOptions = {}) => openPage(browser, options);
const signInToPortal = (page: Page, email: string, path: string) => signIn(page, platform.baseUrl, email, path);



/** Today + n days on Beijing's calendar, "YYYY-MM-DD". */
const beijingDate = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));
const DAY = beijingDate(10);
const STARTS = `${DAY}T14:00:00+08:00`;
const ENDS = `${DAY}T16:30:00+08:00`;

/** Types a Beijing wall-clock time into an Element Plus date-time picker and closes it. */
async function typeDateTime(page: Page, testId: string, value: string) {
  const field = page.locator(`[data-testid=${testId}] input`);
  await field.click();
  await field.fill(value);
  await field.press('Enter');
  await page.locator('h1').click();
  await expect.poll(() => field.inputValue()).toBe(value);
}

/** A published study tour of base@demo's first base, made through the API for the tests that show or cancel one. */
async function publishedEventThroughApi(title: string) {
  const session = await apiSession(platform.baseUrl, 'base@demo.ssb.local');
  const [base] = await session.query<Array<{ id: string }>>('bases.mine');
  const fields = { kind: 'study_tour', title, description: '上午认识岩石，下午沿步道观察岩层。\n请穿运动鞋。', startsAt: STARTS, endsAt: ENDS, place: PLACE, audiences: ['secondary'], capacity: 45, bookingInfo: BOOKING };
  const created = await session.mutate<{ id: string }>('events.create', { ...fields, baseId: base!.id });
  await session.mutate('events.publish', { eventId: created.id });
  return { baseId: base!.id, eventId: created.id };
}

describe('base events', () => {

  test('a base manager writes an event in Beijing time and publishes it after confirming', async () => {
    const { context, page, errors } = await newPage({ timezoneId: 'America/New_York' });
    await signInToPortal(page, 'base@demo.ssb.local', '/events');
    await page.locator('[data-testid=event-table]').waitFor();
    // The demo base already has events: a published one and a cancelled one among them.
    expect(await page.locator('[data-testid=event-table]').textContent()).toContain('已取消');
    await screenshot(page, 'events-portal-list');

    await page.locator('[data-testid=new-event]').click();
    await page.waitForURL(/\/portal\/events\/new$/);
    await page.locator('[data-testid=event-kind-study_tour]').click();
    await input(page, 'event-title').fill(TITLE);
    // An end before the start is refused beside the end field, before anything is sent.
    await typeDateTime(page, 'event-starts', `${DAY} 14:00`);
    await typeDateTime(page, 'event-ends', `${DAY} 13:00`);
    await input(page, 'event-place').fill(PLACE);
    await page.locator('[data-testid=event-save]').click();
    await expect.poll(() => page.locator('.el-form-item__error').allTextContents()).toContain('结束时间不能早于开始时间');
    await typeDateTime(page, 'event-ends', `${DAY} 16:30`);
    // The message goes once the field is corrected.
    await expect.poll(() => page.locator('.el-form-item__error').count()).toBe(0);
    await page.locator('[data-testid=event-audience-secondary]').click();
    await page.locator('[data-testid=event-capacity] input').fill('45');
    await page.locator('textarea[data-testid=event-booking]').fill(BOOKING);
    await page.locator('textarea[data-testid=event-description]').fill('上午认识岩石，下午沿步道观察岩层。\n请穿运动鞋。');
    await screenshot(page, 'events-portal-editor');
    await page.locator('[data-testid=event-save]').click();
    await page.waitForURL(/\/portal\/events\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('[data-testid=event-status]').textContent()).toBe('草稿');

    // Publishing asks first; after it, the public page is linked.
    await page.locator('[data-testid=editor-publish]').click();
    await page.locator('.el-message-box').waitFor();
    expect(await page.locator('.el-message-box').textContent()).toContain('确认发布');
    await page.locator('.el-message-box .el-button--primary').click();
    await expect.poll(() => page.locator('[data-testid=event-status]').textContent()).toBe('已发布');
    expect(await page.locator('.event-editor__status a[href^="/bases/"]').getAttribute('href')).toMatch(/^\/bases\/[0-9a-f-]{36}$/);
    await screenshot(page, 'events-portal-published');

    // What reached the server is the Beijing time typed, whatever the computer's zone.
    const stored = await page.evaluate(async (id) => {
      const response = await fetch(`/trpc/events.edit?input=${encodeURIComponent(JSON.stringify({ eventId: id }))}`);
      return ((await response.json()) as { result: { data: { startsAt: string; endsAt: string } } }).result.data;
    }, page.url().split('/').at(-1)!);
    expect(new Date(stored.startsAt).toISOString()).toBe(new Date(STARTS).toISOString());
    expect(new Date(stored.endsAt).toISOString()).toBe(new Date(ENDS).toISOString());
    expect(errors).toEqual([]);
    await context.close();
  });

  test("a visitor sees it on the base's public page with its time in Beijing, and the page passes axe", async () => {
    const TITLE = '少年科学家的一天：地质研学（公开页测试）';
    const { baseId } = await publishedEventThroughApi(TITLE);
    const { context, page, errors } = await newPage({ forAxe: true });
    await page.goto(at(`/bases/${baseId}`));
    const item = page.locator('[data-testid=base-events] [data-testid=event-item]', { hasText: TITLE });
    await item.waitFor();
    const text = await item.textContent();
    expect(text).toContain('研学');
    expect(text).toContain(formatEventPeriod(STARTS, ENDS));
    expect(text).toContain(PLACE);
    expect(text).toContain('中学生');
    expect(text).toContain('45 人');
    expect(text).toContain(BOOKING);
    expect(await item.locator('[data-testid=event-cancelled]').count()).toBe(0);
    // The demo base's cancelled exhibition is still listed, marked as such.
    const cancelled = page.locator('[data-testid=base-events] [data-testid=event-item]', { has: page.locator('[data-testid=event-cancelled]') });
    expect(await cancelled.count()).toBeGreaterThan(0);
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'events-base-page');
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('[data-testid=events-past]').click();
    await expect.poll(() => page.locator('[data-testid=events-past]').getAttribute('aria-pressed')).toBe('true');
    // The list is replaced by the past events (the demo base has one); the new event is not among them.
    await expect.poll(() => page.locator('[data-testid=base-events]').textContent()).not.toContain(TITLE);
    await page.locator('[data-testid=base-events] [data-testid=event-item]').first().waitFor();
    await screenshot(page, 'events-base-page-past');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the home page lists upcoming events of the bases and passes axe', async () => {
    const { context, page, errors } = await newPage({ forAxe: true });
    await page.goto(at('/'));
    const section = page.locator('[data-testid=home-events]');
    await section.locator('[data-testid=event-item]').first().waitFor();
    expect(await section.locator('[data-testid=event-item]').count()).toBeLessThanOrEqual(4);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'events-home');
    expect(await seriousViolations(page)).toEqual([]);
    // Each names its base and links to the base's events.
    await section.locator('[data-testid=event-item] a[href*="#events"]').first().click();
    await page.waitForURL(/\/bases\/[0-9a-f-]{36}#events$/);
    await page.locator('[data-testid=base-events], [data-testid=events-empty]').first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the manager cancels it after a confirmation, with a note; the public page keeps it, marked 已取消', async () => {
    const TITLE = '少年科学家的一天：地质研学（取消测试）';
    const { baseId } = await publishedEventThroughApi(TITLE);
    const manager = await newPage();
    await signInToPortal(manager.page, 'base@demo.ssb.local', '/events');
    const row = manager.page.locator('[data-testid=event-table] .el-table__row', { hasText: TITLE });
    await row.waitFor();
    await row.locator('[data-testid=event-cancel]').click();
    const box = manager.page.locator('.el-message-box');
    await box.waitFor();
    expect(await box.textContent()).toContain('不能再恢复');
    // Backing out leaves it published.
    await box.locator('.el-message-box__btns .el-button:not(.el-button--danger)').click();
    await box.waitFor({ state: 'hidden' });
    expect(await row.locator('[data-testid=event-status]').textContent()).toBe('已发布');

    await row.locator('[data-testid=event-cancel]').click();
    await box.waitFor();
    await box.locator('textarea').fill('因场地维修取消，改期另行通知');
    await manager.page.evaluate(() => Promise.allSettled(document.getAnimations().map((a) => a.finished)));
    await screenshot(manager.page, 'events-portal-cancel-confirm');
    await box.locator('.el-button--danger').click();
    await expect.poll(() => row.locator('[data-testid=event-status]').textContent()).toBe('已取消');
    expect(await row.locator('[data-testid=event-cancel], [data-testid=event-publish]').count()).toBe(0);
    await screenshot(manager.page, 'events-portal-cancelled');

    const visitor = await newPage({ width: 390 });
    await visitor.page.goto(at(`/bases/${baseId}`));
    const item = visitor.page.locator('[data-testid=base-events] [data-testid=event-item]', { hasText: TITLE });
    await item.waitFor();
    expect(await item.locator('[data-testid=event-cancelled]').textContent()).toBe('已取消');
    expect(await item.textContent()).toContain('因场地维修取消，改期另行通知');
    expect(await visitor.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await item.scrollIntoViewIfNeeded();
    await screenshot(visitor.page, 'events-base-page-cancelled-phone');
    expect([...manager.errors, ...visitor.errors]).toEqual([]);
    await manager.context.close();
    await visitor.context.close();
  });
});
