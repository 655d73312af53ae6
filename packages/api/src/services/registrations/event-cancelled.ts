import { schema, type DbOrTx } from '@ssb/db';
import { LIVE_REGISTRATION_STATUSES } from '@ssb/domain/event-registration';
import { and, eq, inArray } from 'drizzle-orm';
import { mailCancelledEvent } from './mails.ts';

/** Everyone still holding a place or waiting is mailed when the event is called off; their rows stay as they were. */
export async function tellRegistrantsOfCancellation(tx: DbOrTx, event: { id: string; title: string; startsAt: Date; endsAt: Date; place: string; cancelReason: string | null }) {
  const r = schema.eventRegistrations;
  const live = await tx.select().from(r).where(and(eq(r.eventId, event.id), inArray(r.status, [...LIVE_REGISTRATION_STATUSES])));
  for (const registration of live) await mailCancelledEvent(tx, event, registration);
  return live.length;
}
