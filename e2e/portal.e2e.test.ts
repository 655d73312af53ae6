import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// e2e/package.json does not list @ssb/domain, so the shared rule is imported by path.
import { formatBeijingDateTime } from '@ssb/domain/time';
import { makeUscc } from '@ssb/domain/uscc';
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

/** A fresh browser profile in Chinese, Beijing time; page errors are collected so a test can assert none happened. */
async function newPage(options: { width?: number } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

const url = (path: string) => `${platform.baseUrl}/portal${path}`;
// Element Plus passes data-testid through to the native <input>.
const input = (page: Page, testId: string) => page.locator(`input[data-testid=${testId}]`);

async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await input(page, 'login-email').fill(email);
  await input(page, 'login-password').fill(password);
  // Enter submits the form.
  await input(page, 'login-password').press('Enter');
}

/** The text of the newest .eml the platform wrote to this address (base64 or quoted-printable body). */
function lastMailTo(address: string): string {
  const dir = join(platform.dataDir, 'mail');
  const file = readdirSync(dir).filter((f) => f.endsWith(`-${address}.eml`)).sort().at(-1);
  if (!file) return '';
  const raw = readFileSync(join(dir, file), 'utf8');
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

type Phase = { key: string; startsAt: string; endsAt: string };

/** The campaign the home page talks about (the latest year), read from the public API. */
async function latestCampaign(): Promise<{ year: number; phases: Phase[] }> {
  const response = await fetch(`${platform.baseUrl}/trpc/reference.campaigns`);
  const list = ((await response.json()) as { result: { data: { year: number; phases: Phase[] }[] } }).result.data;
  return list.reduce((a, b) => (b.year > a.year ? b : a));
}

/** The sentence the portal shows for a phase, in Chinese or English, given where it stands now. */
async function phaseSentence(key: 'application' | 'recommendation', locale: 'zh-CN' | 'en') {
  const campaign = await latestCampaign();
  const phase = campaign.phases.find((p) => p.key === key)!;
  const [start, end] = [formatBeijingDateTime(phase.startsAt, locale), formatBeijingDateTime(phase.endsAt, locale)];
  const now = Date.now();
  const status = now < Date.parse(phase.startsAt) ? 'upcoming' : now > Date.parse(phase.endsAt) ? 'closed' : 'open';
  const y = campaign.year;
  const zh = {
    application: { upcoming: `${y}年度申报将于 ${start} 开始。`, open: `${y}年度申报正在进行，截止时间 ${end}。`, closed: `${y}年度申报已于 ${end} 截止。` },
    recommendation: {
      upcoming: `${y}年度推荐将于 ${start} 开始。`,
      open: `${y}年度推荐正在进行，请在 ${end} 前完成推荐。`,
      closed: `${y}年度推荐已于 ${end} 截止。`,
    },
  };
  const en = {
    application: { upcoming: `Applications for ${y} open on ${start}.`, open: `Applications for ${y} are open until ${end}.`, closed: `Applications for ${y} closed on ${end}.` },
    recommendation: {
      upcoming: `Recommendation for ${y} opens on ${start}.`,
      open: `Recommendation for ${y} is open: submit your nominations before ${end}.`,
      closed: `Recommendation for ${y} closed on ${end}.`,
    },
  };
  return (locale === 'en' ? en : zh)[key][status];
}

async function choose(page: Page, testId: string, option: string) {
  await page.locator(`[data-testid=${testId}]`).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

describe('applicant portal', () => {
  test('an applicant signs in, sees the unit and the campaign in Chinese, and signs out', async () => {
    const { context, page, errors } = await newPage();

    // Signed out, the home page leads to the sign-in page and remembers where it was going.
    await page.goto(url('/messages'));
    await page.waitForURL(/\/portal\/login\?redirect=(%2F|\/)messages$/);
    await page.locator('#ssb-login-title').waitFor();
    expect(await page.locator('#ssb-login-title').textContent()).toBe('登录申报门户');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await screenshot(page, 'portal-login');

    // A wrong password is refused with the server's message.
    await signIn(page, 'applicant@demo.ssb.local', 'wrong-password-1');
    await expect.poll(() => page.locator('.ssb-login .el-alert').textContent()).toContain('邮箱或密码不正确');

    await signIn(page, 'applicant@demo.ssb.local');
    await page.waitForURL(url('/messages'));
    await page.locator('[data-testid=messages-panel]').waitFor();
    expect(await page.locator('h1').textContent()).toBe('消息通知');

    // Home: the unit, its role, what to do next, the timetable and messages.
    await page.locator('.ssb-header__nav a', { hasText: '工作台' }).click();
    await page.waitForURL(url('/'));
    const card = page.locator('[data-testid=organization-card]').first();
    await card.waitFor();
    expect(await page.locator('h1').textContent()).toBe('张申报，您好');
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain('京华航天科学家纪念馆（演示）');
    expect(cardText).toContain(makeUscc(700000, '12110000'));
    expect(cardText).toContain('科技馆 / 纪念馆');
    expect(cardText).toContain('海淀区');
    expect(cardText).toContain('申报单位');
    await page.locator('[data-testid=next-applicant]').waitFor();
    const next = (await page.locator('[data-testid=next-applicant]').textContent()) ?? '';
    // Where the latest campaign's application phase stands, with its Beijing-time dates.
    expect(next).toContain(await phaseSentence('application', 'zh-CN'));
    expect(next).toContain('进入我的申报');
    await page.locator('[data-testid=campaign-timeline]').waitFor();
    const timeline = (await page.locator('[data-testid=campaign-timeline]').textContent()) ?? '';
    expect(timeline).toContain('动员申报');
    expect(timeline).toContain('公示');
    expect(timeline).toContain('（北京时间）');
    await expect.poll(() => page.locator('[data-testid=messages-panel]').textContent()).toContain('暂无站内通知');
    // No English leaks into the Chinese interface (demo data is Chinese too).
    const mainText = (await page.locator('#main').textContent()) ?? '';
    expect(mainText).not.toMatch(/\b(Loading|No Data|Retry|Sign in|portal\.)/);
    await screenshot(page, 'portal-home');

    // Signing out returns to the sign-in page; home is closed again.
    await page.locator('[data-testid=user-menu]').click();
    await page.locator('[data-testid=logout]').click();
    await page.waitForURL(/\/portal\/login/);
    await page.goto(url('/'));
    await page.waitForURL(/\/portal\/login\?redirect=(%2F|\/)$/);

    expect(errors).toEqual([]);
    await context.close();
  });

  test('a new unit registers through the form, with live code checks, verifies its email from the mail, and lands on its home page', async () => {
    const { context, page, errors } = await newPage();
    await page.goto(url('/login'));
    await page.locator('[data-testid=register-link]').click();
    await page.waitForURL(url('/register'));

    // Submitting the empty form shows the shared rules' messages on the fields.
    await page.locator('[data-testid=register-submit]').click();
    await page.locator('[data-testid=form-error]').waitFor();
    await expect.poll(() => page.locator('.register__form .el-form-item__error').count()).toBeGreaterThanOrEqual(11);
    const formText = (await page.locator('.register__form').textContent()) ?? '';
    for (const message of ['请输入单位名称', '统一社会信用代码应为18位', '请选择单位类型', '请选择所在区', '请输入详细地址', '请输入11位手机号码', '请输入有效的电子邮箱', '密码至少 10 位']) {
      expect(formText).toContain(message);
    }
    // The first wrong field has the focus.
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'))).toBe('org-name');
    await screenshot(page, 'portal-register-errors');

    // The code is checked while it is typed.
    const seed = Date.now() % 1_000_000;
    const uscc = makeUscc(seed, '12110108');
    const usccInput = input(page, 'org-uscc');
    await usccInput.fill(uscc.slice(0, 10).toLowerCase());
    expect(await usccInput.inputValue()).toBe(uscc.slice(0, 10));
    const usccItem = page.locator('.el-form-item', { has: usccInput });
    await expect.poll(() => usccItem.textContent()).toContain('还需输入 8 位');
    const wrongCheck = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
    await usccInput.fill(wrongCheck);
    await expect.poll(() => usccItem.textContent()).toContain('统一社会信用代码校验位不正确，请核对');
    await usccInput.fill(uscc);
    await expect.poll(() => page.locator('[data-testid=uscc-feedback]').textContent()).toContain('校验位正确');

    const unitName = `燕京少年科学家故事馆${seed}（测试）`;
    const email = `register.${seed}@example.org`;
    await input(page, 'org-name').fill(unitName);
    await choose(page, 'org-type', '科技馆 / 纪念馆');
    await choose(page, 'org-district', '朝阳区');
    await input(page, 'org-address').fill('北京市朝阳区北辰东路1号');
    await input(page, 'org-contact-name').fill('刘联系');
    await input(page, 'org-contact-phone').fill('010-84650077');
    await input(page, 'org-contact-email').fill(`contact.${seed}@example.org`);
    await input(page, 'user-name').fill('王注册');
    await input(page, 'user-mobile').fill('13800138000');
    await input(page, 'user-email').fill(email);
    await input(page, 'user-password').fill('Register-2022-ok');
    await input(page, 'user-password-confirm').fill('Register-2022-no');
    await input(page, 'user-password-confirm').press('Enter');
    await expect.poll(() => page.locator('.register__form').textContent()).toContain('两次输入的密码不一致');
    await input(page, 'user-password-confirm').fill('Register-2022-ok');
    await screenshot(page, 'portal-register-filled');
    await input(page, 'user-password-confirm').press('Enter');

    // Registered but not signed in: the page asks to follow the emailed link.
    await expect.poll(() => page.locator('[data-testid=register-check-mail]').textContent()).toContain(email);
    expect(await page.locator('[data-testid=user-menu]').count()).toBe(0);
    await screenshot(page, 'portal-register-check-mail');
    // The server's job worker sends the mail within a few seconds.
    await expect.poll(() => lastMailTo(email), { timeout: 15_000 }).toContain('/portal/verify-email?token=');
    const link = lastMailTo(email).match(/https?:\/\/\S+\/portal\/verify-email\?token=[\w-]+/)![0];
    await page.goto(link.replace(/^https?:\/\/[^/]+/, platform.baseUrl));
    await page.locator('[data-testid=verify-submit]').click();
    await page.locator('[data-testid=verify-done]').waitFor();
    await page.locator('[data-testid=verify-done] a').click();
    await page.waitForURL(url('/'));
    const card = page.locator('[data-testid=organization-card]').first();
    await card.waitFor();
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain(unitName);
    expect(cardText).toContain(uscc);
    expect(cardText).toContain('朝阳区');
    expect(cardText).toContain('申报单位');
    expect(await page.locator('[data-testid=user-menu]').textContent()).toContain('王注册');
    await page.locator('[data-testid=next-applicant]').waitFor();
    await expect.poll(() => page.locator('[data-testid=messages-panel]').textContent()).toContain('暂无站内通知');
    await screenshot(page, 'portal-register-home');

    // The same code cannot register twice: the server's refusal lands on the field.
    await page.locator('[data-testid=user-menu]').click();
    await page.locator('[data-testid=logout]').click();
    await page.waitForURL(/\/portal\/login/);
    await page.goto(url('/register'));
    await input(page, 'org-name').fill('重复注册测试单位');
    await input(page, 'org-uscc').fill(uscc);
    await choose(page, 'org-type', '企业');
    await choose(page, 'org-district', '海淀区');
    await input(page, 'org-address').fill('北京市海淀区中关村大街1号');
    await input(page, 'org-contact-name').fill('赵联系');
    await input(page, 'org-contact-phone').fill('13900139000');
    await input(page, 'org-contact-email').fill(`dup.${seed}@example.org`);
    await input(page, 'user-name').fill('赵重复');
    await input(page, 'user-mobile').fill('13900139000');
    await input(page, 'user-email').fill(`dup.user.${seed}@example.org`);
    await input(page, 'user-password').fill('Register-2022-ok');
    await input(page, 'user-password-confirm').fill('Register-2022-ok');
    await page.locator('[data-testid=register-submit]').click();
    await expect.poll(() => page.locator('[data-testid=form-error]').textContent()).toContain('该统一社会信用代码已注册');
    await expect.poll(() => page.locator('.el-form-item', { has: input(page, 'org-uscc') }).textContent()).toContain('已注册');
    // The unit may ask the office to check who registered its code.
    await page.locator('[data-testid=uscc-claim-open]').waitFor();
    await screenshot(page, 'portal-register-conflict');

    expect(errors).toEqual([]);
    await context.close();
  });

  test('a recommender sees the body and its quota; the page reads in English too', async () => {
    const { context, page, errors } = await newPage();
    await page.goto(url('/login'));
    await signIn(page, 'recommender@demo.ssb.local');
    await page.waitForURL(url('/'));
    await page.locator('[data-testid=next-recommender]').waitFor();
    const next = (await page.locator('[data-testid=next-recommender]').textContent()) ?? '';
    expect(next).toContain('推荐名额');
    expect(await page.locator('[data-testid=quota]').textContent()).toBe('最多 3 个');
    expect(next).toContain(await phaseSentence('recommendation', 'zh-CN'));
    expect(await page.locator('.ssb-header__nav').textContent()).toContain('年度工作安排');
    await screenshot(page, 'portal-home-recommender');

    await page.locator('.ssb-header__nav a', { hasText: '年度工作安排' }).click();
    await page.waitForURL(url('/campaign'));
    await page.locator('[data-testid=campaign-timeline]').first().waitFor();
    await screenshot(page, 'portal-campaign');

    // Switch the interface to English.
    await page.locator('.ssb-header__tools button', { hasText: '简体中文' }).click();
    await page.locator('.el-dropdown-menu__item:visible', { hasText: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Campaign timetable');
    await page.locator('.ssb-header__nav a', { hasText: 'Workbench' }).click();
    await page.waitForURL(url('/'));
    await expect.poll(() => page.locator('[data-testid=quota]').textContent()).toBe('up to 3');
    const english = (await page.locator('#main').textContent()) ?? '';
    expect(english).toContain(await phaseSentence('recommendation', 'en'));
    expect(english).not.toContain('portal.');
    await screenshot(page, 'portal-home-en');

    expect(errors).toEqual([]);
    await context.close();
  });

  test('a base inside its re-application window shows its countdown and reminder, and 重新申报 opens the unit’s re-application marked as a renewal', async () => {
    const { context, page, errors } = await newPage();
    await page.goto(url('/login'));
    await signIn(page, 'renewal@demo.ssb.local');
    const card = page.locator('[data-testid=base-term]');
    await card.locator('[data-testid=renewal-offer]').waitFor();
    expect(await card.textContent()).toContain('2022年5月30日 至 2027年5月29日（北京时间，含当日）');
    // The reminder job runs on start; the demo base is within 12 months of its end until 29 May 2027.
    if (new Date() < new Date('2027-05-29T16:00:00Z')) {
      await expect.poll(async () => (await page.locator('.home__messages').textContent()) ?? '', { timeout: 15_000 }).toContain('基地命名有效期还有');
    }
    await screenshot(page, 'portal-renewal-countdown');
    await card.locator('[data-testid=renewal-start]').click();
    await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid=renewal-tag]').waitFor();
    expect(await page.locator('[data-testid=renewal-tag]').textContent()).toContain('京科精基地-2022-001');
    // The demo unit already applies this year through the body that named it, so that application is marked as the renewal
    // (a fresh pre-filled draft is tested in the service tests); it is recommended, so the form shows, read-only.
    const baseName = page.locator('[data-field=baseName]').first();
    await expect.poll(async () => (await baseName.locator('input').inputValue().catch(() => '')) || ((await baseName.textContent()) ?? '')).toContain('西山地质调查旧址陈列馆（演示）');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('office staff are sent to the admin console; unknown pages say so', async () => {
    const { context, page, errors } = await newPage();
    await page.goto(url('/login'));
    await signIn(page, 'office@demo.ssb.local');
    await page.locator('[data-testid=admin-only]').waitFor();
    expect(await page.locator('[data-testid=admin-only]').textContent()).toContain('工作办公室');
    expect(await page.locator('[data-testid=go-admin]').getAttribute('href')).toBe('/admin/');
    await screenshot(page, 'portal-login-admin-only');

    await page.goto(url('/no-such-page'));
    await page.locator('[data-testid=not-found]').waitFor();
    expect(await page.locator('[data-testid=not-found]').textContent()).toContain('页面不存在');
    await screenshot(page, 'portal-not-found');

    expect(errors).toEqual([]);
    await context.close();
  });

  test('on a phone: a password is reset through the emailed link, and bad links are explained', async () => {
    const { context, page, errors } = await newPage({ width: 420 });
    const email = 'applicant2@demo.ssb.local';
    await page.goto(url('/login'));
    await page.getByRole('link', { name: '忘记密码？' }).click();
    await page.waitForURL(url('/forgot-password'));
    await input(page, 'forgot-email').fill(email);
    await input(page, 'forgot-email').press('Enter');
    await page.locator('[data-testid=forgot-sent]').waitFor();
    expect(await page.locator('[data-testid=forgot-sent]').textContent()).toContain('60 分钟');
    await screenshot(page, 'portal-forgot-sent-mobile');

    // A made-up token is refused by the server, and the page says what to do.
    await page.goto(url('/reset-password?token=not-a-real-token-but-long-enough'));
    await input(page, 'reset-password').fill('NewPassword-2022');
    await input(page, 'reset-confirm').fill('NewPassword-2022');
    await input(page, 'reset-confirm').press('Enter');
    await page.locator('[data-testid=reset-link-error]').waitFor();
    expect(await page.locator('[data-testid=reset-link-error]').textContent()).toContain('链接无效或已过期');

    // The real link from the email sets the new password.
    let link = '';
    await expect.poll(() => (link = /\/portal\/reset-password\?token=[\w-]+/.exec(lastMailTo(email))?.[0] ?? '')).not.toBe('');
    await page.goto(`${platform.baseUrl}${link}`);
    await input(page, 'reset-password').fill('short1');
    await input(page, 'reset-confirm').fill('short1');
    await input(page, 'reset-confirm').press('Enter');
    await expect.poll(() => page.locator('.auth-card').textContent()).toContain('密码至少 10 位');
    await input(page, 'reset-password').fill('Reset-Password-2022');
    await input(page, 'reset-confirm').fill('Reset-Password-2022');
    await input(page, 'reset-confirm').press('Enter');
    await page.locator('[data-testid=reset-done]').waitFor();
    await screenshot(page, 'portal-reset-done-mobile');

    await page.locator('[data-testid=reset-done] a', { hasText: '去登录' }).click();
    await page.waitForURL(/\/portal\/login/);
    await signIn(page, email, 'Reset-Password-2022');
    await page.waitForURL(url('/'));
    await page.locator('[data-testid=organization-card]').waitFor();
    expect(await page.locator('[data-testid=organization-card]').textContent()).toContain('北辰材料科学研究所（演示）');
    await screenshot(page, 'portal-home-mobile');

    // The reset email is also kept in the messages page.
    await page.goto(url('/messages'));
    await page.getByRole('tab', { name: '邮件记录' }).click();
    await expect.poll(() => page.locator('[data-testid=messages-panel]').textContent()).toContain('【科学家精神教育基地】重置密码');
    await page.locator('.messages__mail summary').first().click();
    await screenshot(page, 'portal-messages-mobile');

    await page.goto(url('/accept-invitation'));
    await page.locator('[data-testid=invitation-link-error]').waitFor();
    await screenshot(page, 'portal-invitation-missing-token-mobile');

    expect(errors).toEqual([]);
    await context.close();
  });
});
