import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { alias } from 'drizzle-orm/pg-core';
import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { listManagedBases, type ManagerViewer } from '../base-profile/managed-bases.ts';

const ownerBase = alias(schema.bases, 'owner_base');
const requesterBase = alias(schema.bases, 'requester_base');

type BookingAction = 'approve' | 'decline' | 'cancel';
const bookingActions = (direction: 'incoming' | 'outgoing', status: string): BookingAction[] => {
  if (direction === 'incoming') return status === 'requested' ? ['approve', 'decline'] : [];
  return status === 'requested' || status === 'approved' ? ['cancel'] : [];
};

/**
 * Both sides' history: "incoming" are requests for the viewer's resources, "outgoing" the viewer's
 * own requests. Each row names both bases and who decided, with the moves open to this viewer.
 */
export async function listBookings(db: Database, viewer: ManagerViewer, input: { direction: 'incoming' | 'outgoing'; page: number; pageSize: number }) {
  const baseIds = (await listManagedBases(db, viewer)).map((b) => b.id);
  if (baseIds.length === 0) return { total: 0, page: input.page, pageSize: input.pageSize, items: [] };
  const where: SQL | undefined =
    input.direction === 'incoming' ? inArray(schema.resources.baseId, baseIds) : inArray(schema.resourceBookings.requesterBaseId, baseIds);
  const from = () =>
    db
      .select({
        id: schema.resourceBookings.id,
        status: schema.resourceBookings.status,
        startsOn: schema.resourceBookings.startsOn,
        endsOn: schema.resourceBookings.endsOn,
        message: schema.resourceBookings.message,
        responseNote: schema.resourceBookings.responseNote,
        createdAt: schema.resourceBookings.createdAt,
        decidedAt: schema.resourceBookings.decidedAt,
        resourceId: schema.resources.id,
        resourceTitle: schema.resources.title,
        resourceType: schema.resources.type,
        ownerBaseName: ownerBase.name,
        requesterBaseName: requesterBase.name,
      })
      .from(schema.resourceBookings)
      .innerJoin(schema.resources, eq(schema.resources.id, schema.resourceBookings.resourceId))
      .innerJoin(ownerBase, eq(ownerBase.id, schema.resources.baseId))
      .innerJoin(requesterBase, eq(requesterBase.id, schema.resourceBookings.requesterBaseId));
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(schema.resourceBookings)
    .innerJoin(schema.resources, eq(schema.resources.id, schema.resourceBookings.resourceId))
    .where(and(where));
  const rows = await from()
    .where(where)
    .orderBy(desc(schema.resourceBookings.createdAt))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    items: rows.map((r) => ({
      ...r,
      actions: bookingActions(input.direction, r.status),
    })),
  };
}
