import { schema } from '@ssb/db';
import { TEST_ENGINES } from '@ssb/db/testing';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { drainJobs } from '../jobs/queue.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';
import { exportRegistrations } from './export-registrations.ts';
import { expireOffers, purgePersonalData, sendReminders } from './sweep.ts';

const DAY = 86400_000;
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3600_000).toISOString().replace('Z', '+00:00');
const EVENT = {
  kind: 'lecture' as const,
  title: '科学家精神宣讲会',
  description: '讲述科学家的故事。',
  startsAt: inDays(10),
  endsAt: inDays(10, 2),
  place: '报告厅',
  audiences: ['secondary' as const],
  bookingInfo: '',
};
let phoneSeq = 13900000000;
const nextPhone = () => String(++phoneSeq);

describe.each(TEST_ENGINES)('registration extras on %s', (engine) => {
  let api: TestApi;
  let host: Awaited<ReturnType<typeof seedManagedBase>>;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    host = await seedManagedBase(api.db);
  });
  afterAll(() => api?.close());

  const eventRow = async (id: string) => (await api.db.select().from(schema.baseEvents).where(eq(schema.baseEvents.id, id)))[0]!;

  it('keeps the registration settings when an update leaves them out', async () => {
    const manager = await api.as(host.manager.id);
    const created = await manager.events.create({ ...EVENT, capacity: 20, baseId: host.base.id, registrationEnabled: true, maxSeatsPerRegistration: 4, offerAcceptanceHours: 12, personalDataDays: 20 });
    const saved = await manager.events.update({ ...EVENT, title: '科学家精神宣讲会（改）', capacity: 20, eventId: created.id, version: created.version });
    expect(saved).toMatchObject({ title: '科学家精神宣讲会（改）', registrationEnabled: true, maxSeatsPerRegistration: 4, offerAcceptanceHours: 12, personalDataDays: 20 });
    // The rules are checked on the settings as they will be stored: registration needs a capacity.
    await expect(manager.events.update({ ...EVENT, capacity: null, eventId: created.id, version: saved.version })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '在平台报名需要设定名额' });
    const off = await manager.events.update({ ...EVENT, capacity: 20, registrationEnabled: false, eventId: created.id, version: saved.version });
    expect((await eventRow(off.id)).registrationEnabled).toBe(false);
  });

  async function openEvent(capacity: number, extra: Record<string, unknown> = {}) {
    const manager = await api.as(host.manager.id);
    const created = await manager.events.create({ ...EVENT, capacity, baseId: host.base.id, registrationEnabled: true, maxSeatsPerRegistration: 5, ...extra });
    return manager.events.publish({ eventId: created.id });
  }
  const register = async (eventId: string, seats: number, email?: string) =>
    (await api.anonymous(`10.2.${phoneSeq % 250}.${seats}`)).events.register({ eventId, name: '李老师', phone: nextPhone(), seats, ...(email ? { email } : {}) });
  const rowOf = async (id: string) => (await api.db.select().from(schema.eventRegistrations).where(eq(schema.eventRegistrations.id, id)))[0]!;
  const mailsTo = async (to: string) => {
    await drainJobs(api);
    return api.db.query.mailLog.findMany({ where: eq(schema.mailLog.to, to) });
  };
  /** The link an offer mail carries (it replaces the earlier one). */
  const linkIn = (body: string) => {
    const [, registrationId, token] = /registration\/([0-9a-f-]{36})\?token=([\w-]+)/.exec(body)!;
    return { registrationId: registrationId!, token: token! };
  };

  it('offers freed seats to the next in line, who accepts by the mailed link; a decline passes them on', async () => {
    const event = await openEvent(3, { offerAcceptanceHours: 12 });
    const a = await register(event.id, 3);
    const b = await register(event.id, 2, 'offer-b@example.org');
    const c = await register(event.id, 1, 'offer-c@example.org');
    const anonymous = await api.anonymous();
    await anonymous.events.cancelRegistration({ registrationId: a.registrationId, token: a.token });
    // b and c are offered the seats, held for them: nobody else gets them meanwhile.
    expect((await rowOf(b.registrationId)).status).toBe('offered');
    expect((await rowOf(c.registrationId)).status).toBe('offered');
    expect((await eventRow(event.id)).heldSeats).toBe(3);
    expect((await register(event.id, 1)).status).toBe('waitlisted');
    const offerB = (await mailsTo('offer-b@example.org')).find((m) => m.subject.startsWith('【活动报名】候补名额待您确认'))!;
    expect(offerB.body).toMatch(/请在 .+（北京时间）前打开下面的链接接受/);
    const linkB = linkIn(offerB.body);
    // The earlier link stops working; the offer's link shows the deadline and the two choices.
    await expect(anonymous.events.registration(b)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const view = await anonymous.events.registration(linkB);
    expect(view).toMatchObject({ status: 'offered', actions: ['accept', 'decline'], offerExpiresAt: expect.any(Date) });
    expect((await anonymous.events.acceptOffer(linkB)).status).toBe('confirmed');
    const linkC = linkIn((await mailsTo('offer-c@example.org')).find((m) => m.subject.startsWith('【活动报名】候补名额待您确认'))!.body);
    await anonymous.events.declineOffer(linkC);
    expect((await rowOf(c.registrationId)).status).toBe('cancelled');
    const moves = await api.db.select().from(schema.eventRegistrationMoves).where(eq(schema.eventRegistrationMoves.eventId, event.id));
    expect(moves.map((m) => `${m.fromStatus}→${m.toStatus}:${m.reason}`)).toEqual(
      expect.arrayContaining([
        'waitlisted→offered:3 个名额因取消空出，按候补顺序保留名额，待报名人接受',
        'offered→confirmed:报名人接受候补名额',
        'offered→cancelled:报名人放弃候补名额',
        'waitlisted→offered:1 个名额因放弃空出，按候补顺序保留名额，待报名人接受',
      ]),
    );
    expect((await eventRow(event.id)).heldSeats).toBe(3);
  });

  it('lets an offer not accepted in time lapse, and gives its seats to the next in line', async () => {
    const event = await openEvent(2, { offerAcceptanceHours: 2 });
    const a = await register(event.id, 2);
    const b = await register(event.id, 2, 'late-b@example.org');
    const c = await register(event.id, 2, 'late-c@example.org');
    const anonymous = await api.anonymous();
    await anonymous.events.cancelRegistration({ registrationId: a.registrationId, token: a.token });
    const linkB = linkIn((await mailsTo('late-b@example.org')).find((m) => m.subject.startsWith('【活动报名】候补名额待您确认'))!.body);
    // Too early: nothing lapses.
    expect(await expireOffers(api.db, 'http://localhost', new Date(Date.now() + 3600_000))).toBe(0);
    const later = new Date(Date.now() + 3 * 3600_000);
    expect(await expireOffers(api.db, 'http://localhost', later)).toBe(1);
    expect(await expireOffers(api.db, 'http://localhost', later)).toBe(0);
    expect([(await rowOf(b.registrationId)).status, (await rowOf(c.registrationId)).status]).toEqual(['expired', 'offered']);
    expect((await eventRow(event.id)).heldSeats).toBe(2);
    await expect(anonymous.events.acceptOffer(linkB)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await mailsTo('late-b@example.org')).map((m) => m.subject)).toContain(`【活动报名】候补名额已过期：${EVENT.title}`);
    const [move] = await api.db.select().from(schema.eventRegistrationMoves).where(eq(schema.eventRegistrationMoves.registrationId, b.registrationId)).orderBy(schema.eventRegistrationMoves.seq).offset(2);
    expect(move).toMatchObject({ fromStatus: 'offered', toStatus: 'expired', reason: '未在时限内接受候补名额，名额顺延' });
  });

  it('without acceptance hours, freed seats are still confirmed at once', async () => {
    const event = await openEvent(1);
    const a = await register(event.id, 1);
    const b = await register(event.id, 1);
    await (await api.anonymous()).events.cancelRegistration({ registrationId: a.registrationId, token: a.token });
    expect((await rowOf(b.registrationId)).status).toBe('confirmed');
  });

  it('reminds the day before, once, only those who registered before the window; tells everyone when the event moves', async () => {
    const startsAt = inDays(3);
    const event = await openEvent(10, { startsAt, endsAt: inDays(3, 2) });
    const early = await register(event.id, 1, 'early@example.org');
    const late = await register(event.id, 1, 'late@example.org');
    // "late" registered inside the last day before the event: no reminder for them.
    await api.db.update(schema.eventRegistrations).set({ createdAt: new Date(Date.parse(startsAt) - 12 * 3600_000) }).where(eq(schema.eventRegistrations.id, late.registrationId));
    const dayBefore = new Date(Date.parse(startsAt) - 20 * 3600_000);
    expect(await sendReminders(api.db, new Date(Date.parse(startsAt) - 30 * 3600_000))).toBe(0);
    expect(await sendReminders(api.db, dayBefore)).toBe(1);
    expect(await sendReminders(api.db, new Date(dayBefore.getTime() + 3600_000))).toBe(0);
    const reminders = (await mailsTo('early@example.org')).filter((m) => m.subject.startsWith('【活动提醒】'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body).toContain(early.code);
    expect((await mailsTo('late@example.org')).some((m) => m.subject.startsWith('【活动提醒】'))).toBe(false);

    const manager = await api.as(host.manager.id);
    const [newStart, newEnd] = [inDays(4), inDays(4, 2)];
    const moved = await manager.events.update({ ...EVENT, startsAt: newStart, endsAt: newEnd, place: '二号展厅', capacity: 10, eventId: event.id, version: event.version });
    expect(moved.movedAt).toBeInstanceOf(Date);
    for (const to of ['early@example.org', 'late@example.org']) {
      const notice = (await mailsTo(to)).find((m) => m.subject.startsWith('【活动变更】'));
      expect(notice?.body).toContain('新地点：二号展厅');
      expect(notice?.body).toContain('原地点：报告厅');
    }
    // The new date gets its own reminder.
    expect((await rowOf(early.registrationId)).reminderSentAt).toBeNull();
    // A save that changes neither time nor place tells no one.
    await manager.events.update({ ...EVENT, startsAt: newStart, endsAt: newEnd, place: '二号展厅', title: '科学家精神宣讲会·续', capacity: 10, eventId: event.id, version: moved.version });
    expect((await mailsTo('early@example.org')).filter((m) => m.subject.startsWith('【活动变更】'))).toHaveLength(1);
  });

  it('exports registrations, the waiting list and attendance as xlsx for the host only', async () => {
    const event = await openEvent(3);
    const a = await register(event.id, 3, 'xlsx@example.org');
    await api.db.update(schema.eventRegistrations).set({ schoolName: '北京市第一中学' }).where(eq(schema.eventRegistrations.id, a.registrationId));
    await register(event.id, 2);
    const manager = await api.as(host.manager.id);
    await manager.events.checkIn({ eventId: event.id, code: a.code });
    await manager.events.addWalkIns({ eventId: event.id, count: 4 });
    const viewer = { userId: host.manager.id, grants: [{ organizationId: host.organization.id, role: 'base_manager' }] };
    const { fileName, file } = await exportRegistrations(api, viewer, event.id);
    expect(fileName).toBe('科学家精神宣讲会-报名名单.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const list = workbook.getWorksheet('报名名单')!;
    expect(list.getRow(3).values).toEqual(expect.arrayContaining(['签到码', '姓名', '手机号码', '人数', '状态']));
    const first = list.getRow(4);
    expect([first.getCell(2).value, first.getCell(3).value, first.getCell(5).value, first.getCell(6).value, first.getCell(8).value, first.getCell(9).value]).toEqual([a.code, '李老师', 'xlsx@example.org', '北京市第一中学', 3, '已确认']);
    expect(String(first.getCell(11).value)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const waiting = workbook.getWorksheet('候补名单')!;
    expect(waiting.getRow(4).getCell(8).value).toBe(2);
    expect(waiting.getRow(5).getCell(1).value ?? null).toBeNull();
    const totals = Object.fromEntries(workbook.getWorksheet('签到统计')!.getSheetValues().filter(Boolean).map((row) => [(row as unknown[])[1], (row as unknown[])[2]]));
    expect(totals).toMatchObject({ 已确认人数: 3, 候补人数: 2, '签到人数（报名）': 3, 现场登记人数: 4, 实到人数合计: 7 });
    const stranger = await seedManagedBase(api.db);
    await expect(exportRegistrations(api, { userId: stranger.manager.id, grants: [{ organizationId: stranger.organization.id, role: 'base_manager' }] }, event.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deletes registrants’ names, phones and emails the set days after the event, keeping the counts', async () => {
    const event = await openEvent(10, { personalDataDays: 7 });
    const a = await register(event.id, 3, 'purge@example.org');
    await register(event.id, 2);
    const manager = await api.as(host.manager.id);
    await manager.events.checkIn({ eventId: event.id, code: a.code });
    const endsAt = Date.parse(EVENT.endsAt);
    expect((await purgePersonalData(api.db, new Date(endsAt + 6 * DAY))).registrations).toBe(0);
    const done = await purgePersonalData(api.db, new Date(endsAt + 8 * DAY));
    expect(done.registrations).toBeGreaterThanOrEqual(2);
    const row = await rowOf(a.registrationId);
    expect(row).toMatchObject({ name: null, phone: null, email: null, seats: 3, status: 'confirmed', purgedAt: expect.any(Date) });
    expect(row.checkedInAt).toBeInstanceOf(Date);
    const list = await manager.events.registrations({ eventId: event.id });
    expect(list).toMatchObject({ personalDataPurgedAt: expect.any(Date), counts: { confirmedSeats: 5 }, attendance: { checkedIn: 3 } });
    expect(list.items.every((i) => i.name === null && i.phone === null)).toBe(true);
    // The host's workbook says the data was removed and still adds up.
    const viewer = { userId: host.manager.id, grants: [{ organizationId: host.organization.id, role: 'base_manager' }] };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportRegistrations(api, viewer, event.id)).file as unknown as ArrayBuffer);
    expect(String(workbook.getWorksheet('报名名单')!.getCell('A2').value)).toContain('报名人个人信息已于');
    expect(workbook.getWorksheet('报名名单')!.getRow(4).getCell(3).value).toBe('');
    const audit = await api.db.query.auditLog.findMany({ where: eq(schema.auditLog.entityId, event.id) });
    expect(audit.map((x) => x.action)).toContain('registration.purge');
  });
});
