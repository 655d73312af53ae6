import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { addDays, daysLate, REPORT_OWED_STATUSES, reminderKindFor, reportDueDate, type FundingReminderKind, type FundingStatus } from '@ssb/domain/funding';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { notifyManagersOf, notifyOffice } from '../alliances/alliance-rows.ts';

const TEXT: Record<FundingReminderKind, (title: string, due: string) => { title: string; body: string }> = {
  day_before: (title, due) => ({ title: '专项经费报告明天到期', body: `“${title}”的报告应于 ${due}（北京时间）前提交，请及时在申报门户提交。` }),
  due_day: (title, due) => ({ title: '专项经费报告今天到期', body: `“${title}”的报告应于今天 ${due} 提交，逾期将影响新的经费申请。` }),
  week_late: (title, due) => ({ title: '专项经费报告已逾期一周', body: `“${title}”的报告应于 ${due} 提交，已逾期 7 天以上，请尽快提交；逾期期间不能申请新的专项经费。` }),
};

/** Grants that still owe a report, with the day it is due (the correction deadline once returned). */
async function owing(db: DbOrTx) {
  const rows = await db
    .select({ app: schema.fundingApplications, baseName: schema.bases.name, callTitle: schema.fundingCalls.title })
    .from(schema.fundingApplications)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.fundingApplications.baseId))
    .innerJoin(schema.fundingCalls, eq(schema.fundingCalls.id, schema.fundingApplications.callId))
    .where(and(inArray(schema.fundingApplications.status, REPORT_OWED_STATUSES as FundingStatus[]), isNotNull(schema.fundingApplications.reportDueOn)));
  return rows.flatMap((r) => {
    const dueOn = reportDueDate(r.app);
    return dueOn ? [{ ...r, dueOn }] : [];
  });
}

/**
 * Reminders about reports due (run by the server's hourly housekeeping): the day before, on the day
 * and a week late, each once per due day (claimed by inserting `funding_reminders`), to the grant's
 * managers and coordinators; a week late the office is told too.
 */
export async function sendFundingReminders(db: Database, today: string, publicUrl: string) {
  let sent = 0;
  for (const { app, dueOn } of await owing(db)) {
    const kind = reminderKindFor(dueOn, today);
    if (!kind) continue;
    sent += await db.transaction(async (tx) => {
      const claimed = await tx.insert(schema.fundingReminders).values({ applicationId: app.id, kind, dueOn }).onConflictDoNothing().returning();
      if (claimed.length === 0) return 0;
      const text = TEXT[kind](app.title, dueOn);
      const link = `/portal/funding/applications/${app.id}`;
      await notifyManagersOf(tx, [app.organizationId], { ...text, link }, publicUrl, ['base_manager', 'alliance_coordinator']);
      if (kind === 'week_late') await notifyOffice(tx, { title: '专项经费报告逾期', body: `“${app.title}”的报告应于 ${dueOn} 提交，已逾期一周。`, link: `/admin/funding/applications/${app.id}` }, publicUrl);
      await appendAudit(tx, { actorUserId: null, action: 'funding.reminder_sent', entityType: 'funding_application', entityId: app.id, data: { kind, dueOn } });
      return 1;
    });
  }
  return sent;
}

/** The office's list: reports overdue (longest late first) and those due within two weeks, with the reminders sent. */
export async function fundingReportsDue(db: DbOrTx, today: string) {
  const rows = await owing(db);
  const reminders = rows.length ? await db.select().from(schema.fundingReminders).where(inArray(schema.fundingReminders.applicationId, rows.map((r) => r.app.id))) : [];
  const items = rows.map(({ app, baseName, callTitle, dueOn }) => ({
    applicationId: app.id,
    title: app.title,
    baseName,
    callTitle,
    status: app.status,
    dueOn,
    daysLate: daysLate(dueOn, today),
    isReturned: app.status === 'report_returned',
    reminders: reminders.filter((r) => r.applicationId === app.id && r.dueOn === dueOn).map((r) => ({ kind: r.kind, sentAt: r.sentAt })),
  }));
  const soon = addDays(today, 14);
  return {
    today,
    overdue: items.filter((i) => i.dueOn < today).sort((a, b) => b.daysLate - a.daysLate || a.title.localeCompare(b.title)),
    dueSoon: items.filter((i) => i.dueOn >= today && i.dueOn <= soon).sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
  };
}
