import { schema, type DbOrTx } from '@ssb/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';

/**
 * The event, when the viewer manages its host base or a base that accepted to co-host it: only they
 * see registrants' personal data, check people in and cancel on someone's behalf.
 */
export async function loadHostedEvent(db: DbOrTx, viewer: ManagerViewer, eventId: string) {
  const orgs = viewer.grants.filter((g) => g.role === 'base_manager').map((g) => g.organizationId);
  const [event] = await db.select().from(schema.baseEvents).where(eq(schema.baseEvents.id, eventId));
  if (!event || orgs.length === 0) throw userError('NOT_FOUND', '活动不存在或您无权管理');
  const [host] = await db.select({ id: schema.bases.id }).from(schema.bases).where(and(eq(schema.bases.id, event.baseId), inArray(schema.bases.organizationId, orgs)));
  if (host) return event;
  const [cohost] = await db
    .select({ id: schema.bases.id })
    .from(schema.eventCohosts)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.eventCohosts.baseId))
    .where(and(eq(schema.eventCohosts.eventId, event.id), eq(schema.eventCohosts.status, 'accepted'), inArray(schema.bases.organizationId, orgs)));
  if (!cohost) throw userError('NOT_FOUND', '活动不存在或您无权管理');
  return event;
}
