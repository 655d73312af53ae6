import { renderCsv } from '@ssb/documents';
import { rankNominations } from '@ssb/domain/scoring';
import { REVIEW_ROUND_LABELS } from '@ssb/domain/selection';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { describeApplications, roundCandidateIds } from './candidates.ts';
import { loadRound } from './rounds-access.ts';

/**
 * The round's ranking: submitted weighted totals per nomination, ranked by weighted mean, or by the
 * trimmed mean from five scores on; nominations whose scores lie far apart are flagged. Only
 * nominations accepted at intake are ranked, as only they may be carried over or shortlisted: scores
 * on one that is no longer a nomination accepted at intake stay in the round's progress, not here.
 */
export async function roundRanking(db: DbOrTx, roundId: string) {
  const round = await loadRound(db, roundId);
  const assignments = await db
    .select({ applicationId: schema.reviewAssignments.applicationId, status: schema.reviewAssignments.status, total: schema.reviewAssignments.weightedTotal, expertName: schema.users.name })
    .from(schema.reviewAssignments)
    .innerJoin(schema.users, eq(schema.users.id, schema.reviewAssignments.expertUserId))
    .where(eq(schema.reviewAssignments.roundId, round.id));
  const nominations = await describeApplications(db, await roundCandidateIds(db, round));
  const ranked = rankNominations(
    nominations.map((n) => {
      const own = assignments.filter((a) => a.applicationId === n.id);
      const submitted = own.filter((a) => a.status === 'submitted' && a.total !== null);
      return {
        ...n,
        assigned: own.filter((a) => a.status !== 'recused').length,
        totals: submitted.map((a) => a.total!),
        scores: submitted.map((a) => ({ expertName: a.expertName, total: a.total! })).sort((a, b) => b.total - a.total),
      };
    }),
    round.disagreementThreshold,
    (a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id),
  );
  return { round, rows: ranked.map(({ totals: _, ...row }) => row) };
}

const fixed = (value: number | null) => (value === null ? '' : value.toFixed(2));

/** The ranking as CSV (UTF-8 with BOM, opens in Excel), audited as an export of review results. */
export async function exportRanking(db: DbOrTx, actor: { userId: string }, roundId: string) {
  const { round, rows } = await roundRanking(db, roundId);
  const csv = renderCsv(rows, [
    { header: '名次', value: (r) => r.rank ?? '' },
    { header: '基地名称', value: (r) => r.name },
    { header: '申报单位', value: (r) => r.organizationName },
    { header: '推荐单位', value: (r) => r.recommenderName ?? '' },
    { header: '已提交评分数', value: (r) => r.count },
    { header: '加权平均分', value: (r) => fixed(r.mean) },
    { header: '去掉最高最低后平均分', value: (r) => fixed(r.trimmedMean) },
    { header: '排序依据分', value: (r) => fixed(r.rankingScore) },
    { header: '极差', value: (r) => fixed(r.spread) },
    { header: '分歧较大', value: (r) => (r.isDisagreement ? '是' : '') },
  ]);
  await appendAudit(db, { actorUserId: actor.userId, action: 'review.ranking_export', entityType: 'review_round', entityId: round.id, data: { rows: rows.length } });
  return { fileName: `专家评审排名-${REVIEW_ROUND_LABELS[round.kind].zh}.csv`, csv };
}
