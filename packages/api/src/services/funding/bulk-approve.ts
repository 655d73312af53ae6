import { createHash } from 'node:crypto';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { formatFen, MIN_REVIEWS_FOR_RECOMMENDATION } from '@ssb/domain/funding';
import { and, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { decideFundingApplication, decisionBlock } from './decide.ts';
import { baseNames, callTotals, loadCall, type Deps, type FundingViewer } from './rows.ts';

export type BulkApprovalRequest = { callId: string; items: Array<{ applicationId: string; award: number }>; reason: string };

/**
 * What a bulk approval would do, for this viewer, now: each chosen application with its award and,
 * where it cannot be approved, why (not in review, above the request or the call's maximum, the viewer
 * reviewed it or belongs to the applicant, or the pool has run out — taken in the order given). The
 * token is a digest of exactly what would be approved and of the figures it was computed from.
 */
export async function planBulkApproval(db: DbOrTx, viewer: FundingViewer, input: BulkApprovalRequest) {
  const call = await loadCall(db, input.callId);
  const ids = input.items.map((i) => i.applicationId);
  const apps = await db.select().from(schema.fundingApplications).where(and(eq(schema.fundingApplications.callId, call.id), inArray(schema.fundingApplications.id, ids)));
  const reviews = apps.length ? await db.select().from(schema.fundingReviews).where(and(inArray(schema.fundingReviews.applicationId, apps.map((a) => a.id)), eq(schema.fundingReviews.status, 'submitted'))) : [];
  const names = await baseNames(db, apps.map((a) => a.baseId));
  const totals = (await callTotals(db, [call])).get(call.id)!;
  let left = totals.availableFen;
  const items = [];
  for (const wanted of input.items) {
    const app = apps.find((a) => a.id === wanted.applicationId);
    const submitted = reviews.filter((r) => r.applicationId === wanted.applicationId);
    let problem: string | null;
    if (!app) problem = '该申请不属于本次申报';
    else if (app.status !== 'in_review') problem = '只能批准审核中的申请';
    else if (wanted.award > app.requestedFen) problem = `资助金额不能超过申请金额 ${formatFen(app.requestedFen)} 元`;
    else if (wanted.award > call.maxPerProjectFen) problem = `资助金额不能超过单项上限 ${formatFen(call.maxPerProjectFen)} 元`;
    else problem = await decisionBlock(db, viewer, app);
    if (!problem && wanted.award > left) problem = `资金余额不足：尚可承诺 ${formatFen(left)} 元`;
    if (!problem) left -= wanted.award;
    items.push({
      applicationId: wanted.applicationId,
      title: app?.title ?? '',
      baseName: app ? (names.get(app.baseId) ?? '') : '',
      requestedFen: app?.requestedFen ?? 0,
      awardFen: wanted.award,
      version: app?.version ?? 0,
      reviewsSubmitted: submitted.length,
      /** Fewer than two submitted reviews: the working group has not yet recommended it. */
      isAheadOfReview: submitted.length < MIN_REVIEWS_FOR_RECOMMENDATION,
      problem,
    });
  }
  const approvable = items.filter((i) => i.problem === null);
  const totalFen = approvable.reduce((s, i) => s + i.awardFen, 0);
  const token = createHash('sha256')
    .update(JSON.stringify({ callId: call.id, viewer: viewer.userId, available: totals.availableFen, approve: approvable.map((i) => [i.applicationId, i.awardFen, i.version]), refused: items.filter((i) => i.problem).map((i) => i.applicationId) }))
    .digest('hex');
  return { callId: call.id, items, counts: { approve: approvable.length, refused: items.length - approvable.length }, totalFen, availableFen: totals.availableFen, availableAfterFen: totals.availableFen - totalFen, token };
}

/**
 * Confirms a previewed bulk approval: the plan is made again under the call's row lock and must give
 * the same token (nobody decided, reviewed or spent in between); then each application is approved as
 * a single decision would be (same checks, same ledger entry, same audit), and the batch is audited.
 */
export async function confirmBulkApproval(db: DbOrTx, viewer: FundingViewer, input: BulkApprovalRequest & { token: string }, deps: Deps) {
  return db.transaction(async (tx) => {
    await loadCall(tx, input.callId, { lock: true });
    const plan = await planBulkApproval(tx, viewer, input);
    if (plan.token !== input.token) throw userError('CONFLICT', '预览之后数据已有变化（他人作出了决定或资金余额已变），请重新预览后再确认');
    const approve = plan.items.filter((i) => i.problem === null);
    if (approve.length === 0) throw userError('BAD_REQUEST', '没有可以批准的申请');
    for (const item of approve) await decideFundingApplication(tx, viewer, { applicationId: item.applicationId, decision: 'approve', award: item.awardFen, reason: input.reason }, deps);
    await appendAudit(tx, {
      actorUserId: viewer.userId,
      action: 'funding.bulk_approved',
      entityType: 'funding_call',
      entityId: input.callId,
      data: { approved: approve.map((i) => ({ applicationId: i.applicationId, awardFen: i.awardFen })), totalFen: plan.totalFen, availableBeforeFen: plan.availableFen, skipped: plan.items.filter((i) => i.problem).map((i) => ({ applicationId: i.applicationId, problem: i.problem })) },
    });
    return { approved: approve.length, totalFen: plan.totalFen, availableAfterFen: plan.availableAfterFen };
  });
}
