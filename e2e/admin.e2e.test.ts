import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

async function signIn(page: Page, email: string) {
  await page.locator('[data-testid=login-email]').fill(email);
  await page.locator('[data-testid=login-password]').fill(DEMO_PASSWORD);
  await page.locator('[data-testid=login-submit]').click();
}

/** The text of a single-part .eml, whichever transfer encoding nodemailer chose. */
function emlText(eml: string) {
  const split = eml.search(/\r?\n\r?\n/);
  const headers = eml.slice(0, split);
  const body = eml.slice(split).trim();
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

const numberIn = async (page: Page, testId: string) =>
  Number(((await page.locator(`[data-testid=${testId}] [data-role=value]`).textContent()) ?? '').replace(/[^\d]/g, ''));

describe('admin console', () => {
  test('the office signs in, sees live counts, invites a user and signs out', async () => {
    const { context, page } = await newPage();

    // Signed out: any console page leads to the sign-in page, remembering where it was going.
    await page.goto(`${platform.baseUrl}/admin/organizations`);
    await page.waitForURL(/\/admin\/login\?redirect=(%2F|\/)organizations$/);
    await page.goto(`${platform.baseUrl}/admin/login`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('管理后台登录');
    await signIn(page, 'office@demo.ssb.local');
    await page.waitForURL(`${platform.baseUrl}/admin/`);

    // Home, in Chinese, with live figures from the seeded database.
    await page.locator('[data-testid=office-dashboard] h1').waitFor();
    expect(await page.locator('[data-testid=office-dashboard] h1').textContent()).toBe('工作概览');
    await expect.poll(() => numberIn(page, 'stat-organizations')).toBeGreaterThan(20);
    expect(await numberIn(page, 'stat-recommendingBodies')).toBeGreaterThan(20);
    expect(await numberIn(page, 'stat-users')).toBeGreaterThanOrEqual(10);
    expect(await numberIn(page, 'stat-activeSessions')).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-testid=stat-organizations]').textContent()).toContain('单位总数');
    await page.locator('[data-testid=chart-district] canvas').waitFor();
    await page.locator('[data-testid=chart-role] canvas').waitFor();
    const timeline = await page.locator('.campaign-timeline').textContent();
    expect(timeline).toContain('组织推荐');
    expect(timeline).toContain('2022年4月8日 23:59（北京时间）');
    await page.waitForTimeout(600); // let the chart animation settle before the picture
    await screenshot(page, 'admin-home');
    const invitedBefore = await numberIn(page, 'stat-invitedUsers');

    // Users: the table, then an invitation.
    await page.locator('[data-testid=menu-users]').click();
    await page.waitForURL(`${platform.baseUrl}/admin/users`);
    await page.locator('[data-testid=users-table] .el-table__row').first().waitFor();
    expect(await page.locator('[data-testid=users-table]').textContent()).toContain('office@demo.ssb.local');
    await screenshot(page, 'admin-users');

    const email = `new.applicant.${Date.now()}@example.org`;
    await page.locator('[data-testid=invite-open]').click();
    const dialog = page.locator('.el-dialog', { has: page.locator('[data-testid=invite-form]') });
    await dialog.waitFor();
    // Submitting empty shows the field messages in Chinese.
    await page.locator('[data-testid=invite-submit]').click();
    await expect.poll(() => dialog.textContent()).toContain('请选择单位');
    await page.locator('[data-testid=invite-email]').fill(email);
    await page.locator('[data-testid=invite-name]').fill('钱新人');
    await page.locator('[data-testid=organization-select]').click();
    await page.keyboard.type('京华航天');
    const orgOption = page.locator('.el-select-dropdown__item', { hasText: '京华航天科学家纪念馆（演示）' });
    await orgOption.click();
    await page.locator('[data-testid=invite-role]').click();
    await page.locator('[data-testid=role-option-applicant]').click();
    await screenshot(page, 'admin-users-invite');
    await page.locator('[data-testid=invite-submit]').click();
    await page.locator('.el-message--success', { hasText: email }).waitFor();
    await dialog.waitFor({ state: 'hidden' });

    // The list now shows the invited person, waiting for activation.
    const row = page.locator('[data-testid=users-table] .el-table__row', { hasText: email });
    await row.waitFor();
    expect(await row.textContent()).toContain('待激活');
    expect(await row.textContent()).toContain('申报单位');

    // The invitation went out (through the job queue, moments later) as an .eml file with a link to set a password.
    const mailDir = join(platform.dataDir, 'mail');
    const mailFor = () => (existsSync(mailDir) ? readdirSync(mailDir).find((name) => name.includes(email)) : undefined);
    await expect.poll(mailFor, { timeout: 30_000 }).toBeDefined();
    const mail = mailFor();
    const eml = readFileSync(join(mailDir, mail!), 'utf8');
    expect(eml).toContain(`To: ${email}`);
    const body = emlText(eml);
    expect(body).toContain('钱新人，您好');
    expect(body).toContain('/portal/accept-invitation?token=');

    // Back home, the pending-invitation count went up.
    await page.locator('[data-testid=menu-home]').click();
    await expect.poll(() => numberIn(page, 'stat-invitedUsers')).toBe(invitedBefore + 1);

    // Sign out.
    await page.locator('[data-testid=user-menu]').click();
    await page.locator('[data-testid=logout]').click();
    await page.waitForURL(/\/admin\/login/);
    await page.goto(`${platform.baseUrl}/admin/users`);
    await page.waitForURL(/\/admin\/login\?redirect=(%2F|\/)users$/);
    await context.close();
  });

  test('organizations and recommending bodies are listed', async () => {
    const { context, page } = await newPage();
    // The first attempts fail as if the network were down: the page says so and offers a retry.
    const offline = /\/trpc\/[^?]*admin\.organizations/;
    await page.route(offline, (route) => route.abort('failed'));
    await page.goto(`${platform.baseUrl}/admin/login?redirect=/organizations`);
    await signIn(page, 'office@demo.ssb.local');
    await page.waitForURL(`${platform.baseUrl}/admin/organizations`);
    const retry = page.locator('[data-testid=retry]');
    await retry.waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid=organizations-page]').textContent()).toContain('数据加载失败');
    await page.unroute(offline);
    await retry.click();
    const table = page.locator('[data-testid=organizations-table]');
    await table.locator('.el-table__row').first().waitFor();
    expect(await table.textContent()).toContain('演示');
    await page.locator('[data-testid=organizations-search]').fill('京华航天');
    await page.keyboard.press('Enter');
    await expect.poll(() => table.locator('.el-table__row').count()).toBe(1);
    expect(await table.textContent()).toContain('海淀区');
    await page.locator('[data-testid=organizations-page] .el-loading-mask').waitFor({ state: 'detached' });
    await screenshot(page, 'admin-organizations');

    await page.locator('[data-testid=menu-recommenders]').click();
    const bodies = page.locator('[data-testid=recommenders-table]');
    await bodies.locator('.el-table__row').first().waitFor();
    expect(await bodies.textContent()).toContain('北京市科学技术协会');
    await page.locator('[data-testid=kind-filter] label', { hasText: '区科协' }).click();
    await expect.poll(() => bodies.locator('.el-table__row').count()).toBe(16);
    expect(await bodies.textContent()).toContain('1–2');
    await page.waitForTimeout(400); // the radio button's colour transition
    await screenshot(page, 'admin-recommenders');
    await context.close();
  });

  test('an expert sees their role; an applicant is sent to the portal; unknown pages say so', async () => {
    const expert = await newPage();
    await expert.page.goto(`${platform.baseUrl}/admin/login`);
    await signIn(expert.page, 'expert@demo.ssb.local');
    await expert.page.locator('[data-testid=reviewer-home]').waitFor();
    const desk = await expert.page.locator('[data-testid=reviewer-home]').textContent();
    expect(desk).toContain('评审专家');
    expect(desk).toContain('京师理工大学（演示）');
    expect(await expert.page.locator('[data-testid=menu-users]').count()).toBe(0);
    await screenshot(expert.page, 'admin-expert-home');
    await expert.page.goto(`${platform.baseUrl}/admin/users`);
    await expert.page.locator('[data-testid=forbidden]').waitFor();
    await expert.context.close();

    const applicant = await newPage();
    await applicant.page.goto(`${platform.baseUrl}/admin/login`);
    await signIn(applicant.page, 'applicant@demo.ssb.local');
    await applicant.page.locator('[data-testid=no-access]').waitFor();
    expect(await applicant.page.locator('[data-testid=no-access]').textContent()).toContain('申报单位');
    expect(await applicant.page.locator('[data-testid=no-access] a[href="/portal/"]').count()).toBe(1);
    await screenshot(applicant.page, 'admin-no-access');

    await applicant.page.goto(`${platform.baseUrl}/admin/no-such-page`);
    await applicant.page.locator('[data-testid=not-found]').waitFor();
    expect(await applicant.page.locator('[data-testid=not-found]').textContent()).toContain('页面不存在');
    await applicant.context.close();
  });
});
