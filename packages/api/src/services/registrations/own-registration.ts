import { timingSafeEqual } from 'node:crypto';
import { schema, type Database, type DbOrTx } from '@ssb/db';
import { REGISTRATION_LIMITS } from '@ssb/domain/registration-input';
import { eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import type { ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { loadHostedEvent } from './host-access.ts';
import { recordMove } from './moves.ts';
import { offerFreedSeats } from './offer-freed-seats.ts';
import { lockEvent } from './register-for-event.ts';
import { hashSecret } from './secrets.ts';

const NOT_FOUND = '报名记录不存在，或链接已失效';

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The registration a link's holder may see: the id and the link's secret must match. */
async function loadByLink(db: DbOrTx, input: { registrationId: string; token: string }) {
  const [row] = await db.select().from(schema.eventRegistrations).where(eq(schema.eventRegistrations.id, input.registrationId));
  if (!row || !sameHash(row.cancelTokenHash, hashSecret(input.token))) throw userError('NOT_FOUND', NOT_FOUND);
  return row;
}

/** The confirmation page: the registration, its event, and what the holder may still do. */
export async function viewOwnRegistration(db: DbOrTx, input: { registrationId: string; token: string }, now = new Date()) {
  const row = await loadByLink(db, input);
  const [event] = await db
    .select({ id: schema.baseEvents.id, title: schema.baseEvents.title, startsAt: schema.baseEvents.startsAt, endsAt: schema.baseEvents.endsAt, place: schema.baseEvents.place, status: schema.baseEvents.status, baseName: schema.bases.name })
    .from(schema.baseEvents)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.baseEvents.baseId))
    .where(eq(schema.baseEvents.id, row.eventId));
  const isLive = event!.status === 'published' && now < event!.startsAt;
  const isOfferOpen = row.status === 'offered' && row.offerExpiresAt !== null && now < row.offerExpiresAt;
  const actions: Array<'accept' | 'decline' | 'cancel'> = [];
  if (isLive && isOfferOpen) actions.push('accept', 'decline');
  else if (isLive && ['confirmed', 'waitlisted'].includes(row.status)) actions.push('cancel');
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    seats: row.seats,
    name: row.name,
    checkedInAt: row.checkedInAt,
    offerExpiresAt: row.status === 'offered' ? row.offerExpiresAt : null,
    event: event!,
    actions,
  };
}

/** The holder of the link accepts the seats held for them, before the offer's deadline. */
export async function acceptOffer(db: Database, input: { registrationId: string; token: string }, now = new Date()) {
  const first = await loadByLink(db, input);
  await db.transaction(async (tx) => {
    await lockEvent(tx, first.eventId);
    const [row] = await tx.select().from(schema.eventRegistrations).where(eq(schema.eventRegistrations.id, first.id));
    if (row?.status === 'confirmed') return;
    if (row?.status !== 'offered') throw userError('CONFLICT', '没有待您确认的候补名额');
    if (!row.offerExpiresAt || now >= row.offerExpiresAt) throw userError('CONFLICT', '候补名额已过确认时限，已顺延给下一位候补者');
    await tx.update(schema.eventRegistrations).set({ status: 'confirmed', confirmedAt: now, updatedAt: now }).where(eq(schema.eventRegistrations.id, row.id));
    await recordMove(tx, { registrationId: row.id, eventId: row.eventId, from: 'offered', to: 'confirmed', reason: '报名人接受候补名额' });
  });
  return viewOwnRegistration(db, input, now);
}

/** The holder declines the seats offered; they go on to the next in line at once. */
export async function declineOffer(db: Database, publicUrl: string, input: { registrationId: string; token: string }, now = new Date()) {
  const row = await loadByLink(db, input);
  if (row.status !== 'offered') throw userError('CONFLICT', '没有待您确认的候补名额');
  return cancelRegistration(db, publicUrl, { registrationId: row.id, reason: '报名人放弃候补名额', actorUserId: null, onlyFrom: 'offered' }, now);
}

/** The holder of the link cancels; the freed seats go to the waiting list at once. */
export async function cancelOwnRegistration(db: Database, publicUrl: string, input: { registrationId: string; token: string }, now = new Date()) {
  await loadByLink(db, input);
  return cancelRegistration(db, publicUrl, { registrationId: input.registrationId, reason: '报名人取消', actorUserId: null }, now);
}

/** Cancels one registration (by its holder or a host's manager) and moves the waiting list. */
export async function cancelRegistration(
  db: Database,
  publicUrl: string,
  input: { registrationId: string; reason: string; actorUserId: string | null; onlyFrom?: 'offered' },
  now = new Date(),
) {
  if (input.reason.length > REGISTRATION_LIMITS.cancelReasonMax) throw userError('BAD_REQUEST', `取消原因不超过 ${REGISTRATION_LIMITS.cancelReasonMax} 字`);
  return db.transaction(async (tx) => {
    const [first] = await tx.select().from(schema.eventRegistrations).where(eq(schema.eventRegistrations.id, input.registrationId));
    if (!first) throw userError('NOT_FOUND', NOT_FOUND);
    const event = (await lockEvent(tx, first.eventId))!;
    // Read again under the event's lock: a parallel cancel or promotion may have moved it.
    const [row] = await tx.select().from(schema.eventRegistrations).where(eq(schema.eventRegistrations.id, input.registrationId));
    if (!row || !['confirmed', 'waitlisted', 'offered'].includes(row.status)) throw userError('CONFLICT', row?.status === 'expired' ? '候补名额已过期' : '该报名已取消');
    if (input.onlyFrom && row.status !== input.onlyFrom) throw userError('CONFLICT', '没有待您确认的候补名额');
    if (row.checkedInAt) throw userError('CONFLICT', '已签到的报名不能取消');
    if (now >= event.startsAt) throw userError('BAD_REQUEST', '活动已开始，不能再取消报名');
    await tx.update(schema.eventRegistrations).set({ status: 'cancelled', cancelledAt: now, updatedAt: now }).where(eq(schema.eventRegistrations.id, row.id));
    await recordMove(tx, { registrationId: row.id, eventId: event.id, from: row.status, to: 'cancelled', reason: input.reason || '取消报名', actorUserId: input.actorUserId });
    let heldSeats = event.heldSeats;
    if (row.status !== 'waitlisted') {
      heldSeats -= row.seats;
      await tx.update(schema.baseEvents).set({ heldSeats: sql`${schema.baseEvents.heldSeats} - ${row.seats}` }).where(eq(schema.baseEvents.id, event.id));
    }
    const why = input.onlyFrom === 'offered' ? '放弃' : '取消';
    const promoted = await offerFreedSeats(tx, { ...event, heldSeats }, `${row.seats} 个名额因${why}空出，按候补顺序确认`, { publicUrl, now });
    if (input.actorUserId) {
      await appendAudit(tx, { actorUserId: input.actorUserId, action: 'registration.cancel', entityType: 'event_registration', entityId: row.id, data: { eventId: event.id, reason: input.reason } });
    }
    return { cancelled: row.id, promoted: promoted.map((p) => p.id) };
  });
}

/** A host's manager cancels someone's registration, with the reason they will be told. */
export async function cancelAsHost(db: Database, publicUrl: string, viewer: ManagerViewer, input: { eventId: string; registrationId: string; reason: string }) {
  const event = await loadHostedEvent(db, viewer, input.eventId);
  const [row] = await db.select({ eventId: schema.eventRegistrations.eventId }).from(schema.eventRegistrations).where(eq(schema.eventRegistrations.id, input.registrationId));
  if (row?.eventId !== event.id) throw userError('NOT_FOUND', NOT_FOUND);
  return cancelRegistration(db, publicUrl, { registrationId: input.registrationId, reason: `主办方取消：${input.reason}`, actorUserId: viewer.userId });
}
