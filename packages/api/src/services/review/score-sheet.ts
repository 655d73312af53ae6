import { scoreSheetProblems, weightedTotal } from '@ssb/domain/scoring';
import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { DomainError } from '@ssb/domain/errors';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { loadOwnAssignment } from './expert-view.ts';

export type ScoreSheetInput = { assignmentId: string; version: number; scores: Record<string, number>; comment: string };

export type ScoreConflict = { kind: 'score_conflict'; serverVersion: number; serverScores: Record<string, number>; serverComment: string };

type Loaded = Awaited<ReturnType<typeof loadOwnAssignment>>;

function assertEditable({ assignment, round }: Loaded) {
  if (assignment.status === 'submitted') throw userError('BAD_REQUEST', '评分已提交，不能再修改');
  if (assignment.status === 'recused') throw userError('BAD_REQUEST', '您已声明回避该申报');
  if (round.status !== 'open') throw userError('BAD_REQUEST', '本轮评审未在进行中，不能评分');
  if (round.closesAt && round.closesAt.getTime() < Date.now()) throw userError('BAD_REQUEST', '本轮评审已过截止时间，不能再评分');
}

function assertScores(loaded: Loaded, scores: Record<string, number>, isComplete: boolean) {
  const problems = scoreSheetProblems(loaded.round.criteria, scores, { isComplete });
  if (problems.length > 0) throw userError('BAD_REQUEST', problems.map((p) => p.message).join('；'));
}

/**
 * Writes the sheet only if nobody saved since the version the page started from (another tab, a
 * second device); otherwise nothing is overwritten and the server's copy comes back to compare.
 */
async function writeSheet(db: DbOrTx, loaded: Loaded, input: ScoreSheetInput, submit: boolean) {
  const total = weightedTotal(loaded.round.criteria, input.scores);
  const [saved] = await db
    .update(schema.reviewAssignments)
    .set({
      scores: input.scores,
      comment: input.comment,
      weightedTotal: total,
      version: sql`${schema.reviewAssignments.version} + 1`,
      ...(submit ? { status: 'submitted' as const, submittedAt: new Date() } : {}),
    })
    .where(and(eq(schema.reviewAssignments.id, loaded.assignment.id), eq(schema.reviewAssignments.version, input.version), eq(schema.reviewAssignments.status, 'assigned')))
    .returning({ version: schema.reviewAssignments.version, weightedTotal: schema.reviewAssignments.weightedTotal, status: schema.reviewAssignments.status });
  if (saved) return saved;
  const [current] = await db.select().from(schema.reviewAssignments).where(eq(schema.reviewAssignments.id, loaded.assignment.id));
  if (current!.status !== 'assigned') throw userError('BAD_REQUEST', current!.status === 'submitted' ? '评分已提交，不能再修改' : '您已声明回避该申报');
  const conflict: ScoreConflict = { kind: 'score_conflict', serverVersion: current!.version, serverScores: current!.scores, serverComment: current!.comment ?? '' };
  throw new DomainError('CONFLICT', '评分已在其他页面保存过，为避免覆盖，本次未保存。请对照后再保存', { conflict });
}

/** Keeps whatever the expert typed, even half a sheet: a draft is never lost. */
export async function saveScoreDraft(db: Database, expertUserId: string, input: ScoreSheetInput) {
  const loaded = await loadOwnAssignment(db, expertUserId, input.assignmentId);
  assertEditable(loaded);
  assertScores(loaded, input.scores, false);
  return writeSheet(db, loaded, input, false);
}

/** Submits a complete sheet; from then on it counts in the ranking and cannot be changed. */
export async function submitScores(db: Database, expertUserId: string, input: ScoreSheetInput) {
  const loaded = await loadOwnAssignment(db, expertUserId, input.assignmentId);
  assertEditable(loaded);
  assertScores(loaded, input.scores, true);
  return db.transaction(async (tx) => {
    const saved = await writeSheet(tx, loaded, input, true);
    await appendAudit(tx, {
      actorUserId: expertUserId,
      action: 'review.submit',
      entityType: 'review_assignment',
      entityId: loaded.assignment.id,
      data: { roundId: loaded.round.id, applicationId: loaded.assignment.applicationId, scores: input.scores, weightedTotal: saved.weightedTotal },
    });
    return saved;
  });
}

/**
 * The expert declares a conflict of interest: recorded for good (so the nomination is never
 * assigned to them again, in any round) and the assignment is set aside, even after submission.
 */
export async function declareConflict(db: Database, expertUserId: string, input: { assignmentId: string; reason: string }) {
  const { assignment, round } = await loadOwnAssignment(db, expertUserId, input.assignmentId);
  if (assignment.status === 'recused') throw userError('BAD_REQUEST', '您已声明回避该申报');
  if (round.status === 'closed') throw userError('BAD_REQUEST', '本轮评审已结束，如有利益冲突请联系工作办公室');
  return db.transaction(async (tx) => {
    await tx.insert(schema.conflictDeclarations).values({ expertUserId, applicationId: assignment.applicationId, reason: input.reason }).onConflictDoNothing();
    await tx
      .update(schema.reviewAssignments)
      .set({ status: 'recused', weightedTotal: null, version: sql`${schema.reviewAssignments.version} + 1` })
      .where(eq(schema.reviewAssignments.id, assignment.id));
    await appendAudit(tx, {
      actorUserId: expertUserId,
      action: 'review.recuse',
      entityType: 'review_assignment',
      entityId: assignment.id,
      data: { roundId: round.id, applicationId: assignment.applicationId, reason: input.reason, previousStatus: assignment.status },
    });
    return { ok: true };
  });
}
