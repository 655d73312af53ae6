import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { eventActionsFor, isEventEditable } from '@ssb/domain/events';
import { eq } from 'drizzle-orm';
import { loadManagedBase, type ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';

export type EventRow = typeof schema.baseEvents.$inferSelect;

/** An event of a base the viewer manages, or a Chinese refusal; the base is checked from the viewer's grants. */
export async function loadMyEvent(db: DbOrTx, viewer: ManagerViewer, eventId: string) {
  const [event] = await db.select().from(schema.baseEvents).where(eq(schema.baseEvents.id, eventId));
  if (!event) throw userError('NOT_FOUND', '未找到该活动');
  const base = await loadManagedBase(db, viewer, event.baseId);
  return { event, base };
}

/** What the manager's pages need beside the row: the moves open to it and whether it may be edited. */
export const withActions = <T extends Pick<EventRow, 'status' | 'endsAt'>>(event: T, now = new Date()) => ({
  ...event,
  actions: eventActionsFor(event.status, event.endsAt < now),
  isEditable: isEventEditable(event.status),
});

export async function getMyEvent(db: DbOrTx, viewer: ManagerViewer, eventId: string) {
  const { event, base } = await loadMyEvent(db, viewer, eventId);
  return { ...withActions(event), baseName: base.name };
}
