import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { signInAdmin } from './admin-steps.ts';
import { launchBrowser, screenshot, startPlatform } from './harness.ts';
import { journey } from './journey.ts';
import { openPage, signInToPortal } from './page-steps.ts';

/**
 * Life after naming end to end: the office opens next year's round → base@ submits its pre-filled report
 * with one corrected figure → expert@ scores it → the office puts the base under rectification → base@
 * answers the point → the office's re-check passes and closes it.
 */

const YEAR = new Date().getFullYear() + 1;
const BASE = '西山地质调查旧址陈列馆（演示）';
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

const field = (page: Page, id: string) => page.locator(`input[data-testid=${id}], textarea[data-testid=${id}], [data-testid=${id}] input, [data-testid=${id}] textarea`).first();
async function pickDate(page: Page, id: string, value: string) {
  const input = field(page, id);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

describe('annual evaluation', () => {
  const step = journey('open a round → pre-filled report → expert scores → rectification → answer → re-check', { steps: 6 });
  let office: Page;
  let roundUrl = '';

  step('the office opens next year’s round', async () => {
    office = (await openPage(browser)).page;
    await signInAdmin(office, platform.baseUrl, 'office@demo.ssb.local', '/evaluation');
    await office.locator('[data-testid=evaluation-open-round]').click();
    await field(office, 'round-year').fill(String(YEAR));
    await field(office, 'round-title').fill(`${YEAR}年度年度报告与考核（端到端测试）`);
    await pickDate(office, 'round-opens', `${YEAR - 1}-12-01`);
    await pickDate(office, 'round-due', '2099-12-31 23:59:59');
    await office.locator('.el-dialog__title').click();
    await office.locator('[data-testid=round-save]').click();
    await office.waitForURL(/\/admin\/evaluation\/[0-9a-f-]{36}$/);
    roundUrl = office.url();
    await expect.poll(() => office.locator('[data-testid=evaluation-bases-table]').getByRole('row', { name: new RegExp(BASE) }).textContent()).toContain('未填报');
  });

  step('base@ opens the pre-filled report, corrects a figure with a reason and submits', async () => {
    const { page } = await openPage(browser);
    await signInToPortal(page, platform.baseUrl, 'base@demo.ssb.local', '/annual-reports');
    await page.locator('[data-testid=annual-reports-table]').getByRole('row', { name: new RegExp(`${YEAR}年度`) }).locator('[data-testid=open-annual-report]').click();
    await page.waitForURL(/\/portal\/annual-reports\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('[data-testid=figure-daysOpen] [data-testid=figure-source]').textContent()).toContain('开放时间');
    await field(page, 'correct-eventsHeld').fill('12');
    await field(page, 'reason-eventsHeld').fill('进校园讲座未在平台发布');
    for (const d of ['facilities', 'exhibits', 'guides', 'education', 'new_media', 'management']) await field(page, `text-${d}`).fill(`本年度${d}工作情况（端到端测试）。`);
    await field(page, 'answer-highlights').fill('开展科学家精神进校园活动。');
    await expect.poll(() => page.locator('[data-testid=autosave-status]').textContent(), { timeout: 15_000 }).toContain('已自动保存');
    await screenshot(page, 'evaluation-annual-report');
    await page.locator('[data-testid=submit-annual-report]').click();
    await expect.poll(() => page.locator('.page-head').textContent()).toContain('已提交');
  });

  step('the office assigns expert@, who scores the report on the six dimensions', async () => {
    await office.goto(roundUrl);
    await office.locator('[data-testid=round-action-assign]').click();
    await office.locator('[data-testid=assign-experts]').click();
    await office.locator('.el-select-dropdown__item').filter({ hasText: '陈专家' }).click();
    await office.locator('.el-dialog__title').click();
    await office.locator('[data-testid=assign-preview]').click();
    await office.getByText(`${BASE} ← 陈专家`).waitFor();
    await office.locator('[data-testid=assign-confirm]').click();

    const { page } = await openPage(browser);
    await signInAdmin(page, platform.baseUrl, 'expert@demo.ssb.local', '/my-evaluations');
    await page.locator('[data-testid=my-evaluations-table]').getByRole('row', { name: new RegExp(BASE) }).first().locator('[data-testid=open-evaluation]').click();
    await page.locator('[data-testid=correction-reason]').getByText('进校园讲座未在平台发布').waitFor();
    for (const d of ['facilities', 'exhibits', 'guides', 'education', 'new_media', 'management']) await field(page, `score-${d}`).fill('60');
    await page.locator('[data-testid=weighted-total]').click();
    await expect.poll(() => page.locator('[data-testid=weighted-total]').textContent()).toBe('60');
    await page.locator('[data-testid=submit-score]').click();
    await expect.poll(() => page.locator('[data-testid=my-evaluations-table]').getByRole('row', { name: new RegExp(BASE) }).first().textContent()).toContain('60');
  });

  step('the office closes reporting and puts the base under rectification', async () => {
    await office.goto(roundUrl);
    await office.locator('[data-testid=round-action-closeReporting]').click();
    await office.locator('[data-testid=round-action-decide]').waitFor();
    const row = office.locator('[data-testid=evaluation-bases-table]').getByRole('row', { name: new RegExp(BASE) });
    await row.locator('.el-checkbox').click();
    await office.locator('[data-testid=round-action-decide]').click();
    await office.locator('[data-testid=outcome-rectify]').click();
    await field(office, 'decide-points').fill('补充专职讲解员');
    await office.locator('[data-testid=decide-preview-button]').click();
    await office.locator('[data-testid=decide-preview]').getByText('整改中').waitFor();
    await office.locator('[data-testid=decide-confirm]').click();
    await expect.poll(() => row.locator('[data-testid=outcome]').textContent()).toBe('限期整改');
    await screenshot(office, 'evaluation-round');
  });

  step('base@ answers the point with evidence', async () => {
    const { page } = await openPage(browser);
    await signInToPortal(page, platform.baseUrl, 'base@demo.ssb.local', '/annual-reports');
    await page.locator('[data-testid=answer-rectification]').first().click();
    await field(page, 'rect-answer-0').fill('已招聘两名专职讲解员并完成培训。');
    await page.locator('[data-testid=send-rect-answers]').click();
    await expect.poll(() => page.locator('[data-testid=my-rectification]').first().textContent()).toContain('待复查');
  });

  step('the office re-checks: passed, the rectification is closed', async () => {
    await office.goto(`${platform.baseUrl}/admin/evaluation/rectifications`);
    const card = office.locator('[data-testid=rectification-card]').filter({ hasText: BASE });
    await card.getByText('已招聘两名专职讲解员并完成培训。').waitFor();
    await card.locator('[data-testid=rect-recheckPass]').click();
    await field(office, 'recheck-note').fill('整改到位，复查通过');
    await office.locator('[data-testid=recheck-save]').click();
    await expect.poll(() => card.textContent()).toContain('复查通过');
    await screenshot(office, 'evaluation-rectifications');
  });
});
