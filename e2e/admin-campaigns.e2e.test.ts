import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, screenshot, startPlatform } from './harness.ts';

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

/** A single-part .eml as text: headers with encoded words decoded, body per its transfer encoding. */
function emlText(eml: string) {
  const split = eml.search(/\r?\n\r?\n/);
  const headers = eml.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = eml.slice(split).trim();
  const decodedHeaders = headers.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  ).replace(/\?=\s+=\?/g, '');
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  let text = body;
  if (encoding === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    text = Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return `${decodedHeaders}\n\n${text}`;
}

function mailsTo(address: string) {
  const dir = join(platform.dataDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .filter((eml) => new RegExp(`^To: .*${address.replace(/\./g, '\\.')}`, 'im').test(eml))
    .map(emlText);
}

/** Types a Beijing time into an Element Plus date-time picker and commits it. */
async function pickDateTime(page: Page, inputId: string, value: string) {
  const input = page.locator(`#${inputId}`);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

async function confirmBox(page: Page) {
  const box = page.locator('.el-message-box');
  await box.waitFor();
  await box.locator('.el-button--primary').click();
  await box.waitFor({ state: 'hidden' });
}

describe('admin campaigns', () => {
  test('the office adds a form field, extends a deadline and creates a campaign', async () => {
    // A browser in New York: the office still types and reads Beijing time.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'America/New_York' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);

    await page.goto(`${platform.baseUrl}/admin/login?redirect=/`);
    await page.locator('[data-testid=login-email]').fill('office@demo.ssb.local');
    await page.locator('[data-testid=login-password]').fill(DEMO_PASSWORD);
    await page.locator('[data-testid=login-submit]').click();
    await page.waitForURL(`${platform.baseUrl}/admin/`);

    // The list: 2022 and the open demo campaign.
    await page.locator('[data-testid=menu-campaigns]').click();
    await page.waitForURL(`${platform.baseUrl}/admin/campaigns`);
    const table = page.locator('[data-testid=campaigns-table]');
    await table.locator('.el-table__row').first().waitFor();
    expect(await page.locator('[data-testid=menu-campaigns]').textContent()).toContain('年度申报');
    const tableText = await table.textContent();
    expect(tableText).toContain('2022');
    expect(tableText).toContain('演示');
    expect(tableText).toContain('已结束');
    expect(tableText).toContain('2022年4月8日 23:59（北京时间）');
    await screenshot(page, 'admin-campaigns');

    // The demo campaign: phases in Beijing time.
    const demoRow = table.locator('.el-table__row', { hasText: '演示' });
    await demoRow.locator('a').first().click();
    await page.waitForURL(/\/admin\/campaigns\/[0-9a-f-]{36}/);
    await page.locator('[data-testid=phases-table]').waitFor();
    expect(await page.locator('[data-testid=phases-table]').textContent()).toContain('（北京时间）');
    expect(await page.locator('[data-testid=campaign-detail] h1').textContent()).toContain('演示');
    expect(await page.locator('[data-testid=menu-campaigns]').getAttribute('aria-current')).toBe('page');
    await screenshot(page, 'admin-campaign-phases');

    // Form fields: add a required select, checked in the browser first.
    await page.locator('[data-testid=campaign-tabs] .el-tabs__item', { hasText: '申报表字段' }).click();
    await page.locator('[data-testid=fields-section-identity]').waitFor();

    // This year's categories: one added, saved after a confirmation, offered from then on.
    await page.locator('input[data-testid=category-input]').fill('科普教育场馆（测试）');
    await page.locator('[data-testid=category-add]').click();
    await page.locator('[data-testid=categories-save]').click();
    await confirmBox(page);
    await page.locator('.el-message--success', { hasText: '已保存基地类别' }).waitFor();
    const offered = await page.evaluate(async () => (await (await fetch('/trpc/campaigns.current')).json()).result.data.categories as string[]);
    expect(offered).toContain('科普教育场馆（测试）');

    await page.locator('[data-testid=add-field-open]').click();
    const fieldDialog = page.locator('.el-dialog', { has: page.locator('[data-testid=add-field-form]') });
    await fieldDialog.waitFor();
    await page.locator('[data-testid=add-field-submit]').click();
    await expect.poll(() => fieldDialog.textContent()).toContain('请输入字段名称');
    await page.locator('#field-label').fill('无障碍设施');
    await page.locator('#field-label-en').fill('Wheelchair access');
    await page.locator('[data-testid=field-section]').click();
    await page.locator('[data-testid=section-option-space]').click();
    await page.locator('[data-testid=field-type]').click();
    await page.locator('[data-testid=type-option-select]').click();
    await page.locator('[data-testid=field-required]').click();
    await page.locator('[data-testid=add-field-submit]').click();
    await expect.poll(() => fieldDialog.textContent()).toContain('下拉选择至少需要一个选项');
    await page.locator('[data-testid=option-add]').click();
    await page.locator('[data-testid=option-label-0]').fill('有');
    await page.locator('[data-testid=option-add]').click();
    await page.locator('[data-testid=option-label-1]').fill('无');
    await screenshot(page, 'admin-campaign-add-field');
    await page.locator('[data-testid=add-field-submit]').click();
    await confirmBox(page);
    await page.locator('.el-message--success', { hasText: '已添加字段“无障碍设施”' }).waitFor();
    await fieldDialog.waitFor({ state: 'hidden' });
    const space = page.locator('[data-testid=fields-section-space]');
    const newRow = space.locator('.el-table__row', { hasText: '无障碍设施' });
    await newRow.waitFor();
    const newRowText = await newRow.textContent();
    expect(newRowText).toContain('无障碍设施');
    expect(newRowText).toContain('下拉选择');
    expect(newRowText).toContain('必填');

    // Quotas and extensions: 海淀区科学技术协会 gets a later recommendation deadline.
    await page.locator('[data-testid=campaign-tabs] .el-tabs__item', { hasText: '推荐名额与延期' }).click();
    const haidian = page.locator('[data-testid=quotas-district] .el-table__row', { hasText: '海淀区科学技术协会' });
    await haidian.waitFor();
    expect(await haidian.textContent()).toContain('1–2');
    expect(await page.locator('[data-testid=quota-used-district-110108]').textContent()).toBe('0 / 2');
    await page.locator('[data-testid=extend-district-110108]').click();
    const extDialog = page.locator('.el-dialog', { has: page.locator('[data-testid=extension-form]') });
    await extDialog.waitFor();
    await page.locator('[data-testid=extension-submit]').click();
    await expect.poll(() => extDialog.textContent()).toContain('请填写延期原因');
    const general = /统一截止时间：(\d{4})年/.exec((await extDialog.textContent()) ?? '');
    expect(general).not.toBeNull();
    const newEnd = `${Number(general![1]) + 1}-01-15 17:30`;
    await pickDateTime(page, 'extension-ends-at', newEnd);
    await page.locator('#extension-reason').fill('受疫情影响，区内评审会议推迟');
    await screenshot(page, 'admin-campaign-extension');
    await page.locator('[data-testid=extension-submit]').click();
    await confirmBox(page);
    const success = page.locator('.el-message--success', { hasText: '海淀区科学技术协会' });
    await success.waitFor();
    expect(await success.textContent()).toContain(`${Number(general![1]) + 1}年1月15日 17:30（北京时间）`);
    await extDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('[data-testid=extensions-district-110108]').textContent()).toContain('受疫情影响');
    // Read back from the server: still there after a reload.
    await page.reload();
    await page.locator('[data-testid=campaign-tabs] .el-tabs__item', { hasText: '推荐名额与延期' }).click();
    await expect.poll(() => page.locator('[data-testid=extensions-district-110108]').textContent()).toContain('受疫情影响');

    // The recommender was told by email.
    await expect.poll(() => mailsTo('district@demo.ssb.local').find((m) => m.includes('截止时间已延长')), { timeout: 20_000 }).toBeDefined();
    const mail = mailsTo('district@demo.ssb.local').find((m) => m.includes('截止时间已延长'))!;
    expect(mail).toContain('受疫情影响，区内评审会议推迟');
    expect(mail).toContain('1月15日 17:30');
    await page.waitForTimeout(400);
    await screenshot(page, 'admin-campaign-quotas');

    // Duplicates: the open demo year has one unit nominated through two recommenders.
    await page.locator('[data-testid=campaign-tabs] .el-tabs__item', { hasText: '重复推荐' }).click();
    await expect.poll(() => page.locator('[data-testid=duplicates-tab]').textContent()).toContain('北辰材料科学研究所（演示）');
    const duplicates = (await page.locator('[data-testid=duplicates-tab]').textContent()) ?? '';
    expect(duplicates).toContain('朝阳区科学技术协会');
    expect(duplicates).not.toContain('暂无重复推荐');

    // A new campaign for 2030.
    await page.locator('[data-testid=menu-campaigns]').click();
    await page.waitForURL(`${platform.baseUrl}/admin/campaigns`);
    await page.locator('[data-testid=create-campaign-open]').click();
    const createDialog = page.locator('.el-dialog', { has: page.locator('[data-testid=create-campaign-form]') });
    await createDialog.waitFor();
    await page.locator('#campaign-year').fill('2030');
    await page.locator('#campaign-year').press('Tab');
    await page.locator('#campaign-title').fill('2030年“科学家精神教育基地”申报');
    await page.locator('[data-testid=create-campaign-submit]').click();
    await expect.poll(() => createDialog.textContent()).toContain('申报和推荐阶段必须设置开始和结束时间');
    await pickDateTime(page, 'create-application-start', '2030-03-01 09:00');
    await pickDateTime(page, 'create-application-end', '2030-04-08 23:59');
    await pickDateTime(page, 'create-recommendation-start', '2030-03-01 09:00');
    await pickDateTime(page, 'create-recommendation-end', '2030-04-20 23:59');
    await pickDateTime(page, 'create-review-start', '2030-06-01 09:00');
    await pickDateTime(page, 'create-review-end', '2030-05-01 09:00');
    await page.locator('[data-testid=create-campaign-submit]').click();
    await expect.poll(() => createDialog.textContent()).toContain('结束时间须晚于开始时间');
    await pickDateTime(page, 'create-review-end', '2030-06-30 17:00');
    await screenshot(page, 'admin-campaign-create');
    await page.locator('[data-testid=create-campaign-submit]').click();
    await page.locator('.el-message--success', { hasText: '已创建 2030 年度' }).waitFor();
    await page.waitForURL(/\/admin\/campaigns\/[0-9a-f-]{36}/);
    const phases = page.locator('[data-testid=phases-table]');
    await phases.waitFor();
    const phasesText = await phases.textContent();
    expect(phasesText).toContain('2030年4月8日 23:59（北京时间）');
    expect(phasesText).toContain('2030年3月1日 09:00（北京时间）');
    expect(phasesText).toContain('专家评审');
    expect(await page.locator('[data-testid=campaign-detail] h1').textContent()).toBe('2030年“科学家精神教育基地”申报');

    // The same year twice: the server says so.
    await page.locator('[data-testid=menu-campaigns]').click();
    await page.locator('[data-testid=campaign-link-2030]').waitFor();
    await page.locator('[data-testid=create-campaign-open]').click();
    await createDialog.waitFor();
    await page.locator('#campaign-year').fill('2030');
    await page.locator('#campaign-year').press('Tab');
    await pickDateTime(page, 'create-application-start', '2030-03-01 09:00');
    await pickDateTime(page, 'create-application-end', '2030-04-08 23:59');
    await pickDateTime(page, 'create-recommendation-start', '2030-03-01 09:00');
    await pickDateTime(page, 'create-recommendation-end', '2030-04-20 23:59');
    await page.locator('[data-testid=create-campaign-submit]').click();
    await expect.poll(() => page.locator('[data-testid=create-campaign-error]').textContent()).toContain('2030 年度已存在');
    await page.keyboard.press('Escape');
    await createDialog.waitFor({ state: 'hidden' });
    await screenshot(page, 'admin-campaigns-after');
    await context.close();
  });

  test('phases are changed after a confirmation; other roles cannot open the page', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${platform.baseUrl}/admin/login?redirect=/campaigns`);
    await page.locator('[data-testid=login-email]').fill('admin@demo.ssb.local');
    await page.locator('[data-testid=login-password]').fill(DEMO_PASSWORD);
    await page.locator('[data-testid=login-submit]').click();
    await page.waitForURL(`${platform.baseUrl}/admin/campaigns`);
    await page.locator('[data-testid=campaign-link-2022]').click();
    await page.locator('[data-testid=phases-edit]').click();
    await pickDateTime(page, 'edit-publicity-end', '2023-01-31 23:59');
    await page.locator('[data-testid=phases-save]').click();
    // Cancelling the confirmation changes nothing.
    await page.locator('.el-message-box').waitFor();
    await screenshot(page, 'admin-campaign-phases-confirm');
    await page.locator('.el-message-box .el-button:not(.el-button--primary)').click();
    await page.locator('.el-message-box').waitFor({ state: 'hidden' });
    await page.locator('[data-testid=phases-save]').click();
    await confirmBox(page);
    await page.locator('.el-message--success', { hasText: '阶段与截止时间已更新' }).waitFor();
    await expect.poll(() => page.locator('[data-testid=phases-table]').textContent()).toContain('2023年1月31日 23:59（北京时间）');
    await context.close();

    const expert = await browser.newContext();
    const expertPage = await expert.newPage();
    await expertPage.goto(`${platform.baseUrl}/admin/login?redirect=/campaigns`);
    await expertPage.locator('[data-testid=login-email]').fill('expert@demo.ssb.local');
    await expertPage.locator('[data-testid=login-password]').fill(DEMO_PASSWORD);
    await expertPage.locator('[data-testid=login-submit]').click();
    await expertPage.locator('[data-testid=forbidden]').waitFor();
    expect(await expertPage.locator('[data-testid=menu-campaigns]').count()).toBe(0);
    await expert.close();
  });
});
