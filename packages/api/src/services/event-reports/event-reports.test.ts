import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schema } from '@ssb/db';
import { TEST_ENGINES } from '@ssb/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';
import { attachReportPhoto, findReportPhoto } from './report-photos.ts';
import { officeYearlyRecords } from './yearly-record.ts';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]), Buffer.alloc(9, 1), Buffer.from([0xff, 0xda, 0, 2]), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])]);
const GIF_NAMED_JPG = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(100, 1)]);

const DAY = 86400_000;
const at = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3600_000).toISOString().replace('Z', '+00:00');
const EVENT = { kind: 'lecture' as const, title: '走近科学家·院士讲座', description: '', place: '报告厅', audiences: ['secondary' as const], bookingInfo: '', capacity: 50 };
let phoneSeq = 13700000000;
// Events of the record run in the current Beijing year: a few days from now, moved into the past afterwards.
const thisYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

describe.each(TEST_ENGINES)('activity reports on %s', (engine) => {
  let api: TestApi;
  let host: Awaited<ReturnType<typeof seedManagedBase>>;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    host = await seedManagedBase(api.db);
  });
  afterAll(() => api?.close());

  /** An event people registered for and came to (2 pupils checked in, 3 walk-ins), then moved into the past. */
  async function heldEvent() {
    const manager = await api.as(host.manager.id);
    const created = await manager.events.create({ ...EVENT, startsAt: at(2), endsAt: at(2, 2), baseId: host.base.id, registrationEnabled: true, maxSeatsPerRegistration: 5 });
    await manager.events.publish({ eventId: created.id });
    const pupils = await (await api.anonymous('10.3.0.1')).events.register({ eventId: created.id, name: '张老师', phone: String(++phoneSeq), seats: 2, audience: 'secondary' });
    await (await api.anonymous('10.3.0.2')).events.register({ eventId: created.id, name: '刘女士', phone: String(++phoneSeq), seats: 1, audience: 'public' });
    await manager.events.checkIn({ eventId: created.id, code: pupils.code });
    await manager.events.addWalkIns({ eventId: created.id, count: 3 });
    // The event took place: it ended an hour ago (kept inside this year).
    const endsAt = new Date(Math.max(Date.now() - 3600_000, Date.parse(`${thisYear}-01-01T02:00:00+08:00`)));
    await api.db.update(schema.baseEvents).set({ startsAt: new Date(endsAt.getTime() - 2 * 3600_000), endsAt }).where(eq(schema.baseEvents.id, created.id));
    return { manager, eventId: created.id };
  }

  it('prefills the attendance from the door, needs a reason to state another, and keeps the version', async () => {
    const { manager, eventId } = await heldEvent();
    const form = await manager.eventReports.form({ eventId });
    expect(form).toMatchObject({ door: { checkedIn: 2, walkIns: 3, total: 5, youngPeople: 2 }, report: null, actions: ['file'] });
    const report = { eventId, version: null, attendance: 5, youngPeople: 2, audiences: ['secondary' as const], summary: '院士为同学们讲述了科学家精神。', links: [] };
    await expect(manager.eventReports.file({ ...report, attendance: 40 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '填报人数（40）与签到统计（5）不一致，请说明原因' });
    await expect(manager.eventReports.file({ ...report, youngPeople: 9 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(manager.eventReports.file({ ...report, links: [{ kind: 'press', title: '报道', url: 'javascript:alert(1)' }] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const filed = await manager.eventReports.file({ ...report, attendance: 40, youngPeople: 30, attendanceOverrideReason: '两个班级未报名直接到场，按班级名册清点' , links: [{ kind: 'new_media', title: '基地公众号推文', url: 'https://mp.weixin.qq.com/s/demo' }] });
    expect(filed).toMatchObject({ attendance: 40, attendanceOverrideReason: '两个班级未报名直接到场，按班级名册清点', version: 1 });
    await expect(manager.eventReports.file({ ...report, version: null })).rejects.toMatchObject({ code: 'CONFLICT' });
    // Back to the door's count: no reason needed, and none kept.
    const corrected = await manager.eventReports.file({ ...report, version: 1 });
    expect(corrected).toMatchObject({ attendance: 5, attendanceOverrideReason: null, version: 2 });
    // Photos are checked like every image: sniffed, not named; kept without metadata; seen by the host and the office.
    const viewer = { userId: host.manager.id, grants: [{ organizationId: host.organization.id, role: 'base_manager' }] };
    const temp = (bytes: Buffer, name: string) => {
      const path = join(api.filesDir, name);
      writeFileSync(path, bytes);
      return path;
    };
    await expect(attachReportPhoto(api, viewer, { eventId, name: 'fake.jpg', tempPath: temp(GIF_NAMED_JPG, 'report-gif') })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const withPhoto = await attachReportPhoto(api, viewer, { eventId, name: '现场.jpg', tempPath: temp(JPEG, 'report-jpg') });
    // This JPEG cannot be decoded, so it has no thumbnail; the photo is kept with the base that sent it.
    expect(withPhoto.photos).toEqual([{ key: expect.stringMatching(/\.jpg$/), name: '现场.jpg', baseId: host.base.id }]);
    const key = withPhoto.photos[0]!.key;
    expect(await findReportPhoto(api.db, viewer, eventId, key)).toMatchObject({ contentType: 'image/jpeg' });
    // The report of a published event of a base in the register is public, photos included.
    expect(await findReportPhoto(api.db, null, eventId, key)).toMatchObject({ isPublic: true, thumbnailKey: null });
    expect((await (await api.anonymous()).events.get({ eventId })).report).toMatchObject({ attendance: 5, photos: [{ key, url: `/files/event-reports/${eventId}/${key}`, hasThumb: false }] });
    await api.db.update(schema.bases).set({ status: 'revoked' }).where(eq(schema.bases.id, host.base.id));
    expect(await findReportPhoto(api.db, null, eventId, key)).toBeNull();
    expect(await findReportPhoto(api.db, viewer, eventId, key)).toMatchObject({ isPublic: false });
    await api.db.update(schema.bases).set({ status: 'active' }).where(eq(schema.bases.id, host.base.id));
    expect(await api.files.size(`event-reports/${eventId}/${key}`)).toBeGreaterThan(0);
    const audit = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, eventId));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['event_report.file', 'event_report.update', 'event_report.photo_add']));
    // Only the host's managers: another base cannot see or file it.
    const other = await seedManagedBase(api.db);
    await expect((await api.as(other.manager.id)).eventReports.form({ eventId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a report before the event has ended', async () => {
    const manager = await api.as(host.manager.id);
    const created = await manager.events.create({ ...EVENT, startsAt: at(5), endsAt: at(5, 2), baseId: host.base.id });
    await manager.events.publish({ eventId: created.id });
    expect((await manager.eventReports.form({ eventId: created.id })).actions).toEqual([]);
    await expect(manager.eventReports.file({ eventId: created.id, version: null, attendance: 0, youngPeople: 0, audiences: [], summary: '还没有举办的活动。。。', links: [] })).rejects.toMatchObject({ message: '活动结束后才能填写活动报告' });
    const mine = await manager.events.mine({ page: 1, pageSize: 20 });
    expect(mine.items.find((i) => i.id === created.id)?.mayReport).toBe(false);
  });

  it('adds up the yearly record from reports, falling back to the door for events without one', async () => {
    const base = await seedManagedBase(api.db);
    const manager = await api.as(base.manager.id);
    const make = async (title: string) => {
      const created = await manager.events.create({ ...EVENT, title, startsAt: at(2), endsAt: at(2, 2), baseId: base.base.id, registrationEnabled: true, maxSeatsPerRegistration: 5 });
      await manager.events.publish({ eventId: created.id });
      return created.id;
    };
    const reported = await make('有报告的活动');
    const unreported = await make('无报告的活动');
    const pupils = await (await api.anonymous('10.3.1.1')).events.register({ eventId: unreported, name: '赵老师', phone: String(++phoneSeq), seats: 4, audience: 'primary' });
    await manager.events.checkIn({ eventId: unreported, code: pupils.code });
    await manager.events.addWalkIns({ eventId: unreported, count: 6 });
    const endsAt = new Date(Math.max(Date.now() - 3600_000, Date.parse(`${thisYear}-01-01T02:00:00+08:00`)));
    for (const id of [reported, unreported]) await api.db.update(schema.baseEvents).set({ startsAt: new Date(endsAt.getTime() - 3600_000), endsAt }).where(eq(schema.baseEvents.id, id));
    await manager.eventReports.file({ eventId: reported, version: null, attendance: 120, youngPeople: 80, attendanceOverrideReason: '现场为开放展览，按闸机计数', audiences: ['secondary'], summary: '面向中学生的科学家精神展览导览。', links: [] });

    const record = await (await api.anonymous()).eventReports.baseRecord({ baseId: base.base.id, year: thisYear });
    expect(record).toEqual({ year: thisYear, eventsHeld: 2, reported: 1, peopleReached: 130, youngPeopleReached: 84, photos: [] });
    expect(await (await api.anonymous()).eventReports.baseRecord({ baseId: base.base.id, year: thisYear - 1 })).toMatchObject({ eventsHeld: 0, peopleReached: 0 });
    const office = await officeYearlyRecords(api.db, thisYear);
    expect(office.rows.find((r) => r.baseId === base.base.id)).toMatchObject({ eventsHeld: 2, peopleReached: 130, youngPeopleReached: 84 });
    expect(office.totals.peopleReached).toBeGreaterThanOrEqual(130);
  });

  it('lets an accepted co-host file its own part once the event is over, shown to the host, and no one else', async () => {
    const { manager, eventId } = await heldEvent();
    const cohost = await seedManagedBase(api.db);
    const invited = await seedManagedBase(api.db);
    await api.db.insert(schema.eventCohosts).values([
      { eventId, baseId: cohost.base.id, status: 'accepted', place: '分会场' },
      { eventId, baseId: invited.base.id, status: 'invited' },
    ]);
    const guest = await api.as(cohost.manager.id);
    expect((await guest.events.cohosting()).find((r) => r.eventId === eventId)?.actions).toEqual(['report']);
    const part = { eventId, baseId: cohost.base.id, attendance: 12, youngPeople: 10, summary: '分会场组织中学生参观院士手稿展。' };
    await expect(guest.eventReports.fileCohostPart({ ...part, youngPeople: 13 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const filed = await guest.eventReports.fileCohostPart(part);
    expect(filed).toMatchObject({ reportAttendance: 12, reportYoungPeople: 10, reportSummary: part.summary });
    await guest.eventReports.fileCohostPart({ ...part, attendance: 15 });
    // The host's report form shows the co-host's part; the host's own attendance is untouched.
    const form = await manager.eventReports.form({ eventId });
    expect(form.cohostParts).toEqual([{ baseId: cohost.base.id, baseName: cohost.base.name, attendance: 15, youngPeople: 10, summary: part.summary, reportedAt: expect.any(Date) }]);
    const told = await api.db.select().from(schema.notifications).where(eq(schema.notifications.userId, host.manager.id));
    expect(told.map((n) => n.title)).toContain('联合主办方提交了本方活动报告');
    const audit = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, eventId));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['event_report.cohost_file', 'event_report.cohost_update']));
    // An invitation not accepted, another base's id, or a base the caller does not manage: refused.
    await expect((await api.as(invited.manager.id)).eventReports.fileCohostPart({ ...part, baseId: invited.base.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(guest.eventReports.fileCohostPart({ ...part, baseId: invited.base.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Not before the event is over.
    const future = await manager.events.create({ ...EVENT, startsAt: at(5), endsAt: at(5, 2), baseId: host.base.id });
    await manager.events.publish({ eventId: future.id });
    await api.db.insert(schema.eventCohosts).values({ eventId: future.id, baseId: cohost.base.id, status: 'accepted' });
    expect((await guest.events.cohosting()).find((r) => r.eventId === future.id)?.actions).toEqual([]);
    await expect(guest.eventReports.fileCohostPart({ ...part, eventId: future.id })).rejects.toMatchObject({ message: '活动结束后才能填写活动报告' });
  });
});
