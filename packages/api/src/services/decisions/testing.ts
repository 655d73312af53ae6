import { schema, type DbOrTx } from '@ssb/db';
import { seedOrganization, seedUser } from '@ssb/db/seed';
import { DEFAULT_REVIEW_CRITERIA } from '@ssb/domain/selection';
import { completeApplicationData } from '@ssb/domain/testing';
import { and, eq } from 'drizzle-orm';

const DISTRICTS = ['110108', '110105', '110101', '110102', '110106'];

/**
 * Nominations recommended to the office and accepted at intake (those paths are tested elsewhere),
 * with their expert review finished unless `reviewed: false` (each scored by one expert in the
 * campaign's first round).
 */
export async function seedRecommendedNominations(db: DbOrTx, campaignId: string, count: number, label = '测试', options: { reviewed?: boolean } = {}) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const districtCode = DISTRICTS[i % DISTRICTS.length]!;
    const organization = await seedOrganization(db, { name: `${label}单位${i + 1}（演示）`, districtCode });
    const [application] = await db
      .insert(schema.applications)
      .values({
        campaignId,
        organizationId: organization.id,
        status: 'recommended',
        recommendedAt: new Date(),
        data: completeApplicationData({ baseName: `${label}科学家精神馆${i + 1}`, hostUnit: organization.name, uscc: organization.uscc, districtCode, category: '科技馆', scientists: '钱学森、邓稼先' }),
      })
      .returning({ id: schema.applications.id });
    await db.insert(schema.intakeChecks).values({ applicationId: application!.id, status: 'accepted' });
    ids.push(application!.id);
  }
  if (options.reviewed ?? true) await seedFinishedReviews(db, campaignId, ids);
  return ids;
}

/** One submitted score sheet per nomination in the campaign's first round (opened if it was not). */
export async function seedFinishedReviews(db: DbOrTx, campaignId: string, applicationIds: string[]) {
  await db
    .insert(schema.reviewRounds)
    .values({ campaignId, kind: 'initial', status: 'open', criteria: DEFAULT_REVIEW_CRITERIA })
    .onConflictDoNothing();
  const [round] = await db.select().from(schema.reviewRounds).where(and(eq(schema.reviewRounds.campaignId, campaignId), eq(schema.reviewRounds.kind, 'initial')));
  if (round!.status === 'draft') await db.update(schema.reviewRounds).set({ status: 'open' }).where(eq(schema.reviewRounds.id, round!.id));
  const expert = await seedUser(db, { name: '测试评审专家' });
  for (const applicationId of applicationIds) {
    await db.insert(schema.reviewAssignments).values({ roundId: round!.id, applicationId, expertUserId: expert.id, status: 'submitted', scores: Object.fromEntries(DEFAULT_REVIEW_CRITERIA.map((c) => [c.key, 80])), weightedTotal: 80, submittedAt: new Date() });
  }
}
