import { schema, type Database } from '@ssb/db';
import type { RegistrationStatus } from '@ssb/domain/event-registration';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { ManagerViewer } from '../base-profile/managed-bases.ts';
import { pageOffset, type TPage } from '../pagination.ts';
import { attendance } from './check-in.ts';
import { loadHostedEvent } from './host-access.ts';

/** Seats by state for one event (public figures, without anyone's data). */
export async function seatCounts(db: Pick<Database, 'select'>, eventId: string) {
  const r = schema.eventRegistrations;
  const [row] = await db
    .select({
      confirmedSeats: sql<number>`coalesce(sum(${r.seats}) filter (where ${r.status} = 'confirmed'), 0)::int`,
      waitlistedSeats: sql<number>`coalesce(sum(${r.seats}) filter (where ${r.status} = 'waitlisted'), 0)::int`,
    })
    .from(r)
    .where(eq(r.eventId, eventId));
  return { confirmedSeats: Number(row?.confirmedSeats ?? 0), waitlistedSeats: Number(row?.waitlistedSeats ?? 0) };
}

/** The host's list: registrants with their data, the waiting list in its order, and the door's count. */
export async function listRegistrations(db: Database, viewer: ManagerViewer, input: TPage & { eventId: string; status?: RegistrationStatus }) {
  const event = await loadHostedEvent(db, viewer, input.eventId);
  const r = schema.eventRegistrations;
  const where = and(eq(r.eventId, event.id), input.status ? eq(r.status, input.status) : undefined);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(r).where(where);
  const items = await db
    .select({ id: r.id, code: r.code, name: r.name, phone: r.phone, email: r.email, schoolName: r.schoolName, audience: r.audience, seats: r.seats, status: r.status, createdAt: r.createdAt, checkedInAt: r.checkedInAt, offerExpiresAt: r.offerExpiresAt, purgedAt: r.purgedAt })
    .from(r)
    .where(where)
    .orderBy(asc(r.seq))
    .limit(input.pageSize)
    .offset(pageOffset(input));
  return {
    event: { id: event.id, title: event.title, capacity: event.capacity, startsAt: event.startsAt, endsAt: event.endsAt, registrationEnabled: event.registrationEnabled },
    /** Set once registrants' names, phones and emails were deleted (the counts stay). */
    personalDataPurgedAt: event.personalDataPurgedAt,
    personalDataDays: event.personalDataDays,
    offerAcceptanceHours: event.offerAcceptanceHours,
    counts: await seatCounts(db, event.id),
    attendance: await attendance(db, event.id),
    total,
    page: input.page,
    pageSize: input.pageSize,
    items,
  };
}
