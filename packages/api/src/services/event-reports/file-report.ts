import { schema, type Database, type DbOrTx } from '@ssb/db';
import { attendanceProblem, mayFileReport, YOUNG_AUDIENCES, type TEventReport } from '@ssb/domain/event-report';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import type { ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { loadMyEvent } from '../events/load-my-event.ts';
import { attendance } from '../registrations/check-in.ts';
import { cohostReportParts } from './cohost-report.ts';

const CONFLICT = '该活动报告已被他人或在其他页面修改，为避免覆盖，本次未保存。请刷新后重新填写';

/** Young people the door counted: checked-in seats of registrations for pupils. */
export async function doorYoungPeople(db: DbOrTx, eventId: string) {
  const r = schema.eventRegistrations;
  const [row] = await db
    .select({ seats: sql<number>`coalesce(sum(${r.seats}), 0)::int` })
    .from(r)
    .where(and(eq(r.eventId, eventId), isNotNull(r.checkedInAt), inArray(r.audience, [...YOUNG_AUDIENCES])));
  return Number(row?.seats ?? 0);
}

/** The report form: the event, the door's figures to prefill with, the report as filed, and whether it may be filed. */
export async function getReportForm(db: Database, viewer: ManagerViewer, eventId: string, now = new Date()) {
  const { event, base } = await loadMyEvent(db, viewer, eventId);
  const [report] = await db.select().from(schema.eventReports).where(eq(schema.eventReports.eventId, event.id));
  const door = await attendance(db, event.id);
  return {
    event: { id: event.id, title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, place: event.place, status: event.status, audiences: event.audiences, baseName: base.name },
    door: { ...door, youngPeople: await doorYoungPeople(db, event.id) },
    report: report ?? null,
    cohostParts: await cohostReportParts(db, event.id),
    actions: (mayFileReport(event, now) ? ['file'] : []) as Array<'file'>,
  };
}

/**
 * The host files (or corrects) the report of its ended event. The attendance is the door's count unless
 * the host states another figure with the reason; saved only over the version the form loaded.
 */
export async function fileEventReport(db: Database, viewer: ManagerViewer, input: TEventReport, now = new Date()) {
  return db.transaction(async (tx) => {
    const { event } = await loadMyEvent(tx, viewer, input.eventId);
    if (!mayFileReport(event, now)) {
      throw userError('BAD_REQUEST', event.status === 'published' ? '活动结束后才能填写活动报告' : '只有已发布并已举办的活动才能填写活动报告');
    }
    const door = await attendance(tx, event.id);
    const problem = attendanceProblem(input.attendance, door.total, input.attendanceOverrideReason);
    if (problem) throw userError('BAD_REQUEST', problem);
    const values = {
      attendance: input.attendance,
      attendanceOverrideReason: input.attendance === door.total ? null : input.attendanceOverrideReason,
      youngPeople: input.youngPeople,
      audiences: input.audiences,
      summary: input.summary,
      links: input.links,
      filedBy: viewer.userId,
      filedAt: now,
    };
    const reports = schema.eventReports;
    let saved;
    if (input.version === null) {
      [saved] = await tx.insert(reports).values({ eventId: event.id, ...values }).onConflictDoNothing().returning();
    } else {
      [saved] = await tx
        .update(reports)
        .set({ ...values, version: sql`${reports.version} + 1` })
        .where(and(eq(reports.eventId, event.id), eq(reports.version, input.version)))
        .returning();
    }
    if (!saved) throw userError('CONFLICT', CONFLICT);
    await appendAudit(tx, {
      actorUserId: viewer.userId,
      action: input.version === null ? 'event_report.file' : 'event_report.update',
      entityType: 'base_event',
      entityId: event.id,
      data: { attendance: input.attendance, doorCount: door.total, reason: values.attendanceOverrideReason, youngPeople: input.youngPeople },
    });
    return saved;
  });
}
