import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newDesktopPage, signInAdmin } from './admin-steps.ts';
import { apiSession, type ApiSession } from './api-session.ts';
import { launchBrowser, screenshot, startPlatform } from './harness.ts';

/**
 * The office's own words: a new form field and a new score item are named, never keyed; adding a
 * field is confirmed as final; a 核验码 printed before the field was added still matches.
 */
let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;
let office: ApiSession;
let campaignId = '';

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
  office = await apiSession(platform.baseUrl, 'office@demo.ssb.local');
  campaignId = (await platform.database.db.query.campaigns.findFirst({ where: (c, { eq }) => eq(c.isDemo, true) }))!.id;
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const messageBox = (page: Page) => page.locator('.el-message-box');

describe('the office adds to the form and the score sheet in its own words', () => {
  test('a field is named, confirmed as final, and leaves printed codes valid', async () => {
    type Listed = { items: Array<{ id: string; shortCode: string; baseName: string }> };
    const [printed] = (await office.query<Listed>('intake.list', { campaignId, page: 1, pageSize: 50 })).items;
    // The 申报表 is printed now: the export is logged with its code.
    expect((await office.send(`/files/applications/${printed!.id}/form.pdf`, { headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(200);

    const { context, page, errors } = await newDesktopPage(browser);
    page.setDefaultTimeout(30_000);
    await signInAdmin(page, platform.baseUrl, 'office@demo.ssb.local', `/campaigns/${campaignId}`);
    await page.locator('[data-testid=campaign-tabs] .el-tabs__item', { hasText: '申报表字段' }).click();
    const fields = page.locator('[data-testid=fields-tab]');
    await page.locator('[data-testid=fields-section-identity]').waitFor();
    expect(await fields.textContent()).not.toContain('字段标识');
    expect(await fields.textContent()).not.toContain('baseName');

    await page.locator('[data-testid=add-field-open]').click();
    const dialog = page.locator('.el-dialog', { has: page.locator('[data-testid=add-field-form]') });
    await dialog.waitFor();
    expect(await dialog.locator('#field-key').count()).toBe(0);
    expect(await dialog.textContent()).not.toMatch(/标识|key/i);
    await page.locator('#field-label').fill('停车位数量');
    await page.locator('[data-testid=field-section]').click();
    await page.locator('[data-testid=section-option-space]').click();
    await page.locator('[data-testid=field-type]').click();
    await page.locator('[data-testid=type-option-number]').click();
    await page.locator('[data-testid=add-field-submit]').click();

    // The confirmation says it cannot be undone; cancelling adds nothing.
    await messageBox(page).waitFor();
    expect(await messageBox(page).textContent()).toContain('添加后不能撤销');
    expect(await messageBox(page).textContent()).toContain('“停车位数量”添加后不能删除或修改');
    await screenshot(page, 'office-add-field-confirm');
    await messageBox(page).locator('.el-button', { hasText: '取消' }).click();
    await messageBox(page).waitFor({ state: 'hidden' });
    expect(await dialog.isVisible()).toBe(true);
    expect(await page.locator('[data-testid=fields-section-space]').textContent()).not.toContain('停车位数量');

    await page.locator('[data-testid=add-field-submit]').click();
    await messageBox(page).locator('.el-button--primary', { hasText: '确定添加' }).click();
    await page.locator('.el-message--success', { hasText: '已添加字段“停车位数量”' }).waitFor();
    await page.locator('[data-testid=fields-section-space] .el-table__row', { hasText: '停车位数量' }).waitFor();

    // The paper printed before the field was added is still the current version.
    await page.goto(`${platform.baseUrl}/admin/paper-check?code=${printed!.shortCode}&id=${printed!.id}`);
    const result = page.locator('[data-testid=paper-result]');
    await expect.poll(() => result.getAttribute('data-result')).toBe('matching');
    expect(await result.textContent()).toContain(printed!.baseName);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a score item is named, never keyed, and anonymity is explained in plain words', async () => {
    const { context, page, errors } = await newDesktopPage(browser);
    page.setDefaultTimeout(30_000);
    await signInAdmin(page, platform.baseUrl, 'office@demo.ssb.local', `/review?tab=rounds&campaign=${campaignId}`);
    await page.locator('[data-testid=round-create]').click();
    const form = page.locator('[data-testid=round-form]');
    await form.waitFor();
    const headers = await page.locator('[data-testid=criteria-table] thead').textContent();
    expect(headers).toContain('评分项');
    expect(headers).not.toContain('标识');
    expect(await form.textContent()).not.toContain('接口');
    expect(await form.textContent()).toContain('专家无从得知申报单位是谁');

    await form.locator('.el-button', { hasText: '添加评分项' }).click();
    const rows = page.locator('[data-testid=criteria-table] tbody tr.el-table__row');
    await expect.poll(() => rows.count()).toBe(6);
    expect(await rows.last().locator('input').count()).toBe(3);
    await rows.last().locator('input').first().fill('社会影响');
    await screenshot(page, 'office-round-criteria');
    await page.locator('[data-testid=round-submit]').click();
    await page.locator('.el-message--success', { hasText: '已新建轮次' }).waitFor();

    type Round = { kind: string; criteria: Array<{ key: string; label: string }> };
    const rounds = await office.query<Round[]>('review.rounds', { campaignId });
    const created = rounds.find((r) => r.kind === 'final')!;
    expect(created.criteria.at(-1)).toMatchObject({ label: '社会影响', key: expect.stringMatching(/^c\d+$/) });
    expect(new Set(created.criteria.map((c) => c.key)).size).toBe(6);
    expect(errors).toEqual([]);
    await context.close();
  });
});
