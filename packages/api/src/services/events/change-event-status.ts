import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { EVENT_ACTIONS, type EventAction } from '@ssb/domain/events';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import type { ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { queueSearchUpdate } from '../search/outbox.ts';
import { tellRegistrantsOfCancellation } from '../registrations/event-cancelled.ts';
import { loadMyEvent, withActions } from './load-my-event.ts';

/** Moves an event as EVENT_ACTIONS allows, in one transaction with its audit row. */
async function moveEvent(db: Database, viewer: ManagerViewer, input: { eventId: string; action: EventAction; reason?: string }, now = new Date()) {
  const move = EVENT_ACTIONS[input.action];
  return db.transaction(async (tx) => {
    const { event, base } = await loadMyEvent(tx, viewer, input.eventId);
    if (!(move.from as readonly string[]).includes(event.status)) throw userError('BAD_REQUEST', '活动当前状态不允许此操作，请刷新页面');
    if (event.endsAt < now) throw userError('BAD_REQUEST', input.action === 'publish' ? '活动已经结束，不能再发布' : '活动已经结束，无需取消');
    if (input.action === 'publish' && (base.status === 'revoked' || base.status === 'expired')) throw userError('FORBIDDEN', '基地已撤销或命名已到期，不能发布活动');
    const [moved] = await tx
      .update(schema.baseEvents)
      .set({
        status: move.to,
        version: sql`${schema.baseEvents.version} + 1`,
        updatedAt: now,
        ...(input.action === 'publish' ? { publishedAt: now } : { cancelledAt: now, cancelReason: input.reason || null }),
      })
      .where(and(eq(schema.baseEvents.id, event.id), eq(schema.baseEvents.status, event.status)))
      .returning();
    if (!moved) throw userError('CONFLICT', '活动状态已被他人修改，请刷新页面');
    await appendAudit(tx, {
      actorUserId: viewer.userId,
      action: `event.${input.action}`,
      entityType: 'base_event',
      entityId: event.id,
      data: { baseId: base.id, from: event.status, to: move.to, ...(input.reason ? { reason: input.reason } : {}) },
    });
    if (input.action === 'cancel') await tellRegistrantsOfCancellation(tx, moved);
    await queueSearchUpdate(tx, 'event', event.id);
    return withActions(moved, now);
  });
}

/** Makes a draft public on its base's page and in the platform's upcoming events. */
export const publishEvent = (db: Database, viewer: ManagerViewer, input: { eventId: string }) => moveEvent(db, viewer, { ...input, action: 'publish' });

/** Cancels a published event; it stays public, marked 已取消, with the reason given. */
export const cancelEvent = (db: Database, viewer: ManagerViewer, input: { eventId: string; reason: string }) => moveEvent(db, viewer, { ...input, action: 'cancel' });
