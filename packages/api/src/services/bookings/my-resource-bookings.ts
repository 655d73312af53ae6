import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { listManagedBases, type ManagerViewer } from '../base-profile/managed-bases.ts';

/**
 * The viewer's own open requests (pending or approved) for one resource, from any base they
 * manage: the resource page shows them, so a requester sees what is already asked for.
 */
export async function myResourceBookings(db: Database, viewer: ManagerViewer, resourceId: string) {
  const bases = await listManagedBases(db, viewer);
  if (bases.length === 0) return [];
  return db
    .select({
      id: schema.resourceBookings.id,
      status: schema.resourceBookings.status,
      startsOn: schema.resourceBookings.startsOn,
      endsOn: schema.resourceBookings.endsOn,
      message: schema.resourceBookings.message,
      responseNote: schema.resourceBookings.responseNote,
      createdAt: schema.resourceBookings.createdAt,
      requesterBaseName: schema.bases.name,
    })
    .from(schema.resourceBookings)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.resourceBookings.requesterBaseId))
    .where(
      and(
        eq(schema.resourceBookings.resourceId, resourceId),
        inArray(schema.resourceBookings.requesterBaseId, bases.map((b) => b.id)),
        inArray(schema.resourceBookings.status, ['requested', 'approved']),
      ),
    )
    .orderBy(asc(schema.resourceBookings.startsOn));
}
