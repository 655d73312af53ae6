import { schema } from '@ssb/db';
import { TEST_ENGINES } from '@ssb/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { drainJobs } from '../jobs/queue.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';

const DAY = 86400_000;
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3600_000).toISOString().replace('Z', '+00:00');
const JOINT_ACTION = {
  kind: 'lecture' as const,
  title: '全国科技工作者日·科学家故事会',
  description: '讲述科学家的故事。',
  startsAt: inDays(10),
  endsAt: inDays(10, 2),
  place: '报告厅',
  audiences: ['secondary' as const],
  bookingInfo: '',
  registrationEnabled: true,
  registrationOpensAt: null as string | null,
  registrationClosesAt: null as string | null,
  maxSeatsPerRegistration: 5,
};
let phoneSeq = 13800000000;
const nextPhone = () => String(++phoneSeq);

describe.each(TEST_ENGINES)('event registration on %s', (engine) => {
  let api: TestApi;
  let host: Awaited<ReturnType<typeof seedManagedBase>>;
  let stranger: Awaited<ReturnType<typeof seedManagedBase>>;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    host = await seedManagedBase(api.db);
    stranger = await seedManagedBase(api.db);
  });
  afterAll(() => api?.close());

  async function openEvent(capacity: number, extra: Partial<typeof JOINT_ACTION> = {}) {
    const manager = await api.as(host.manager.id);
    const created = await manager.events.create({ ...JOINT_ACTION, ...extra, capacity, baseId: host.base.id });
    await manager.events.publish({ eventId: created.id });
    return created;
  }
  const register = async (eventId: string, seats: number, phone = nextPhone(), email?: string) =>
    (await api.anonymous(`10.1.${phoneSeq % 250}.${seats}`)).events.register({ eventId, name: '王老师', phone, seats, ...(email ? { email } : {}) });

  it('confirms while seats last, then waits in order; a cancellation gives the freed seats to the waiting list, skipping an entry too large', async () => {
    const event = await openEvent(6);
    const a = await register(event.id, 4, undefined, 'a@example.org');
    expect(a).toMatchObject({ status: 'confirmed', code: expect.stringMatching(/^[2-9A-HJKMNP-Z]{6}$/) });
    const b = await register(event.id, 3);
    const c = await register(event.id, 4);
    const d = await register(event.id, 2);
    // Two seats are left: b and c wait; d fits and is confirmed (no seat stays empty that someone could have).
    expect([b.status, c.status, d.status]).toEqual(['waitlisted', 'waitlisted', 'confirmed']);
    const anonymous = await api.anonymous();
    expect((await anonymous.events.get({ eventId: event.id })).registration).toMatchObject({ open: true, seatsLeft: 0, confirmedSeats: 6, waitlistedSeats: 7 });

    // a cancels: 4 seats free; b (3) fits first, c (4) no longer does and keeps its place.
    await anonymous.events.cancelRegistration({ registrationId: a.registrationId, token: a.token });
    const states = await api.db.select().from(schema.eventRegistrations).where(eq(schema.eventRegistrations.eventId, event.id));
    const status = (id: string) => states.find((s) => s.id === id)!.status;
    expect([status(a.registrationId), status(b.registrationId), status(c.registrationId), status(d.registrationId)]).toEqual(['cancelled', 'confirmed', 'waitlisted', 'confirmed']);
    const moves = await api.db.select().from(schema.eventRegistrationMoves).where(eq(schema.eventRegistrationMoves.eventId, event.id));
    expect(moves.filter((m) => m.toStatus === 'confirmed' && m.fromStatus === 'waitlisted').map((m) => m.reason)).toEqual(['4 个名额因取消空出，按候补顺序确认']);
    const [row] = await api.db.select().from(schema.baseEvents).where(eq(schema.baseEvents.id, event.id));
    expect(row!.heldSeats).toBe(5);
    // The link works once; the confirmation mail went out with the code.
    await expect(anonymous.events.cancelRegistration({ registrationId: a.registrationId, token: a.token })).rejects.toMatchObject({ code: 'CONFLICT' });
    await drainJobs(api);
    const mail = await api.db.query.mailLog.findFirst({ where: eq(schema.mailLog.to, 'a@example.org') });
    expect(mail?.body).toContain(a.code);
  });

  it('skips a waiting entry that does not fit and confirms a smaller one after it', async () => {
    const event = await openEvent(5);
    const a = await register(event.id, 2);
    await register(event.id, 3);
    const big = await register(event.id, 4);
    const small = await register(event.id, 1);
    expect((await (await api.anonymous()).events.registration(small)).status).toBe('waitlisted');
    await (await api.anonymous()).events.cancelRegistration({ registrationId: a.registrationId, token: a.token });
    const view = async (r: { registrationId: string; token: string }) => (await api.anonymous()).events.registration(r);
    expect((await view(big)).status).toBe('waitlisted');
    expect((await view(small)).status).toBe('confirmed');
  });

  it('refuses clearly: a second registration with one phone, too many seats, a closed window, a bad link', async () => {
    const event = await openEvent(30);
    const phone = nextPhone();
    await register(event.id, 1, phone);
    await expect(register(event.id, 1, phone)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('该手机号已报名') });
    await expect(register(event.id, 6)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '每次报名最多 5 人' });
    const later = await openEvent(30, { registrationOpensAt: inDays(3), registrationClosesAt: inDays(5) });
    await expect(register(later.id, 1)).rejects.toMatchObject({ message: '报名尚未开始' });
    await expect((await api.anonymous()).events.registration({ registrationId: later.id, token: 'x'.repeat(32) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect((await api.anonymous()).events.register({ eventId: event.id, name: '王', phone: '123', seats: 1 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('checks a code in once; a second scan says when; only the host’s managers see registrants', async () => {
    const event = await openEvent(10);
    const r = await register(event.id, 3);
    const manager = await api.as(host.manager.id);
    const first = await manager.events.checkIn({ eventId: event.id, code: r.code.toLowerCase() });
    expect(first).toMatchObject({ result: 'checked_in', seats: 3, attendance: { checkedIn: 3, walkIns: 0, total: 3 } });
    const again = await manager.events.checkIn({ eventId: event.id, code: r.code });
    expect(again).toMatchObject({ result: 'already', message: expect.stringMatching(/^该签到码已于 .+ 签到$/), attendance: { total: 3 } });
    expect(await manager.events.addWalkIns({ eventId: event.id, count: 4 })).toEqual({ checkedIn: 3, walkIns: 4, total: 7 });
    await expect(manager.events.checkIn({ eventId: event.id, code: 'ZZZZZZ' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const list = await manager.events.registrations({ eventId: event.id });
    expect(list.items[0]).toMatchObject({ phone: expect.stringMatching(/^1\d{10}$/), name: '王老师' });
    const other = await api.as(stranger.manager.id);
    await expect(other.events.registrations({ eventId: event.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(other.events.checkIn({ eventId: event.id, code: r.code })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('mails everyone still registered when the event is cancelled', async () => {
    const event = await openEvent(2);
    await register(event.id, 2, undefined, 'c1@example.org');
    await register(event.id, 1, undefined, 'c2@example.org');
    await (await api.as(host.manager.id)).events.cancel({ eventId: event.id, reason: '场馆临时检修' });
    await drainJobs(api);
    for (const to of ['c1@example.org', 'c2@example.org']) {
      const mails = await api.db.query.mailLog.findMany({ where: eq(schema.mailLog.to, to) });
      expect(mails.map((m) => m.subject)).toContain(`【活动取消】${JOINT_ACTION.title}`);
      expect(mails.find((m) => m.subject.startsWith('【活动取消】'))!.body).toContain('场馆临时检修');
    }
    await expect(register(event.id, 1)).rejects.toMatchObject({ message: '该活动已取消，不再接受报名' });
  });
});
