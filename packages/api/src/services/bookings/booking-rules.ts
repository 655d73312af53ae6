import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq, gte, lte, ne } from 'drizzle-orm';
import { userError } from '../errors.ts';

/**
 * Locks the resource row so that requests and approvals of the same resource run one at a time:
 * two overlapping approvals can then never both see a free calendar.
 */
export async function lockResource(tx: DbOrTx, resourceId: string) {
  const [resource] = await tx.select().from(schema.resources).where(eq(schema.resources.id, resourceId)).for('update');
  if (!resource) throw userError('NOT_FOUND', '未找到该资源');
  return resource;
}

/** Refuses dates that overlap an approved booking of the same resource (ranges are inclusive). */
export async function refuseOverlap(tx: DbOrTx, input: { resourceId: string; startsOn: string; endsOn: string; exceptBookingId?: string }) {
  const [clash] = await tx
    .select({ startsOn: schema.resourceBookings.startsOn, endsOn: schema.resourceBookings.endsOn })
    .from(schema.resourceBookings)
    .where(
      and(
        eq(schema.resourceBookings.resourceId, input.resourceId),
        eq(schema.resourceBookings.status, 'approved'),
        lte(schema.resourceBookings.startsOn, input.endsOn),
        gte(schema.resourceBookings.endsOn, input.startsOn),
        input.exceptBookingId ? ne(schema.resourceBookings.id, input.exceptBookingId) : undefined,
      ),
    )
    .limit(1);
  if (clash) throw userError('CONFLICT', `所选日期与已同意的预约（${clash.startsOn} 至 ${clash.endsOn}）冲突，请选择其他日期`);
}

/**
 * Refuses a second pending request of the same base for the same resource on overlapping dates:
 * the owner answers the first one. Runs under the resource's lock, so parallel copies count too.
 */
export async function refuseRepeatedRequest(tx: DbOrTx, input: { resourceId: string; requesterBaseId: string; startsOn: string; endsOn: string }) {
  const [pending] = await tx
    .select({ startsOn: schema.resourceBookings.startsOn, endsOn: schema.resourceBookings.endsOn })
    .from(schema.resourceBookings)
    .where(
      and(
        eq(schema.resourceBookings.resourceId, input.resourceId),
        eq(schema.resourceBookings.requesterBaseId, input.requesterBaseId),
        eq(schema.resourceBookings.status, 'requested'),
        lte(schema.resourceBookings.startsOn, input.endsOn),
        gte(schema.resourceBookings.endsOn, input.startsOn),
      ),
    )
    .limit(1);
  if (pending) {
    throw userError('CONFLICT', `本基地已申请过该资源 ${pending.startsOn} 至 ${pending.endsOn} 的借用，正在等待对方审批。如需更改日期，请先取消原申请`);
  }
}
