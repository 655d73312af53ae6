import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';
import { REGISTRATION_RATE } from './register-for-event.ts';

const DAY = 86400_000;
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3600_000).toISOString().replace('Z', '+00:00');

// Rate limits are counted in SQL the same way on both engines; PGlite suffices.
describe('public registration is rate limited', () => {
  let api: TestApi;
  const eventIds: string[] = [];
  beforeAll(async () => {
    api = await createTestApi('pglite');
    await ensureReferenceData(api.db);
    const host = await seedManagedBase(api.db);
    const manager = await api.as(host.manager.id);
    for (let i = 0; i < REGISTRATION_RATE.perPhone + 1; i++) {
      const created = await manager.events.create({
        kind: 'lecture', title: `科学家故事会 第${i + 1}场`, description: '讲述科学家的故事。', startsAt: inDays(10 + i), endsAt: inDays(10 + i, 2),
        place: '报告厅', audiences: ['secondary'], bookingInfo: '', capacity: 100, baseId: host.base.id,
        registrationEnabled: true, registrationOpensAt: null, registrationClosesAt: null, maxSeatsPerRegistration: 5,
      });
      await manager.events.publish({ eventId: created.id });
      eventIds.push(created.id);
    }
  });
  afterAll(() => api?.close());

  it('per mobile number across events, from different addresses', async () => {
    const phone = '13912345678';
    for (const [i, eventId] of eventIds.slice(0, REGISTRATION_RATE.perPhone).entries()) {
      await (await api.anonymous(`10.9.0.${i + 1}`)).events.register({ eventId, name: '王老师', phone, seats: 1 });
    }
    await expect((await api.anonymous('10.9.1.1')).events.register({ eventId: eventIds.at(-1)!, name: '王老师', phone, seats: 1 }))
      .rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('操作过于频繁') });
  });

  it('per client address, whatever the numbers', async () => {
    const visitor = await api.anonymous('10.9.2.1');
    const attempts = [];
    for (let i = 0; i < REGISTRATION_RATE.perIp; i++) {
      attempts.push(await visitor.events.register({ eventId: eventIds[i % eventIds.length]!, name: '李老师', phone: `1370000${String(i).padStart(4, '0')}`, seats: 1 }).then(() => 'ok', (e: { code: string }) => e.code));
    }
    expect(attempts).not.toContain('TOO_MANY_REQUESTS');
    await expect(visitor.events.register({ eventId: eventIds[0]!, name: '李老师', phone: '13700009999', seats: 1 }))
      .rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });
});
