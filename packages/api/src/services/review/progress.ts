import { REVIEW_ROUND_LABELS } from '@ssb/domain/selection';
import { formatBeijingDateTime } from '@ssb/domain/time';
import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { notifyUsers } from '../notifications/notify.ts';
import { describeApplications, roundCandidateIds } from './candidates.ts';
import { CONFLICT_REASON_TEXT, conflictKey, findConflicts } from './conflicts.ts';
import { activePoolExperts } from './pool.ts';
import { loadRound } from './rounds-access.ts';

type Tally = { assigned: number; submitted: number; recused: number };
const tally = (statuses: string[]): Tally => ({
  // "assigned" counts everything the expert still owes or has done, i.e. all but recusals.
  assigned: statuses.filter((s) => s !== 'recused').length,
  submitted: statuses.filter((s) => s === 'submitted').length,
  recused: statuses.filter((s) => s === 'recused').length,
});

/** How far the round has got, per expert and per nomination, with every assignment for manual edits. */
export async function roundProgress(db: DbOrTx, roundId: string) {
  const round = await loadRound(db, roundId);
  const rows = await db
    .select({
      id: schema.reviewAssignments.id,
      applicationId: schema.reviewAssignments.applicationId,
      expertUserId: schema.reviewAssignments.expertUserId,
      expertName: schema.users.name,
      status: schema.reviewAssignments.status,
      weightedTotal: schema.reviewAssignments.weightedTotal,
      submittedAt: schema.reviewAssignments.submittedAt,
      remindedAt: schema.reviewAssignments.remindedAt,
    })
    .from(schema.reviewAssignments)
    .innerJoin(schema.users, eq(schema.users.id, schema.reviewAssignments.expertUserId))
    .where(eq(schema.reviewAssignments.roundId, round.id));
  const experts = [...new Map(rows.map((r) => [r.expertUserId, r.expertName])).entries()]
    .map(([expertUserId, expertName]) => {
      const own = rows.filter((r) => r.expertUserId === expertUserId);
      const reminded = own.map((r) => r.remindedAt).filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
      return { expertUserId, expertName, ...tally(own.map((r) => r.status)), lastRemindedAt: reminded };
    })
    .sort((a, b) => a.expertName.localeCompare(b.expertName, 'zh-CN'));
  // Candidates without any expert yet are listed too, so the office sees what is left to assign.
  const ids = [...new Set([...(await roundCandidateIds(db, round)), ...rows.map((r) => r.applicationId)])];
  // Conflicts are shown beside each nomination so the office sees, before trying, whom it cannot assign.
  const pool = await activePoolExperts(db);
  const conflicts = await findConflicts(db, ids, pool.map((e) => e.userId));
  const nominations = (await describeApplications(db, ids)).map((n) => ({
    ...n,
    conflicts: pool.flatMap((e) => {
      const reason = conflicts.get(conflictKey(n.id, e.userId));
      return reason ? [{ expertUserId: e.userId, expertName: e.name, reason: CONFLICT_REASON_TEXT[reason] }] : [];
    }),
    ...tally(rows.filter((r) => r.applicationId === n.id).map((r) => r.status)),
    assignments: rows.filter((r) => r.applicationId === n.id).map(({ id, expertUserId, expertName, status }) => ({ id, expertUserId, expertName, status })),
  }));
  const all = tally(rows.map((r) => r.status));
  return { round, totals: all, experts, nominations };
}

/**
 * Reminds every expert with unfinished work in an open round: in the app and by email through the
 * job queue; each reminder is logged so the office sees who was reminded when.
 */
export async function sendReminders(db: Database, actor: { userId: string }, input: { roundId: string }, publicUrl: string) {
  return db.transaction(async (tx) => {
    const round = await loadRound(tx, input.roundId);
    if (round.status !== 'open') throw userError('BAD_REQUEST', '只有进行中的轮次可以发送催办提醒');
    const pending = await tx
      .select({ expertUserId: schema.reviewAssignments.expertUserId })
      .from(schema.reviewAssignments)
      .where(and(eq(schema.reviewAssignments.roundId, round.id), eq(schema.reviewAssignments.status, 'assigned')));
    const counts = new Map<string, number>();
    for (const p of pending) counts.set(p.expertUserId, (counts.get(p.expertUserId) ?? 0) + 1);
    if (counts.size === 0) return { reminded: 0 };
    const experts = await tx.select({ id: schema.users.id, email: schema.users.email, name: schema.users.name }).from(schema.users).where(inArray(schema.users.id, [...counts.keys()]));
    const label = REVIEW_ROUND_LABELS[round.kind].zh;
    const deadline = round.closesAt ? `评审截止时间为 ${formatBeijingDateTime(round.closesAt)}（北京时间），` : '';
    for (const expert of experts) {
      await notifyUsers(tx, [expert], { title: `${label}催办：您还有 ${counts.get(expert.id)} 份评分未提交`, body: `${deadline}请尽快登录管理后台“我的评审”完成评分。`, link: '/admin/my-reviews' }, publicUrl);
    }
    const now = new Date();
    await tx.insert(schema.reviewReminders).values(experts.map((e) => ({ roundId: round.id, expertUserId: e.id, sentBy: actor.userId, sentAt: now })));
    await tx
      .update(schema.reviewAssignments)
      .set({ remindedAt: now })
      .where(and(eq(schema.reviewAssignments.roundId, round.id), eq(schema.reviewAssignments.status, 'assigned')));
    await appendAudit(tx, { actorUserId: actor.userId, action: 'review.remind', entityType: 'review_round', entityId: round.id, data: { experts: experts.map((e) => e.id) } });
    return { reminded: experts.length };
  });
}
