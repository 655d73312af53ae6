import { schema, type DbOrTx } from '@ssb/db';
import { isRegistrationOpen } from '@ssb/domain/registration-input';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { PUBLIC_BASE_STATUSES } from '../base-profile/public-bases.ts';
import { publicReportOf } from '../event-reports/public-report.ts';
import { userError } from '../errors.ts';
import { seatCounts } from './list-registrations.ts';

/** One public event with where its registration stands: open or not, seats left, how many wait. */
export async function getPublicEvent(db: DbOrTx, eventId: string, now = new Date()) {
  const e = schema.baseEvents;
  const [row] = await db
    .select({ event: e, baseName: schema.bases.name, districtCode: schema.bases.districtCode })
    .from(e)
    .innerJoin(schema.bases, eq(schema.bases.id, e.baseId))
    .where(and(eq(e.id, eventId), ne(e.status, 'draft'), inArray(schema.bases.status, [...PUBLIC_BASE_STATUSES])));
  if (!row) throw userError('NOT_FOUND', '未找到该活动，或其尚未发布');
  const { event } = row;
  const cohosts = await db
    .select({ baseId: schema.bases.id, name: schema.bases.name })
    .from(schema.eventCohosts)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.eventCohosts.baseId))
    .where(and(eq(schema.eventCohosts.eventId, event.id), eq(schema.eventCohosts.status, 'accepted')));
  const counts = await seatCounts(db, event.id);
  return {
    id: event.id,
    baseId: event.baseId,
    baseName: row.baseName,
    districtCode: row.districtCode,
    allianceId: event.allianceId,
    cohosts,
    kind: event.kind,
    title: event.title,
    description: event.description,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    place: event.place,
    audiences: event.audiences,
    capacity: event.capacity,
    bookingInfo: event.bookingInfo,
    status: event.status,
    cancelReason: event.cancelReason,
    report: await publicReportOf(db, event),
    registration: {
      enabled: event.registrationEnabled,
      open: isRegistrationOpen(event, now),
      opensAt: event.registrationOpensAt,
      closesAt: event.registrationClosesAt ?? event.startsAt,
      maxSeats: event.maxSeatsPerRegistration,
      seatsLeft: event.capacity === null ? null : Math.max(0, event.capacity - event.heldSeats),
      ...counts,
    },
  };
}
