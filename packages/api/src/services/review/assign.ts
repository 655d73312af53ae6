import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { describeApplications, roundCandidateIds } from './candidates.ts';
import { carryOverRanking, topOfInitialRound } from './carry-over.ts';
import { CONFLICT_REASON_TEXT, conflictKey, findConflicts } from './conflicts.ts';
import { planBalancedAssignment } from './plan-assignment.ts';
import { activePoolExperts } from './pool.ts';
import { assertRoundAcceptsAssignments, loadRound, type ReviewRound } from './rounds-access.ts';

type Actor = { userId: string };
export type Addition = { applicationId: string; expertUserId: string };

async function roundAssignments(db: DbOrTx, roundId: string) {
  return db.select().from(schema.reviewAssignments).where(eq(schema.reviewAssignments.roundId, roundId));
}

/**
 * What automatic assignment would do now, without doing it: the assignments it would add, the
 * nominations it cannot fill for lack of conflict-free experts, each expert's load before and
 * after, and — for a final round — which first-round nominations it would carry over.
 */
export async function previewAssignment(db: Database, input: { roundId: string; carryOverTopN?: number }) {
  const round = await loadRound(db, input.roundId);
  assertRoundAcceptsAssignments(round);
  const carriedOver = round.kind === 'final' && input.carryOverTopN ? await topOfInitialRound(db, round, input.carryOverTopN) : [];
  const current = await roundCandidateIds(db, round);
  const candidateIds = [...new Set([...current, ...carriedOver.map((c) => c.id)])];
  const experts = await activePoolExperts(db);
  const assignments = await roundAssignments(db, round.id);
  const conflicts = await findConflicts(db, candidateIds, experts.map((e) => e.userId));
  const active = assignments.filter((a) => a.status !== 'recused');
  const loadOf = (expertId: string) => active.filter((a) => a.expertUserId === expertId).length;

  const plan = planBalancedAssignment({
    perApplication: round.expertsPerApplication,
    experts: experts.map((e) => ({ id: e.userId, name: e.name, load: loadOf(e.userId) })),
    nominations: candidateIds.map((id) => ({
      id,
      assignedExpertIds: active.filter((a) => a.applicationId === id).map((a) => a.expertUserId),
      // A recused expert is never put back on the nomination.
      excludedExpertIds: [
        ...experts.filter((e) => conflicts.has(conflictKey(id, e.userId))).map((e) => e.userId),
        ...assignments.filter((a) => a.applicationId === id && a.status === 'recused').map((a) => a.expertUserId),
      ],
    })),
  });
  const names = new Map((await describeApplications(db, candidateIds)).map((n) => [n.id, n.name]));
  const expertName = new Map(experts.map((e) => [e.userId, e.name]));
  return {
    roundId: round.id,
    expertsPerApplication: round.expertsPerApplication,
    additions: plan.additions.map((a) => ({ ...a, applicationName: names.get(a.applicationId)!, expertName: expertName.get(a.expertUserId)! })),
    shortfalls: plan.shortfalls.map((s) => ({ ...s, applicationName: names.get(s.applicationId)! })),
    carriedOver: carriedOver.filter((c) => !current.includes(c.id)).map((c) => ({ applicationId: c.id, name: c.name, rank: c.rank!, rankingScore: c.rankingScore! })),
    loads: experts
      .map((e) => ({ expertUserId: e.userId, expertName: e.name, before: loadOf(e.userId), after: loadOf(e.userId) + plan.additions.filter((a) => a.expertUserId === e.userId).length }))
      .sort((a, b) => a.expertName.localeCompare(b.expertName, 'zh-CN')),
  };
}

/** Checks every addition against the state now, which may have moved since the preview. */
async function assertAdditionsAllowed(tx: DbOrTx, round: ReviewRound, additions: Addition[]) {
  const experts = new Map((await activePoolExperts(tx)).map((e) => [e.userId, e]));
  const allowedIds = new Set(await roundCandidateIds(tx, round));
  const newIds = [...new Set(additions.map((a) => a.applicationId))].filter((id) => !allowedIds.has(id));
  if (newIds.length > 0 && round.kind === 'final') for (const r of await carryOverRanking(tx, round)) allowedIds.add(r.id);
  const names = new Map((await describeApplications(tx, [...new Set(additions.map((a) => a.applicationId))])).map((n) => [n.id, n.name]));
  const conflicts = await findConflicts(tx, [...names.keys()], [...new Set(additions.map((a) => a.expertUserId))]);
  const existing = await roundAssignments(tx, round.id);
  for (const addition of additions) {
    const expert = experts.get(addition.expertUserId);
    const nominationName = names.get(addition.applicationId);
    if (!expert) throw userError('BAD_REQUEST', '所选专家不在专家库中或已停用');
    if (!nominationName || !allowedIds.has(addition.applicationId)) throw userError('BAD_REQUEST', '该申报不在本轮评审范围内');
    const reason = conflicts.get(conflictKey(addition.applicationId, addition.expertUserId));
    if (reason) throw userError('BAD_REQUEST', `专家${expert.name}与“${nominationName}”存在利益冲突（${CONFLICT_REASON_TEXT[reason]}），不能分配`);
    const row = existing.find((a) => a.applicationId === addition.applicationId && a.expertUserId === addition.expertUserId);
    if (row) throw userError('CONFLICT', `专家${expert.name}已分配评审“${nominationName}”，请刷新后重试`);
  }
}

async function insertAssignments(tx: DbOrTx, actor: Actor, round: ReviewRound, additions: Addition[], mode: 'auto' | 'manual') {
  await assertAdditionsAllowed(tx, round, additions);
  const created = additions.length === 0 ? [] : await tx.insert(schema.reviewAssignments).values(additions.map((a) => ({ ...a, roundId: round.id, assignedBy: actor.userId }))).returning();
  for (const row of created) {
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: 'review.assign',
      entityType: 'review_assignment',
      entityId: row.id,
      data: { roundId: round.id, applicationId: row.applicationId, expertUserId: row.expertUserId, mode },
    });
  }
  return created;
}

/** Applies exactly the additions the office saw in the preview, or none if any is no longer allowed. */
export async function applyAssignment(db: Database, actor: Actor, input: { roundId: string; additions: Addition[] }) {
  if (new Set(input.additions.map((a) => conflictKey(a.applicationId, a.expertUserId))).size !== input.additions.length) {
    throw userError('BAD_REQUEST', '分配方案中有重复的条目');
  }
  return db.transaction(async (tx) => {
    const round = await loadRound(tx, input.roundId);
    assertRoundAcceptsAssignments(round);
    const created = await insertAssignments(tx, actor, round, input.additions, 'auto');
    return { created: created.length };
  });
}

export async function assignExpert(db: Database, actor: Actor, input: { roundId: string } & Addition) {
  return db.transaction(async (tx) => {
    const round = await loadRound(tx, input.roundId);
    assertRoundAcceptsAssignments(round);
    const [created] = await insertAssignments(tx, actor, round, [{ applicationId: input.applicationId, expertUserId: input.expertUserId }], 'manual');
    return { id: created!.id };
  });
}

/** Takes an expert off a nomination, unless the expert already submitted scores for it. */
export async function unassignExpert(db: Database, actor: Actor, input: { assignmentId: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(schema.reviewAssignments).where(eq(schema.reviewAssignments.id, input.assignmentId));
    if (!row) throw userError('NOT_FOUND', '分配记录不存在');
    assertRoundAcceptsAssignments(await loadRound(tx, row.roundId));
    if (row.status === 'submitted') throw userError('BAD_REQUEST', '专家已提交评分，不能取消分配');
    await tx.delete(schema.reviewAssignments).where(and(eq(schema.reviewAssignments.id, row.id), eq(schema.reviewAssignments.status, row.status)));
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: 'review.unassign',
      entityType: 'review_assignment',
      entityId: row.id,
      data: { roundId: row.roundId, applicationId: row.applicationId, expertUserId: row.expertUserId, previousStatus: row.status },
    });
    return { ok: true };
  });
}
