import { schema } from '@ssb/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { journey } from './journey.ts';
import { DEMO_PASSWORD, launchBrowser, screenshot, startPlatform } from './harness.ts';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;
/** The open demo year's batch: its first two names are 001 and 002 (2022's six are finished). */
let first = '';
let second = '';


beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
  // Intake is exercised in intake.e2e and selection-path.e2e: here these two start accepted.
  const { db } = platform.database;
  const open = await db.query.campaigns.findFirst({ where: (c, { eq }) => eq(c.isDemo, true) });
  first = `京科精基地-${open!.year}-001`;
  second = `京科精基地-${open!.year}-002`;
  const nominations = await db.select({ id: schema.applications.id, status: schema.applications.status, data: schema.applications.data }).from(schema.applications);
  for (const { id } of nominations.filter((n) => n.status === 'recommended' && SHORTLIST.includes(n.data.baseName as string))) {
    await db.insert(schema.intakeChecks).values({ applicationId: id, status: 'accepted' }).onConflictDoUpdate({ target: schema.intakeChecks.applicationId, set: { status: 'accepted' } });
  }
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

async function signInAdmin(page: Page, redirect: string) {
  await page.goto(`${platform.baseUrl}/admin/login?redirect=${encodeURIComponent(redirect)}`);
  await page.locator('[data-testid=login-email]').fill('office@demo.ssb.local');
  await page.locator('[data-testid=login-password]').fill(DEMO_PASSWORD);
  await page.locator('[data-testid=login-submit]').click();
}

async function confirmBox(page: Page) {
  const box = page.locator('.el-message-box');
  await box.waitFor();
  await box.locator('.el-button--primary').click();
  await box.waitFor({ state: 'hidden' });
}

const candidateRow = (page: Page, text: string) => page.locator('[data-testid=candidates-table] .el-table__body-wrapper tr', { hasText: text });
const SHORTLIST = ['燕园科学家故事馆（演示）', '京师理工科学家精神馆（演示）'];

describe('decision, public notice with objections, naming and the register', () => {
  const step = journey('shortlist → notice → objection → answer → naming → register', { steps: 5 });
  let noticeId = '';

  step('the office shortlists two nominations after a preview', async () => {
    const { context, page, errors } = await newPage();
    await signInAdmin(page, '/decisions');
    await page.waitForURL(/\/admin\/decisions\?campaign=/);
    await candidateRow(page, SHORTLIST[0]!).waitFor();
    for (const name of SHORTLIST) await candidateRow(page, name).locator('.el-checkbox').click();
    await screenshot(page, 'decisions-list');
    await page.locator('[data-testid=decide-shortlisted]').click();
    const dialog = page.locator('[data-testid=decision-dialog]');
    await expect.poll(() => dialog.locator('[data-testid=decision-summary]').textContent()).toContain('将变更 2 项');
    // The demo nominations are not scored yet: the office must say why it goes on.
    await expect.poll(() => dialog.locator('[data-testid=decision-warnings]').textContent()).toContain('专家评审尚未完成');
    await dialog.locator('textarea[data-testid=decision-note]').fill('演示：评审会议已现场评议');
    await page.waitForTimeout(300);
    await screenshot(page, 'decisions-preview');
    await dialog.locator('[data-testid=decision-confirm]').click();
    await page.locator('.el-message--success', { hasText: '已变更 2 项' }).waitFor();
    await expect.poll(() => candidateRow(page, SHORTLIST[0]!).textContent()).toContain('拟命名');
    expect(errors).toEqual([]);
    await context.close();
  });

  step('the office creates and publishes the notice', async () => {
    const { context, page, errors } = await newPage();
    await signInAdmin(page, '/notices');
    await page.waitForURL(/\/admin\/notices\?campaign=/);
    await expect.poll(() => page.locator('[data-testid=shortlisted-count]').textContent()).toContain('2');
    await page.locator('[data-testid=notice-create]').click();
    const form = page.locator('[data-testid=notice-form]');
    await form.waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'notices-form');
    await form.locator('[data-testid=notice-save]').click();
    await page.locator('.el-message--success', { hasText: '已保存' }).waitFor();
    const publish = page.locator('[data-testid^=publish-]');
    noticeId = (await publish.getAttribute('data-testid'))!.replace('publish-', '');
    await publish.click();
    await confirmBox(page);
    await page.locator('.el-message--success', { hasText: '已发布' }).waitFor();
    await expect.poll(() => page.locator('[data-testid=notices-table]').textContent()).toContain('公示中');
    // 结束公示 waits for the period's end, and says so instead of being silently disabled.
    expect(await page.locator(`[data-testid=close-${noticeId}]`).isDisabled()).toBe(true);
    expect(await page.locator(`[data-testid=close-wrap-${noticeId}]`).getAttribute('title')).toMatch(/^公示期至 .+ 结束，届时才能结束公示$/);
    await screenshot(page, 'notices-list');
    expect(errors).toEqual([]);
    await context.close();
  });

  step('a visitor reads the notice on the platform and files an objection', async () => {
    const { context, page, errors } = await newPage();
    await page.goto(`${platform.baseUrl}/notices`);
    await page.locator('[data-testid=notice-list] a').first().click();
    await page.waitForURL(new RegExp(`/notices/${noticeId}`));
    await expect.poll(() => page.locator('[data-testid=notice-entries] tbody tr').count()).toBe(2);
    await page.locator('[data-testid=objection-against]').selectOption({ label: SHORTLIST[1]! });
    await page.locator('[data-testid=objection-name]').fill('王老师');
    await page.locator('[data-testid=objection-phone]').fill('12345');
    await page.locator('[data-testid=objection-body]').fill('该馆展陈以实验设备为主，科学家故事内容很少，与申报材料不符。');
    await page.locator('[data-testid=objection-submit]').click();
    await expect.poll(() => page.locator('[data-testid=objection-phone-error]').textContent()).toContain('请填写有效的手机号或固定电话');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'platform-notice-objection-error');
    await page.locator('[data-testid=objection-phone]').fill('13800138000');
    await page.locator('[data-testid=objection-submit]').click();
    await page.locator('[data-testid=objection-sent]').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'platform-notice');
    expect(errors).toEqual([]);
    await context.close();
  });

  step('the office answers the objection, then names both after the notice period', async () => {
    const { context, page, errors } = await newPage();
    await signInAdmin(page, `/notices/${noticeId}`);
    const table = page.locator('[data-testid=objections-table]');
    await expect.poll(() => table.textContent()).toContain('王老师');
    await table.locator('[data-testid^=answer-]').click();
    const dialog = page.locator('[data-testid=answer-dialog]');
    await dialog.locator('[data-testid=answer-text]').fill('经实地核查，该馆设有科学家事迹专题展厅，异议不成立。');
    await screenshot(page, 'notices-answer');
    await dialog.locator('[data-testid=answer-submit]').click();
    await expect.poll(() => table.textContent()).toContain('已答复');

    // The notice period is over (time moves on).
    await platform.database.db.update(schema.publicNotices).set({ endsAt: new Date(Date.now() - 1000) });

    await page.goto(`${platform.baseUrl}/admin/decisions`);
    await candidateRow(page, SHORTLIST[0]!).waitFor();
    for (const name of SHORTLIST) await candidateRow(page, name).locator('.el-checkbox').click();
    await page.locator('[data-testid=decide-named]').click();
    const preview = page.locator('[data-testid=decision-dialog]');
    await expect.poll(() => preview.locator('[data-testid=decision-summary]').textContent()).toContain('将变更 2 项');
    await expect.poll(() => preview.locator('[data-testid=decision-changes]').textContent()).toContain(first);
    expect(await preview.locator('[data-testid=decision-changes]').textContent()).toContain(second);
    await preview.locator('textarea[data-testid=decision-note]').fill('演示：评审会议已现场评议');
    await page.waitForTimeout(300);
    await screenshot(page, 'decisions-naming-preview');
    await preview.locator('[data-testid=decision-confirm]').click();
    await page.locator('.el-message--success', { hasText: '已变更 2 项' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  step('the named bases are in the register, with certificates, status changes and the national list', async () => {
    const { context, page, errors } = await newPage();
    await signInAdmin(page, '/register');
    const table = page.locator('[data-testid=register-table]');
    await expect.poll(() => table.textContent()).toContain(second);
    await screenshot(page, 'register-list');

    // Fetched from the page, as a click on the link would: audited downloads answer same-origin requests only.
    const download = async (testId: string) => {
      const href = (await page.locator(`[data-testid="${testId}"]`).getAttribute('href'))!;
      return page.evaluate(async (url) => {
        const response = await fetch(url);
        return { status: response.status, type: response.headers.get('content-type') };
      }, href);
    };
    expect(await download(`certificate-${first}`)).toEqual({ status: 200, type: 'application/pdf' });
    expect((await download('national-list')).status).toBe(200);

    await page.locator(`[data-testid="status-${first}"]`).click();
    const dialog = page.locator('[data-testid=status-dialog]');
    await dialog.locator('[data-testid=status-to] .el-radio', { hasText: '整改中' }).click();
    await dialog.locator('[data-testid=status-reason]').fill('年度评估：讲解员不足，限期整改');
    await screenshot(page, 'register-status');
    await dialog.locator('[data-testid=status-submit]').click();
    await confirmBox(page);
    await page.locator('.el-message--success', { hasText: '状态已变更' }).waitFor();
    await expect.poll(() => table.textContent()).toContain('整改中');
    expect(errors).toEqual([]);
    await context.close();
  });
});
