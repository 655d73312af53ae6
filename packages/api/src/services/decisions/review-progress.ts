import { schema, type DbOrTx } from '@ssb/db';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';

export type ReviewProgress = { submitted: number; expected: number };

/**
 * How far expert review has come for each nomination: score sheets submitted against those
 * expected (assignments in rounds the office opened, recusals not counted).
 */
export async function reviewProgressOf(db: DbOrTx, campaignId: string, applicationIds: string[]) {
  const progress = new Map<string, ReviewProgress>(applicationIds.map((id) => [id, { submitted: 0, expected: 0 }]));
  if (applicationIds.length === 0) return progress;
  const a = schema.reviewAssignments;
  const rows = await db
    .select({
      applicationId: a.applicationId,
      submitted: sql<number>`count(*) filter (where ${a.status} = 'submitted')::int`,
      expected: sql<number>`count(*) filter (where ${a.status} <> 'recused')::int`,
    })
    .from(a)
    .innerJoin(schema.reviewRounds, eq(schema.reviewRounds.id, a.roundId))
    .where(and(eq(schema.reviewRounds.campaignId, campaignId), ne(schema.reviewRounds.status, 'draft'), inArray(a.applicationId, applicationIds)))
    .groupBy(a.applicationId);
  for (const row of rows) progress.set(row.applicationId, { submitted: Number(row.submitted), expected: Number(row.expected) });
  return progress;
}

/** Why going on would run ahead of review, or null when every expected score is in. */
export const reviewWarning = ({ submitted, expected }: ReviewProgress) =>
  expected === 0 ? '尚未经过专家评审（未分配评审专家）' : submitted < expected ? `专家评审尚未完成（已评 ${submitted}/${expected}）` : null;
