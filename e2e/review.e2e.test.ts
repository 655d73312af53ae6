import { schema, type DatabaseHandle } from '@ssb/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { journey } from './journey.ts';
import { confirmMessageBox, newDesktopPage, signInAdmin } from './admin-steps.ts';
import { launchBrowser, screenshot, startPlatform } from './harness.ts';

/**
 * Expert review in the browser. The open demo year's nominations are accepted at intake directly in the
 * database (the intake pages are tested in their own file).
 */
let database: DatabaseHandle;
let platform: Awaited<ReturnType<typeof startPlatform>>;
let baseUrl = '';
let browser: Browser;
let campaignId = '';

beforeAll(async () => {
  platform = await startPlatform();
  database = platform.database;
  baseUrl = platform.baseUrl;
  const campaign = await database.db.query.campaigns.findFirst({ where: (c, { eq }) => eq(c.isDemo, true) });
  campaignId = campaign!.id;
  const nominations = await database.db.query.applications.findMany({ where: (a, { and, eq }) => and(eq(a.campaignId, campaignId), eq(a.status, 'recommended')) });
  for (const n of nominations) {
    await database.db.insert(schema.intakeChecks).values({ applicationId: n.id, status: 'accepted' }).onConflictDoUpdate({ target: schema.intakeChecks.applicationId, set: { status: 'accepted' } });
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const bodyRows = (page: Page, table: string) => page.locator(`[data-testid=${table}] .el-table__body-wrapper tbody tr.el-table__row`);

describe('expert review', () => {
  const step = journey('assignment → blind scoring → progress and ranking', { steps: 3 });
  step('the office sees the pool and rounds, previews automatic assignment and applies it', async () => {
    const { context, page, errors } = await newDesktopPage(browser);
    await signInAdmin(page, baseUrl, 'office@demo.ssb.local', `/review?tab=pool&campaign=${campaignId}`);
    await page.waitForURL(/\/admin\/review/);
    await expect.poll(() => bodyRows(page, 'expert-table').count()).toBe(5);
    await screenshot(page, 'review-pool');

    await page.locator('#tab-rounds').click();
    await expect.poll(() => bodyRows(page, 'round-table').count()).toBe(1);
    expect(await page.locator('[data-testid=round-status-initial]').textContent()).toBe('进行中');
    await screenshot(page, 'review-rounds');
    await page.locator('[data-testid=round-edit-initial]').click();
    await page.locator('[data-testid=criteria-table]').waitFor();
    // The round is open: its score sheet is fixed, only the deadline and thresholds may move.
    expect(await page.locator('[data-testid=criteria-table] input:disabled').count()).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    await screenshot(page, 'review-round-dialog');
    await page.locator('.el-dialog__headerbtn').last().click();

    await page.locator('#tab-assign').click();
    await expect.poll(() => bodyRows(page, 'assign-table').count()).toBe(5);
    // The demo seed may already have assigned nominations accepted at intake before it ran.
    const before = await page.locator('[data-testid=assign-table] .el-tag').count();
    await page.locator('[data-testid=assign-preview]').click();
    const dialog = page.locator('.el-dialog', { hasText: '自动分配预览' });
    await dialog.waitFor();
    const additions = Number(/将新增 (\d+) 条分配/.exec(await dialog.innerText())![1]);
    // Five nominations, three experts each, whatever was there before.
    expect(before + additions).toBe(15);
    await page.waitForTimeout(300);
    await screenshot(page, 'review-assign-preview');
    await page.locator('[data-testid=assign-apply]').click();
    await confirmMessageBox(page);
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('[data-testid=assign-table] .el-tag').count()).toBe(15);
    await screenshot(page, 'review-assign');
    // Experts in conflict are offered disabled, with the reason, in the hand-assignment picker.
    const jingshi = bodyRows(page, 'assign-table').filter({ hasText: '京师理工科学家精神馆' });
    await jingshi.locator('.el-select').click();
    const conflicted = page.locator('.el-select-dropdown__item.is-disabled', { hasText: '陈专家（利益冲突：专家与申报单位为同一单位）' });
    await conflicted.waitFor();
    await screenshot(page, 'review-assign-conflict');
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    await context.close();
  });

  step('an expert opens an assignment, sees no identity in the blind round, scores it and submits', async () => {
    const { context, page, errors } = await newDesktopPage(browser);
    await signInAdmin(page, baseUrl, 'expert@demo.ssb.local', '/my-reviews');
    await page.waitForURL(/\/admin\/my-reviews/);
    await expect.poll(() => bodyRows(page, 'my-reviews-table').count()).toBeGreaterThan(0);
    await screenshot(page, 'review-mine');
    await bodyRows(page, 'my-reviews-table').first().locator('button').click();
    await page.waitForURL(/\/admin\/my-reviews\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid=score-card]').waitFor();
    const text = await page.locator('main').innerText();
    for (const name of ['北辰材料', '燕园', '西山地质', '京师理工', '北京市教育委员会', '中国科学院科学传播局']) expect(text).not.toContain(name);
    expect(text).toMatch(/申报 NO-[0-9A-F]{6}/);

    const values = [80, 90, 70, 60, 100];
    const keys = ['venue', 'content', 'items', 'management', 'openness'];
    for (const [i, key] of keys.entries()) {
      const input = page.locator(`[data-testid=score-${key}] input`);
      await input.fill(String(values[i]));
      await input.press('Tab');
    }
    await page.locator('textarea[data-testid=review-comment]').fill('展陈以科学家故事为主线，原始实物丰富。');
    await expect.poll(() => page.locator('[data-testid=live-total]').textContent()).toBe('81.50');
    await page.locator('[data-testid=save-draft]').click();
    await page.locator('.el-message--success', { hasText: '草稿已保存' }).waitFor();
    await screenshot(page, 'review-sheet');
    await page.locator('[data-testid=submit-scores]').click();
    await confirmMessageBox(page);
    await expect.poll(() => page.locator('[data-testid=sheet-status]').textContent()).toBe('已提交');
    await screenshot(page, 'review-sheet-submitted');
    await page.locator('#tab-materials').click();
    expect(await page.locator('[data-testid=application-view]').innerText()).toContain('照片 1');
    await page.waitForTimeout(300);
    await screenshot(page, 'review-sheet-materials');
    expect(errors).toEqual([]);
    await context.close();
  });

  step('the office sees the progress, sends reminders and reads the ranking', async () => {
    const { context, page, errors } = await newDesktopPage(browser);
    await signInAdmin(page, baseUrl, 'office@demo.ssb.local', `/review?tab=progress&campaign=${campaignId}`);
    await page.waitForURL(/\/admin\/review/);
    await expect.poll(() => bodyRows(page, 'progress-table').count()).toBe(5);
    await page.locator('[data-testid=review-progress] canvas').waitFor();
    await page.waitForTimeout(600);
    await screenshot(page, 'review-progress');
    await page.locator('[data-testid=send-reminders]').click();
    await confirmMessageBox(page);
    await page.locator('.el-message--success', { hasText: '已向' }).waitFor();

    await page.locator('#tab-ranking').click();
    await expect.poll(() => bodyRows(page, 'ranking-table').count()).toBe(5);
    expect(await bodyRows(page, 'ranking-table').first().innerText()).toContain('81.50');
    await screenshot(page, 'review-ranking');
    expect(errors).toEqual([]);
    await context.close();
  });
});
