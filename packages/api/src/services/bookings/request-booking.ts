import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { RESOURCE_TYPE_LABELS } from '@ssb/domain/bases';
import { bookingDatesProblem, type TBookingRequest } from '@ssb/domain/shared-resources';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { pickManagedBase, type ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { notifyUsers, usersOf } from '../notifications/notify.ts';
import { beijingToday } from '@ssb/domain/time';
import { lockResource, refuseOverlap, refuseRepeatedRequest } from './booking-rules.ts';

/** A base asks another base to lend a published, lendable resource on given dates. */
export async function requestBooking(db: Database, viewer: ManagerViewer, input: TBookingRequest, publicUrl: string, now = new Date()) {
  const requester = await pickManagedBase(db, viewer, input.requesterBaseId);
  if (requester.status !== 'active') throw userError('FORBIDDEN', '基地当前不在有效状态，不能申请借用');
  const datesProblem = bookingDatesProblem(input, beijingToday(now));
  if (datesProblem) throw userError('BAD_REQUEST', datesProblem);
  return db.transaction(async (tx) => {
    const resource = await lockResource(tx, input.resourceId);
    if (resource.status !== 'published') throw userError('BAD_REQUEST', '该资源未发布，不能申请');
    if (!resource.lendable) throw userError('BAD_REQUEST', '该资源不对外借用或预约');
    if (resource.baseId === requester.id) throw userError('BAD_REQUEST', '不能申请借用本基地的资源');
    const lengthProblem = bookingDatesProblem(input, beijingToday(now), resource.maxBookingDays);
    if (lengthProblem) throw userError('BAD_REQUEST', lengthProblem);
    await refuseOverlap(tx, input);
    await refuseRepeatedRequest(tx, { ...input, requesterBaseId: requester.id });
    const [booking] = await tx
      .insert(schema.resourceBookings)
      .values({
        resourceId: resource.id,
        requesterBaseId: requester.id,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        message: input.message,
        requestedBy: viewer.userId,
      })
      .returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'booking.requested', entityType: 'resource_booking', entityId: booking!.id, data: { resourceId: resource.id } });
    const [owner] = await tx.select().from(schema.bases).where(eq(schema.bases.id, resource.baseId));
    await notifyUsers(
      tx,
      await usersOf(tx, owner!.organizationId, ['base_manager']),
      {
        title: '收到资源借用/预约申请',
        body: `${requester.name}申请${RESOURCE_TYPE_LABELS[resource.type].zh}“${resource.title}”，日期 ${input.startsOn} 至 ${input.endsOn}。请在“资源共享”中审批。`,
        link: '/portal/sharing',
      },
      publicUrl,
    );
    return booking!;
  });
}
