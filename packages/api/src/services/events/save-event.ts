import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { eventFieldsProblem, type TEventFields, type TEventUpdate } from '@ssb/domain/event-input';
import { REGISTRATION_SETTING_KEYS } from '@ssb/domain/registration-input';
import { and, eq, sql } from 'drizzle-orm';
import { loadManagedBase, type ManagerViewer } from '../base-profile/managed-bases.ts';
import { loadFittingCampaign } from '../activity-campaigns/join-campaign.ts';
import { userError } from '../errors.ts';
import { queueSearchUpdate } from '../search/outbox.ts';
import { tellRegistrantsOfMove } from '../registrations/event-moved.ts';
import { offerFreedSeats } from '../registrations/offer-freed-seats.ts';
import { loadMyEvent, withActions } from './load-my-event.ts';

const instantOrNull = (value: string | null | undefined) => (value ? new Date(value) : null);
const columns = (fields: TEventFields) => ({
  ...fields,
  startsAt: new Date(fields.startsAt),
  endsAt: new Date(fields.endsAt),
  registrationOpensAt: instantOrNull(fields.registrationOpensAt),
  registrationClosesAt: instantOrNull(fields.registrationClosesAt),
});

/** A new event starts as a draft that only the base's managers see. */
export async function createEvent(db: Database, viewer: ManagerViewer, input: TEventFields & { baseId: string }) {
  return db.transaction(async (tx) => {
    const base = await loadManagedBase(tx, viewer, input.baseId);
    const { baseId: _b, ...fields } = input;
    const [created] = await tx
      .insert(schema.baseEvents)
      .values({ ...columns(fields), baseId: base.id, status: 'draft', createdBy: viewer.userId })
      .returning();
    return withActions(created!);
  });
}

/** The stored registration settings, as the form's input has them. */
const storedSettings = (event: typeof schema.baseEvents.$inferSelect) => ({
  registrationEnabled: event.registrationEnabled,
  registrationOpensAt: event.registrationOpensAt?.toISOString() ?? null,
  registrationClosesAt: event.registrationClosesAt?.toISOString() ?? null,
  maxSeatsPerRegistration: event.maxSeatsPerRegistration,
  offerAcceptanceHours: event.offerAcceptanceHours,
  personalDataDays: event.personalDataDays,
});

/**
 * Saves the form only over the version it was opened at, so a colleague's save is never lost.
 * Registration settings that were not sent keep their stored values.
 */
export async function updateEvent(db: Database, viewer: ManagerViewer, input: TEventUpdate, publicUrl: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const { event } = await loadMyEvent(tx, viewer, input.eventId);
    if (event.status === 'cancelled') throw userError('BAD_REQUEST', '已取消的活动不能再修改');
    const { eventId: _e, version, ...sent } = input;
    const kept = storedSettings(event);
    const settings = Object.fromEntries(REGISTRATION_SETTING_KEYS.map((key) => [key, sent[key] === undefined ? kept[key] : sent[key]]));
    const fields = { ...sent, ...settings } as TEventFields;
    const problem = eventFieldsProblem(fields);
    if (problem) throw userError('BAD_REQUEST', problem.message);
    if (event.activityCampaignId) await loadFittingCampaign(tx, event.activityCampaignId, columns(fields));
    if (fields.capacity !== null && fields.capacity < event.heldSeats) throw userError('BAD_REQUEST', `已有 ${event.heldSeats} 个名额被报名占用，名额不能少于此数`);
    const values = columns(fields);
    const isMoved =
      event.status === 'published' && (values.startsAt.getTime() !== event.startsAt.getTime() || values.endsAt.getTime() !== event.endsAt.getTime() || values.place !== event.place);
    const [saved] = await tx
      .update(schema.baseEvents)
      .set({ ...values, ...(isMoved ? { movedAt: now } : {}), version: sql`${schema.baseEvents.version} + 1`, updatedAt: now })
      .where(and(eq(schema.baseEvents.id, event.id), eq(schema.baseEvents.version, version), eq(schema.baseEvents.status, event.status)))
      .returning();
    if (!saved) throw userError('CONFLICT', '该活动已被他人或在其他页面修改，为避免覆盖，本次未保存。请刷新后重新编辑');
    if (saved.status === 'published') await queueSearchUpdate(tx, 'event', saved.id);
    // More seats than before: those waiting get them now, in order (the update holds the event's row lock).
    if (saved.registrationEnabled) await offerFreedSeats(tx, saved, '名额增加，按候补顺序确认', { publicUrl, now });
    if (isMoved) await tellRegistrantsOfMove(tx, saved, event);
    return withActions(saved);
  });
}
