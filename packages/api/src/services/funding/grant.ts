import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import {
  addDays, budgetChangeVerdict, canFundingMove, closingEntries, formatFen, grantTotals, ledgerTotals, spendingAgainstBudget, targetsFromEvents, type BudgetChangeKind, type FundingTargets,
} from '@ssb/domain/funding';
import type { TBudgetLineInput } from '@ssb/domain/funding-input';
import { beijingToday } from '@ssb/domain/time';
import { and, desc, eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { notifyManagersOf, notifyOffice } from '../alliances/alliance-rows.ts';
import { userError } from '../errors.ts';
import { toBudgetLines } from './applications.ts';
import { linkableEvents } from './events.ts';
import { bindPendingEvidence } from './files.ts';
import { budgetLines, ledgerEntries, loadApplication, loadCall, loadOwnApplication, writeBudgetLines, type Deps, type FundingViewer } from './rows.ts';

const ROLES_TO_TELL = ['base_manager', 'alliance_coordinator'];

/** The base confirms the agreement (资助协议书) it was offered. */
export async function confirmFundingAgreement(db: DbOrTx, viewer: FundingViewer, applicationId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const app = await loadOwnApplication(tx, viewer, applicationId, { lock: true });
    if (!canFundingMove('confirmAgreement', app.status)) throw userError('BAD_REQUEST', '协议书已确认或尚未批准');
    await tx.update(schema.fundingAgreements).set({ confirmedBy: viewer.userId, confirmedAt: now }).where(eq(schema.fundingAgreements.applicationId, app.id));
    const [row] = await tx.update(schema.fundingApplications).set({ status: 'agreement_confirmed', version: app.version + 1, updatedAt: now }).where(eq(schema.fundingApplications.id, app.id)).returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.agreement_confirmed', entityType: 'funding_application', entityId: app.id });
    return row!;
  });
}

/** A tranche paid by the office (date, voucher number): never beyond the award. */
export async function recordFundingTranche(db: DbOrTx, viewer: FundingViewer, input: { applicationId: string; amount: number; paidOn: string; voucherNo: string; note: string }, deps: Deps) {
  return db.transaction(async (tx) => {
    const app = await loadApplication(tx, input.applicationId, { lock: true });
    if (!canFundingMove('recordTranche', app.status)) throw userError('BAD_REQUEST', '协议书确认后才能拨款');
    const g = grantTotals(await ledgerEntries(tx, { applicationId: app.id }));
    if (input.amount > g.undisbursedFen) throw userError('BAD_REQUEST', `拨款不能超过尚未拨付的 ${formatFen(g.undisbursedFen)} 元`);
    const [entry] = await tx
      .insert(schema.fundingLedgerEntries)
      .values({ callId: app.callId, applicationId: app.id, kind: 'disbursement', amountFen: input.amount, occurredOn: input.paidOn, voucherNo: input.voucherNo, note: input.note, createdBy: viewer.userId })
      .returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.tranche_recorded', entityType: 'funding_application', entityId: app.id, data: { amountFen: input.amount, paidOn: input.paidOn, voucherNo: input.voucherNo } });
    await notifyManagersOf(tx, [app.organizationId], { title: '专项经费已拨付', body: `“${app.title}”于 ${input.paidOn} 拨付 ${formatFen(input.amount)} 元（凭证号 ${input.voucherNo}）。`, link: `/portal/funding/applications/${app.id}` }, deps.publicUrl, ROLES_TO_TELL);
    return entry!;
  });
}

async function applyRevision(tx: DbOrTx, appId: string, revision: number, lines: Parameters<typeof writeBudgetLines>[3], set: Partial<typeof schema.fundingApplications.$inferInsert>) {
  await writeBudgetLines(tx, appId, revision, lines);
  await tx.update(schema.fundingApplications).set({ ...set, budgetRevision: revision, updatedAt: new Date() }).where(eq(schema.fundingApplications.id, appId));
}

/**
 * A budget change (预算调整). Within a category it is recorded at once; across categories above the call's
 * threshold, or a change of dates or scope, it waits for the office. None after the project's end.
 */
export async function requestBudgetChange(
  db: DbOrTx,
  viewer: FundingViewer,
  input: { applicationId: string; kind: BudgetChangeKind; lines: TBudgetLineInput[]; endDate: string | null; scope: string; reason: string },
  deps: Deps,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const app = await loadOwnApplication(tx, viewer, input.applicationId, { lock: true });
    if (!canFundingMove('requestBudgetChange', app.status)) throw userError('BAD_REQUEST', '当前状态不能申请预算调整');
    const [pending] = await tx.select().from(schema.fundingBudgetChanges).where(and(eq(schema.fundingBudgetChanges.applicationId, app.id), eq(schema.fundingBudgetChanges.status, 'pending')));
    if (pending) throw userError('CONFLICT', '已有一项调整待办公室批准');
    const call = await loadCall(tx, app.callId);
    const current = await budgetLines(tx, app.id, app.budgetRevision);
    const proposed = input.kind === 'move' ? toBudgetLines(input.lines, call.categories) : current;
    if (input.kind === 'dates' && (!input.endDate || (app.startDate && input.endDate < app.startDate))) throw userError('BAD_REQUEST', '请填写新的结束日期（不早于开始日期）');
    if (input.kind === 'scope' && input.scope.trim().length < 2) throw userError('BAD_REQUEST', '请说明内容调整');
    const verdict = budgetChangeVerdict({ kind: input.kind, today: beijingToday(now), projectEnd: app.endDate ?? '2099-12-31', awardFen: app.awardFen ?? 0, thresholdPercent: call.changeThresholdPercent, current, proposed });
    if (!verdict.ok) throw userError('BAD_REQUEST', verdict.message);
    const status = verdict.needsApproval ? 'pending' : 'recorded';
    const toRevision = status === 'recorded' ? app.budgetRevision + 1 : null;
    const [change] = await tx
      .insert(schema.fundingBudgetChanges)
      .values({
        applicationId: app.id,
        kind: input.kind,
        status,
        fromRevision: app.budgetRevision,
        toRevision,
        linesBefore: current,
        linesAfter: proposed,
        endDateBefore: app.endDate,
        endDateAfter: input.kind === 'dates' ? input.endDate : app.endDate,
        scope: input.scope,
        reason: input.reason,
        crossCategoryFen: verdict.crossCategoryFen,
        requestedBy: viewer.userId,
      })
      .returning();
    if (toRevision !== null) await applyRevision(tx, app.id, toRevision, proposed, {});
    await appendAudit(tx, { actorUserId: viewer.userId, action: status === 'recorded' ? 'funding.budget_change_recorded' : 'funding.budget_change_requested', entityType: 'funding_application', entityId: app.id, data: { changeId: change!.id, kind: input.kind, crossCategoryFen: verdict.crossCategoryFen } });
    if (status === 'pending') await notifyOffice(tx, { title: '预算调整待批准', body: `“${app.title}”申请预算调整：${verdict.reason}`, link: `/admin/funding/applications/${app.id}` }, deps.publicUrl);
    return { ...change!, verdict: verdict.reason };
  });
}

export async function decideBudgetChange(db: DbOrTx, viewer: FundingViewer, input: { changeId: string; approve: boolean; note: string }, deps: Deps) {
  return db.transaction(async (tx) => {
    const [change] = await tx.select().from(schema.fundingBudgetChanges).where(eq(schema.fundingBudgetChanges.id, input.changeId)).for('update');
    if (!change) throw userError('NOT_FOUND', '未找到该预算调整');
    if (change.status !== 'pending') throw userError('CONFLICT', '该调整已有决定');
    const app = await loadApplication(tx, change.applicationId, { lock: true });
    if (app.budgetRevision !== change.fromRevision) throw userError('CONFLICT', '预算已在此后调整过，请让基地重新申请');
    const call = await loadCall(tx, app.callId);
    let toRevision: number | null = null;
    if (input.approve) {
      toRevision = app.budgetRevision + 1;
      const endDate = change.endDateAfter;
      await applyRevision(tx, app.id, toRevision, change.linesAfter, change.kind === 'dates' && endDate ? { endDate, reportDueOn: addDays(endDate, call.reportDueDays) } : {});
    }
    const [row] = await tx
      .update(schema.fundingBudgetChanges)
      .set({ status: input.approve ? 'approved' : 'refused', toRevision, decidedBy: viewer.userId, decidedAt: new Date(), decisionNote: input.note })
      .where(eq(schema.fundingBudgetChanges.id, change.id))
      .returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: input.approve ? 'funding.budget_change_approved' : 'funding.budget_change_refused', entityType: 'funding_application', entityId: app.id, data: { changeId: change.id, note: input.note } });
    await notifyManagersOf(tx, [app.organizationId], { title: input.approve ? '预算调整已批准' : '预算调整未获批准', body: `“${app.title}”的预算调整${input.approve ? '已批准' : `未获批准：${input.note}`}。`, link: `/portal/funding/applications/${app.id}` }, deps.publicUrl, ROLES_TO_TELL);
    return row!;
  });
}

/** An interim or final report: actual spending per line of the current budget, targets' actual values. */
export async function submitFundingReport(
  db: DbOrTx,
  viewer: FundingViewer,
  input: { applicationId: string; kind: 'interim' | 'final'; summary: string; spent: Record<string, number>; targetsActual: FundingTargets; eventIds: string[] },
  deps: Deps,
) {
  return db.transaction(async (tx) => {
    const app = await loadOwnApplication(tx, viewer, input.applicationId, { lock: true });
    if (!canFundingMove('submitReport', app.status)) throw userError('BAD_REQUEST', '当前状态不能提交报告');
    const lines = await budgetLines(tx, app.id, app.budgetRevision);
    for (const key of Object.keys(input.spent)) if (!lines.some((l) => l.key === key)) throw userError('BAD_REQUEST', '实际支出须对应现行预算的预算行');
    const sums = spendingAgainstBudget(lines, input.spent);
    const eventIds = [...new Set(input.eventIds)];
    const linkable = eventIds.length ? await linkableEvents(tx, app) : [];
    const linked = linkable.filter((e) => eventIds.includes(e.eventId));
    if (linked.length !== eventIds.length) throw userError('BAD_REQUEST', '只能关联本项目执行期内、已提交活动报告的本基地（或合作基地）活动');
    const targetsActual = targetsFromEvents(input.targetsActual, linked);
    const [report] = await tx
      .insert(schema.fundingReports)
      .values({ applicationId: app.id, kind: input.kind, summary: input.summary, budgetRevision: app.budgetRevision, spent: input.spent, spentFen: sums.spentFen, targetsActual, eventIds, submittedBy: viewer.userId })
      .returning();
    const evidenceFiles = await bindPendingEvidence(tx, app.id, report!.id);
    if (input.kind === 'final') await tx.update(schema.fundingApplications).set({ status: 'report_submitted', reportReturnDeadline: null, version: app.version + 1, updatedAt: new Date() }).where(eq(schema.fundingApplications.id, app.id));
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.report_submitted', entityType: 'funding_application', entityId: app.id, data: { reportId: report!.id, kind: input.kind, spentFen: sums.spentFen, budgetFen: sums.budgetFen, evidenceFiles } });
    if (input.kind === 'final') await notifyOffice(tx, { title: '结项报告待验收', body: `“${app.title}”提交了结项报告：实际支出 ${formatFen(sums.spentFen)} 元，预算 ${formatFen(sums.budgetFen)} 元。`, link: `/admin/funding/applications/${app.id}` }, deps.publicUrl);
    return { ...report!, ...sums, evidenceFiles };
  });
}

/**
 * The office accepts the final report (验收通过), returns it for correction by a deadline, or closes the
 * grant with an amount to return: a refund enters the ledger and the unpaid rest is released.
 */
export async function decideFundingReport(
  db: DbOrTx,
  viewer: FundingViewer,
  input: { applicationId: string; decision: 'accept' | 'return' | 'close'; note: string; deadline?: string; refund?: number },
  deps: Deps,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const peek = await loadApplication(tx, input.applicationId);
    await loadCall(tx, peek.callId, { lock: true });
    const app = await loadApplication(tx, input.applicationId, { lock: true });
    const action = input.decision === 'accept' ? 'acceptReport' : input.decision === 'return' ? 'returnReport' : 'close';
    if (!canFundingMove(action, app.status)) throw userError('BAD_REQUEST', '当前状态不能作此决定');
    const [report] = await tx.select().from(schema.fundingReports).where(and(eq(schema.fundingReports.applicationId, app.id), eq(schema.fundingReports.kind, 'final'))).orderBy(desc(schema.fundingReports.submittedAt)).limit(1);
    const today = beijingToday(now);
    let status: typeof app.status;
    let entries: { kind: 'refund' | 'release' | 'commitment' | 'disbursement'; amountFen: number }[] = [];
    if (input.decision === 'accept') status = 'accepted';
    else if (input.decision === 'return') {
      if (!input.deadline || input.deadline < today) throw userError('BAD_REQUEST', '请填写不早于今天的修改期限');
      status = 'report_returned';
    } else {
      const result = closingEntries(await ledgerEntries(tx, { applicationId: app.id }), input.refund ?? 0);
      if ('message' in result) throw userError('BAD_REQUEST', result.message);
      entries = result;
      status = 'closed';
    }
    for (const e of entries) await tx.insert(schema.fundingLedgerEntries).values({ callId: app.callId, applicationId: app.id, kind: e.kind, amountFen: e.amountFen, occurredOn: today, note: e.kind === 'refund' ? `结项退回：${input.note}` : '结项释放未拨付额度', createdBy: viewer.userId });
    if (report) {
      await tx
        .update(schema.fundingReports)
        .set({ status: input.decision === 'accept' ? 'accepted' : input.decision === 'return' ? 'returned' : 'closed', decidedBy: viewer.userId, decidedAt: now, decisionNote: input.note, returnDeadline: input.deadline ?? null, refundFen: input.refund ?? null })
        .where(eq(schema.fundingReports.id, report.id));
    }
    const [row] = await tx
      .update(schema.fundingApplications)
      .set({ status, reportReturnDeadline: input.decision === 'return' ? input.deadline! : null, ...(status === 'closed' ? { closedAt: now } : {}), version: app.version + 1, updatedAt: now })
      .where(eq(schema.fundingApplications.id, app.id))
      .returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: `funding.report_${input.decision === 'accept' ? 'accepted' : input.decision === 'return' ? 'returned' : 'closed'}`, entityType: 'funding_application', entityId: app.id, data: { note: input.note, deadline: input.deadline ?? null, refundFen: input.refund ?? null, entries } });
    const body = input.decision === 'accept' ? '结项报告已验收通过。' : input.decision === 'return' ? `结项报告退回修改，请于 ${input.deadline} 前重新提交：${input.note}` : `项目已结项，应退回 ${formatFen(input.refund ?? 0)} 元。`;
    await notifyManagersOf(tx, [app.organizationId], { title: '结项报告验收结果', body: `“${app.title}”：${body}`, link: `/portal/funding/applications/${app.id}` }, deps.publicUrl, ROLES_TO_TELL);
    return row!;
  });
}

/** The office's ledger page: per call and per grant. */
export async function fundingLedger(db: DbOrTx, callId: string) {
  const call = await loadCall(db, callId);
  const entries = await ledgerEntries(db, { callId });
  const grants = await db
    .select({ id: schema.fundingApplications.id, title: schema.fundingApplications.title, status: schema.fundingApplications.status, baseName: schema.bases.name, requestedFen: schema.fundingApplications.requestedFen })
    .from(schema.fundingApplications)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.fundingApplications.baseId))
    .where(eq(schema.fundingApplications.callId, callId));
  return {
    call: { id: call.id, title: call.title, year: call.year },
    totals: ledgerTotals(call.poolFen, entries),
    grants: grants
      .map((g) => ({ ...g, ...grantTotals(entries.filter((e) => e.applicationId === g.id)) }))
      .filter((g) => g.awardFen > 0 || g.returnedFen > 0 || entries.some((e) => e.applicationId === g.id)),
    entries,
  };
}
