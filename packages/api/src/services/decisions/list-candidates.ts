import { schema, type DbOrTx } from '@ssb/db';
import type { SelectionOutcome } from '@ssb/domain/selection';
import { and, asc, count, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { pageOffset, type TPage } from '../pagination.ts';
import { summarizeNomination } from './candidate-fields.ts';

const { applications, organizations, recommendingBodies, selectionDecisions, intakeChecks, reviewAssignments } = schema;

export type CandidateFilters = TPage & {
  campaignId: string;
  districtCode?: string;
  category?: string;
  /** 'none' = no decision yet. */
  outcome?: SelectionOutcome | 'none';
  q?: string;
};

/**
 * Every recommended nomination of the campaign, with the office's decision so far and, where experts
 * have submitted scores, their mean (a plain average of weighted totals, for orientation only).
 */
export async function listCandidates(db: DbOrTx, filters: CandidateFilters) {
  const scores = db
    .select({
      applicationId: reviewAssignments.applicationId,
      meanScore: sql<string | null>`avg(${reviewAssignments.weightedTotal})`.as('mean_score'),
      reviews: sql<number>`count(*)::int`.as('reviews'),
    })
    .from(reviewAssignments)
    .where(eq(reviewAssignments.status, 'submitted'))
    .groupBy(reviewAssignments.applicationId)
    .as('scores');

  const where: SQL[] = [eq(applications.campaignId, filters.campaignId), eq(applications.status, 'recommended')];
  if (filters.districtCode) where.push(sql`coalesce(nullif(${applications.data}->>'districtCode', ''), ${organizations.districtCode}) = ${filters.districtCode}`);
  if (filters.category) where.push(sql`${applications.data}->>'category' = ${filters.category}`);
  if (filters.outcome === 'none') where.push(isNull(selectionDecisions.outcome));
  else if (filters.outcome) where.push(eq(selectionDecisions.outcome, filters.outcome));
  if (filters.q?.trim()) {
    const like = `%${filters.q.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(organizations.name, like), sql`${applications.data}->>'baseName' ilike ${like}`)!);
  }
  const condition = and(...where);

  const base = db
    .select({
      id: applications.id,
      data: applications.data,
      recommendedAt: applications.recommendedAt,
      organizationName: organizations.name,
      organizationDistrict: organizations.districtCode,
      recommendingBodyName: recommendingBodies.name,
      outcome: selectionDecisions.outcome,
      decidedAt: selectionDecisions.decidedAt,
      intakeStatus: intakeChecks.status,
      meanScore: scores.meanScore,
      reviews: scores.reviews,
      renewalNumber: sql<string | null>`(select b.number from bases b where b.id = ${applications.renewsBaseId})`,
      renewalValidUntil: sql<string | null>`(select b.valid_until::text from bases b where b.id = ${applications.renewsBaseId})`,
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(recommendingBodies, eq(recommendingBodies.id, applications.recommendingBodyId))
    .leftJoin(selectionDecisions, eq(selectionDecisions.applicationId, applications.id))
    .leftJoin(intakeChecks, eq(intakeChecks.applicationId, applications.id))
    .leftJoin(scores, eq(scores.applicationId, applications.id))
    .where(condition);

  const [rows, [total], tally] = await Promise.all([
    base
      .orderBy(sql`${scores.meanScore} desc nulls last`, asc(organizations.name), asc(applications.id))
      .limit(filters.pageSize)
      .offset(pageOffset(filters)),
    db
      .select({ n: count() })
      .from(applications)
      .innerJoin(organizations, eq(organizations.id, applications.organizationId))
      .leftJoin(selectionDecisions, eq(selectionDecisions.applicationId, applications.id))
      .where(condition),
    db
      .select({ outcome: selectionDecisions.outcome, n: count() })
      .from(applications)
      .leftJoin(selectionDecisions, eq(selectionDecisions.applicationId, applications.id))
      .where(and(eq(applications.campaignId, filters.campaignId), eq(applications.status, 'recommended')))
      .groupBy(selectionDecisions.outcome),
  ]);

  return {
    total: total?.n ?? 0,
    /** Counts over the whole campaign, whatever the filters: 未决定 / 拟命名 / 已命名 / 未入选. */
    tally: Object.fromEntries(tally.map((t) => [t.outcome ?? 'none', t.n])) as Partial<Record<SelectionOutcome | 'none', number>>,
    items: rows.map((r) => ({
      ...summarizeNomination({ id: r.id, data: r.data }, { name: r.organizationName, districtCode: r.organizationDistrict }),
      organizationName: r.organizationName,
      recommendingBodyName: r.recommendingBodyName ?? '',
      recommendedAt: r.recommendedAt,
      outcome: r.outcome ?? null,
      decidedAt: r.decidedAt ?? null,
      intakeStatus: r.intakeStatus ?? null,
      meanScore: r.meanScore === null || r.meanScore === undefined ? null : Math.round(Number(r.meanScore) * 10) / 10,
      reviews: r.reviews ?? 0,
      renewal: r.renewalNumber ? { number: r.renewalNumber, validUntil: r.renewalValidUntil! } : null,
    })),
  };
}
