import { schema, type DbOrTx } from '@ssb/db';
import { and, eq } from 'drizzle-orm';
import { userError } from '../errors.ts';

export type EvaluationViewer = { userId: string; grants: Array<{ organizationId: string; role: string }> };
export type Deps = { publicUrl: string };

export const isOfficeViewer = (viewer: EvaluationViewer) => viewer.grants.some((g) => g.role === 'office' || g.role === 'sysadmin');
export const managesOrganization = (viewer: EvaluationViewer, organizationId: string) => viewer.grants.some((g) => g.role === 'base_manager' && g.organizationId === organizationId);

export async function loadRound(db: DbOrTx, roundId: string, options: { lock?: boolean } = {}) {
  const query = db.select().from(schema.evaluationRounds).where(eq(schema.evaluationRounds.id, roundId));
  const [round] = options.lock ? await query.for('update') : await query;
  if (!round) throw userError('NOT_FOUND', '考核轮次不存在');
  return round;
}

export async function loadRoundBase(db: DbOrTx, roundId: string, baseId: string) {
  const [row] = await db
    .select({ base: schema.bases, dueAt: schema.evaluationRoundBases.dueAt })
    .from(schema.evaluationRoundBases)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.evaluationRoundBases.baseId))
    .where(and(eq(schema.evaluationRoundBases.roundId, roundId), eq(schema.evaluationRoundBases.baseId, baseId)));
  if (!row) throw userError('NOT_FOUND', '该基地不在本轮考核范围内');
  return row.base;
}

/** A base's deadline in a round: its own (extended) one, else the round's. */
export async function dueAtFor(db: DbOrTx, round: { id: string; reportDueAt: Date }, baseId: string) {
  const [row] = await db
    .select({ dueAt: schema.evaluationRoundBases.dueAt })
    .from(schema.evaluationRoundBases)
    .where(and(eq(schema.evaluationRoundBases.roundId, round.id), eq(schema.evaluationRoundBases.baseId, baseId)));
  return row?.dueAt ?? round.reportDueAt;
}
