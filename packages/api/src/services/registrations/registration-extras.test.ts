import { schema } from '@ssb/db';
import { TEST_ENGINES } from '@ssb/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';

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
});
