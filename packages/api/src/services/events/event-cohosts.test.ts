import { schema } from '@ssb/db';
import { seedOrganization } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';

const DAY = 86400_000;
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3600_000).toISOString().replace('Z', '+00:00');
const EVENT = { kind: 'lecture' as const, title: '联合科普讲座', description: '', startsAt: inDays(5), endsAt: inDays(5, 2), place: '报告厅', audiences: ['public' as const], capacity: 50, bookingInfo: '' };

describe.each(TEST_ENGINES)('co-hosted events on %s', (engine) => {
  let api: TestApi;
  let host: Awaited<ReturnType<typeof seedManagedBase>>;
  let accepting: Awaited<ReturnType<typeof seedManagedBase>>;
  let declining: Awaited<ReturnType<typeof seedManagedBase>>;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    host = await seedManagedBase(api.db);
    accepting = await seedManagedBase(api.db);
    declining = await seedManagedBase(api.db);
  });
  afterAll(() => api?.close());

  it('shows the public only the co-hosts that accepted, after telling each invited base', async () => {
    const hostManager = await api.as(host.manager.id);
    const event = await hostManager.events.create({ ...EVENT, baseId: host.base.id });
    await hostManager.events.publish({ eventId: event.id });
    await hostManager.events.inviteCohost({ eventId: event.id, baseId: accepting.base.id });
    await hostManager.events.inviteCohost({ eventId: event.id, baseId: declining.base.id });
    await expect(hostManager.events.inviteCohost({ eventId: event.id, baseId: accepting.base.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(hostManager.events.inviteCohost({ eventId: event.id, baseId: host.base.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const notices = await api.db.select().from(schema.notifications).where(eq(schema.notifications.userId, accepting.manager.id));
    expect(notices.map((n) => n.title)).toContain('联合主办邀请');

    const anonymous = await api.anonymous();
    const before = await anonymous.events.forBase({ baseId: host.base.id });
    expect(before.items.find((e) => e.id === event.id)?.cohosts).toEqual([]);

    const guest = await api.as(accepting.manager.id);
    expect((await guest.events.cohosting()).map((r) => [r.eventId, r.status])).toEqual([[event.id, 'invited']]);
    await guest.events.respondCohost({ eventId: event.id, baseId: accepting.base.id, accept: true });
    await expect(guest.events.respondCohost({ eventId: event.id, baseId: accepting.base.id, accept: false, reason: '改变主意' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const decliner = await api.as(declining.manager.id);
    await expect(decliner.events.respondCohost({ eventId: event.id, baseId: declining.base.id, accept: false })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await decliner.events.respondCohost({ eventId: event.id, baseId: declining.base.id, accept: false, reason: '当天场馆闭馆检修' });

    const after = await anonymous.events.forBase({ baseId: host.base.id });
    expect(after.items.find((e) => e.id === event.id)?.cohosts.map((c) => c.baseId)).toEqual([accepting.base.id]);
    const browse = await anonymous.events.browse({});
    expect(browse.items.find((e) => e.id === event.id)?.cohosts.map((c) => c.baseName)).toEqual([accepting.base.name]);
    const seen = await hostManager.events.cohosts({ eventId: event.id });
    expect(seen.map((c) => [c.status, c.declineReason])).toEqual([
      ['accepted', null],
      ['declined', '当天场馆闭馆检修'],
    ]);
    const told = await api.db.select().from(schema.notifications).where(eq(schema.notifications.userId, host.manager.id));
    expect(told.map((n) => n.title)).toEqual(expect.arrayContaining(['联合主办邀请已接受', '联合主办邀请被谢绝']));
    expect(told.find((n) => n.title === '联合主办邀请被谢绝')?.body).toContain('当天场馆闭馆检修');
    const audit = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, event.id));
    expect(audit.find((a) => a.action === 'event.cohost.declined')?.data).toMatchObject({ baseId: declining.base.id, reason: '当天场馆闭馆检修' });
  });

  it('searches every active named base on the server, paged, without the host, those already invited, or lapsed bases', async () => {
    const owner = await seedOrganization(api.db, { name: '检索测试单位' });
    await api.db.insert(schema.bases).values(
      Array.from({ length: 55 }, (_, i) => ({ number: `检索-${i + 100}`, organizationId: owner.id, name: `检索基地${i + 100}`, batchYear: 2023, category: '科技馆', districtCode: '110108', namedOn: '2023-05-30', validUntil: '2028-05-29' })),
    );
    await api.db.insert(schema.bases).values({ number: '检索-撤销', organizationId: owner.id, name: '检索基地已撤销', batchYear: 2022, category: '科技馆', districtCode: '110108', namedOn: '2022-05-30', validUntil: '2027-05-29', status: 'revoked' });
    const hostManager = await api.as(host.manager.id);
    const event = await hostManager.events.create({ ...EVENT, title: '检索联合主办', baseId: host.base.id });
    const first = await hostManager.events.cohostCandidates({ eventId: event.id, q: '检索基地' });
    expect(first).toMatchObject({ total: 55, page: 1, pageSize: 20 });
    expect(first.items).toHaveLength(20);
    const last = await hostManager.events.cohostCandidates({ eventId: event.id, q: '检索基地', page: 3 });
    expect(last.items.map((b) => b.name)).toEqual(Array.from({ length: 15 }, (_, i) => `检索基地${i + 140}`));
    // Beyond the directory's first 50: the 55th is found by name and by register number.
    const far = await hostManager.events.cohostCandidates({ eventId: event.id, q: '检索基地154' });
    expect(far.items.map((b) => b.number)).toEqual(['检索-154']);
    await hostManager.events.inviteCohost({ eventId: event.id, baseId: far.items[0]!.id });
    expect((await hostManager.events.cohostCandidates({ eventId: event.id, q: '检索-154' })).total).toBe(0);
    expect((await hostManager.events.cohostCandidates({ eventId: event.id, q: '检索基地' })).total).toBe(54);
    const all = await hostManager.events.cohostCandidates({ eventId: event.id, pageSize: 50 });
    expect(all.items.some((b) => b.id === host.base.id)).toBe(false);
    // LIKE wildcards are searched as text.
    expect((await hostManager.events.cohostCandidates({ eventId: event.id, q: '%' })).total).toBe(0);
    await expect((await api.as(accepting.manager.id)).events.cohostCandidates({ eventId: event.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets a co-host edit its own place and seats but not the host’s event, and refuses strangers', async () => {
    const hostManager = await api.as(host.manager.id);
    const event = await hostManager.events.create({ ...EVENT, title: '分会场活动', baseId: host.base.id });
    await hostManager.events.inviteCohost({ eventId: event.id, baseId: accepting.base.id });
    const guest = await api.as(accepting.manager.id);
    await expect(guest.events.updateCohostPart({ eventId: event.id, baseId: accepting.base.id, place: '分会场', seats: 10 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await guest.events.respondCohost({ eventId: event.id, baseId: accepting.base.id, accept: true });
    const part = await guest.events.updateCohostPart({ eventId: event.id, baseId: accepting.base.id, place: '分会场', seats: 10 });
    expect(part).toMatchObject({ place: '分会场', seats: 10 });
    await expect(guest.events.update({ ...EVENT, title: '改名', eventId: event.id, version: event.version })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(guest.events.respondCohost({ eventId: event.id, baseId: declining.base.id, accept: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const audit = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, event.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['event.cohost.invite', 'event.cohost.accepted', 'event.cohost.update']));
  });
});
