import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { canFundingMove, cancellationEntries, formatFen, reductionEntries, scaleLines, type LedgerKind } from '@ssb/domain/funding';
import { beijingToday } from '@ssb/domain/time';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { notifyManagersOf } from '../alliances/alliance-rows.ts';
import { userError } from '../errors.ts';
import { decisionBlock } from './decide.ts';
import { budgetLines, callTotals, ledgerEntries, loadApplication, loadCall, writeBudgetLines, type Deps, type FundingViewer } from './rows.ts';

const ROLES_TO_TELL = ['base_manager', 'alliance_coordinator'];

/** Locks the call, then the grant, and checks the office member may decide on it (same rule as approval). */
async function lockGrant(tx: DbOrTx, viewer: FundingViewer, applicationId: string, action: 'reduce' | 'cancel') {
  const peek = await loadApplication(tx, applicationId);
  const call = await loadCall(tx, peek.callId, { lock: true });
  const app = await loadApplication(tx, applicationId, { lock: true });
  if (!canFundingMove(action, app.status)) throw userError('BAD_REQUEST', action === 'reduce' ? '当前状态不能核减资助金额' : '当前状态不能撤销资助');
  const blocked = await decisionBlock(tx, viewer, app);
  if (blocked) throw userError('FORBIDDEN', blocked);
  return { call, app };
}

async function writeEntries(tx: DbOrTx, app: { id: string; callId: string }, entries: { kind: LedgerKind; amountFen: number }[], note: string, userId: string, today: string) {
  for (const e of entries) await tx.insert(schema.fundingLedgerEntries).values({ callId: app.callId, applicationId: app.id, kind: e.kind, amountFen: e.amountFen, occurredOn: today, note, createdBy: userId });
}

/**
 * Reduces an award (核减): the part given up is released back to the pool as a ledger entry, the budget
 * in force is cut in proportion to the new award as a new revision (lines still add up exactly), and
 * the award never drops below what the base holds. A pending budget change is refused, as it was
 * made against the old budget.
 */
export async function reduceFundingAward(db: DbOrTx, viewer: FundingViewer, input: { applicationId: string; award: number; reason: string }, deps: Deps, now = new Date()) {
  return db.transaction(async (tx) => {
    const { call, app } = await lockGrant(tx, viewer, input.applicationId, 'reduce');
    const entries = reductionEntries(await ledgerEntries(tx, { applicationId: app.id }), input.award);
    if ('message' in entries) throw userError('BAD_REQUEST', entries.message);
    const today = beijingToday(now);
    await writeEntries(tx, app, entries, `核减资助：${input.reason}`, viewer.userId, today);
    const revision = app.budgetRevision + 1;
    await writeBudgetLines(tx, app.id, revision, scaleLines(await budgetLines(tx, app.id, app.budgetRevision), input.award));
    await tx
      .update(schema.fundingBudgetChanges)
      .set({ status: 'refused', decidedBy: viewer.userId, decidedAt: now, decisionNote: '资助金额已核减，请按新预算重新申请' })
      .where(and(eq(schema.fundingBudgetChanges.applicationId, app.id), eq(schema.fundingBudgetChanges.status, 'pending')));
    const [row] = await tx
      .update(schema.fundingApplications)
      .set({ awardFen: input.award, budgetRevision: revision, version: app.version + 1, updatedAt: now })
      .where(eq(schema.fundingApplications.id, app.id))
      .returning();
    const totals = (await callTotals(tx, [call])).get(call.id)!;
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.award_reduced', entityType: 'funding_application', entityId: app.id, data: { fromFen: app.awardFen, toFen: input.award, releasedFen: entries[0]!.amountFen, budgetRevision: revision, reason: input.reason, availableAfterFen: totals.availableFen } });
    await notifyManagersOf(tx, [app.organizationId], { title: '资助金额已核减', body: `“${app.title}”的资助金额由 ${formatFen(app.awardFen ?? 0)} 元核减为 ${formatFen(input.award)} 元。理由：${input.reason}`, link: `/portal/funding/applications/${app.id}` }, deps.publicUrl, ROLES_TO_TELL);
    return { ...row!, releasedFen: entries[0]!.amountFen, totals };
  });
}

/**
 * Cancels a grant (撤销资助): what the base returns enters the ledger as a refund, the unpaid part of
 * the award is released, and the grant ends as `cancelled` (no report is owed any more).
 */
export async function cancelFundingGrant(db: DbOrTx, viewer: FundingViewer, input: { applicationId: string; refund: number; reason: string }, deps: Deps, now = new Date()) {
  return db.transaction(async (tx) => {
    const { call, app } = await lockGrant(tx, viewer, input.applicationId, 'cancel');
    const entries = cancellationEntries(await ledgerEntries(tx, { applicationId: app.id }), input.refund);
    if ('message' in entries) throw userError('BAD_REQUEST', entries.message);
    await writeEntries(tx, app, entries, `撤销资助：${input.reason}`, viewer.userId, beijingToday(now));
    await tx
      .update(schema.fundingBudgetChanges)
      .set({ status: 'refused', decidedBy: viewer.userId, decidedAt: now, decisionNote: '资助已撤销' })
      .where(and(eq(schema.fundingBudgetChanges.applicationId, app.id), eq(schema.fundingBudgetChanges.status, 'pending')));
    const [row] = await tx
      .update(schema.fundingApplications)
      .set({ status: 'cancelled', closedAt: now, decisionReason: input.reason, version: app.version + 1, updatedAt: now })
      .where(eq(schema.fundingApplications.id, app.id))
      .returning();
    const totals = (await callTotals(tx, [call])).get(call.id)!;
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.grant_cancelled', entityType: 'funding_application', entityId: app.id, data: { refundFen: input.refund, entries, reason: input.reason, availableAfterFen: totals.availableFen } });
    await notifyManagersOf(tx, [app.organizationId], { title: '资助已撤销', body: `“${app.title}”的资助已撤销${input.refund > 0 ? `，应退回 ${formatFen(input.refund)} 元` : ''}。理由：${input.reason}`, link: `/portal/funding/applications/${app.id}` }, deps.publicUrl, ROLES_TO_TELL);
    return { ...row!, entries, totals };
  });
}
