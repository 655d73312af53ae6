import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { eq } from 'drizzle-orm';
import { userError } from '../errors.ts';

export type ReviewRound = typeof schema.reviewRounds.$inferSelect;

export async function loadRound(db: DbOrTx, roundId: string): Promise<ReviewRound> {
  const [round] = await db.select().from(schema.reviewRounds).where(eq(schema.reviewRounds.id, roundId));
  if (!round) throw userError('NOT_FOUND', '评审轮次不存在');
  return round;
}

/** Assignments may change until the round closes; after that the scores are what they are. */
export function assertRoundAcceptsAssignments(round: ReviewRound) {
  if (round.status === 'closed') throw userError('BAD_REQUEST', '本轮评审已结束，不能再调整分配');
}
