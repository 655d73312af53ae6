import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRouter, createCallerFactory, createContext, createEmlMailer } from '@ssb/api';
import { ensureReferenceData, seedManagedBase } from '@ssb/api/services/resources/fixtures';
import { schema } from '@ssb/db';
import { createTestDatabase } from '@ssb/db/testing';
import { createLocalFileStore } from '@ssb/storage';
import { eq, inArray } from 'drizzle-orm';
import { percentile } from './stats.ts';

/**
 * Issue 12 "registration surge": 1 000 visitors register at once, each from its own address and phone,
 * for 5 events with open registration (80 seats each, parties of 1–4) — capacity is never exceeded,
 * no unexpected error, p99. On PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, else PGlite.
 */
export async function registrationSurgeScenario() {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) process.env.TEST_DATABASE_URL = url;
  const handle = await createTestDatabase(url ? 'postgres' : 'pglite');
  const { db } = handle;
  await ensureReferenceData(db);
  const host = await seedManagedBase(db);
  const deps = { db, mailer: createEmlMailer(mkdtempSync(join(tmpdir(), 'bench-mail-'))), files: createLocalFileStore(mkdtempSync(join(tmpdir(), 'bench-files-'))), config: { publicUrl: 'http://localhost' } };
  const createCaller = createCallerFactory(appRouter);

  const eventsCount = 5;
  const capacityEach = 80;
  const calls = 1000;
  const startsAt = new Date(Date.now() + 7 * 86400_000);
  const events = await db
    .insert(schema.baseEvents)
    .values(
      Array.from({ length: eventsCount }, (_, i) => ({
        baseId: host.base.id,
        kind: 'lecture' as const,
        title: `压测报名活动${i + 1}`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
        place: '报告厅',
        capacity: capacityEach,
        status: 'published' as const,
        publishedAt: new Date(),
        registrationEnabled: true,
        maxSeatsPerRegistration: 4,
        createdBy: host.manager.id,
      })),
    )
    .returning({ id: schema.baseEvents.id });

  const visitors = await Promise.all(
    Array.from({ length: calls }, async (_, i) => {
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      const ctx = await createContext(deps, { sessionToken: null, cookies: { set() {}, clear() {} }, ip, userAgent: 'bench' });
      return createCaller(ctx);
    }),
  );

  const latencies: number[] = [];
  let confirmed = 0;
  let waitlisted = 0;
  let errors = 0;
  let firstError = '';
  const started = performance.now();
  await Promise.all(
    visitors.map(async (caller, i) => {
      const t0 = performance.now();
      try {
        const result = await caller.events.register({
          eventId: events[i % eventsCount]!.id,
          name: '压测访客',
          phone: `139${String(10_000_000 + i).padStart(8, '0')}`,
          email: i % 2 ? `visitor${i}@example.org` : '',
          seats: 1 + (i % 4),
        });
        if (result.status === 'confirmed') confirmed++;
        else waitlisted++;
      } catch (error) {
        errors++;
        firstError ||= (error as Error).message;
      } finally {
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);

  // One registration at a time on an idle event: what each costs without any queue, for comparison with p99.
  const [idle] = await db.insert(schema.baseEvents).values({ baseId: host.base.id, kind: 'lecture', title: '压测空闲活动', startsAt, endsAt: new Date(startsAt.getTime() + 7200_000), place: '报告厅', capacity: 100, status: 'published', publishedAt: new Date(), registrationEnabled: true, maxSeatsPerRegistration: 4, createdBy: host.manager.id }).returning({ id: schema.baseEvents.id });
  const serial: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await visitors[i]!.events.register({ eventId: idle!.id, name: '压测访客', phone: `137${String(10_000_000 + i).padStart(8, '0')}`, seats: 1 });
    serial.push(performance.now() - t0);
  }
  serial.sort((a, b) => a - b);

  const ids = events.map((e) => e.id);
  const rows = await db.select().from(schema.eventRegistrations).where(inArray(schema.eventRegistrations.eventId, ids));
  let confirmedSeats = 0;
  let overfilled = 0;
  let heldMismatch = 0;
  for (const id of ids) {
    const seats = rows.filter((r) => r.eventId === id && r.status === 'confirmed').reduce((sum, r) => sum + r.seats, 0);
    confirmedSeats += seats;
    overfilled += Math.max(0, seats - capacityEach);
    const [event] = await db.select({ heldSeats: schema.baseEvents.heldSeats }).from(schema.baseEvents).where(eq(schema.baseEvents.id, id));
    if (event!.heldSeats !== seats) heldMismatch++;
  }
  await handle.close();
  return {
    scenario: 'registration-surge',
    engine: url ? 'postgres' : 'pglite',
    calls,
    events: eventsCount,
    confirmed_registrations: confirmed,
    waitlisted_registrations: waitlisted,
    confirmed_seats: confirmedSeats,
    capacity: eventsCount * capacityEach,
    overfilled,
    held_seats_mismatch: heldMismatch,
    errors,
    ...(firstError ? { first_error: firstError } : {}),
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
    calls_per_s: Math.round(calls / seconds),
    serial_p50_ms: percentile(serial, 50),
    bar_p99_ms: 300,
  };
}
