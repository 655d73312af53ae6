import { districtName } from '@ssb/domain/districts';
import { ASSIGNMENT_STATUSES, INTAKE_STATUSES } from '@ssb/domain/selection';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, count, eq } from 'drizzle-orm';
import { loadNominations } from '../intake/load-nominations.ts';

type Bucket = { key: string; label: string; count: number };

function tally(keys: Array<{ key: string; label: string }>): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const { key, label } of keys) {
    const bucket = buckets.get(key) ?? { key, label, count: 0 };
    bucket.count++;
    buckets.set(key, bucket);
  }
  return [...buckets.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'));
}

/** The figures of the statistics page: nominations by district, category, recommender and intake status, and review progress. */
export async function nominationStatistics(db: DbOrTx, campaignId: string) {
  const nominations = await loadNominations(db, campaignId);
  const district = (n: (typeof nominations)[number]) => String(n.application.data.districtCode ?? n.application.organization.districtCode ?? '');
  const reviewRows = await db
    .select({ kind: schema.reviewRounds.kind, status: schema.reviewAssignments.status, n: count() })
    .from(schema.reviewAssignments)
    .innerJoin(schema.reviewRounds, eq(schema.reviewRounds.id, schema.reviewAssignments.roundId))
    .where(and(eq(schema.reviewRounds.campaignId, campaignId)))
    .groupBy(schema.reviewRounds.kind, schema.reviewAssignments.status);
  return {
    total: nominations.length,
    byDistrict: tally(nominations.map((n) => ({ key: district(n) || 'unknown', label: district(n) ? districtName(district(n)) : '未填写' }))),
    byCategory: tally(nominations.map((n) => ({ key: String(n.application.data.category ?? 'unknown'), label: String(n.application.data.category ?? '未填写') }))),
    byRecommender: tally(nominations.map((n) => ({ key: n.application.recommendingBodyId ?? 'none', label: n.application.recommendingBody?.name ?? '无推荐单位' }))),
    byIntakeStatus: INTAKE_STATUSES.map((status) => ({ key: status, count: nominations.filter((n) => n.intake.status === status).length })),
    reviewProgress: (['initial', 'final'] as const).map((kind) => ({
      kind,
      counts: ASSIGNMENT_STATUSES.map((status) => ({ key: status, count: Number(reviewRows.find((r) => r.kind === kind && r.status === status)?.n ?? 0) })),
    })),
  };
}
