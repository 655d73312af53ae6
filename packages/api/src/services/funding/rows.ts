import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { grantTotals, ledgerTotals, type BudgetLine } from '@ssb/domain/funding';
import { isOfficeRole } from '@ssb/domain/roles';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { userError } from '../errors.ts';

export type FundingViewer = { userId: string; grants: Array<{ organizationId: string; role: string }> };
export type CallRow = typeof schema.fundingCalls.$inferSelect;
export type ApplicationRow = typeof schema.fundingApplications.$inferSelect;
export type Deps = { publicUrl: string };

export const isOfficeViewer = (viewer: FundingViewer) => viewer.grants.some((g) => isOfficeRole(g.role));
/** Organizations for which the viewer applies: where they manage a base or coordinate an alliance. */
export const applicantOrganizations = (viewer: FundingViewer) =>
  [...new Set(viewer.grants.filter((g) => g.role === 'base_manager' || g.role === 'alliance_coordinator').map((g) => g.organizationId))];

export async function loadCall(db: DbOrTx, callId: string, options: { lock?: boolean } = {}) {
  const query = db.select().from(schema.fundingCalls).where(eq(schema.fundingCalls.id, callId));
  const [call] = options.lock ? await query.for('update') : await query;
  if (!call) throw userError('NOT_FOUND', '未找到该专项申报通知');
  return call;
}

export async function loadApplication(db: DbOrTx, applicationId: string, options: { lock?: boolean } = {}) {
  const query = db.select().from(schema.fundingApplications).where(eq(schema.fundingApplications.id, applicationId));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw userError('NOT_FOUND', '未找到该经费申请');
  return row;
}

/** An application the viewer's own organization applies for (from the grants), or a refusal. */
export async function loadOwnApplication(db: DbOrTx, viewer: FundingViewer, applicationId: string, options: { lock?: boolean } = {}) {
  const orgs = applicantOrganizations(viewer);
  const row = await loadApplication(db, applicationId, options).catch(() => null);
  if (!row || !orgs.includes(row.organizationId)) throw userError('FORBIDDEN', '这不是您单位的经费申请');
  return row;
}

/** The lines of one budget revision, in order. */
export async function budgetLines(db: DbOrTx, applicationId: string, revision: number): Promise<BudgetLine[]> {
  const rows = await db
    .select()
    .from(schema.fundingBudgetLines)
    .where(and(eq(schema.fundingBudgetLines.applicationId, applicationId), eq(schema.fundingBudgetLines.revision, revision)))
    .orderBy(asc(schema.fundingBudgetLines.position));
  return rows.map(({ key, category, item, quantity, unitPriceFen, amountFen, justification }) => ({ key, category, item, quantity, unitPriceFen, amountFen, justification }));
}

export async function writeBudgetLines(db: DbOrTx, applicationId: string, revision: number, lines: readonly BudgetLine[]) {
  await db.delete(schema.fundingBudgetLines).where(and(eq(schema.fundingBudgetLines.applicationId, applicationId), eq(schema.fundingBudgetLines.revision, revision)));
  if (lines.length) await db.insert(schema.fundingBudgetLines).values(lines.map((l, position) => ({ ...l, applicationId, revision, position })));
}

export async function ledgerEntries(db: DbOrTx, where: { callId?: string; applicationId?: string }) {
  const conditions = [
    ...(where.callId ? [eq(schema.fundingLedgerEntries.callId, where.callId)] : []),
    ...(where.applicationId ? [eq(schema.fundingLedgerEntries.applicationId, where.applicationId)] : []),
  ];
  return db.select().from(schema.fundingLedgerEntries).where(and(...conditions)).orderBy(asc(schema.fundingLedgerEntries.id));
}

/** Sums of the ledger per call (from SQL, so large ledgers stay cheap). */
export async function callTotals(db: DbOrTx, calls: ReadonlyArray<Pick<CallRow, 'id' | 'poolFen'>>) {
  if (calls.length === 0) return new Map<string, ReturnType<typeof ledgerTotals>>();
  const rows = await db
    .select({ callId: schema.fundingLedgerEntries.callId, kind: schema.fundingLedgerEntries.kind, amountFen: sql<string>`sum(${schema.fundingLedgerEntries.amountFen})` })
    .from(schema.fundingLedgerEntries)
    .where(inArray(schema.fundingLedgerEntries.callId, calls.map((c) => c.id)))
    .groupBy(schema.fundingLedgerEntries.callId, schema.fundingLedgerEntries.kind);
  return new Map(calls.map((c) => [c.id, ledgerTotals(c.poolFen, rows.filter((r) => r.callId === c.id).map((r) => ({ kind: r.kind, amountFen: Number(r.amountFen) })))]));
}

export async function grantFigures(db: DbOrTx, applicationId: string) {
  return grantTotals(await ledgerEntries(db, { applicationId }));
}

export async function baseNames(db: DbOrTx, baseIds: string[]) {
  if (baseIds.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: schema.bases.id, name: schema.bases.name }).from(schema.bases).where(inArray(schema.bases.id, [...new Set(baseIds)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
