import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { BOOKING_STATUS_LABELS } from '@ssb/domain/bases';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { loadManagedBase, type ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { notifyUsers, usersOf } from '../notifications/notify.ts';
import { lockResource, refuseOverlap } from './booking-rules.ts';

async function loadBooking(tx: Pick<Database, 'select'>, bookingId: string) {
  const [booking] = await tx.select().from(schema.resourceBookings).where(eq(schema.resourceBookings.id, bookingId));
  if (!booking) throw userError('NOT_FOUND', '未找到该申请');
  return booking;
}

async function tell(tx: Parameters<typeof usersOf>[0], baseId: string, notice: { title: string; body: string }, publicUrl: string) {
  const [base] = await tx.select().from(schema.bases).where(eq(schema.bases.id, baseId));
  await notifyUsers(tx, await usersOf(tx, base!.organizationId, ['base_manager']), { ...notice, link: '/portal/sharing' }, publicUrl);
}

/**
 * The owner approves or declines a request. Approval takes the resource's lock and refuses dates
 * an approved booking already holds, so parallel approvals of overlapping dates give one approval.
 */
export async function decideBooking(
  db: Database,
  viewer: ManagerViewer,
  input: { bookingId: string; decision: 'approved' | 'declined'; note?: string },
  publicUrl: string,
) {
  return db.transaction(async (tx) => {
    const first = await loadBooking(tx, input.bookingId);
    const resource = await lockResource(tx, first.resourceId);
    await loadManagedBase(tx, viewer, resource.baseId).catch(() => {
      throw userError('FORBIDDEN', '只有资源所属基地的管理员可以审批');
    });
    // Read again under the lock: another approver may have decided meanwhile.
    const booking = await loadBooking(tx, input.bookingId);
    if (booking.status !== 'requested') throw userError('CONFLICT', `该申请已${BOOKING_STATUS_LABELS[booking.status].zh}，无需再次审批`);
    if (input.decision === 'approved') await refuseOverlap(tx, { ...booking, exceptBookingId: booking.id });
    const [decided] = await tx
      .update(schema.resourceBookings)
      .set({ status: input.decision, responseNote: input.note?.trim() || null, decidedBy: viewer.userId, decidedAt: new Date() })
      .where(and(eq(schema.resourceBookings.id, booking.id), eq(schema.resourceBookings.status, 'requested')))
      .returning();
    await appendAudit(tx, {
      actorUserId: viewer.userId,
      action: `booking.${input.decision}`,
      entityType: 'resource_booking',
      entityId: booking.id,
      data: { resourceId: resource.id, startsOn: booking.startsOn, endsOn: booking.endsOn, note: input.note ?? null },
    });
    const verdict = input.decision === 'approved' ? '已同意' : '未同意';
    await tell(
      tx,
      booking.requesterBaseId,
      {
        title: `资源借用/预约申请${verdict}`,
        body: `您申请的“${resource.title}”（${booking.startsOn} 至 ${booking.endsOn}）${verdict}。${input.note?.trim() ? `说明：${input.note.trim()}` : ''}`,
      },
      publicUrl,
    );
    return decided!;
  });
}

/** The requesting base withdraws its request, or gives back dates it no longer needs. */
export async function cancelBooking(db: Database, viewer: ManagerViewer, input: { bookingId: string }, publicUrl: string) {
  return db.transaction(async (tx) => {
    const first = await loadBooking(tx, input.bookingId);
    const resource = await lockResource(tx, first.resourceId);
    const booking = await loadBooking(tx, input.bookingId);
    await loadManagedBase(tx, viewer, booking.requesterBaseId).catch(() => {
      throw userError('FORBIDDEN', '只有申请方基地的管理员可以取消');
    });
    if (booking.status !== 'requested' && booking.status !== 'approved') throw userError('CONFLICT', `该申请已${BOOKING_STATUS_LABELS[booking.status].zh}，不能取消`);
    const [cancelled] = await tx.update(schema.resourceBookings).set({ status: 'cancelled' }).where(eq(schema.resourceBookings.id, booking.id)).returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'booking.cancelled', entityType: 'resource_booking', entityId: booking.id, data: { from: booking.status } });
    await tell(tx, resource.baseId, { title: '资源借用/预约申请已取消', body: `“${resource.title}”（${booking.startsOn} 至 ${booking.endsOn}）的申请已由申请方取消。` }, publicUrl);
    return cancelled!;
  });
}
