import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { addDays, formatFen, scaleLines } from '@ssb/domain/funding';
import { beijingToday } from '@ssb/domain/time';
import { and, count, eq, ne, or } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { notifyManagersOf } from '../alliances/alliance-rows.ts';
import { userError } from '../errors.ts';
import { budgetLines, callTotals, loadApplication, loadCall, writeBudgetLines, type Deps, type FundingViewer } from './rows.ts';

/**
 * The office's decision (批准 / 不予资助). Approval locks the call's row (`SELECT … FOR UPDATE`), so
 * parallel approvals are serialised and none commits beyond what is available; the award is ≤ requested,
 * ≤ the call's maximum and ≤ available. The approver never reviewed this application and belongs neither
 * to the applying organization nor to a co-applicant's.
 */
export async function decideFundingApplication(
  db: DbOrTx,
  viewer: FundingViewer,
  input: { applicationId: string; decision: 'approve' | 'refuse'; award: number; reason: string },
  deps: Deps,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const peek = await loadApplication(tx, input.applicationId);
    const call = await loadCall(tx, peek.callId, { lock: true });
    const app = await loadApplication(tx, input.applicationId, { lock: true });
    const allowed = input.decision === 'approve' ? ['in_review'] : ['submitted', 'in_review'];
    if (!allowed.includes(app.status)) throw userError('CONFLICT', input.decision === 'approve' ? '只能批准审核中的申请' : '该申请已有决定');

    const blocked = await decisionBlock(tx, viewer, app);
    if (blocked) throw userError('FORBIDDEN', blocked);

    if (input.decision === 'refuse') {
      const [row] = await tx.update(schema.fundingApplications).set({ status: 'refused', decidedBy: viewer.userId, decidedAt: now, decisionReason: input.reason, version: app.version + 1, updatedAt: now }).where(eq(schema.fundingApplications.id, app.id)).returning();
      await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.refused', entityType: 'funding_application', entityId: app.id, data: { reason: input.reason } });
      await notifyManagersOf(tx, [app.organizationId], { title: '专项经费申请未获资助', body: `“${app.title}”未获资助。理由：${input.reason}`, link: `/portal/funding/applications/${app.id}` }, deps.publicUrl, ['base_manager', 'alliance_coordinator']);
      return { ...row!, committedFen: 0 };
    }

    if (input.award > app.requestedFen) throw userError('BAD_REQUEST', `资助金额不能超过申请金额 ${formatFen(app.requestedFen)} 元`);
    if (input.award > call.maxPerProjectFen) throw userError('BAD_REQUEST', `资助金额不能超过单项上限 ${formatFen(call.maxPerProjectFen)} 元`);
    const totals = (await callTotals(tx, [call])).get(call.id)!;
    if (input.award > totals.availableFen) throw userError('CONFLICT', `资金余额不足：尚可承诺 ${formatFen(totals.availableFen)} 元`);

    const approvedLines = scaleLines(await budgetLines(tx, app.id, 0), input.award);
    await writeBudgetLines(tx, app.id, 1, approvedLines);
    await tx.insert(schema.fundingLedgerEntries).values({ callId: call.id, applicationId: app.id, kind: 'commitment', amountFen: input.award, occurredOn: beijingToday(now), note: '批准资助', createdBy: viewer.userId });
    const [agreements] = await tx
      .select({ n: count() })
      .from(schema.fundingAgreements)
      .innerJoin(schema.fundingApplications, eq(schema.fundingApplications.id, schema.fundingAgreements.applicationId))
      .where(eq(schema.fundingApplications.callId, call.id));
    const number = `京科精专-${call.year}-${String(agreements!.n + 1).padStart(3, '0')}-${call.id.slice(0, 4)}`;
    await tx.insert(schema.fundingAgreements).values({ applicationId: app.id, number, budgetRevision: 1 });
    const [row] = await tx
      .update(schema.fundingApplications)
      .set({
        status: 'approved',
        awardFen: input.award,
        budgetRevision: 1,
        reportDueOn: app.endDate ? addDays(app.endDate, call.reportDueDays) : null,
        decidedBy: viewer.userId,
        decidedAt: now,
        decisionReason: input.reason || null,
        version: app.version + 1,
        updatedAt: now,
      })
      .where(eq(schema.fundingApplications.id, app.id))
      .returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.approved', entityType: 'funding_application', entityId: app.id, data: { awardFen: input.award, requestedFen: app.requestedFen, availableBeforeFen: totals.availableFen, agreement: number } });
    await notifyManagersOf(tx, [app.organizationId], { title: '专项经费申请已获批准', body: `“${app.title}”获批资助 ${formatFen(input.award)} 元，请在申报门户确认资助协议书（${number}）。`, link: `/portal/funding/applications/${app.id}` }, deps.publicUrl, ['base_manager', 'alliance_coordinator']);
    return { ...row!, committedFen: input.award };
  });
}

/**
 * Why this viewer may not decide on this application (null: they may): whoever reviewed it, or holds
 * a membership in the applying or a co-applying organization, leaves the decision to a colleague.
 */
export async function decisionBlock(tx: DbOrTx, viewer: FundingViewer, app: { id: string; organizationId: string }): Promise<string | null> {
  const [reviewed] = await tx.select({ n: count() }).from(schema.fundingReviews).where(and(eq(schema.fundingReviews.applicationId, app.id), eq(schema.fundingReviews.reviewerId, viewer.userId), ne(schema.fundingReviews.status, 'withdrawn')));
  if (reviewed!.n > 0) return '您审核过该申请，不能再作决定，请由另一位同事决定';
  const coApplicants = await tx.select().from(schema.fundingCoApplicants).where(eq(schema.fundingCoApplicants.applicationId, app.id));
  const applicantOrgs = [app.organizationId, ...coApplicants.map((c) => c.organizationId)];
  const [own] = await tx
    .select({ n: count() })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.userId, viewer.userId), or(...applicantOrgs.map((o) => eq(schema.memberships.organizationId, o)))));
  if (own!.n > 0) return '您属于申请单位，不能对该申请作决定';
  return null;
}
