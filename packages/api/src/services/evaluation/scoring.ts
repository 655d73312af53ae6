import { schema, type Database, type DbOrTx } from '@ssb/db';
import { DomainError } from '@ssb/domain/errors';
import { EVALUATION_DIMENSIONS, weightedScore, type EvaluationDimension } from '@ssb/domain/evaluation';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { notifyUsers } from '../notifications/notify.ts';
import { expertOrganizationIds, CONFLICT_REASON_TEXT, type ConflictReason } from '../review/conflicts.ts';
import { planBalancedAssignment } from '../review/plan-assignment.ts';
import { activePoolExperts } from '../review/pool.ts';
import { loadRound, loadRoundBase, type Deps, type EvaluationViewer } from './access.ts';

const { evaluationAssignments, annualReports, bases, evaluationRounds, evaluationVisits, evaluationResults, users } = schema;

export const evaluationConflictKey = (baseId: string, expertUserId: string) => `${baseId}:${expertUserId}`;

/**
 * The selection's conflict rules applied to bases: an expert of the base's own unit, or of the unit that
 * recommended it when it was named, never scores it; a conflict the expert declared in this round stays.
 */
export async function findEvaluationConflicts(db: DbOrTx, roundId: string, baseIds: string[], expertUserIds: string[]) {
  const conflicts = new Map<string, ConflictReason>();
  if (baseIds.length === 0 || expertUserIds.length === 0) return conflicts;
  const rows = await db
    .select({ id: bases.id, organizationId: bases.organizationId, recommenderOrganizationId: schema.recommendingBodies.organizationId })
    .from(bases)
    .leftJoin(schema.applications, eq(schema.applications.id, bases.applicationId))
    .leftJoin(schema.recommendingBodies, eq(schema.recommendingBodies.id, schema.applications.recommendingBodyId))
    .where(inArray(bases.id, baseIds));
  const units = await expertOrganizationIds(db, expertUserIds);
  for (const base of rows) {
    for (const expertId of expertUserIds) {
      const mine = units.get(expertId)!;
      if (mine.has(base.organizationId)) conflicts.set(evaluationConflictKey(base.id, expertId), 'same_organization');
      else if (base.recommenderOrganizationId && mine.has(base.recommenderOrganizationId)) conflicts.set(evaluationConflictKey(base.id, expertId), 'same_recommender');
    }
  }
  const declared = await db
    .select({ baseId: evaluationAssignments.baseId, expertUserId: evaluationAssignments.expertUserId })
    .from(evaluationAssignments)
    .where(and(eq(evaluationAssignments.roundId, roundId), inArray(evaluationAssignments.baseId, baseIds), eq(evaluationAssignments.status, 'withdrawn')));
  for (const d of declared) conflicts.set(evaluationConflictKey(d.baseId, d.expertUserId), 'declared');
  return conflicts;
}

/** The assignment plan: submitted reports get experts up to `perReport`, fewest-loaded first, never a conflicted one. */
export async function planEvaluationAssignment(db: DbOrTx, input: { roundId: string; perReport: number; expertUserIds: string[] }) {
  const round = await loadRound(db, input.roundId);
  const pool = await activePoolExperts(db);
  const experts = pool.filter((e) => input.expertUserIds.includes(e.userId));
  if (experts.length !== new Set(input.expertUserIds).size) throw userError('BAD_REQUEST', '所选专家中有不在专家库或已停用的');
  const reports = await db
    .select({ baseId: annualReports.baseId, baseName: bases.name })
    .from(annualReports)
    .innerJoin(bases, eq(bases.id, annualReports.baseId))
    .where(and(eq(annualReports.roundId, round.id), eq(annualReports.status, 'submitted')))
    .orderBy(asc(bases.number));
  const existing = await db.select().from(evaluationAssignments).where(eq(evaluationAssignments.roundId, round.id));
  const expertIds = experts.map((e) => e.userId);
  const conflicts = await findEvaluationConflicts(db, round.id, reports.map((r) => r.baseId), expertIds);
  const live = existing.filter((a) => a.status !== 'withdrawn');
  const plan = planBalancedAssignment({
    nominations: reports.map((r) => ({
      id: r.baseId,
      assignedExpertIds: live.filter((a) => a.baseId === r.baseId).map((a) => a.expertUserId),
      excludedExpertIds: [...expertIds.filter((e) => conflicts.has(evaluationConflictKey(r.baseId, e))), ...existing.filter((a) => a.baseId === r.baseId && a.status === 'withdrawn').map((a) => a.expertUserId)],
    })),
    experts: experts.map((e) => ({ id: e.userId, name: e.name, load: live.filter((a) => a.expertUserId === e.userId).length })),
    perApplication: input.perReport,
  });
  const nameOf = (id: string) => experts.find((e) => e.userId === id)?.name ?? '';
  const baseName = (id: string) => reports.find((r) => r.baseId === id)?.baseName ?? '';
  return {
    additions: plan.additions.map((a) => ({ baseId: a.applicationId, baseName: baseName(a.applicationId), expertUserId: a.expertUserId, expertName: nameOf(a.expertUserId) })),
    shortfalls: plan.shortfalls.map((s) => ({ baseId: s.applicationId, baseName: baseName(s.applicationId), missing: s.missing })),
    conflicts: [...conflicts].map(([key, reason]) => {
      const [baseId, expertUserId] = key.split(':') as [string, string];
      return { baseId, baseName: baseName(baseId), expertUserId, expertName: nameOf(expertUserId), reason, reasonText: CONFLICT_REASON_TEXT[reason] };
    }),
  };
}

/** Applies the plan as recomputed now, under the round's row lock; the experts are told. */
export async function assignEvaluators(db: Database, viewer: EvaluationViewer, input: { roundId: string; perReport: number; expertUserIds: string[] }, deps: Deps) {
  return db.transaction(async (tx) => {
    const round = await loadRound(tx, input.roundId, { lock: true });
    if (round.status === 'closed') throw userError('BAD_REQUEST', '本轮考核已结束');
    const plan = await planEvaluationAssignment(tx, input);
    if (plan.additions.length === 0) return { added: 0, shortfalls: plan.shortfalls };
    await tx.insert(evaluationAssignments).values(plan.additions.map((a) => ({ roundId: round.id, baseId: a.baseId, expertUserId: a.expertUserId }))).onConflictDoNothing();
    const expertIds = [...new Set(plan.additions.map((a) => a.expertUserId))];
    const recipients = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, expertIds));
    for (const expert of recipients) {
      const n = plan.additions.filter((a) => a.expertUserId === expert.id).length;
      await notifyUsers(tx, [expert], { title: `${round.year} 年度基地考核评审任务`, body: `您有 ${n} 份基地年度报告待评分。`, link: '/admin/my-evaluations' }, deps.publicUrl);
    }
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'evaluation.assigned', entityType: 'evaluation_round', entityId: round.id, data: { added: plan.additions.length, perReport: input.perReport } });
    return { added: plan.additions.length, shortfalls: plan.shortfalls };
  });
}

/** The expert's desk: reports assigned to them, minus any they have a conflict with (found from the data). */
export async function myEvaluations(db: DbOrTx, viewer: EvaluationViewer) {
  const rows = await db
    .select({ a: evaluationAssignments, baseName: bases.name, baseNumber: bases.number, year: evaluationRounds.year, roundStatus: evaluationRounds.status, weights: evaluationRounds.weights, reportId: annualReports.id })
    .from(evaluationAssignments)
    .innerJoin(bases, eq(bases.id, evaluationAssignments.baseId))
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, evaluationAssignments.roundId))
    .leftJoin(annualReports, and(eq(annualReports.roundId, evaluationAssignments.roundId), eq(annualReports.baseId, evaluationAssignments.baseId)))
    .where(and(eq(evaluationAssignments.expertUserId, viewer.userId), ne(evaluationAssignments.status, 'withdrawn')))
    .orderBy(desc(evaluationRounds.year), asc(bases.number));
  const out = [];
  for (const row of rows) {
    const conflicts = await findEvaluationConflicts(db, row.a.roundId, [row.a.baseId], [viewer.userId]);
    if (conflicts.size) continue;
    out.push({
      assignmentId: row.a.id, roundId: row.a.roundId, year: row.year, baseId: row.a.baseId, baseName: row.baseName, baseNumber: row.baseNumber, reportId: row.reportId,
      status: row.a.status, scores: row.a.scores, comment: row.a.comment, weightedScore: row.a.weightedScore, version: row.a.version, weights: row.weights,
      canScore: row.a.status === 'assigned' && row.roundStatus !== 'closed',
    });
  }
  return out;
}

async function loadOwnAssignment(tx: DbOrTx, viewer: EvaluationViewer, assignmentId: string) {
  const [a] = await tx.select().from(evaluationAssignments).where(and(eq(evaluationAssignments.id, assignmentId), eq(evaluationAssignments.expertUserId, viewer.userId))).for('update');
  if (!a || a.status === 'withdrawn') throw userError('NOT_FOUND', '评审任务不存在');
  const conflicts = await findEvaluationConflicts(tx, a.roundId, [a.baseId], [viewer.userId]);
  if (conflicts.size) throw userError('FORBIDDEN', `您与该基地存在利益冲突（${CONFLICT_REASON_TEXT[[...conflicts.values()][0]!]}），不能评分`);
  return a;
}

/** Saves the expert's scores (draft or submitted); submitting needs all six and freezes the weighted score with the round's weights. */
export async function saveEvaluationScore(
  db: Database,
  viewer: EvaluationViewer,
  input: { assignmentId: string; version: number; scores: Partial<Record<EvaluationDimension, number>>; comment: string; submit: boolean },
) {
  return db.transaction(async (tx) => {
    const a = await loadOwnAssignment(tx, viewer, input.assignmentId);
    if (a.status === 'submitted') throw userError('BAD_REQUEST', '评分已提交，不能再修改');
    const round = await loadRound(tx, a.roundId);
    if (round.status === 'closed') throw userError('BAD_REQUEST', '本轮考核已结束');
    if (a.version !== input.version) throw new DomainError('CONFLICT', '评分已在别处保存过，请刷新后再改', { conflict: { scores: a.scores, comment: a.comment, version: a.version } });
    const total = weightedScore(input.scores, round.weights);
    if (input.submit && total === null) {
      const missing = EVALUATION_DIMENSIONS.filter((d) => input.scores[d] === undefined);
      throw userError('BAD_REQUEST', `请为全部六个维度打分（尚缺 ${missing.length} 项）`);
    }
    const [row] = await tx
      .update(evaluationAssignments)
      .set({ scores: input.scores, comment: input.comment, weightedScore: input.submit ? total : null, status: input.submit ? 'submitted' : 'assigned', submittedAt: input.submit ? new Date() : null, version: a.version + 1 })
      .where(and(eq(evaluationAssignments.id, a.id), eq(evaluationAssignments.version, input.version)))
      .returning();
    if (!row) throw userError('CONFLICT', '评分已在别处保存过，请刷新后再改');
    if (input.submit) await appendAudit(tx, { actorUserId: viewer.userId, action: 'evaluation.scored', entityType: 'base', entityId: a.baseId, data: { roundId: a.roundId, baseId: a.baseId, scores: input.scores, weightedScore: total } });
    return { id: row.id, status: row.status, version: row.version, weightedScore: row.weightedScore };
  });
}

/** An expert declares a conflict: the assignment is withdrawn with the reason and never planned again. */
export async function declareEvaluationConflict(db: Database, viewer: EvaluationViewer, input: { assignmentId: string; reason: string }) {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(evaluationAssignments).where(and(eq(evaluationAssignments.id, input.assignmentId), eq(evaluationAssignments.expertUserId, viewer.userId))).for('update');
    if (!a || a.status === 'withdrawn') throw userError('NOT_FOUND', '评审任务不存在');
    if (a.status === 'submitted') throw userError('BAD_REQUEST', '评分已提交，如有回避情况请联系工作办公室');
    await tx.update(evaluationAssignments).set({ status: 'withdrawn', conflictReason: input.reason, version: a.version + 1 }).where(eq(evaluationAssignments.id, a.id));
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'evaluation.conflict_declared', entityType: 'evaluation_round', entityId: a.roundId, data: { baseId: a.baseId, reason: input.reason } });
    return { ok: true };
  });
}

/** The office records an on-site visit with its own score. */
export async function recordEvaluationVisit(db: Database, viewer: EvaluationViewer, input: { roundId: string; baseId: string; visitedOn: string; visitors: string; findings: string; score: number; photos: string[] }) {
  return db.transaction(async (tx) => {
    const round = await loadRound(tx, input.roundId);
    if (round.status === 'closed') throw userError('BAD_REQUEST', '本轮考核已结束');
    await loadRoundBase(tx, round.id, input.baseId);
    const [row] = await tx.insert(evaluationVisits).values({ ...input, recordedBy: viewer.userId }).returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'evaluation.visit_recorded', entityType: 'evaluation_round', entityId: round.id, data: { baseId: input.baseId, visitedOn: input.visitedOn, score: input.score } });
    return row!;
  });
}

/** The office's own check of a base in the round (score and note), beside the experts' and the visit's. */
export async function recordOfficeCheck(db: Database, viewer: EvaluationViewer, input: { roundId: string; baseId: string; score: number; note: string }) {
  return db.transaction(async (tx) => {
    const round = await loadRound(tx, input.roundId);
    if (round.status === 'closed') throw userError('BAD_REQUEST', '本轮考核已结束');
    await loadRoundBase(tx, round.id, input.baseId);
    const now = new Date();
    await tx
      .insert(evaluationResults)
      .values({ roundId: round.id, baseId: input.baseId, officeScore: input.score, officeNote: input.note, officeCheckedBy: viewer.userId, officeCheckedAt: now })
      .onConflictDoUpdate({ target: [evaluationResults.roundId, evaluationResults.baseId], set: { officeScore: input.score, officeNote: input.note, officeCheckedBy: viewer.userId, officeCheckedAt: now } });
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'evaluation.office_checked', entityType: 'evaluation_round', entityId: round.id, data: { baseId: input.baseId, score: input.score } });
    return { ok: true };
  });
}

/** Every score of one base in a round, each with who gave it and when: experts', visits, the office's. */
export async function evaluationScoresOf(db: DbOrTx, roundId: string, baseId: string) {
  const experts = await db
    .select({ id: evaluationAssignments.id, expertName: users.name, status: evaluationAssignments.status, scores: evaluationAssignments.scores, weightedScore: evaluationAssignments.weightedScore, comment: evaluationAssignments.comment, submittedAt: evaluationAssignments.submittedAt, conflictReason: evaluationAssignments.conflictReason })
    .from(evaluationAssignments)
    .innerJoin(users, eq(users.id, evaluationAssignments.expertUserId))
    .where(and(eq(evaluationAssignments.roundId, roundId), eq(evaluationAssignments.baseId, baseId)))
    .orderBy(asc(users.name));
  const visits = await db.select().from(evaluationVisits).where(and(eq(evaluationVisits.roundId, roundId), eq(evaluationVisits.baseId, baseId))).orderBy(desc(evaluationVisits.visitedOn));
  const [result] = await db.select().from(evaluationResults).where(and(eq(evaluationResults.roundId, roundId), eq(evaluationResults.baseId, baseId)));
  return { experts, visits, office: result ? { score: result.officeScore, note: result.officeNote, checkedAt: result.officeCheckedAt } : null };
}
