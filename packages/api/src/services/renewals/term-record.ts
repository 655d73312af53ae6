import { schema, type DbOrTx } from '@ssb/db';
import { termCountdown, termStartsOn } from '@ssb/domain/base-term';
import { beijingToday } from '@ssb/domain/time';
import { and, asc, eq, gte, isNotNull, lte } from 'drizzle-orm';
import { baseYearlyRecord } from '../event-reports/yearly-record.ts';

/**
 * The record of a base's current term, shown beside a re-application: dates, status history, the
 * yearly activity record and the outcome of each annual evaluation (考核评估) decided in the term.
 */
export async function termRecordOf(db: DbOrTx, baseId: string, now = new Date()) {
  const base = await db.query.bases.findFirst({ where: eq(schema.bases.id, baseId) });
  if (!base) return null;
  const history = await db.select().from(schema.baseStatusEvents).where(eq(schema.baseStatusEvents.baseId, base.id)).orderBy(asc(schema.baseStatusEvents.seq));
  const startsOn = termStartsOn(base.validUntil);
  const firstYear = Number(startsOn.slice(0, 4));
  const lastYear = Math.min(Number(base.validUntil.slice(0, 4)), Number(beijingToday(now).slice(0, 4)));
  const years = [];
  for (let year = firstYear; year <= lastYear; year++) years.push(await baseYearlyRecord(db, base.id, year, now));
  const evaluations = await db
    .select({ year: schema.evaluationRounds.year, outcome: schema.evaluationResults.outcome, note: schema.evaluationResults.outcomeReason, unreported: schema.evaluationResults.unreported })
    .from(schema.evaluationResults)
    .innerJoin(schema.evaluationRounds, eq(schema.evaluationRounds.id, schema.evaluationResults.roundId))
    .where(and(eq(schema.evaluationResults.baseId, base.id), isNotNull(schema.evaluationResults.outcome), gte(schema.evaluationRounds.year, firstYear), lte(schema.evaluationRounds.year, lastYear)))
    .orderBy(asc(schema.evaluationRounds.year));
  return {
    baseId: base.id,
    number: base.number,
    name: base.name,
    batchYear: base.batchYear,
    namedOn: base.namedOn,
    termStartsOn: startsOn,
    validUntil: base.validUntil,
    status: base.status,
    countdown: termCountdown(base.validUntil, now),
    history: history.map((h) => ({ fromStatus: h.fromStatus, toStatus: h.toStatus, reason: h.reason, at: h.at })),
    years,
    evaluations: evaluations.map((e) => ({ year: e.year, outcome: e.outcome!, note: e.note || null, unreported: e.unreported })),
  };
}
export type TermRecord = NonNullable<Awaited<ReturnType<typeof termRecordOf>>>;
