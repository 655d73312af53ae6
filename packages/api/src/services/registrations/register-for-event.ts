import { schema, type Database } from '@ssb/db';
import { LIVE_REGISTRATION_STATUSES } from '@ssb/domain/event-registration';
import { isRegistrationOpen, type TEventRegister } from '@ssb/domain/registration-input';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { enforceRateLimits } from '../auth/rate-limit.ts';
import { isUniqueViolation } from '../auth/unique-violation.ts';
import { userError } from '../errors.ts';
import { mailRegistration } from './mails.ts';
import { recordMove } from './moves.ts';
import { hashSecret, newDoorCode, newLinkSecret } from './secrets.ts';

/** Per client address: enough for a school office registering several classes, not for a script. */
export const REGISTRATION_RATE = { perIp: 20, perPhone: 5, windowSeconds: 3600 } as const;
const DUPLICATE = '该手机号已报名本活动。如需修改人数，请先取消原报名再重新报名';

/** The event row, locked: every change of its seats goes through this lock, so capacity is never exceeded. */
export async function lockEvent(tx: Parameters<Parameters<Database['transaction']>[0]>[0], eventId: string) {
  const [event] = await tx.select().from(schema.baseEvents).where(eq(schema.baseEvents.id, eventId)).for('update');
  return event ?? null;
}

/**
 * A visitor registers without an account. Seats that fit in what is left are confirmed at once;
 * otherwise the registration waits, keeping the seats asked for, in order of arrival.
 */
export async function registerForEvent(deps: Pick<ApiDeps, 'db' | 'config'>, request: { ip: string }, input: TEventRegister, now = new Date()) {
  await enforceRateLimits(deps.db, [
    { key: `registration:ip:${request.ip}`, limit: REGISTRATION_RATE.perIp, windowSeconds: REGISTRATION_RATE.windowSeconds },
    { key: `registration:phone:${input.phone}`, limit: REGISTRATION_RATE.perPhone, windowSeconds: REGISTRATION_RATE.windowSeconds },
  ]);
  const secret = newLinkSecret();
  try {
    return await deps.db.transaction(async (tx) => {
      const event = await lockEvent(tx, input.eventId);
      if (!event || event.status === 'draft') throw userError('NOT_FOUND', '活动不存在或尚未发布');
      if (event.status === 'cancelled') throw userError('BAD_REQUEST', '该活动已取消，不再接受报名');
      if (!event.registrationEnabled) throw userError('BAD_REQUEST', '该活动不在平台上报名，请按活动介绍中的方式报名');
      if (!isRegistrationOpen(event, now)) {
        throw userError('BAD_REQUEST', event.registrationOpensAt && now < event.registrationOpensAt ? '报名尚未开始' : '报名已截止');
      }
      if (input.seats > event.maxSeatsPerRegistration) throw userError('BAD_REQUEST', `每次报名最多 ${event.maxSeatsPerRegistration} 人`);
      const r = schema.eventRegistrations;
      const [taken] = await tx
        .select({ id: r.id })
        .from(r)
        .where(and(eq(r.eventId, event.id), eq(r.phone, input.phone), inArray(r.status, [...LIVE_REGISTRATION_STATUSES])));
      if (taken) throw userError('CONFLICT', DUPLICATE);
      // Seats that fit are confirmed even if a larger party waits: the same rule as offers (a too-large entry is
      // skipped and keeps its place), so no seat stays empty that someone could have had.
      const fits = event.capacity === null || event.heldSeats + input.seats <= event.capacity;
      const status = fits ? ('confirmed' as const) : ('waitlisted' as const);
      const code = await freeCode(tx, event.id);
      const [row] = await tx
        .insert(r)
        .values({
          eventId: event.id,
          code,
          cancelTokenHash: hashSecret(secret),
          name: input.name,
          phone: input.phone,
          email: input.email || null,
          schoolName: input.schoolName || null,
          audience: input.audience ?? null,
          seats: input.seats,
          status,
          confirmedAt: status === 'confirmed' ? now : null,
        })
        .returning();
      if (status === 'confirmed') await tx.update(schema.baseEvents).set({ heldSeats: sql`${schema.baseEvents.heldSeats} + ${input.seats}` }).where(eq(schema.baseEvents.id, event.id));
      await recordMove(tx, { registrationId: row!.id, eventId: event.id, from: null, to: status, reason: status === 'confirmed' ? '报名成功' : '名额已满，进入候补' });
      await mailRegistration(tx, deps.config.publicUrl, event, { ...row!, status }, secret);
      return { status, code, registrationId: row!.id, token: secret, seats: input.seats };
    });
  } catch (error) {
    // Two registrations with one phone at the same moment: the unique index refuses the second.
    if (isUniqueViolation(error)) throw userError('CONFLICT', DUPLICATE);
    throw error;
  }
}

async function freeCode(tx: Parameters<Parameters<Database['transaction']>[0]>[0], eventId: string) {
  for (;;) {
    const code = newDoorCode();
    const [used] = await tx
      .select({ id: schema.eventRegistrations.id })
      .from(schema.eventRegistrations)
      .where(and(eq(schema.eventRegistrations.eventId, eventId), eq(schema.eventRegistrations.code, code)));
    if (!used) return code;
  }
}
