import { schema, type DbOrTx } from '@ssb/db';
import { pickFromWaitingList } from '@ssb/domain/registration-input';
import { and, asc, eq, sql } from 'drizzle-orm';
import { mailPromoted } from './mails.ts';
import { recordMove } from './moves.ts';

type LockedEvent = { id: string; title: string; startsAt: Date; endsAt: Date; place: string; capacity: number | null; heldSeats: number };

/**
 * Gives seats that have just been freed to the waiting list, in order of arrival, all or nothing per
 * entry. Runs inside the transaction that holds the event's row lock, so no registration slips in.
 */
export async function offerFreedSeats(tx: DbOrTx, event: LockedEvent, reason: string) {
  if (event.capacity === null) return [];
  const free = event.capacity - event.heldSeats;
  if (free <= 0) return [];
  const r = schema.eventRegistrations;
  const queue = await tx.select().from(r).where(and(eq(r.eventId, event.id), eq(r.status, 'waitlisted'))).orderBy(asc(r.seq));
  const picked = pickFromWaitingList(free, queue);
  if (picked.length === 0) return [];
  const now = new Date();
  for (const entry of picked) {
    await tx.update(r).set({ status: 'confirmed', confirmedAt: now, updatedAt: now }).where(eq(r.id, entry.id));
    await recordMove(tx, { registrationId: entry.id, eventId: event.id, from: 'waitlisted', to: 'confirmed', reason });
    await mailPromoted(tx, event, entry);
  }
  const seats = picked.reduce((sum, e) => sum + e.seats, 0);
  await tx.update(schema.baseEvents).set({ heldSeats: sql`${schema.baseEvents.heldSeats} + ${seats}` }).where(eq(schema.baseEvents.id, event.id));
  return picked;
}
