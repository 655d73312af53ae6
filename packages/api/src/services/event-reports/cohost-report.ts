import { schema, type Database, type DbOrTx } from '@ssb/db';
import { mayFileReport, type TCohostReportPart } from '@ssb/domain/event-report';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { loadManagedBase, type ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { notifyUsers, usersOf } from '../notifications/notify.ts';

const c = schema.eventCohosts;

/**
 * An accepted co-host's managers file (or correct) their part of an ended event's report: who came on their
 * side and what they did. The host's report keeps the event's attendance; the host is told of each filing.
 */
export async function fileCohostReportPart(db: Database, viewer: ManagerViewer, input: TCohostReportPart, publicUrl = '', now = new Date()) {
  return db.transaction(async (tx) => {
    const base = await loadManagedBase(tx, viewer, input.baseId);
    const [row] = await tx
      .select({ status: c.status, reportedAt: c.reportedAt, event: schema.baseEvents, hostOrganizationId: schema.bases.organizationId })
      .from(c)
      .innerJoin(schema.baseEvents, eq(schema.baseEvents.id, c.eventId))
      .innerJoin(schema.bases, eq(schema.bases.id, schema.baseEvents.baseId))
      .where(and(eq(c.eventId, input.eventId), eq(c.baseId, base.id)))
      .for('update', { of: c });
    if (!row || row.status !== 'accepted') throw userError('NOT_FOUND', '只有已接受邀请的联合主办方才能填写本方活动报告');
    if (!mayFileReport(row.event, now)) {
      throw userError('BAD_REQUEST', row.event.status === 'published' ? '活动结束后才能填写活动报告' : '只有已发布并已举办的活动才能填写活动报告');
    }
    const [saved] = await tx
      .update(c)
      .set({ reportAttendance: input.attendance, reportYoungPeople: input.youngPeople, reportSummary: input.summary, reportedBy: viewer.userId, reportedAt: now })
      .where(and(eq(c.eventId, input.eventId), eq(c.baseId, base.id)))
      .returning();
    await appendAudit(tx, {
      actorUserId: viewer.userId,
      action: row.reportedAt ? 'event_report.cohost_update' : 'event_report.cohost_file',
      entityType: 'base_event',
      entityId: input.eventId,
      data: { baseId: base.id, attendance: input.attendance, youngPeople: input.youngPeople },
    });
    const managers = await usersOf(tx, row.hostOrganizationId, ['base_manager']);
    await notifyUsers(tx, managers, { title: '联合主办方提交了本方活动报告', body: `${base.name}提交了活动“${row.event.title}”的本方报告：参加 ${input.attendance} 人，其中青少年 ${input.youngPeople} 人。`, link: `/portal/events/${input.eventId}/report` }, publicUrl);
    return saved!;
  });
}

/** The co-hosts' parts filed for an event, for its host's report form and its public page. */
export async function cohostReportParts(db: DbOrTx, eventId: string) {
  return db
    .select({ baseId: c.baseId, baseName: schema.bases.name, attendance: c.reportAttendance, youngPeople: c.reportYoungPeople, summary: c.reportSummary, reportedAt: c.reportedAt })
    .from(c)
    .innerJoin(schema.bases, eq(schema.bases.id, c.baseId))
    .where(and(eq(c.eventId, eventId), eq(c.status, 'accepted'), isNotNull(c.reportedAt)))
    .orderBy(asc(c.createdAt));
}
