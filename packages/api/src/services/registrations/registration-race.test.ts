import { schema } from '@ssb/db';
import { pickFromWaitingList } from '@ssb/domain/registration-input';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';
import { cancelRegistration } from './own-registration.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().replace('Z', '+00:00');

// PGlite runs one statement at a time, so registrations only race on real PostgreSQL.
describe.skipIf(!process.env.TEST_DATABASE_URL)('registrations racing for 30 seats on PostgreSQL (set TEST_DATABASE_URL; PGlite cannot interleave them)', () => {
  let api: TestApi;
  let eventId = '';
  beforeAll(async () => {
    api = await createTestApi('postgres');
    await ensureReferenceData(api.db);
    const host = await seedManagedBase(api.db);
    const manager = await api.as(host.manager.id);
    const event = await manager.events.create({
      kind: 'lecture', title: '并发报名测试', description: '', startsAt: inDays(5), endsAt: inDays(5.1), place: '报告厅', audiences: [], bookingInfo: '',
      capacity: 30, registrationEnabled: true, registrationOpensAt: null, registrationClosesAt: null, maxSeatsPerRegistration: 4, baseId: host.base.id,
    });
    await manager.events.publish({ eventId: event.id });
    eventId = event.id;
  });
  afterAll(() => api?.close());

  const rows = () => api.db.select().from(schema.eventRegistrations).where(eq(schema.eventRegistrations.eventId, eventId)).orderBy(asc(schema.eventRegistrations.seq));
  const held = async () => (await api.db.select().from(schema.baseEvents).where(eq(schema.baseEvents.id, eventId)))[0]!.heldSeats;
  /** No waiting entry could fill the seats that are left: the list is as tight as the rule allows. */
  const noFillableGap = (all: Awaited<ReturnType<typeof rows>>) => {
    const confirmed = all.filter((r) => r.status === 'confirmed').reduce((s, r) => s + r.seats, 0);
    return pickFromWaitingList(30 - confirmed, all.filter((r) => r.status === 'waitlisted')).length === 0;
  };

  it('200 parallel registrations with mixed seats never exceed 30 confirmed seats, leave no seat a waiting entry could fill, and the rest wait in order', async () => {
    const callers = await Promise.all(Array.from({ length: 200 }, (_, i) => api.anonymous(`10.9.${Math.floor(i / 200)}.${i}`)));
    const outcomes = await Promise.allSettled(callers.map((c, i) => c.events.register({ eventId, name: '并发报名', phone: String(13900000000 + i), seats: 1 + (i % 4) })));
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const all = await rows();
    const confirmed = all.filter((r) => r.status === 'confirmed').reduce((s, r) => s + r.seats, 0);
    expect(confirmed).toBeLessThanOrEqual(30);
    expect(await held()).toBe(confirmed);
    expect(noFillableGap(all)).toBe(true);
    // Everyone waiting asked for more seats than are left, and they wait in the order they came.
    const waiting = all.filter((r) => r.status === 'waitlisted');
    expect(waiting.length).toBeGreaterThan(100);
    expect(waiting.every((r) => r.seats > 30 - confirmed)).toBe(true);
    expect(waiting.map((r) => r.seq)).toEqual([...waiting.map((r) => r.seq)].sort((a, b) => a - b));
  });

  it('parallel cancellations and registrations never over-fill, and the list stays tight', async () => {
    const confirmed = (await rows()).filter((r) => r.status === 'confirmed').slice(0, 6);
    const cancels = confirmed.map((r) => cancelRegistration(api.db, 'http://localhost', { registrationId: r.id, reason: '并发取消', actorUserId: null }));
    const callers = await Promise.all(Array.from({ length: 40 }, (_, i) => api.anonymous(`10.8.0.${i}`)));
    const joins = callers.map((c, i) => c.events.register({ eventId, name: '后来者', phone: String(13700000000 + i), seats: 1 + (i % 3) }));
    const outcomes = await Promise.allSettled([...cancels, ...joins]);
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const all = await rows();
    const seats = all.filter((r) => r.status === 'confirmed').reduce((s, r) => s + r.seats, 0);
    expect(seats).toBeLessThanOrEqual(30);
    expect(await held()).toBe(seats);
    expect(noFillableGap(all)).toBe(true);
  });
});
