import { schema, type Database } from '@ssb/db';
import { formatBeijingDateTime } from '@ssb/domain/time';
import { and, eq, sql } from 'drizzle-orm';
import type { ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { loadHostedEvent } from './host-access.ts';

/**
 * Checks a door code in, once: the update only matches a confirmed registration not yet checked in,
 * so two scanners at one door never count a person twice. A second scan says when it was used.
 */
export async function checkIn(db: Database, viewer: ManagerViewer, input: { eventId: string; code: string }, now = new Date()) {
  const event = await loadHostedEvent(db, viewer, input.eventId);
  const r = schema.eventRegistrations;
  const [done] = await db
    .update(r)
    .set({ checkedInAt: now, checkedInBy: viewer.userId, updatedAt: now })
    .where(and(eq(r.eventId, event.id), eq(r.code, input.code), eq(r.status, 'confirmed'), sql`${r.checkedInAt} is null`))
    .returning();
  if (done) return { result: 'checked_in' as const, name: done.name, seats: done.seats, schoolName: done.schoolName, checkedInAt: done.checkedInAt, attendance: await attendance(db, event.id) };
  const [row] = await db.select().from(r).where(and(eq(r.eventId, event.id), eq(r.code, input.code)));
  if (!row) throw userError('NOT_FOUND', `签到码 ${input.code} 不属于本活动`);
  if (row.checkedInAt) {
    return { result: 'already' as const, name: row.name, seats: row.seats, schoolName: row.schoolName, checkedInAt: row.checkedInAt, attendance: await attendance(db, event.id), message: `该签到码已于 ${formatBeijingDateTime(row.checkedInAt)} 签到` };
  }
  throw userError('BAD_REQUEST', row.status === 'waitlisted' ? '该报名仍在候补中，尚未获得名额' : '该报名已取消');
}

/** People at the door so far: checked-in seats plus walk-ins, each counted once. */
export async function attendance(db: Database, eventId: string) {
  const r = schema.eventRegistrations;
  const [row] = await db
    .select({ checkedIn: sql<number>`coalesce(sum(${r.seats}) filter (where ${r.checkedInAt} is not null), 0)::int`, walkIns: schema.baseEvents.walkIns })
    .from(schema.baseEvents)
    .leftJoin(r, eq(r.eventId, schema.baseEvents.id))
    .where(eq(schema.baseEvents.id, eventId))
    .groupBy(schema.baseEvents.walkIns);
  const checkedIn = Number(row?.checkedIn ?? 0);
  const walkIns = Number(row?.walkIns ?? 0);
  return { checkedIn, walkIns, total: checkedIn + walkIns };
}

/** People who came without registering, added at the door as a number. */
export async function addWalkIns(db: Database, viewer: ManagerViewer, input: { eventId: string; count: number }) {
  const event = await loadHostedEvent(db, viewer, input.eventId);
  await db.update(schema.baseEvents).set({ walkIns: sql`greatest(0, ${schema.baseEvents.walkIns} + ${input.count})` }).where(eq(schema.baseEvents.id, event.id));
  return attendance(db, event.id);
}
