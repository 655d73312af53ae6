import { sameCriteria, withCriterionKeys, type ReviewCriterionInput } from '@ssb/domain/review-criteria';
import { DEFAULT_REVIEW_CRITERIA, REVIEW_ROUND_LABELS, type ReviewRoundKind } from '@ssb/domain/selection';
import { formatBeijingDateTime } from '@ssb/domain/time';
import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { notifyUsers } from '../notifications/notify.ts';
import { loadRound } from './rounds-access.ts';

type Actor = { userId: string };

export type RoundSettings = {
  blind: boolean;
  /** Items the office added have no key yet; the server gives them one. */
  criteria?: ReviewCriterionInput[];
  expertsPerApplication: number;
  disagreementThreshold: number;
  closesAt: Date | null;
};

export async function listRounds(db: DbOrTx, campaignId: string) {
  return db.select().from(schema.reviewRounds).where(eq(schema.reviewRounds.campaignId, campaignId)).orderBy(asc(schema.reviewRounds.createdAt));
}

export async function createRound(db: Database, actor: Actor, input: RoundSettings & { campaignId: string; kind: ReviewRoundKind }) {
  return db.transaction(async (tx) => {
    const [campaign] = await tx.select({ id: schema.campaigns.id }).from(schema.campaigns).where(eq(schema.campaigns.id, input.campaignId));
    if (!campaign) throw userError('NOT_FOUND', '申报年度不存在');
    const [taken] = await tx
      .select({ id: schema.reviewRounds.id })
      .from(schema.reviewRounds)
      .where(and(eq(schema.reviewRounds.campaignId, input.campaignId), eq(schema.reviewRounds.kind, input.kind)));
    if (taken) throw userError('CONFLICT', `本年度已有${REVIEW_ROUND_LABELS[input.kind].zh}轮次`);
    const criteria = input.criteria ? withCriterionKeys(input.criteria) : DEFAULT_REVIEW_CRITERIA;
    const [round] = await tx
      .insert(schema.reviewRounds)
      .values({ ...input, criteria })
      .returning();
    await appendAudit(tx, { actorUserId: actor.userId, action: 'review.round_create', entityType: 'review_round', entityId: round!.id, data: { ...input, criteria } });
    return round!;
  });
}

/** The score sheet and blind mode are fixed once experts can see the round; the rest may still move. */
export async function updateRound(db: Database, actor: Actor, input: RoundSettings & { roundId: string }) {
  return db.transaction(async (tx) => {
    const round = await loadRound(tx, input.roundId);
    if (round.status === 'closed') throw userError('BAD_REQUEST', '本轮评审已结束，不能修改');
    const criteria = input.criteria ? withCriterionKeys(input.criteria) : round.criteria;
    const isSheetChanged = !sameCriteria(criteria, round.criteria) || input.blind !== round.blind;
    if (round.status !== 'draft' && isSheetChanged) throw userError('BAD_REQUEST', '评审已开始，评分表和匿名设置不能再修改');
    const { roundId: _, ...rest } = input;
    const settings = { ...rest, criteria };
    const [updated] = await tx
      .update(schema.reviewRounds)
      .set(settings)
      .where(eq(schema.reviewRounds.id, round.id))
      .returning();
    await appendAudit(tx, { actorUserId: actor.userId, action: 'review.round_update', entityType: 'review_round', entityId: round.id, data: { ...settings } });
    return updated!;
  });
}

/** Opens the round to its experts and tells each one with assignments. */
export async function openRound(db: Database, actor: Actor, input: { roundId: string }, publicUrl: string) {
  return db.transaction(async (tx) => {
    const round = await loadRound(tx, input.roundId);
    if (round.status !== 'draft') throw userError('BAD_REQUEST', '只有草稿状态的轮次可以开始');
    await tx.update(schema.reviewRounds).set({ status: 'open' }).where(eq(schema.reviewRounds.id, round.id));
    const expertIds = (await tx.selectDistinct({ id: schema.reviewAssignments.expertUserId }).from(schema.reviewAssignments).where(eq(schema.reviewAssignments.roundId, round.id))).map((r) => r.id);
    const recipients = expertIds.length ? await tx.select({ id: schema.users.id, email: schema.users.email, name: schema.users.name }).from(schema.users).where(inArray(schema.users.id, expertIds)) : [];
    const deadline = round.closesAt ? `，请于 ${formatBeijingDateTime(round.closesAt)}（北京时间）前完成评分` : '';
    await notifyUsers(tx, recipients, { title: `${REVIEW_ROUND_LABELS[round.kind].zh}已开始`, body: `您有待评审的申报${deadline}。`, link: '/admin/my-reviews' }, publicUrl);
    await appendAudit(tx, { actorUserId: actor.userId, action: 'review.round_open', entityType: 'review_round', entityId: round.id, data: { notified: recipients.length } });
    return { notified: recipients.length };
  });
}

export async function closeRound(db: Database, actor: Actor, input: { roundId: string }) {
  return db.transaction(async (tx) => {
    const round = await loadRound(tx, input.roundId);
    if (round.status !== 'open') throw userError('BAD_REQUEST', '只有进行中的轮次可以结束');
    await tx.update(schema.reviewRounds).set({ status: 'closed' }).where(eq(schema.reviewRounds.id, round.id));
    const unfinished = await tx
      .select({ id: schema.reviewAssignments.id })
      .from(schema.reviewAssignments)
      .where(and(eq(schema.reviewAssignments.roundId, round.id), eq(schema.reviewAssignments.status, 'assigned')));
    await appendAudit(tx, { actorUserId: actor.userId, action: 'review.round_close', entityType: 'review_round', entityId: round.id, data: { unfinished: unfinished.length } });
    return { unfinished: unfinished.length };
  });
}
