import { randomUUID } from 'node:crypto';
import { schema, type Database, type DbOrTx } from '@ssb/db';
import { LIVE_REGISTRATION_STATUSES } from '@ssb/domain/event-registration';
import { isRegistrationOpen, type TEventRegister } from '@ssb/domain/registration-input';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { enforceRateLimits } from '../auth/rate-limit.ts';
import { isUniqueViolation } from '../auth/unique-violation.ts';
import { userError } from '../errors.ts';
import { registrationMail } from './mails.ts';
import { hashSecret, newDoorCode, newLinkSecret } from './secrets.ts';

/** Per client address: enough for a school office registering several classes, not for a script. */
export const REGISTRATION_RATE = { perIp: 20, perPhone: 5, windowSeconds: 3600 } as const;
const DUPLICATE = '该手机号已报名本活动。如需修改人数，请先取消原报名再重新报名';

/** The event row, locked: every change of its seats goes through this lock, so capacity is never exceeded. */
export async function lockEvent(tx: Parameters<Parameters<Database['transaction']>[0]>[0], eventId: string) {
  const [event] = await tx.select().from(schema.baseEvents).where(eq(schema.baseEvents.id, eventId)).for('update');
  return event ?? null;
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
type EventRow = typeof schema.baseEvents.$inferSelect;

/** Why an event refuses registrations now, or null when it takes them. */
function refusal(event: EventRow | undefined, seats: number, now: Date) {
  if (!event || event.status === 'draft') return userError('NOT_FOUND', '活动不存在或尚未发布');
  if (event.status === 'cancelled') return userError('BAD_REQUEST', '该活动已取消，不再接受报名');
  if (!event.registrationEnabled) return userError('BAD_REQUEST', '该活动不在平台上报名，请按活动介绍中的方式报名');
  if (!isRegistrationOpen(event, now)) return userError('BAD_REQUEST', event.registrationOpensAt && now < event.registrationOpensAt ? '报名尚未开始' : '报名已截止');
  if (seats > event.maxSeatsPerRegistration) return userError('BAD_REQUEST', `每次报名最多 ${event.maxSeatsPerRegistration} 人`);
  return null;
}

/**
 * Takes the event's row lock and, in the same statement when the seats fit, holds them: the lock is the
 * last thing taken, so it is held only for this, one insert and the commit. Returns the locked row and
 * whether the seats were held.
 */
async function lockAndHold(tx: Tx, eventId: string, seats: number) {
  const e = schema.baseEvents;
  const [held] = await tx
    .update(e)
    .set({ heldSeats: sql`${e.heldSeats} + ${seats}` })
    .where(and(eq(e.id, eventId), eq(e.status, 'published'), sql`(${e.capacity} is null or ${e.heldSeats} + ${seats} <= ${e.capacity})`))
    .returning();
  if (held) return { event: held, fits: true };
  return { event: (await lockEvent(tx, eventId)) ?? undefined, fits: false };
}

/**
 * A visitor registers without an account. Seats that fit in what is left are confirmed at once;
 * otherwise the registration waits, keeping the seats asked for, in order of arrival.
 *
 * Everything that needs no lock runs before it (rate limits, the early refusals, the duplicate phone,
 * a free door code); under the event's row lock only the seats, one statement writing the registration,
 * its move and its mail, and the commit. The unique indexes on (event, phone) and (event, code) still
 * hold the rules if two requests pass the early checks together.
 */
export async function registerForEvent(deps: Pick<ApiDeps, 'db' | 'config'>, request: { ip: string }, input: TEventRegister, now = new Date()) {
  await enforceRateLimits(deps.db, [
    { key: `registration:ip:${request.ip}`, limit: REGISTRATION_RATE.perIp, windowSeconds: REGISTRATION_RATE.windowSeconds },
    { key: `registration:phone:${input.phone}`, limit: REGISTRATION_RATE.perPhone, windowSeconds: REGISTRATION_RATE.windowSeconds },
  ]);
  const [seen] = await deps.db.select().from(schema.baseEvents).where(eq(schema.baseEvents.id, input.eventId));
  const early = refusal(seen, input.seats, now);
  if (early) throw early;
  const r = schema.eventRegistrations;
  const [taken] = await deps.db
    .select({ id: r.id })
    .from(r)
    .where(and(eq(r.eventId, input.eventId), eq(r.phone, input.phone), inArray(r.status, [...LIVE_REGISTRATION_STATUSES])));
  if (taken) throw userError('CONFLICT', DUPLICATE);
  const code = await freeCode(deps.db, input.eventId);
  const secret = newLinkSecret();
  const id = randomUUID();
  try {
    return await deps.db.transaction(async (tx) => {
      const { event, fits } = await lockAndHold(tx, input.eventId, input.seats);
      // Read again under the lock: the event may have been cancelled or closed meanwhile (the rollback undoes the hold).
      const late = refusal(event, input.seats, now);
      if (late) throw late;
      // Seats that fit are confirmed even if a larger party waits: the same rule as offers (a too-large entry is
      // skipped and keeps its place), so no seat stays empty that someone could have had.
      const status = fits ? ('confirmed' as const) : ('waitlisted' as const);
      const row = { id, eventId: event!.id, code, name: input.name, phone: input.phone, email: input.email || null, seats: input.seats, status };
      const mail = registrationMail(deps.config.publicUrl, event!, row, secret);
      const reason = status === 'confirmed' ? '报名成功' : '名额已满，进入候补';
      await tx.execute(sql`
        with registration as (
          insert into event_registrations (id, event_id, code, cancel_token_hash, name, phone, email, school_name, audience, seats, status, confirmed_at)
          values (${id}, ${event!.id}, ${code}, ${hashSecret(secret)}, ${input.name}, ${input.phone}, ${input.email || null}, ${input.schoolName || null},
                  ${input.audience ?? null}, ${input.seats}, ${status}, ${status === 'confirmed' ? now.toISOString() : null}::timestamptz)
          returning id),
        move as (
          insert into event_registration_moves (registration_id, event_id, from_status, to_status, reason)
          select id, ${event!.id}, null, ${status}, ${reason} from registration)
        insert into jobs (kind, payload)
        select 'mail.send', ${mail ? JSON.stringify(mail) : null}::jsonb from registration where ${mail !== null}`);
      return { status, code, registrationId: id, token: secret, seats: input.seats };
    });
  } catch (error) {
    // Two registrations with one phone at the same moment: the unique index refuses the second.
    if (isUniqueViolation(error)) throw userError('CONFLICT', DUPLICATE);
    throw error;
  }
}

async function freeCode(tx: DbOrTx, eventId: string) {
  for (;;) {
    const code = newDoorCode();
    const [used] = await tx
      .select({ id: schema.eventRegistrations.id })
      .from(schema.eventRegistrations)
      .where(and(eq(schema.eventRegistrations.eventId, eventId), eq(schema.eventRegistrations.code, code)));
    if (!used) return code;
  }
}
