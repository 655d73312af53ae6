import { schema } from '@ssb/db';
import { TEST_ENGINES } from '@ssb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';
import { getBasePage, listBaseDirectory } from './public-bases.ts';

const PROFILE = {
  introduction: '以地质调查旧址为依托，展示老一辈地质学家野外工作的手稿与器材。',
  address: '北京市门头沟区示例路 1 号',
  openingHours: [{ weekday: 3, opens: '09:00', closes: '16:30' }],
  bookingInfo: '团体参观请提前三个工作日电话预约。',
  phone: '010-60000000',
  website: 'https://example.org',
  scientists: ['李四光'],
};

describe.each(TEST_ENGINES)('base profiles and the directory on %s', (engine) => {
  let api: TestApi;
  let a: Awaited<ReturnType<typeof seedManagedBase>>;
  let b: Awaited<ReturnType<typeof seedManagedBase>>;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    a = await seedManagedBase(api.db, { districtCode: '110109', category: '重大科技工程纪念馆（遗迹）' });
    b = await seedManagedBase(api.db, { districtCode: '110108', category: '科技馆', openingHours: [] });
    await seedManagedBase(api.db, { districtCode: '110105', status: 'revoked' });
  });
  afterAll(() => api?.close());

  it('lets a manager edit their own profile with a version check, queues search, and shows it publicly', async () => {
    const manager = await api.as(a.manager.id);
    const before = await manager.bases.profile({ baseId: a.base.id });
    const saved = await manager.bases.updateProfile({ ...PROFILE, baseId: a.base.id, version: before.version });
    expect(saved.version).toBe(before.version + 1);
    await expect(manager.bases.updateProfile({ ...PROFILE, address: '旧页面', baseId: a.base.id, version: before.version })).rejects.toMatchObject({ code: 'CONFLICT' });
    const page = await (await api.anonymous()).bases.page({ baseId: a.base.id });
    expect(page).toMatchObject({ address: PROFILE.address, bookingInfo: PROFILE.bookingInfo, districtName: '门头沟区', scientists: ['李四光'] });
    const queued = await api.db.select().from(schema.searchOutbox).where(and(eq(schema.searchOutbox.entity, 'base'), eq(schema.searchOutbox.entityId, a.base.id)));
    expect(queued).toHaveLength(1);
    await expect((await api.as(b.manager.id)).bases.profile({ baseId: a.base.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(manager.bases.updateProfile({ ...PROFILE, openingHours: [{ weekday: 1, opens: '18:00', closes: '09:00' }], baseId: a.base.id, version: saved.version })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('filters the directory by district, category and open now, and never lists revoked bases', async () => {
    const anonymous = await api.anonymous();
    const all = await anonymous.bases.directory({});
    expect(all.total).toBe(2);
    expect(all.districts).toEqual(expect.arrayContaining([{ code: '110109', count: 1 }, { code: '110108', count: 1 }]));
    expect((await anonymous.bases.directory({ district: ['110108'] })).items.map((x) => x.id)).toEqual([b.base.id]);
    expect((await anonymous.bases.directory({ category: ['重大科技工程纪念馆（遗迹）'] })).items.map((x) => x.id)).toEqual([a.base.id]);
    // Wednesday 10:00 in Beijing: only the base with Wednesday hours is open.
    const wednesdayMorning = new Date('2026-12-02T10:00:00+08:00');
    const open = await listBaseDirectory(api.db, { isOpenNow: true, page: 1, pageSize: 10 }, wednesdayMorning);
    expect(open.items.map((x) => x.id)).toEqual([a.base.id]);
    expect(open.items[0]!.isOpenNow).toBe(true);
    const paged = await anonymous.bases.directory({ pageSize: 1, page: 2 });
    expect(paged).toMatchObject({ total: 2, page: 2 });
    expect(paged.items).toHaveLength(1);
  });

  it('keeps closures (闭馆安排): 现在开放 leaves a closed day out, the page says so and lists those to come', async () => {
    const manager = await api.as(a.manager.id);
    const before = await manager.bases.profile({ baseId: a.base.id });
    const closures = [
      { startsOn: '2026-12-02', endsOn: '2026-12-03', note: '展厅改陈' },
      { startsOn: '2026-10-01', endsOn: '2026-10-07', note: '国庆假期闭馆' },
    ];
    const saved = await manager.bases.updateProfile({ ...PROFILE, closures, baseId: a.base.id, version: before.version });
    expect((await manager.bases.profile({ baseId: a.base.id })).closures).toEqual(closures);
    // A page that sends no closures keeps them.
    const kept = await manager.bases.updateProfile({ ...PROFILE, baseId: a.base.id, version: saved.version });
    expect((await manager.bases.profile({ baseId: a.base.id })).closures).toEqual(closures);

    const wednesdayMorning = new Date('2026-12-02T10:00:00+08:00');
    expect((await listBaseDirectory(api.db, { isOpenNow: true, page: 1, pageSize: 10 }, wednesdayMorning)).items).toEqual([]);
    const page = await getBasePage(api.db, a.base.id, wednesdayMorning);
    expect(page).toMatchObject({ isOpenNow: false, closedToday: closures[0] });
    // Past closures are not listed; the next Wednesday is open again.
    expect(page.closures).toEqual([closures[0]]);
    const nextWednesday = new Date('2026-12-09T10:00:00+08:00');
    expect((await listBaseDirectory(api.db, { isOpenNow: true, page: 1, pageSize: 10 }, nextWednesday)).items.map((x) => x.id)).toEqual([a.base.id]);
    expect(await getBasePage(api.db, a.base.id, nextWednesday)).toMatchObject({ isOpenNow: true, closedToday: null, closures: [] });

    await expect(manager.bases.updateProfile({ ...PROFILE, closures: [{ startsOn: '2026-12-09', endsOn: '2026-12-01', note: '倒置' }], baseId: a.base.id, version: kept.version })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(manager.bases.updateProfile({ ...PROFILE, closures: [{ startsOn: '2026-12-09', endsOn: '2026-12-10', note: '' }], baseId: a.base.id, version: kept.version })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
