import { schema, type DbOrTx } from '@ssb/db';
import { LIVE_REGISTRATION_STATUSES } from '@ssb/domain/event-registration';
import { and, eq, inArray } from 'drizzle-orm';
import { mailMoved } from './mails.ts';

type Facts = { id: string; title: string; startsAt: Date; endsAt: Date; place: string };

/**
 * A published event's time or place changed: everyone still holding a place or waiting is mailed the old
 * and the new, and a reminder already sent goes out again before the new date.
 */
export async function tellRegistrantsOfMove(tx: DbOrTx, event: Facts, before: Facts) {
  const r = schema.eventRegistrations;
  const live = await tx.select().from(r).where(and(eq(r.eventId, event.id), inArray(r.status, [...LIVE_REGISTRATION_STATUSES])));
  for (const registration of live) await mailMoved(tx, event, before, registration);
  if (event.startsAt.getTime() !== before.startsAt.getTime()) await tx.update(r).set({ reminderSentAt: null }).where(eq(r.eventId, event.id));
  return live.length;
}
