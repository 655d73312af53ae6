import { seedUser } from '@ssb/db/seed';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { confirmMessageBox } from './admin-steps.ts';
import { DEMO_PASSWORD, launchBrowser, screenshot, startPlatform } from './harness.ts';
import { journey } from './journey.ts';
import { openPage, signInToPortal } from './page-steps.ts';

/**
 * A joint action end to end: the demo alliance's coordinator writes one in 联盟管理, joins it to the demo
 * 全国科技工作者日 campaign and invites a member base; it is published; the member base's manager accepts in
 * 联合主办; the platform's campaign page lists it with its co-host.
 */

const TITLE = '科学家精神联合宣讲（测试）';
const GUEST_EMAIL = 'cohost@e2e.ssb.local';
const beijingDate = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));
// Inside the demo campaign, which runs from today + 3 to today + 12 (Beijing).
const DAY = beijingDate(6);

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

async function typeDateTime(page: Page, testId: string, value: string) {
  const field = page.locator(`[data-testid=${testId}] input`);
  await field.click();
  await field.fill(value);
  await field.press('Enter');
  await page.locator('h1').click();
  await expect.poll(() => field.inputValue()).toBe(value);
}
async function choose(page: Page, testId: string, label: string) {
  await page.locator(`[data-testid=${testId}]`).click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: label }).first().click();
}

describe('joint actions', () => {
  const step = journey('coordinator creates a joint action in a campaign with a co-host → the co-host accepts in the portal → the campaign page lists it', { steps: 4 });
  let coordinator: Page;
  const guestBase = '中关村青少年科技馆（演示）';
  let campaignId = '';

  step('the coordinator writes the joint action in 联盟管理', async () => {
    const base = await platform.database.db.query.bases.findFirst({ where: (b, { eq }) => eq(b.name, guestBase) });
    await seedUser(platform.database.db, { email: GUEST_EMAIL, name: '冯联合', password: DEMO_PASSWORD, roles: [{ organizationId: base!.organizationId, role: 'base_manager' }] });
    const campaign = await platform.database.db.query.activityCampaigns.findFirst({ where: (c, { eq }) => eq(c.name, '全国科技工作者日（演示）') });
    campaignId = campaign!.id;

    ({ page: coordinator } = await openPage(browser, { width: 1440 }));
    await signInToPortal(coordinator, platform.baseUrl, 'alliance@demo.ssb.local', '/alliance-admin');
    await coordinator.locator('[data-testid=joint-action-new]').click();
    await coordinator.waitForURL(/\/actions\/new$/);
    await coordinator.locator('input[data-testid=event-title]').fill(TITLE);
    await typeDateTime(coordinator, 'event-starts', `${DAY} 14:00`);
    await typeDateTime(coordinator, 'event-ends', `${DAY} 16:00`);
    await coordinator.locator('input[data-testid=event-place]').fill('联盟各成员基地报告厅');
    await coordinator.locator('[data-testid=event-save]').click();
    await coordinator.waitForURL(/\/actions\/[0-9a-f-]{36}$/);
  });

  step('it joins the campaign, invites a member base and is published', async () => {
    await choose(coordinator, 'campaign-select', '全国科技工作者日（演示）');
    await coordinator.locator('[data-testid=campaign-save]').click();
    await expect.poll(() => coordinator.locator('[data-testid=campaign-current]').textContent()).toBe('全国科技工作者日（演示）');
    await choose(coordinator, 'cohost-pick', guestBase);
    await coordinator.locator('[data-testid=cohost-invite]').click();
    await confirmMessageBox(coordinator);
    await expect.poll(() => coordinator.locator('[data-testid=cohost-status]').first().textContent()).toBe('待答复');
    await coordinator.locator('[data-testid=editor-publish]').click();
    await confirmMessageBox(coordinator);
    await expect.poll(() => coordinator.locator('[data-testid=event-status]').textContent()).toBe('已发布');
    await screenshot(coordinator, 'joint-action-editor');
  });

  step('the member base’s manager accepts in 联合主办', async () => {
    const { page } = await openPage(browser, { width: 1440 });
    await signInToPortal(page, platform.baseUrl, GUEST_EMAIL, '/events/cohosting');
    const invitation = page.locator('[data-testid=cohost-invitations] li', { hasText: TITLE });
    await invitation.locator('[data-testid=cohost-accept]').click();
    await confirmMessageBox(page);
    await page.locator('[data-testid=cohost-accepted] li', { hasText: TITLE }).waitFor();
    await screenshot(page, 'cohosting');
  });

  step('the platform’s campaign page lists it with its co-host, and the coordinator sees the answer', async () => {
    const { page } = await openPage(browser, { width: 390 });
    await page.goto(`${platform.baseUrl}/campaigns/${campaignId}`);
    const item = page.locator('[data-testid=campaign-events] [data-testid=event-item]', { hasText: TITLE });
    await item.waitFor();
    expect(await item.textContent()).toContain(guestBase);
    await page.locator('[data-testid=district-map]').waitFor();
    expect(await page.locator('[data-testid=calendar-subscribe]').getAttribute('href')).toContain(`/api/open/v1/events.ics?campaign=${campaignId}`);
    await screenshot(page, 'campaign-page-phone');
    await coordinator.goto(`${platform.baseUrl}/portal/alliance-admin`);
    await expect.poll(() => coordinator.locator('[data-testid=joint-actions-list] li', { hasText: TITLE }).textContent()).toContain('已接受');
  });
});
