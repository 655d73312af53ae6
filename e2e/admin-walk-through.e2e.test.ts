import { schema } from '@ssb/db';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signInAdmin } from './admin-steps.ts';
import { launchBrowser, screenshot, startPlatform } from './harness.ts';
import { openPage } from './page-steps.ts';

/**
 * Defects found walking the admin console as each role: an expert sees the same count of work as
 * 我的评审 and a way there; a funding reviewer is told plainly that funding review is not open yet; a
 * page for another role says which role it is for; the office's tables fit a 1440 px screen.
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

describe('the admin console as each role meets it', () => {
  test('an expert’s home counts the reviews waiting in 我的评审 and leads there', async () => {
    const { context, page } = await openPage(browser);
    await signInAdmin(page, platform.baseUrl, 'expert@demo.ssb.local', '/');
    const counts = page.locator('[data-testid=expert-work-counts]');
    await counts.waitFor();
    const todo = Number((await counts.textContent())?.match(/待评分 (\d+) 件/)?.[1]);
    expect(todo).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=reviewer-home]').textContent()).not.toContain('目前没有分配给您的');
    await screenshot(page, 'admin-expert-home-work');

    await page.locator('[data-testid=to-my-reviews]').click();
    const table = page.locator('[data-testid=my-reviews-table]');
    await table.locator('.el-table__row').first().waitFor();
    const scoreButtons = table.locator('.el-button--primary');
    expect(await scoreButtons.count()).toBe(todo);
    await context.close();
  });

  test('a funding reviewer finds the funding work waiting; an office user is told 我的评审 is for experts', async () => {
    const funding = await openPage(browser);
    await signInAdmin(funding.page, platform.baseUrl, 'funding@demo.ssb.local', '/');
    await funding.page.locator('[data-testid=funding-counts]').waitFor();
    const home = (await funding.page.locator('[data-testid=reviewer-home]').textContent()) ?? '';
    expect(home).toContain('待审核 1 件');
    expect(home).not.toContain('目前没有分配给您的');
    expect(await funding.page.locator('[data-testid=expert-work]').count()).toBe(0);
    await funding.context.close();

    const office = await openPage(browser);
    await signInAdmin(office.page, platform.baseUrl, 'office@demo.ssb.local', '/my-reviews');
    const forbidden = office.page.locator('[data-testid=forbidden]');
    await forbidden.waitFor();
    const text = (await forbidden.textContent()) ?? '';
    expect(text).toContain('评审专家');
    expect(text).not.toContain('工作办公室和系统管理员');
    await office.context.close();
  });

  test('the campaign table shows its 操作 column whole on a 1440 px screen', async () => {
    const { context, page } = await openPage(browser, { width: 1440 });
    await signInAdmin(page, platform.baseUrl, 'office@demo.ssb.local', '/campaigns');
    const table = page.locator('[data-testid=campaigns-table]');
    await table.locator('.el-table__row').first().waitFor();
    const manage = table.locator('.el-table__row').first().locator('a', { hasText: '管理' }).last();
    const box = await manage.boundingBox();
    const tableBox = await table.boundingBox();
    expect(box && tableBox && box.x + box.width <= tableBox.x + tableBox.width).toBe(true);
    expect(await table.locator('.el-table__header th', { hasText: '操作' }).last().isVisible()).toBe(true);
    await context.close();
  });

  test('the office reads its notices in the admin console: an unread count in the header, a message centre, mark all read', async () => {
    const office = await platform.database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'office@demo.ssb.local') });
    // Setup, not the subject: a notice as the platform writes one when an objection comes in.
    await platform.database.db.insert(schema.notifications).values({ userId: office!.id, title: '收到新的异议', body: '公示期内收到 1 条异议，请及时答复。', link: '/admin/notices' });
    const unread = await platform.database.db.query.notifications.findMany({ where: (n, { and, eq, isNull }) => and(eq(n.userId, office!.id), isNull(n.readAt)) });

    const { context, page, errors } = await openPage(browser, { width: 1440 });
    await signInAdmin(page, platform.baseUrl, 'office@demo.ssb.local', '/');
    const badge = page.locator('[data-testid=messages-unread] .el-badge__content');
    await expect.poll(() => badge.textContent()).toBe(String(Math.min(unread.length, 99)));
    await page.locator('[data-testid=messages-bell]').click();
    await page.waitForURL(/\/admin\/messages$/);
    const list = page.locator('[data-testid=messages-list]');
    await expect.poll(() => list.textContent()).toContain('收到新的异议');
    await screenshot(page, 'admin-messages');
    await page.locator('[data-testid=messages-mark-read]').click();
    await expect.poll(() => badge.isVisible()).toBe(false);
    // The notice's link stays in the admin app.
    await list.locator('a', { hasText: '查看' }).first().click();
    await page.waitForURL(/\/admin\/notices/);
    expect(errors).toEqual([]);
    await context.close();
  });
});

