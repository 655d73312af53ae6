import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { signInAdmin } from './admin-steps.ts';
import { launchBrowser, screenshot, startPlatform } from './harness.ts';
import { journey } from './journey.ts';
import { openPage, signInToPortal } from './page-steps.ts';

/**
 * Special activity funding end to end on the demo's open call: a base applies in the portal with live
 * budget totals → the office assigns two working-group members → both score → the office approves →
 * the base confirms the agreement → the office records a tranche → the base reports → the office
 * accepts and closes with a refund → the ledger adds up.
 */

const TITLE = '科学家精神研学营（端到端测试）';
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

/** An Element Plus field by its test id, whether the id lands on the native input or its wrapper. */
const field = (page: Page, id: string) => page.locator(`input[data-testid=${id}], textarea[data-testid=${id}], [data-testid=${id}] input, [data-testid=${id}] textarea`);
const figure = (page: Page, key: string) => page.locator(`[data-testid=figure-${key}]`).textContent();

describe('special activity funding', () => {
  const step = journey('apply with an attachment → assign → two reviews → approve → agreement → tranche → final report → accept and close → ledger', { steps: 9 });
  let base: Page, office: Page;
  let applicationUrl = '';

  step('base2@ applies with budget lines whose totals follow the typing, and submits', async () => {
    base = (await openPage(browser)).page;
    await signInToPortal(base, platform.baseUrl, 'base2@demo.ssb.local', '/funding');
    await base.locator('[data-testid=funding-apply]').first().click();
    await base.locator('[data-testid=funding-create]').click();
    await base.waitForURL(/\/portal\/funding\/applications\//);
    applicationUrl = base.url();
    await field(base, 'f-title').first().fill(TITLE);
    await field(base, 'f-aims').first().fill('组织中小学生走进基地，开展科学家精神主题研学活动。');
    for (const [testId, day] of [['f-start', '2026-03-01'], ['f-end', '2099-12-31']] as const) {
      const input = field(base, testId).first();
      await input.click();
      await input.fill(day);
      await input.press('Enter');
      await base.locator('h1').click();
      await expect.poll(() => input.inputValue()).toBe(day);
    }
    await base.locator('[data-testid=f-add-line]').click();
    await base.locator('[data-testid=f-add-line]').click();
    const rows = base.locator('[data-testid=f-lines] .el-table__row');
    await rows.nth(0).locator('input').nth(1).fill('研学手册');
    await field(base, 'f-price').nth(0).fill('10000.5');
    await rows.nth(1).locator('input').nth(1).fill('讲解补助');
    await field(base, 'f-price').nth(1).fill('0.01');
    await expect.poll(() => base.locator('[data-testid=f-totals]').textContent()).toContain('合计 10,000.51 元');
    // The call requires 项目实施方案: a PDF, checked on its bytes by the server.
    await base.locator('[data-testid="funding-file-input-attachment-项目实施方案"]').setInputFiles({ name: '实施方案.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1') });
    await expect.poll(() => base.locator('[data-testid=funding-files-attachment]').textContent()).toContain('实施方案.pdf');
    await base.locator('[data-testid=f-submit]').click();
    await expect.poll(() => base.locator('[data-testid=funding-status]').textContent()).toBe('已提交');
  });

  step('the office previews and applies the assignment', async () => {
    office = (await openPage(browser)).page;
    await signInAdmin(office, platform.baseUrl, 'office@demo.ssb.local', '/funding');
    await office.locator('[data-testid=funding-call-link]').first().click();
    await office.locator('[data-testid=assign-preview]').click();
    await office.locator('[data-testid=assign-plan]').getByText(TITLE).waitFor();
    await office.locator('[data-testid=assign-apply]').click();
    await expect.poll(() => office.locator('[data-testid=funding-applications-table]').getByRole('row', { name: new RegExp(TITLE) }).textContent()).toContain('工作组审核中');
  });

  for (const email of ['funding@demo.ssb.local', 'funding2@demo.ssb.local']) {
    step(`${email} scores it and proposes 9 000.51 yuan`, async () => {
      const { page, context } = await openPage(browser);
      await signInAdmin(page, platform.baseUrl, email, '/funding/desk');
      await page.locator('[data-testid=funding-desk-table]').getByText(TITLE).click();
      await page.locator('[data-testid=sheet-lines]').waitFor();
      for (const input of await page.locator('input[data-testid^=score-], [data-testid^=score-] input').all()) {
        await input.fill('80');
        await input.press('Tab');
      }
      await expect.poll(() => page.locator('[data-testid=sheet-total]').textContent()).toBe('80');
      const cut = page.locator('[data-testid=sheet-lines] .el-table__row').nth(0).locator('input');
      await cut.fill('9000.50');
      await expect.poll(() => field(page, 'sheet-proposed').first().inputValue()).toBe('9000.51');
      await field(page, 'sheet-opinion').first().fill('研学手册数量可压缩。');
      await page.locator('[data-testid=sheet-submit]').click();
      await page.getByText('您已提交审核意见。').waitFor();
      await context.close();
    });
  }

  step('the office approves the mean proposed amount; the ledger commits it', async () => {
    await office.reload();
    await office.getByRole('tab', { name: '工作组推荐与决定' }).click();
    const row = office.locator('[data-testid=funding-recommendation-table]').getByRole('row', { name: new RegExp(TITLE) });
    await expect.poll(() => row.textContent()).toContain('9,000.51');
    await row.locator('[data-testid=decide-open]').click();
    await expect.poll(() => field(office, 'decide-award').first().inputValue()).toBe('9000.51');
    await office.locator('[data-testid=decide-confirm]').click();
    await expect.poll(() => figure(office, 'committedFen')).toBe('54,000.51');
  });

  step('the base confirms the agreement; the office records a tranche of 70 %', async () => {
    await base.goto(applicationUrl);
    await base.locator('[data-testid=f-confirm-agreement]').click();
    await expect.poll(() => base.locator('[data-testid=funding-status]').textContent()).toBe('执行中');
    await office.reload();
    await office.getByRole('tab', { name: '资金台账' }).click();
    await office.locator('[data-testid=funding-grants-table]').getByRole('row', { name: new RegExp(TITLE) }).locator('[data-testid=tranche-open]').click();
    await field(office, 'tranche-amount').first().fill('6300.36');
    await field(office, 'tranche-voucher').first().fill('PZ-E2E-0001');
    await office.locator('[data-testid=tranche-confirm]').click();
    await expect.poll(() => figure(office, 'disbursedFen')).toBe('37,800.36');
  });

  step('the base submits its final report with actual spending per line', async () => {
    await base.reload();
    const spent = base.locator('input[data-testid^=f-spent-], [data-testid^=f-spent-] input');
    await spent.nth(0).fill('6000.00');
    await field(base, 'f-report-summary').first().fill('开展研学活动 10 场，学生 800 人次。');
    await base.locator('[data-testid=f-report-send]').click();
    await expect.poll(() => base.locator('[data-testid=funding-status]').textContent()).toBe('结项报告待验收');
  });

  step('the office accepts the report, then closes the grant with 300.35 yuan returned', async () => {
    await office.locator('[data-testid=funding-grants-table]').getByText(TITLE).click();
    await office.locator('[data-testid=office-accept]').click();
    await expect.poll(() => office.locator('[data-testid=funding-application-page] .el-tag').first().textContent()).toBe('验收通过');
    await field(office, 'office-refund').first().fill('300.35');
    await office.locator('[data-testid=office-close]').click();
    await expect.poll(() => office.locator('[data-testid=funding-application-page]').textContent()).toContain('已结项');
    await screenshot(office, 'funding-grant-closed');
  });

  step('the ledger: the unpaid rest released, the refund returned, pool = committed + available', async () => {
    await office.goBack();
    await office.reload();
    await office.getByRole('tab', { name: '资金台账' }).click();
    // Committed: 45 000.00 (demo grant) + 6 300.36 paid − 300.35 returned = 51 000.01.
    await expect.poll(() => figure(office, 'committedFen')).toBe('51,000.01');
    expect(await figure(office, 'returnedFen')).toBe('300.35');
    expect(await figure(office, 'availableFen')).toBe('448,999.99');
    await screenshot(office, 'funding-ledger');
    const open = await (await fetch(`${platform.baseUrl}/api/open/v1/funding/calls`)).json() as { items: Array<{ year: number; pool: string; committed: string; available: string }> };
    expect(open.items[0]).toMatchObject({ pool: '500000.00', committed: '51000.01', available: '448999.99' });
  });
});
