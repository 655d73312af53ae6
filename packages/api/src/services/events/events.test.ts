import { schema } from '@ssb/db';
import { TEST_ENGINES } from '@ssb/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';

const DAY = 86400_000;
/** An ISO instant `days` (and `hours`) from now, with an explicit offset as the procedures require. */
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3600_000).toISOString().replace('Z', '+00:00');

const LECTURE = {
  kind: 'lecture' as const,
  title: '科学家故事分享会',
  description: '讲解员讲述科学家的成长故事。\n讲座后可自由参观。',
  startsAt: inDays(7),
  endsAt: inDays(7, 2),
  place: '一号报告厅',
  audiences: ['secondary' as const, 'public' as const],
  capacity: 80,
  bookingInfo: '拨打 010-69800001 预约',
};

describe.each(TEST_ENGINES)('base events on %s', (engine) => {
  let api: TestApi;
  let owner: Awaited<ReturnType<typeof seedManagedBase>>;
  let other: Awaited<ReturnType<typeof seedManagedBase>>;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    owner = await seedManagedBase(api.db);
    other = await seedManagedBase(api.db);
  });
  afterAll(() => api?.close());

  const auditOf = (id: string) => api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, id));

  it('creates a draft that only its managers see, then publishes it onto the base page and the home list', async () => {
    const manager = await api.as(owner.manager.id);
    const anonymous = await api.anonymous();
    const created = await manager.events.create({ ...LECTURE, baseId: owner.base.id });
    expect(created).toMatchObject({ status: 'draft', version: 1, actions: ['publish'], isEditable: true, capacity: 80 });
    expect(created.startsAt.toISOString()).toBe(new Date(LECTURE.startsAt).toISOString());
    expect((await anonymous.events.forBase({ baseId: owner.base.id })).items.map((e) => e.id)).not.toContain(created.id);
    expect((await manager.events.mine({})).items.map((e) => e.id)).toContain(created.id);

    const published = await manager.events.publish({ eventId: created.id });
    expect(published).toMatchObject({ status: 'published', actions: ['cancel'], version: 2 });
    const page = await anonymous.events.forBase({ baseId: owner.base.id });
    expect(page.items.find((e) => e.id === created.id)).toMatchObject({ title: LECTURE.title, place: LECTURE.place, bookingInfo: LECTURE.bookingInfo, status: 'published', audiences: ['secondary', 'public'] });
    const home = await anonymous.events.upcoming({ limit: 20 });
    expect(home.find((e) => e.id === created.id)).toMatchObject({ baseName: owner.base.name });
    expect((await auditOf(created.id)).map((a) => a.action)).toEqual(['event.publish']);
  });

  it('keeps a cancelled event public, marked cancelled with its reason, and refuses to edit or reopen it', async () => {
    const manager = await api.as(owner.manager.id);
    const created = await manager.events.create({ ...LECTURE, title: '将被取消的开放日', kind: 'open_day', baseId: owner.base.id });
    await expect(manager.events.cancel({ eventId: created.id, reason: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await manager.events.publish({ eventId: created.id });
    const cancelled = await manager.events.cancel({ eventId: created.id, reason: '展厅检修，改期另行通知' });
    expect(cancelled).toMatchObject({ status: 'cancelled', actions: [], isEditable: false });

    const shown = (await (await api.anonymous()).events.forBase({ baseId: owner.base.id })).items.find((e) => e.id === created.id);
    expect(shown).toMatchObject({ status: 'cancelled', cancelReason: '展厅检修，改期另行通知' });
    await expect(manager.events.update({ ...LECTURE, eventId: created.id, version: cancelled.version })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('已取消') });
    await expect(manager.events.publish({ eventId: created.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const audit = await auditOf(created.id);
    expect(audit.map((a) => a.action)).toEqual(['event.publish', 'event.cancel']);
    expect(audit[1]!.data).toMatchObject({ reason: '展厅检修，改期另行通知', from: 'published', to: 'cancelled' });
  });

  it('detects a concurrent edit instead of overwriting it', async () => {
    const manager = await api.as(owner.manager.id);
    const created = await manager.events.create({ ...LECTURE, baseId: owner.base.id });
    const first = await manager.events.update({ ...LECTURE, eventId: created.id, version: created.version, place: '二号报告厅' });
    expect(first.version).toBe(created.version + 1);
    await expect(manager.events.update({ ...LECTURE, eventId: created.id, version: created.version, place: '三号报告厅' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await manager.events.edit({ eventId: created.id })).place).toBe('二号报告厅');
  });

  it('refuses an event ending before it starts, in Chinese, beside the end field', async () => {
    const manager = await api.as(owner.manager.id);
    await expect(manager.events.create({ ...LECTURE, endsAt: inDays(6), baseId: owner.base.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: expect.objectContaining({ issues: [expect.objectContaining({ path: ['endsAt'], message: '结束时间不能早于开始时间' })] }),
    });
  });

  it('refuses to publish or cancel an event that is over, and to publish for a revoked base', async () => {
    const manager = await api.as(owner.manager.id);
    const over = await manager.events.create({ ...LECTURE, startsAt: inDays(-3), endsAt: inDays(-3, 2), baseId: owner.base.id });
    expect(over.actions).toEqual([]);
    await expect(manager.events.publish({ eventId: over.id })).rejects.toMatchObject({ message: '活动已经结束，不能再发布' });
    // Nor to cancel one that is over: it happened.
    const [pastPublished] = await api.db
      .insert(schema.baseEvents)
      .values({ ...LECTURE, baseId: owner.base.id, startsAt: new Date(inDays(-3)), endsAt: new Date(inDays(-3, 2)), status: 'published', publishedAt: new Date(inDays(-10)) })
      .returning();
    await expect(manager.events.cancel({ eventId: pastPublished!.id })).rejects.toMatchObject({ message: '活动已经结束，无需取消' });
    expect((await manager.events.edit({ eventId: pastPublished!.id })).actions).toEqual([]);
    const revoked = await seedManagedBase(api.db, { status: 'revoked' });
    const revokedManager = await api.as(revoked.manager.id);
    const draft = await revokedManager.events.create({ ...LECTURE, baseId: revoked.base.id });
    await expect(revokedManager.events.publish({ eventId: draft.id })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('撤销') });
    await expect((await api.anonymous()).events.forBase({ baseId: revoked.base.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("lets no manager see or touch another base's events, nor create in another base", async () => {
    const manager = await api.as(owner.manager.id);
    const intruder = await api.as(other.manager.id);
    const created = await manager.events.create({ ...LECTURE, baseId: owner.base.id });
    await expect(intruder.events.edit({ eventId: created.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(intruder.events.update({ ...LECTURE, eventId: created.id, version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(intruder.events.publish({ eventId: created.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(intruder.events.cancel({ eventId: created.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(intruder.events.create({ ...LECTURE, baseId: owner.base.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await intruder.events.mine({})).items.map((e) => e.id)).not.toContain(created.id);
    const row = await api.db.select().from(schema.baseEvents).where(eq(schema.baseEvents.id, created.id));
    expect(row[0]).toMatchObject({ status: 'draft', version: 1 });
  });
});

describe.each(TEST_ENGINES)('public event lists on %s', (engine) => {
  let api: TestApi;
  let base: Awaited<ReturnType<typeof seedManagedBase>>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    base = await seedManagedBase(api.db);
    const rectifying = await seedManagedBase(api.db, { status: 'rectification' });
    const expired = await seedManagedBase(api.db, { status: 'expired' });
    const at = (days: number) => new Date(Date.now() + days * DAY);
    const rows = [
      { key: 'later', baseId: base.base.id, startsAt: at(20), endsAt: at(20.1), status: 'published' as const },
      { key: 'soon', baseId: base.base.id, startsAt: at(2), endsAt: at(2.1), status: 'published' as const },
      { key: 'running', baseId: base.base.id, startsAt: at(-5), endsAt: at(30), status: 'published' as const },
      { key: 'cancelled', baseId: base.base.id, startsAt: at(4), endsAt: at(4.1), status: 'cancelled' as const },
      { key: 'draft', baseId: base.base.id, startsAt: at(1), endsAt: at(1.1), status: 'draft' as const },
      { key: 'lastMonth', baseId: base.base.id, startsAt: at(-30), endsAt: at(-29.9), status: 'published' as const },
      { key: 'lastWeek', baseId: base.base.id, startsAt: at(-7), endsAt: at(-6.9), status: 'published' as const },
      { key: 'rectifying', baseId: rectifying.base.id, startsAt: at(3), endsAt: at(3.1), status: 'published' as const },
      { key: 'expiredBase', baseId: expired.base.id, startsAt: at(1), endsAt: at(1.1), status: 'published' as const },
    ];
    for (const { key, ...row } of rows) {
      const [inserted] = await api.db
        .insert(schema.baseEvents)
        .values({ ...row, kind: 'lecture', title: key, place: '报告厅', publishedAt: row.status === 'draft' ? null : at(-40) })
        .returning({ id: schema.baseEvents.id });
      ids[inserted!.id] = key;
    }
  });
  afterAll(() => api?.close());

  const keys = (items: Array<{ id: string }>) => items.map((e) => ids[e.id]);

  it("lists a base's events not yet over, soonest first, running ones and cancelled ones included, drafts never", async () => {
    const anonymous = await api.anonymous();
    const page = await anonymous.events.forBase({ baseId: base.base.id });
    expect(keys(page.items)).toEqual(['running', 'soon', 'cancelled', 'later']);
    expect(page.total).toBe(4);
  });

  it('pages through them, and lists past ones latest first when asked', async () => {
    const anonymous = await api.anonymous();
    const second = await anonymous.events.forBase({ baseId: base.base.id, page: 2, pageSize: 3 });
    expect(keys(second.items)).toEqual(['later']);
    expect(second.total).toBe(4);
    expect(keys((await anonymous.events.forBase({ baseId: base.base.id, past: true })).items)).toEqual(['lastWeek', 'lastMonth']);
  });

  it('gives the home page the next events of bases still in the register, up to the limit', async () => {
    const anonymous = await api.anonymous();
    expect(keys(await anonymous.events.upcoming({ limit: 3 }))).toEqual(['running', 'soon', 'rectifying']);
    const all = keys(await anonymous.events.upcoming());
    expect(all).not.toContain('expiredBase');
    expect(all).not.toContain('draft');
    expect(all).not.toContain('lastWeek');
  });
});
