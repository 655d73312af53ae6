import { schema, type DatabaseHandle } from '@ssb/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { journey } from './journey.ts';
import { confirmMessageBox, newDesktopPage, signInAdmin } from './admin-steps.ts';
import { DEMO_PASSWORD, launchBrowser, screenshot, startPlatform } from './harness.ts';

/**
 * The selection path of one demo nomination of the open year, 北辰材料科学家精神馆 as recommended by 市科委:
 * intake → assign → score → decide → notice → name, then the base in the register, on the public
 * directory, and in its applicant's portal. The test uses the database for the one thing a browser
 * cannot do: let the notice period end.
 */
const BASE_NAME = '北辰材料科学家精神馆（演示）';
const RECOMMENDER = '北京市科学技术委员会';
const EXPERT_EMAILS: Record<string, string> = { 陈专家: 'expert@demo.ssb.local', 林专家: 'expert2@demo.ssb.local', 黄专家: 'expert3@demo.ssb.local', 何专家: 'expert4@demo.ssb.local', 罗专家: 'expert5@demo.ssb.local' };

let database: DatabaseHandle;
let platform: Awaited<ReturnType<typeof startPlatform>>;
let baseUrl = '';
let browser: Browser;
let campaignId = '';
let applicationId = '';
let baseNumber = '';

beforeAll(async () => {
  platform = await startPlatform();
  database = platform.database;
  baseUrl = platform.baseUrl;
  campaignId = (await database.db.query.campaigns.findFirst({ where: (c, { eq }) => eq(c.isDemo, true) }))!.id;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** Our nomination's row: the same unit was also nominated by its district, so match both. */
const rowIn = (page: Page, table: string) => page.locator(`[data-testid=${table}] .el-table__body-wrapper tr`, { hasText: BASE_NAME }).filter({ hasText: RECOMMENDER });
const bodyRows = (page: Page, table: string) => page.locator(`[data-testid=${table}] .el-table__body-wrapper tbody tr.el-table__row`);

describe('the selection path: intake → assign → score → decide → notice → name', () => {
  const step = journey('intake → assign → score → decide → notice → name, in order', { steps: 6 });
  step('the office checks the nomination at intake, records its paper copy and accepts it', async () => {
    const { context, page, errors } = await newDesktopPage(browser);
    await signInAdmin(page, baseUrl, 'office@demo.ssb.local', `/intake?campaign=${campaignId}`);
    await page.waitForURL(/\/admin\/intake/);
    const row = rowIn(page, 'intake-table');
    await row.waitFor();
    applicationId = (await row.locator('[data-testid^=accept-]').getAttribute('data-testid'))!.replace('accept-', '');
    expect(await row.locator(`[data-testid=accept-${applicationId}]`).isDisabled()).toBe(true);

    await row.locator('.intake-name__link').click();
    const drawer = page.locator('[data-testid=checklist-drawer]');
    await expect.poll(() => drawer.locator('[data-testid=checklist-auto]').textContent()).toContain('尚未收到纸质材料');
    const code = /核验码：([0-9A-Z]{5}-[0-9A-Z]{5})/.exec((await drawer.textContent()) ?? '')![1]!;
    for (const key of ['sealsAndSignatures', 'paperMatchesElectronic', 'noClassifiedMaterial']) {
      await drawer.locator(`[data-testid=check-${key}]`).click();
      await expect.poll(() => drawer.locator(`[data-testid=check-${key}]`).getAttribute('class')).toContain('is-checked');
    }
    await page.waitForTimeout(300);
    await screenshot(page, 'selection-1-intake-checklist');

    // The paper copy arrives: its printed code matches the electronic version.
    await page.goto(`${baseUrl}/admin/paper-check?code=${code}&id=${applicationId}`);
    const result = page.locator('[data-testid=paper-result]');
    await expect.poll(() => result.getAttribute('data-result')).toBe('matching');
    await result.locator('[data-testid=paper-mark]').click();
    await page.locator('[data-testid=paper-marked]').waitFor();
    await screenshot(page, 'selection-2-paper-check');

    await page.goto(`${baseUrl}/admin/intake?campaign=${campaignId}`);
    await expect.poll(() => rowIn(page, 'intake-table').locator(`[data-testid=accept-${applicationId}]`).isDisabled()).toBe(false);
    await rowIn(page, 'intake-table').locator(`[data-testid=accept-${applicationId}]`).click();
    await confirmMessageBox(page);
    await expect.poll(() => rowIn(page, 'intake-table').textContent()).toContain('已受理');
    await screenshot(page, 'selection-3-intake-accepted');
    expect(errors).toEqual([]);
    await context.close();
  });

  step('the office previews the automatic assignment of the open round and applies it', async () => {
    const { context, page, errors } = await newDesktopPage(browser);
    await signInAdmin(page, baseUrl, 'office@demo.ssb.local', `/review?tab=rounds&campaign=${campaignId}`);
    await page.waitForURL(/\/admin\/review/);
    await expect.poll(() => page.locator('[data-testid=round-status-initial]').textContent()).toBe('进行中');
    await page.locator('#tab-assign').click();
    await expect.poll(() => rowIn(page, 'assign-table').count()).toBe(1);
    await page.locator('[data-testid=assign-preview]').click();
    const dialog = page.locator('.el-dialog', { hasText: '自动分配预览' });
    await dialog.waitFor();
    // The seed assigned the two nominations accepted before it ran; ours needs three experts.
    await expect.poll(() => dialog.innerText()).toContain('将新增 3 条分配');
    await page.waitForTimeout(300);
    await screenshot(page, 'selection-4-assign-preview');
    await page.locator('[data-testid=assign-apply]').click();
    await confirmMessageBox(page);
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => rowIn(page, 'assign-table').locator('.el-tag').count()).toBe(3);
    await screenshot(page, 'selection-5-assigned');
    expect(errors).toEqual([]);
    await context.close();
  });

  step('an assigned expert scores the nomination blind and submits', async () => {
    const rows = await database.db.query.reviewAssignments.findMany({ where: (a, { eq }) => eq(a.applicationId, applicationId) });
    const assignments = await Promise.all(rows.map(async (a) => ({ id: a.id, name: (await database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, a.expertUserId) }))!.name })));
    expect(assignments).toHaveLength(3);
    const mine = assignments.find((a) => EXPERT_EMAILS[a.name])!;

    const { context, page, errors } = await newDesktopPage(browser);
    await signInAdmin(page, baseUrl, EXPERT_EMAILS[mine.name]!, '/my-reviews');
    await page.waitForURL(/\/admin\/my-reviews/);
    await page.locator(`[data-testid=open-sheet-${mine.id}]`).click();
    await page.waitForURL(new RegExp(`/admin/my-reviews/${mine.id}$`));
    await page.locator('[data-testid=score-card]').waitFor();
    // Blind round: neither the unit nor its recommender is shown.
    const text = await page.locator('main').innerText();
    for (const name of ['北辰材料', RECOMMENDER]) expect(text).not.toContain(name);

    const scores = { venue: 90, content: 95, items: 85, management: 80, openness: 90 };
    for (const [key, value] of Object.entries(scores)) {
      const input = page.locator(`[data-testid=score-${key}] input`);
      await input.fill(String(value));
      await input.press('Tab');
    }
    await page.locator('textarea[data-testid=review-comment]').fill('以材料科学家的故事为主线，手稿与实验记录丰富，面向中学生常态开放。');
    // Weighted 20/25/20/15/20 %.
    const total = '88.75';
    await expect.poll(() => page.locator('[data-testid=live-total]').textContent()).toBe(total);
    await screenshot(page, 'selection-6-score-sheet');
    await page.locator('[data-testid=submit-scores]').click();
    await confirmMessageBox(page);
    await expect.poll(() => page.locator('[data-testid=sheet-status]').textContent()).toBe('已提交');
    await screenshot(page, 'selection-7-score-submitted');
    expect(errors).toEqual([]);
    await context.close();

    // The office sees the score in the ranking.
    const office = await newDesktopPage(browser);
    await signInAdmin(office.page, baseUrl, 'office@demo.ssb.local', `/review?tab=ranking&campaign=${campaignId}`);
    await office.page.waitForURL(/\/admin\/review/);
    await expect.poll(() => rowIn(office.page, 'ranking-table').textContent()).toContain(total);
    expect(await rowIn(office.page, 'ranking-table').textContent()).toContain('1 / 3');
    expect(await bodyRows(office.page, 'ranking-table').first().textContent()).toContain(RECOMMENDER);
    await screenshot(office.page, 'selection-8-ranking');
    expect(office.errors).toEqual([]);
    await office.context.close();
  });

  step('the office shortlists it after a preview and publishes the notice', async () => {
    const { context, page, errors } = await newDesktopPage(browser);
    await signInAdmin(page, baseUrl, 'office@demo.ssb.local', `/decisions?campaign=${campaignId}`);
    await page.waitForURL(/\/admin\/decisions\?campaign=/);
    const row = rowIn(page, 'candidates-table');
    await row.waitFor();
    await row.locator('.el-checkbox').click();
    await page.locator('[data-testid=decide-shortlisted]').click();
    const dialog = page.locator('[data-testid=decision-dialog]');
    await expect.poll(() => dialog.locator('[data-testid=decision-summary]').textContent()).toContain('将变更 1 项');
    // One of three experts has scored: the office is warned and goes on only with a reason.
    await expect.poll(() => dialog.locator('[data-testid=decision-warnings]').textContent()).toContain('已评 1/3');
    expect(await dialog.locator('[data-testid=decision-confirm]').isDisabled()).toBe(true);
    await dialog.locator('textarea[data-testid=decision-note]').fill('终评会议已现场评议，其余书面评分稍后补录');
    await page.waitForTimeout(300);
    await screenshot(page, 'selection-9-shortlist-preview');
    await dialog.locator('[data-testid=decision-confirm]').click();
    await page.locator('.el-message--success', { hasText: '已变更 1 项' }).waitFor();
    await expect.poll(() => rowIn(page, 'candidates-table').textContent()).toContain('拟命名');

    await page.goto(`${baseUrl}/admin/notices?campaign=${campaignId}`);
    await expect.poll(() => page.locator('[data-testid=shortlisted-count]').textContent()).toContain('1');
    await page.locator('[data-testid=notice-create]').click();
    const form = page.locator('[data-testid=notice-form]');
    await form.waitFor();
    await form.locator('[data-testid=notice-save]').click();
    await page.locator('.el-message--success', { hasText: '已保存' }).waitFor();
    await page.locator('[data-testid^=publish-]').click();
    await confirmMessageBox(page);
    await page.locator('.el-message--success', { hasText: '已发布' }).waitFor();
    await expect.poll(() => page.locator('[data-testid=notices-table]').textContent()).toContain('公示中');
    await screenshot(page, 'selection-10-notice-published');
    expect(errors).toEqual([]);
    await context.close();
  });

  step('after the notice period the office names it with the bulk preview; it enters the register', async () => {
    // The notice period is over (time moves on): the only step a browser cannot take.
    await database.db.update(schema.publicNotices).set({ endsAt: new Date(Date.now() - 1000) });

    const { context, page, errors } = await newDesktopPage(browser);
    await signInAdmin(page, baseUrl, 'office@demo.ssb.local', `/decisions?campaign=${campaignId}`);
    await page.waitForURL(/\/admin\/decisions\?campaign=/);
    await rowIn(page, 'candidates-table').waitFor();
    await rowIn(page, 'candidates-table').locator('.el-checkbox').click();
    await page.locator('[data-testid=decide-named]').click();
    const dialog = page.locator('[data-testid=decision-dialog]');
    await expect.poll(() => dialog.locator('[data-testid=decision-summary]').textContent()).toContain('将变更 1 项');
    baseNumber = /京科精基地-\d{4}-\d{3}/.exec((await dialog.locator('[data-testid=decision-changes]').textContent()) ?? '')![0];
    await dialog.locator('textarea[data-testid=decision-note]').fill('终评会议已现场评议，其余书面评分稍后补录');
    await page.waitForTimeout(300);
    await screenshot(page, 'selection-11-naming-preview');
    await dialog.locator('[data-testid=decision-confirm]').click();
    await page.locator('.el-message--success', { hasText: '已变更 1 项' }).waitFor();
    await expect.poll(() => rowIn(page, 'candidates-table').textContent()).toContain('已命名');

    await page.goto(`${baseUrl}/admin/register`);
    const register = page.locator('[data-testid=register-table]');
    await expect.poll(() => register.textContent()).toContain(baseNumber);
    expect(await register.locator('tr', { hasText: baseNumber }).textContent()).toContain(BASE_NAME);
    await screenshot(page, 'selection-12-register');
    expect(errors).toEqual([]);
    await context.close();
  });

  step('the base is in the public directory, and its former applicant manages it on the portal', async () => {
    const { context, page, errors } = await newDesktopPage(browser);
    await page.goto(`${baseUrl}/bases?district=110105`);
    const card = page.locator('[data-testid=base-cards] li', { hasText: BASE_NAME });
    await card.waitFor();
    await screenshot(page, 'selection-13-platform-directory');
    await card.locator('a').first().click();
    await expect.poll(() => page.locator('[data-testid=base-name]').textContent()).toContain(BASE_NAME);
    await screenshot(page, 'selection-14-platform-base');

    // applicant2@ applied for 北辰材料科学研究所; naming made them its base manager.
    await page.goto(`${baseUrl}/portal/login`);
    await page.locator('input[data-testid=login-email]').fill('applicant2@demo.ssb.local');
    await page.locator('input[data-testid=login-password]').fill(DEMO_PASSWORD);
    await page.locator('input[data-testid=login-password]').press('Enter');
    await page.waitForURL(`${baseUrl}/portal/`);
    await page.getByRole('link', { name: '我的基地' }).first().click();
    await page.waitForURL(/\/portal\/base/);
    await expect.poll(() => page.locator('main').innerText()).toContain(baseNumber);
    // The term card shows the number first; the profile (with the name) loads beside it.
    await expect.poll(() => page.locator('main').innerText()).toContain('北辰材料');
    await page.waitForTimeout(300);
    await screenshot(page, 'selection-15-portal-my-base');
    const applicant = await database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'applicant2@demo.ssb.local'), with: { memberships: true } });
    expect(applicant!.memberships.filter((m) => m.role === 'base_manager')).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
