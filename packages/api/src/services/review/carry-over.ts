import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq } from 'drizzle-orm';
import { userError } from '../errors.ts';
import { roundRanking } from './ranking.ts';
import type { ReviewRound } from './rounds-access.ts';

/**
 * The first round's ranked nominations that a final round may take over. The first round must be
 * closed, so the ranking the office chooses from no longer moves.
 */
export async function carryOverRanking(db: DbOrTx, finalRound: ReviewRound) {
  const [initial] = await db
    .select()
    .from(schema.reviewRounds)
    .where(and(eq(schema.reviewRounds.campaignId, finalRound.campaignId), eq(schema.reviewRounds.kind, 'initial')));
  if (!initial) throw userError('BAD_REQUEST', '本年度还没有初评轮次，无法结转终评');
  if (initial.status !== 'closed') throw userError('BAD_REQUEST', '初评结束后才能把入围申报结转到终评');
  const { rows } = await roundRanking(db, initial.id);
  return rows.filter((r) => r.rank !== null);
}

/** The top N of the first round; nominations tied with the N-th are taken too, so no tie is split silently. */
export async function topOfInitialRound(db: DbOrTx, finalRound: ReviewRound, topN: number) {
  const ranked = await carryOverRanking(db, finalRound);
  return ranked.filter((r) => r.rank! <= topN);
}
