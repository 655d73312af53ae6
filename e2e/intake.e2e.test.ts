import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { journey } from './journey.ts';
import { DEMO_PASSWORD, launchBrowser, screenshot, SCREENSHOT_DIR, startPlatform } from './harness.ts';

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

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  // Two cores shared with other work: allow for a slow first paint.
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

async function signInAdmin(page: Page, email: string, redirect: string) {
  await page.goto(`${platform.baseUrl}/admin/login?redirect=${encodeURIComponent(redirect)}`);
  await page.locator('[data-testid=login-email]').fill(email);
  await page.locator('[data-testid=login-password]').fill(DEMO_PASSWORD);
  await page.locator('[data-testid=login-submit]').click();
}

async function confirmBox(page: Page) {
  const box = page.locator('.el-message-box');
  await box.waitFor();
  await box.locator('.el-button--primary').click();
  await box.waitFor({ state: 'hidden' });
}

const rowOf = (page: Page, text: string) => page.locator('[data-testid=intake-table] .el-table__body-wrapper tr', { hasText: text });

describe('intake, paper check, audit and statistics', () => {
  const step = journey('returns a file for correction, the applicant corrects it, the paper check tells versions apart, the audit shows it all', { steps: 4 });
  let applicationId = '';
  let currentCode = '';

  step('the office sees every nomination, filters them and returns one for correction with a deadline', async () => {
    const { context, page, errors } = await newPage();
    await signInAdmin(page, 'office@demo.ssb.local', '/intake');
    await page.waitForURL(/\/admin\/intake\?campaign=/);
    await expect.poll(() => page.locator('[data-testid=intake-table] .el-table__body-wrapper tr').count()).toBe(5);
    expect(await page.locator('[data-testid=intake-counts]').textContent()).toContain('待形式审查3');
    expect(await page.locator('[data-testid=duplicate-tag]').count()).toBe(2);
    await page.waitForTimeout(300);
    await screenshot(page, 'intake-list');

    await page.locator('[data-testid=filter-duplicates]').click();
    await expect.poll(() => page.locator('[data-testid=intake-table] .el-table__body-wrapper tr').count()).toBe(2);
    await page.locator('[data-testid=filter-duplicates]').click();
    await expect.poll(() => page.locator('[data-testid=intake-table] .el-table__body-wrapper tr').count()).toBe(5);

    const row = rowOf(page, '北京市科学技术委员会');
    await row.locator('.intake-name__link').click();
    const drawer = page.locator('[data-testid=checklist-drawer]');
    await expect.poll(() => drawer.locator('[data-testid=checklist-auto]').textContent()).toContain('尚未收到纸质材料');
    currentCode = /核验码：([0-9A-Z]{5}-[0-9A-Z]{5})/.exec((await drawer.textContent()) ?? '')![1]!;
    applicationId = (await row.locator('[data-testid^=correct-]').getAttribute('data-testid'))!.replace('correct-', '');
    await page.waitForTimeout(300);
    await screenshot(page, 'intake-checklist');

    await drawer.locator('[data-testid=drawer-correct]').click();
    const dialog = page.locator('[data-testid=correction-dialog]');
    await dialog.waitFor();
    await dialog.locator('[data-testid=correction-submit]').click();
    await expect.poll(() => dialog.textContent()).toContain('请写明需要补正的内容');
    await page.locator('#correction-note').fill('请补充展陈大纲第五部分，并重新上传清晰的展厅照片。');
    await screenshot(page, 'intake-correction-dialog');
    await dialog.locator('[data-testid=correction-submit]').click();
    await page.locator('.el-message--success', { hasText: '已退回' }).waitFor();
    await expect.poll(() => rowOf(page, '北京市科学技术委员会').textContent()).toContain('补正截止');
    expect(errors).toEqual([]);
    await context.close();
  });

  step('the applicant sees the office’s note and deadline, may edit, and sends the correction', async () => {
    const { context, page, errors } = await newPage();
    await page.goto(`${platform.baseUrl}/portal/login`);
    await page.locator('input[data-testid=login-email]').fill('applicant2@demo.ssb.local');
    await page.locator('input[data-testid=login-password]').fill(DEMO_PASSWORD);
    await page.locator('input[data-testid=login-password]').press('Enter');
    await page.waitForURL(`${platform.baseUrl}/portal/`);
    await page.goto(`${platform.baseUrl}/portal/applications/${applicationId}`);
    const banner = page.locator('[data-testid=correction-banner]');
    await banner.waitFor();
    expect(await banner.getAttribute('data-state')).toBe('open');
    expect(await banner.textContent()).toContain('请补充展陈大纲第五部分');
    expect(await banner.textContent()).toContain('（北京时间）');
    // The form is open for editing again while the correction lasts.
    expect(await page.locator('.app-form.is-readonly').count()).toBe(0);
    await page.waitForTimeout(300);
    // A change during the correction is saved like any draft; the printed paper is now an older version.
    const outline = page.locator('[data-field=exhibitionOutline] textarea');
    await outline.fill('序厅、求索、报国、传承、展望五个部分。');
    await outline.blur();
    await expect.poll(() => page.locator('[data-testid=save-state]').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    await screenshot(page, 'portal-correction-banner');
    await banner.screenshot({ path: join(SCREENSHOT_DIR, 'portal-correction-banner-detail.png') });

    await banner.locator('[data-testid=correction-submit]').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    await box.locator('textarea').fill('已补充第五部分');
    await box.locator('.el-button--primary').click();
    await page.locator('.el-message--success', { hasText: '补正已提交' }).waitFor();
    await expect.poll(() => banner.getAttribute('data-state')).toBe('replied');
    await banner.screenshot({ path: join(SCREENSHOT_DIR, 'portal-correction-replied.png') });
    expect(await page.locator('.app-form.is-readonly').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  step('the QR link opens the paper check: the old paper is told apart, the new one matches, unknown codes are not found', async () => {
    const { context, page, errors } = await newPage();
    const printedCode = currentCode;
    await signInAdmin(page, 'office@demo.ssb.local', `/paper-check?code=${printedCode}&id=${applicationId}`);
    const result = page.locator('[data-testid=paper-result]');
    await expect.poll(() => result.getAttribute('data-result')).toBe('stale');
    expect(await result.textContent()).toContain('不一致（纸质版为旧版本）');
    expect(await result.textContent()).toContain('北辰材料科学家精神馆（演示）');
    expect(await page.locator('[data-testid=paper-input]').inputValue()).toBe(printedCode);
    await page.waitForTimeout(300);
    await screenshot(page, 'paper-check-stale');
    await result.locator('[data-testid=paper-mark]').click();
    await confirmBox(page);
    await page.locator('[data-testid=paper-marked]').waitFor();
    const mismatched = page.locator('[data-testid=paper-mismatched] .el-table__body-wrapper tr');
    await expect.poll(() => mismatched.count()).toBe(1);
    const newCode = ((await mismatched.locator('td').nth(3).textContent()) ?? '').trim();
    expect(newCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(newCode).not.toBe(printedCode);

    // Typed like a person would, then Enter.
    const input = page.locator('[data-testid=paper-input]');
    await input.fill('00000 00000');
    await input.press('Enter');
    await expect.poll(() => result.getAttribute('data-result')).toBe('not_found');
    expect(await result.textContent()).toContain('未找到');
    await input.fill(newCode.toLowerCase().replace('-', ''));
    await input.press('Enter');
    await expect.poll(() => result.getAttribute('data-result')).toBe('matching');
    await page.waitForTimeout(300);
    await screenshot(page, 'paper-check-matching');
    await result.locator('[data-testid=paper-mark]').click();
    await page.locator('[data-testid=paper-marked]').waitFor();
    await expect.poll(() => page.locator('[data-testid=paper-summary]').textContent()).toContain('纸质材料一致 1 项，不一致 0 项');

    // Already on record: no second entry is offered.
    await input.fill(newCode);
    await input.press('Enter');
    await page.locator('[data-testid=paper-already]').waitFor();
    expect(await result.locator('[data-testid=paper-mark]').count()).toBe(0);
    await page.locator('.el-tabs__item', { hasText: '未收到纸质材料' }).click();
    await expect.poll(() => page.locator('[data-testid=paper-missing] .el-table__body-wrapper tr').count()).toBe(4);
    await page.waitForTimeout(300);
    await screenshot(page, 'paper-check-lists');
    expect(errors).toEqual([]);
    await context.close();
  });

  step('the audit log shows the decisions, filters them, shows one in full and verifies the chain', async () => {
    const { context, page, errors } = await newPage();
    await signInAdmin(page, 'admin@demo.ssb.local', '/audit');
    await page.waitForURL(/\/admin\/audit/);
    await page.locator('[data-testid=audit-table]').waitFor();
    await page.locator('[data-testid=audit-action]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^形式审查（全部）$/ }).click();
    await expect.poll(() => page.locator('[data-testid=audit-table] .el-table__body-wrapper tr').count()).toBe(3);
    // The office reads what happened in its own words, and the object by its name; the code stays in the detail.
    const text = (await page.locator('[data-testid=audit-table]').textContent()) ?? '';
    expect(text).toContain('提交补正');
    expect(text).toContain('补正期间修改');
    expect(text).toContain('退回补正');
    expect(text).not.toContain('intake.request_correction');
    expect(text).not.toMatch(/application · [0-9a-f]{8}-/);
    await page.locator('[data-testid=audit-table] .el-table__body-wrapper tr', { hasText: '退回补正' }).locator('[data-testid=audit-open]').click();
    await expect.poll(() => page.locator('[data-testid=audit-json]').textContent()).toContain('请补充展陈大纲第五部分');
    expect(await page.locator('[data-testid=audit-detail]').textContent()).toContain('intake.request_correction');
    await page.waitForTimeout(300);
    await screenshot(page, 'audit-detail');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=audit-verify]').click();
    await expect.poll(() => page.locator('[data-testid=audit-verification]').textContent()).toContain('哈希链完整');
    await page.waitForTimeout(300);
    await screenshot(page, 'audit-list');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('statistics draws nominations by district, category, recommender and the intake progress', async () => {
    const { context, page, errors } = await newPage();
    await signInAdmin(page, 'office@demo.ssb.local', '/statistics');
    await page.waitForURL(/\/admin\/statistics/);
    for (const chart of ['chart-district', 'chart-category', 'chart-recommender', 'chart-intake']) {
      await page.locator(`[data-testid=${chart}] canvas`).waitFor();
    }
    expect(await page.locator('[data-testid=statistics-page]').textContent()).toContain('共收到 5 项推荐申报');
    await page.waitForTimeout(800);
    await screenshot(page, 'statistics');
    expect(errors).toEqual([]);
    await context.close();
  });
});
