import { schema, type DbOrTx } from '@ssb/db';
import { offerDeadline, pickFromWaitingList } from '@ssb/domain/registration-input';
import { and, asc, eq, sql } from 'drizzle-orm';
import { mailOffer, mailPromoted } from './mails.ts';
import { recordMove } from './moves.ts';
import { hashSecret, newLinkSecret } from './secrets.ts';

type LockedEvent = { id: string; title: string; startsAt: Date; endsAt: Date; place: string; capacity: number | null; heldSeats: number; offerAcceptanceHours: number | null };

/**
 * Gives seats that have just been freed to the waiting list, in order of arrival, all or nothing per
 * entry. Runs inside the transaction that holds the event's row lock, so no registration slips in.
 * Without acceptance hours the seats are confirmed at once; with them, each picked entry is offered
 * the seats (held for it) and must accept before its deadline — the offer mail carries a fresh link.
 */
export async function offerFreedSeats(tx: DbOrTx, event: LockedEvent, reason: string, options: { publicUrl: string; now?: Date }) {
  if (event.capacity === null) return [];
  const free = event.capacity - event.heldSeats;
  if (free <= 0) return [];
  const r = schema.eventRegistrations;
  const queue = await tx.select().from(r).where(and(eq(r.eventId, event.id), eq(r.status, 'waitlisted'))).orderBy(asc(r.seq));
  const picked = pickFromWaitingList(free, queue);
  if (picked.length === 0) return [];
  const now = options.now ?? new Date();
  const expiresAt = event.offerAcceptanceHours ? offerDeadline(now, event.offerAcceptanceHours, event.startsAt) : null;
  for (const entry of picked) {
    if (expiresAt) {
      // The earlier link's secret is replaced by the one this mail carries (only its hash is stored).
      const secret = newLinkSecret();
      await tx.update(r).set({ status: 'offered', offeredAt: now, offerExpiresAt: expiresAt, cancelTokenHash: hashSecret(secret), updatedAt: now }).where(eq(r.id, entry.id));
      await recordMove(tx, { registrationId: entry.id, eventId: event.id, from: 'waitlisted', to: 'offered', reason: `${reason.replace(/确认$/, '')}保留名额，待报名人接受` });
      await mailOffer(tx, options.publicUrl, event, entry, secret, expiresAt);
    } else {
      await tx.update(r).set({ status: 'confirmed', confirmedAt: now, updatedAt: now }).where(eq(r.id, entry.id));
      await recordMove(tx, { registrationId: entry.id, eventId: event.id, from: 'waitlisted', to: 'confirmed', reason });
      await mailPromoted(tx, event, entry);
    }
  }
  const seats = picked.reduce((sum, e) => sum + e.seats, 0);
  await tx.update(schema.baseEvents).set({ heldSeats: sql`${schema.baseEvents.heldSeats} + ${seats}` }).where(eq(schema.baseEvents.id, event.id));
  return picked;
}
