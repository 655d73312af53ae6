import { schema, type Database } from '@ssb/db';
import { personalDataDueAt, REMINDER_HOURS_BEFORE, reminderWindowOpens } from '@ssb/domain/registration-input';
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { mailOfferExpired, mailReminder } from './mails.ts';
import { recordMove } from './moves.ts';
import { offerFreedSeats } from './offer-freed-seats.ts';
import { lockEvent } from './register-for-event.ts';

const r = schema.eventRegistrations;
const e = schema.baseEvents;

/**
 * Offers not accepted by their deadline lapse: their seats are let go, and go on to the next in line
 * (unless the event has begun). One transaction per event, under its row lock.
 */
export async function expireOffers(db: Database, publicUrl: string, now = new Date()) {
  const due = await db.selectDistinct({ eventId: r.eventId }).from(r).where(and(eq(r.status, 'offered'), lte(r.offerExpiresAt, now)));
  let expired = 0;
  for (const { eventId } of due) {
    expired += await db.transaction(async (tx) => {
      const event = (await lockEvent(tx, eventId))!;
      const lapsed = await tx
        .update(r)
        .set({ status: 'expired', updatedAt: now })
        .where(and(eq(r.eventId, eventId), eq(r.status, 'offered'), lte(r.offerExpiresAt, now)))
        .returning();
      if (lapsed.length === 0) return 0;
      const seats = lapsed.reduce((sum, x) => sum + x.seats, 0);
      for (const row of lapsed) {
        await recordMove(tx, { registrationId: row.id, eventId, from: 'offered', to: 'expired', reason: '未在时限内接受候补名额，名额顺延' });
        await mailOfferExpired(tx, event, row);
      }
      await tx.update(e).set({ heldSeats: sql`${e.heldSeats} - ${seats}` }).where(eq(e.id, eventId));
      if (event.status === 'published' && now < event.startsAt) {
        await offerFreedSeats(tx, { ...event, heldSeats: event.heldSeats - seats }, `${seats} 个名额因候补者未按时接受空出，按候补顺序确认`, { publicUrl, now });
      }
      return lapsed.length;
    });
  }
  return expired;
}

/**
 * The day-before reminder, to those confirmed who registered before the reminder window opened (someone
 * who signed up an hour ago needs no reminder). Claimed by setting `reminder_sent_at`, so never twice.
 */
export async function sendReminders(db: Database, now = new Date()) {
  const soon = await db
    .select()
    .from(e)
    .where(and(eq(e.status, 'published'), eq(e.registrationEnabled, true), gt(e.startsAt, now), lte(e.startsAt, new Date(now.getTime() + REMINDER_HOURS_BEFORE * 3600_000))));
  let sent = 0;
  for (const event of soon) {
    await db.transaction(async (tx) => {
      const claimed = await tx
        .update(r)
        .set({ reminderSentAt: now })
        .where(and(eq(r.eventId, event.id), eq(r.status, 'confirmed'), isNull(r.reminderSentAt), lte(r.createdAt, reminderWindowOpens(event.startsAt))))
        .returning();
      for (const row of claimed) await mailReminder(tx, event, row);
      sent += claimed.length;
    });
  }
  return sent;
}

/**
 * The set number of days after an event ends, its registrants' names, phones and emails are deleted;
 * seats, states, check-ins and the school's name stay, so every count and report still adds up.
 */
export async function purgePersonalData(db: Database, now = new Date()) {
  const candidates = await db
    .select({ id: e.id, endsAt: e.endsAt, personalDataDays: e.personalDataDays })
    .from(e)
    .where(and(isNull(e.personalDataPurgedAt), lte(e.endsAt, now)));
  const due = candidates.filter((c) => personalDataDueAt(c.endsAt, c.personalDataDays) <= now).map((c) => c.id);
  let purged = 0;
  for (const eventId of due) {
    await db.transaction(async (tx) => {
      const rows = await tx.update(r).set({ name: null, phone: null, email: null, purgedAt: now, updatedAt: now }).where(and(eq(r.eventId, eventId), isNull(r.purgedAt))).returning({ id: r.id });
      await tx.update(e).set({ personalDataPurgedAt: now }).where(eq(e.id, eventId));
      await appendAudit(tx, { actorUserId: null, action: 'registration.purge', entityType: 'base_event', entityId: eventId, data: { registrations: rows.length } });
      purged += rows.length;
    });
  }
  return { events: due.length, registrations: purged };
}

/** The periodic sweep the job queue runs: lapsed offers, day-before reminders, personal data past its time. */
export async function runRegistrationSweep(db: Database, publicUrl: string, now = new Date()) {
  const expired = await expireOffers(db, publicUrl, now);
  const reminded = await sendReminders(db, now);
  const purged = await purgePersonalData(db, now);
  return { expired, reminded, purged };
}

/** Queues one sweep unless one is already waiting (the server calls this every few minutes). */
export async function enqueueRegistrationSweep(db: Database) {
  const [pending] = await db
    .select({ id: schema.jobs.id })
    .from(schema.jobs)
    .where(and(eq(schema.jobs.kind, 'registrations.sweep'), isNull(schema.jobs.doneAt), isNull(schema.jobs.failedAt)))
    .limit(1);
  if (!pending) await db.insert(schema.jobs).values({ kind: 'registrations.sweep', payload: {} });
}

/** Often enough that an offer lapses within minutes of its deadline. */
export const REGISTRATION_SWEEP_EVERY_MS = 5 * 60_000;
