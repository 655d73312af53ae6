import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSession } from './api-session.ts';
import { launchBrowser, screenshot, startPlatform } from './harness.ts';
import { openPage, seriousViolations, signInToPortal } from './page-steps.ts';

/**
 * Registration without an account: a visitor registers on the event page and gets a door code and
 * its QR; when the event is full the next visitor waits; at the door the host's staff check the code
 * in once, and a second scan says when it was used.
 */

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

const beijingDate = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));

/** A published lecture of base@demo's base with 3 places, registration on the platform, at most 3 per registration. */
async function eventWithThreePlaces(title: string) {
  const session = await apiSession(platform.baseUrl, 'base@demo.ssb.local');
  const [base] = await session.query<Array<{ id: string }>>('bases.mine');
  const day = beijingDate(12);
  const created = await session.mutate<{ id: string }>('events.create', {
    kind: 'lecture', title, description: '讲述科学家的故事。', startsAt: `${day}T14:00:00+08:00`, endsAt: `${day}T15:30:00+08:00`, place: '一号报告厅',
    audiences: ['secondary'], capacity: 3, bookingInfo: '', registrationEnabled: true, registrationOpensAt: null, registrationClosesAt: null, maxSeatsPerRegistration: 3, baseId: base!.id,
  });
  await session.mutate('events.publish', { eventId: created.id });
  return created.id;
}

describe('registering for an event and checking in at the door', () => {
  test('a visitor registers and sees the code; the next waits; staff check the code in once', async () => {
    const eventId = await eventWithThreePlaces('钱学森的故事：少年科学讲座（测试）');
    const { context, page, errors } = await openPage(browser, { width: 390, forAxe: true });
    await page.goto(`${platform.baseUrl}/events`);
    expect(await page.getByTestId('calendar-subscribe').getAttribute('href')).toMatch(/^webcal:\/\/.+\/api\/open\/v1\/events\.ics$/);
    await page.goto(`${platform.baseUrl}/events/${eventId}`);
    await page.getByTestId('registration-form').waitFor();
    expect(await page.getByTestId('event-ics').getAttribute('href')).toBe(`/api/open/v1/events/${eventId}/calendar.ics`);
    expect(await page.getByTestId('event-seats').textContent()).toContain('剩余名额 3 人');
    // A wrong mobile number is explained beside the field, and nothing is sent on.
    await page.getByTestId('registration-name').fill('王老师');
    await page.getByTestId('registration-phone').fill('1380000');
    await page.getByTestId('registration-seats').fill('3');
    await page.getByTestId('registration-submit').click();
    await expect.poll(() => page.getByTestId('registration-phone-error').textContent()).toBe('请输入11位手机号码');
    await page.getByTestId('registration-phone').fill('13800138011');
    await page.getByTestId('registration-school').fill('示例实验中学初一（3）班');
    await page.getByTestId('registration-submit').click();
    await page.getByTestId('registration-confirmed').waitFor();
    const code = (await page.getByTestId('registration-code').textContent())!.trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    await expect.poll(() => page.getByTestId('registration-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'registration-confirmed-390');

    // The event is full now: the next visitor goes on the waiting list.
    await page.goto(`${platform.baseUrl}/events/${eventId}`);
    await expect.poll(() => page.getByTestId('event-seats').textContent()).toContain('名额已满');
    await page.getByTestId('registration-name').fill('李女士');
    await page.getByTestId('registration-phone').fill('13900139022');
    await page.getByTestId('registration-seats').fill('1');
    await page.getByTestId('registration-submit').click();
    await page.getByTestId('registration-waitlisted').waitFor();
    expect(errors).toEqual([]);
    await context.close();

    // At the door: the host's manager types the code (as a scanner would), then scans it again.
    const staff = await openPage(browser, { width: 1280 });
    await signInToPortal(staff.page, platform.baseUrl, 'base@demo.ssb.local', `/events/${eventId}/registrations`);
    await staff.page.getByTestId('registrations-page').waitFor();
    await expect.poll(() => staff.page.getByTestId('registrations-table').textContent()).toContain('王老师');
    await staff.page.getByTestId('checkin-code').fill(code.toLowerCase());
    await staff.page.keyboard.press('Enter');
    await expect.poll(() => staff.page.getByTestId('checkin-result').textContent()).toContain('签到成功：王老师，3 人');
    await expect.poll(() => staff.page.getByTestId('attendance-total').textContent()).toContain('3');
    await staff.page.getByTestId('checkin-code').fill(code);
    await staff.page.getByTestId('checkin-submit').click();
    await expect.poll(() => staff.page.getByTestId('checkin-result').textContent()).toMatch(/该签到码已于 .+ 签到/);
    await expect.poll(() => staff.page.getByTestId('attendance-total').textContent()).toContain('3');
    await screenshot(staff.page, 'registration-door');
    expect(staff.errors).toEqual([]);
    await staff.context.close();
  });
});
