import { schema } from '@ssb/db';
import { TEST_ENGINES } from '@ssb/db/testing';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, EXHIBIT_FIELDS, seedManagedBase } from '../resources/fixtures.ts';
import { latestBookingDate } from '@ssb/domain/shared-resources';
import { beijingToday } from '@ssb/domain/time';

const DAY = 86400_000;
const inDays = (n: number) => beijingToday(new Date(Date.now() + n * DAY));

describe.each(TEST_ENGINES)('sharing between bases on %s', (engine) => {
  let api: TestApi;
  let owner: Awaited<ReturnType<typeof seedManagedBase>>;
  let borrower: Awaited<ReturnType<typeof seedManagedBase>>;
  let third: Awaited<ReturnType<typeof seedManagedBase>>;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    owner = await seedManagedBase(api.db);
    borrower = await seedManagedBase(api.db);
    third = await seedManagedBase(api.db);
  });
  afterAll(() => api?.close());

  async function publishedExhibit(fields: Partial<typeof EXHIBIT_FIELDS & { maxBookingDays: number | null }> = {}) {
    const manager = await api.as(owner.manager.id);
    const created = await manager.resources.create({ ...EXHIBIT_FIELDS, ...fields, baseId: owner.base.id });
    await manager.resources.transition({ resourceId: created.id, action: 'publish' });
    return created.id;
  }

  it('requests, approves with a note; both sides see it, the other side is told, the decision is audited', async () => {
    const resourceId = await publishedExhibit();
    const asker = await api.as(borrower.manager.id);
    const lender = await api.as(owner.manager.id);
    const booking = await asker.bookings.request({ resourceId, startsOn: inDays(10), endsOn: inDays(20), message: '用于校园科学周' });
    expect(booking.status).toBe('requested');

    const incoming = await lender.bookings.list({ direction: 'incoming' });
    expect(incoming.items[0]).toMatchObject({ id: booking.id, requesterBaseName: borrower.base.name, actions: ['approve', 'decline'], message: '用于校园科学周' });
    const ownerNotices = await api.db.select().from(schema.notifications).where(eq(schema.notifications.userId, owner.manager.id));
    expect(ownerNotices.at(-1)?.title).toBe('收到资源借用/预约申请');

    await lender.bookings.approve({ bookingId: booking.id, note: '请提前三天联系运输' });
    const outgoing = await asker.bookings.list({ direction: 'outgoing' });
    expect(outgoing.items[0]).toMatchObject({ status: 'approved', responseNote: '请提前三天联系运输', ownerBaseName: owner.base.name, actions: ['cancel'] });
    expect((await lender.bookings.list({ direction: 'incoming' })).items[0]).toMatchObject({ status: 'approved', actions: [] });
    const borrowerNotices = await api.db.select().from(schema.notifications).where(eq(schema.notifications.userId, borrower.manager.id));
    expect(borrowerNotices.at(-1)?.body).toContain('已同意');
    const audit = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, booking.id));
    expect(audit.map((a) => a.action)).toEqual(['booking.requested', 'booking.approved']);
    expect((await (await api.anonymous()).resources.get({ resourceId })).takenDates).toEqual([{ startsOn: inDays(10), endsOn: inDays(20) }]);
  });

  it('refuses a request overlapping an approved booking, accepts the adjacent day, and refuses approving an overlap', async () => {
    const resourceId = await publishedExhibit();
    const asker = await api.as(borrower.manager.id);
    const other = await api.as(third.manager.id);
    const lender = await api.as(owner.manager.id);
    const a = await asker.bookings.request({ resourceId, startsOn: inDays(30), endsOn: inDays(35) });
    const pending = await other.bookings.request({ resourceId, startsOn: inDays(33), endsOn: inDays(40) });
    await lender.bookings.approve({ bookingId: a.id });
    await expect(other.bookings.request({ resourceId, startsOn: inDays(35), endsOn: inDays(36) })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('冲突'),
    });
    await expect(lender.bookings.approve({ bookingId: pending.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(asker.bookings.request({ resourceId, startsOn: inDays(36), endsOn: inDays(37) })).resolves.toMatchObject({ status: 'requested' });
    // Cancelling the approved booking frees its dates.
    await asker.bookings.cancel({ bookingId: a.id });
    await expect(lender.bookings.approve({ bookingId: pending.id })).resolves.toMatchObject({ status: 'approved' });
  });

  it('approves exactly one of many parallel overlapping requests', async () => {
    const resourceId = await publishedExhibit();
    const lender = await api.as(owner.manager.id);
    const requests = [];
    for (let i = 0; i < 6; i++) {
      const asker = await api.as((await seedManagedBase(api.db)).manager.id);
      requests.push(await asker.bookings.request({ resourceId, startsOn: inDays(50 + i), endsOn: inDays(60) }));
    }
    const results = await Promise.allSettled(requests.map((r) => lender.bookings.approve({ bookingId: r.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rows = await api.db.select().from(schema.resourceBookings).where(inArray(schema.resourceBookings.id, requests.map((r) => r.id)));
    expect(rows.filter((r) => r.status === 'approved')).toHaveLength(1);
  });

  it('refuses what makes no sense: own resource, unlendable, past dates, reversed dates, deciding as the requester', async () => {
    const lendable = await publishedExhibit();
    const unlendable = await publishedExhibit({ lendable: false, lendingTerms: '' });
    const asker = await api.as(borrower.manager.id);
    const lender = await api.as(owner.manager.id);
    await expect(lender.bookings.request({ resourceId: lendable, startsOn: inDays(5), endsOn: inDays(6) })).rejects.toMatchObject({ message: '不能申请借用本基地的资源' });
    await expect(asker.bookings.request({ resourceId: unlendable, startsOn: inDays(5), endsOn: inDays(6) })).rejects.toMatchObject({ message: '该资源不对外借用或预约' });
    await expect(asker.bookings.request({ resourceId: lendable, startsOn: inDays(-2), endsOn: inDays(1) })).rejects.toMatchObject({ message: '开始日期不能早于今天' });
    await expect(asker.bookings.request({ resourceId: lendable, startsOn: inDays(6), endsOn: inDays(5) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const booking = await asker.bookings.request({ resourceId: lendable, startsOn: inDays(70), endsOn: inDays(71) });
    await expect(asker.bookings.approve({ bookingId: booking.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect((await api.as(third.manager.id)).bookings.decline({ bookingId: booking.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await lender.bookings.decline({ bookingId: booking.id, note: '该时段展品在修复' });
    await expect(lender.bookings.approve({ bookingId: booking.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('accepts one of 50 identical parallel requests from a base, and refuses the rest with a clear CONFLICT', async () => {
    const resourceId = await publishedExhibit();
    const spammer = await seedManagedBase(api.db);
    const callers = await Promise.all(Array.from({ length: 5 }, () => api.as(spammer.manager.id)));
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => callers[i % 5]!.bookings.request({ resourceId, startsOn: inDays(80), endsOn: inDays(82), message: '同一申请' })),
    );
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refused).toHaveLength(49);
    expect(refused.every((r) => r.reason.code === 'CONFLICT' && r.reason.message.includes('正在等待对方审批'))).toBe(true);
    const rows = await api.db.select().from(schema.resourceBookings).where(eq(schema.resourceBookings.resourceId, resourceId));
    expect(rows).toHaveLength(1);

    const again = await api.as(spammer.manager.id);
    // Overlapping dates stay refused; other dates, or another base, may still ask.
    await expect(again.bookings.request({ resourceId, startsOn: inDays(82), endsOn: inDays(90) })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(again.bookings.request({ resourceId, startsOn: inDays(83), endsOn: inDays(90) })).resolves.toMatchObject({ status: 'requested' });
    await expect((await api.as(third.manager.id)).bookings.request({ resourceId, startsOn: inDays(80), endsOn: inDays(82) })).resolves.toMatchObject({ status: 'requested' });
    // Once the first request is cancelled, the base may ask for those dates again.
    await again.bookings.cancel({ bookingId: rows[0]!.id });
    await expect(again.bookings.request({ resourceId, startsOn: inDays(80), endsOn: inDays(82) })).resolves.toMatchObject({ status: 'requested' });
  });

  it('takes dates from today up to two years ahead (Beijing calendar), not 9999-12-31', async () => {
    const resourceId = await publishedExhibit();
    const asker = await api.as((await seedManagedBase(api.db)).manager.id);
    const latest = latestBookingDate(beijingToday());
    await expect(asker.bookings.request({ resourceId, startsOn: inDays(1), endsOn: '9999-12-31' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: `只能预约 2 年内的日期，结束日期不能晚于 ${latest}`,
    });
    await expect(asker.bookings.request({ resourceId, startsOn: '9999-12-30', endsOn: '9999-12-31' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(asker.bookings.request({ resourceId, startsOn: latest, endsOn: latest })).resolves.toMatchObject({ status: 'requested' });
    await expect(asker.bookings.request({ resourceId, startsOn: beijingToday(), endsOn: beijingToday() })).resolves.toMatchObject({ status: 'requested' });
  });

  it("enforces the resource's own longest booking: 90 days are refused where 30 are allowed, 30 pass", async () => {
    const resourceId = await publishedExhibit({ maxBookingDays: 30 });
    const asker = await api.as((await seedManagedBase(api.db)).manager.id);
    await expect(asker.bookings.request({ resourceId, startsOn: inDays(100), endsOn: inDays(189) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '该资源每次最多借用 30 天，所选日期共 90 天，请缩短借用期',
    });
    await expect(asker.bookings.request({ resourceId, startsOn: inDays(100), endsOn: inDays(129) })).resolves.toMatchObject({ status: 'requested' });
    const page = await (await api.anonymous()).resources.get({ resourceId });
    expect(page.maxBookingDays).toBe(30);
  });

  it('refuses a longest booking outside 1–365 days with a Chinese message, and keeps an online address', async () => {
    const manager = await api.as(owner.manager.id);
    await expect(manager.resources.create({ ...EXHIBIT_FIELDS, maxBookingDays: 0, baseId: owner.base.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(manager.resources.create({ ...EXHIBIT_FIELDS, onlineUrl: 'javascript:alert(1)', baseId: owner.base.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const created = await manager.resources.create({ ...EXHIBIT_FIELDS, type: 'online', onlineUrl: 'https://example.org/expo', baseId: owner.base.id });
    await manager.resources.transition({ resourceId: created.id, action: 'publish' });
    expect((await (await api.anonymous()).resources.get({ resourceId: created.id })).onlineUrl).toBe('https://example.org/expo');
  });

  it("shows a requester their own pending and approved requests for a resource, not declined ones nor other bases'", async () => {
    const resourceId = await publishedExhibit();
    const mine = await seedManagedBase(api.db);
    const asker = await api.as(mine.manager.id);
    const lender = await api.as(owner.manager.id);
    const first = await asker.bookings.request({ resourceId, startsOn: inDays(200), endsOn: inDays(202) });
    const second = await asker.bookings.request({ resourceId, startsOn: inDays(210), endsOn: inDays(212) });
    const third_ = await asker.bookings.request({ resourceId, startsOn: inDays(220), endsOn: inDays(222) });
    await (await api.as(third.manager.id)).bookings.request({ resourceId, startsOn: inDays(230), endsOn: inDays(232) });
    await lender.bookings.approve({ bookingId: second.id });
    await lender.bookings.decline({ bookingId: third_.id });
    const listed = await asker.bookings.mineFor({ resourceId });
    expect(listed.map((b) => [b.id, b.status])).toEqual([
      [first.id, 'requested'],
      [second.id, 'approved'],
    ]);
    expect(listed[0]!.requesterBaseName).toBe(mine.base.name);
  });
});
