import { TEST_ENGINES } from '@ssb/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';

/** A Beijing wall-clock time as the portal sends it. */
const beijing = (day: string, time: string) => `${day}T${time}:00+08:00`;
const thisYear = new Date().getUTCFullYear();
const next = `${thisYear + 1}`;

const EVENT = { description: '', place: '报告厅', capacity: null, bookingInfo: '' };

describe.each(TEST_ENGINES)('the public events page on %s', (engine) => {
  let api: TestApi;
  let haidian: Awaited<ReturnType<typeof seedManagedBase>>;
  let yanqing: Awaited<ReturnType<typeof seedManagedBase>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    haidian = await seedManagedBase(api.db, { districtCode: '110108' });
    yanqing = await seedManagedBase(api.db, { districtCode: '110119' });
    const publish = async (key: string, owner: typeof haidian, fields: Record<string, unknown>) => {
      const manager = await api.as(owner.manager.id);
      const created = await manager.events.create({ ...EVENT, baseId: owner.base.id, ...fields } as never);
      await manager.events.publish({ eventId: created.id });
      ids[key] = created.id;
    };
    await publish('lecture', haidian, { kind: 'lecture', title: '海淀科学家讲座', startsAt: beijing(`${next}-03-10`, '09:00'), endsAt: beijing(`${next}-03-10`, '11:00'), audiences: ['secondary'] });
    await publish('tour', yanqing, { kind: 'study_tour', title: '延庆研学之旅', startsAt: beijing(`${next}-03-12`, '08:00'), endsAt: beijing(`${next}-03-13`, '17:00'), audiences: ['primary', 'teachers'] });
    await publish('exhibition', yanqing, { kind: 'exhibition', title: '延庆长期展览', startsAt: beijing(`${next}-01-01`, '09:00'), endsAt: beijing(`${next}-06-30`, '17:00'), audiences: ['public'] });
    // A draft is never shown.
    const manager = await api.as(haidian.manager.id);
    ids.draft = (await manager.events.create({ ...EVENT, baseId: haidian.base.id, kind: 'lecture', title: '未发布的草稿', startsAt: beijing(`${next}-03-11`, '09:00'), endsAt: beijing(`${next}-03-11`, '10:00'), audiences: [] })).id;
  });
  afterAll(() => api?.close());

  const browse = async (input: Record<string, unknown>) => (await (await api.anonymous()).events.browse(input)).items.map((e) => e.id);

  it('lists upcoming published events soonest first, with their base and district, never drafts', async () => {
    const anonymous = await api.anonymous();
    const page = await anonymous.events.browse({});
    const mine = page.items.filter((e) => Object.values(ids).includes(e.id));
    expect(mine.map((e) => e.id)).toEqual([ids.exhibition, ids.lecture, ids.tour]);
    expect(mine.find((e) => e.id === ids.tour)).toMatchObject({ baseName: yanqing.base.name, districtCode: '110119' });
    expect(page.items.map((e) => e.id)).not.toContain(ids.draft);
  });

  it('narrows by Beijing days: an event running across the range counts, one ending before it does not', async () => {
    const onTwelfth = await browse({ from: `${next}-03-12`, to: `${next}-03-12` });
    expect(onTwelfth).toEqual(expect.arrayContaining([ids.tour, ids.exhibition]));
    expect(onTwelfth).not.toContain(ids.lecture);
    // The lecture is at 09:00 Beijing time on the 10th, which is still the 9th in UTC: days are Beijing's.
    expect(await browse({ from: `${next}-03-10`, to: `${next}-03-10` })).toEqual(expect.arrayContaining([ids.lecture]));
    expect(await browse({ from: `${next}-03-09`, to: `${next}-03-09` })).not.toContain(ids.lecture);
  });

  it('narrows by district, audience and kind', async () => {
    const inYanqing = await browse({ district: '110119' });
    expect(inYanqing).toEqual(expect.arrayContaining([ids.tour, ids.exhibition]));
    expect(inYanqing).not.toContain(ids.lecture);
    expect(await browse({ audience: 'teachers' })).toEqual([ids.tour]);
    expect(await browse({ kind: 'lecture', district: '110108' })).toEqual([ids.lecture]);
  });

  it('refuses a range that ends before it starts, or a day that is not one, with a Chinese message', async () => {
    const anonymous = await api.anonymous();
    await expect(anonymous.events.browse({ from: `${next}-03-12`, to: `${next}-03-01` })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(anonymous.events.browse({ from: '99999-01-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
