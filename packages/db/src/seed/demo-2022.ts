import { weightedTotal } from '@ssb/domain/scoring';
import { DEFAULT_REVIEW_CRITERIA } from '@ssb/domain/selection';
import { completeApplicationData } from '@ssb/domain/testing';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import {
  applicationEvents,
  applications,
  bases,
  campaigns,
  experts,
  intakeChecks,
  organizations,
  paperReceipts,
  publicNotices,
  recommendingBodies,
  reviewAssignments,
  reviewRounds,
  selectionDecisions,
  users,
} from '../schema/index.ts';
import { seedMaterials } from './factories.ts';

/** Who recommended each 2022 base, in register order (bodies no demo account speaks for, so their lists stay the open year's). */
const RECOMMENDERS = ['district-110109', 'bjgzw', 'bjkw', 'district-110112', 'bjedu', 'bjjxj'];
const at = (wallClock: string) => new Date(`${wallClock}+08:00`);
export const DEMO_2022_NOTICE_TITLE = '2022年北京市科学家精神教育基地拟命名名单公示';

/**
 * The finished 2022 year, every step done as the timetable had it: each of the six bases in the register
 * was nominated (3 photos, 1 video), accepted at intake with its paper copy, scored by three experts in a
 * closed blind first round, listed on the 24–26 May notice and named on 30 May. The materials' bytes are
 * made on the server's first start (`seedDemoMaterialFiles` in `@ssb/api`). Runs after the register and
 * the expert pool; does nothing once the 2022 notice exists.
 */
export async function seedDemo2022Selection(db: DbOrTx) {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.year, 2022));
  if (!campaign) return;
  if ((await db.select({ id: publicNotices.id }).from(publicNotices).where(eq(publicNotices.campaignId, campaign.id))).length) return;
  const [office] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'office@demo.ssb.local'));
  const pool = await db.select({ userId: experts.userId, organizationId: experts.organizationId }).from(experts).innerJoin(users, eq(users.id, experts.userId)).orderBy(asc(users.email));
  const named = await db
    .select({ id: bases.id, name: bases.name, category: bases.category, districtCode: bases.districtCode, organizationId: bases.organizationId, organizationName: organizations.name, uscc: organizations.uscc })
    .from(bases)
    .innerJoin(organizations, eq(organizations.id, bases.organizationId))
    .where(and(eq(bases.batchYear, 2022), eq(bases.isDemo, true)))
    .orderBy(asc(bases.number));
  const [round] = await db
    .insert(reviewRounds)
    .values({ campaignId: campaign.id, kind: 'initial', status: 'closed', blind: true, criteria: DEFAULT_REVIEW_CRITERIA, expertsPerApplication: 3, disagreementThreshold: 20, closesAt: at('2022-04-30T23:59:59'), createdAt: at('2022-04-15T09:00:00') })
    .returning();
  const load = new Map(pool.map((p) => [p.userId, 0]));
  const listed: string[] = [];
  for (const [i, base] of named.entries()) {
    const [body] = await db.select().from(recommendingBodies).where(eq(recommendingBodies.code, RECOMMENDERS[i % RECOMMENDERS.length]!));
    const submittedAt = at(`2022-04-0${1 + (i % 6)}T10:00:00`);
    const recommendedAt = at(`2022-04-0${2 + (i % 6)}T15:00:00`);
    const [application] = await db
      .insert(applications)
      .values({
        campaignId: campaign.id,
        organizationId: base.organizationId,
        recommendingBodyId: body?.id ?? null,
        status: 'recommended',
        submittedAt,
        recommendedAt,
        createdAt: at('2022-03-28T09:00:00'),
        data: completeApplicationData({ baseName: base.name, hostUnit: base.organizationName, uscc: base.uscc, districtCode: base.districtCode, category: base.category }),
      })
      .returning({ id: applications.id, version: applications.version });
    const id = application!.id;
    listed.push(id);
    await db.insert(applicationEvents).values([
      { applicationId: id, action: 'submit', fromStatus: 'draft', toStatus: 'submitted', at: submittedAt },
      { applicationId: id, action: 'recommend', fromStatus: 'submitted', toStatus: 'recommended', at: recommendedAt },
      { applicationId: id, action: 'intake_accept', fromStatus: 'recommended', toStatus: 'recommended', actorUserId: office?.id ?? null, at: at('2022-04-12T16:00:00') },
    ]);
    await seedMaterials(db, id);
    await db.insert(paperReceipts).values({ applicationId: id, code: '', matchesCurrent: true, applicationVersion: application!.version, receivedBy: office?.id ?? null, receivedAt: at('2022-04-11T10:30:00') });
    await db.insert(intakeChecks).values({ applicationId: id, status: 'accepted', checklist: { sealsAndSignatures: true, paperMatchesElectronic: true, noClassifiedMaterial: true }, checkedBy: office?.id ?? null, updatedAt: at('2022-04-12T16:00:00') });

    // Three experts of other units than the nominee and its recommender, fewest sheets first, each sheet submitted.
    const eligible = pool
      .filter((p) => p.organizationId !== base.organizationId && p.organizationId !== body?.organizationId)
      .sort((a, b) => load.get(a.userId)! - load.get(b.userId)!)
      .slice(0, round!.expertsPerApplication);
    for (const [n, expert] of eligible.entries()) {
      load.set(expert.userId, load.get(expert.userId)! + 1);
      const scores = Object.fromEntries(DEFAULT_REVIEW_CRITERIA.map((c, k) => [c.key, Math.min(c.maxScore, 80 + ((i * 3 + n * 5 + k * 7) % 17))]));
      await db.insert(reviewAssignments).values({
        roundId: round!.id,
        applicationId: id,
        expertUserId: expert.userId,
        status: 'submitted',
        scores,
        weightedTotal: weightedTotal(DEFAULT_REVIEW_CRITERIA, scores),
        comment: '展陈围绕科学家故事展开，原始实物较丰富，建议命名。',
        assignedBy: office?.id ?? null,
        assignedAt: at('2022-04-15T10:00:00'),
        submittedAt: at(`2022-04-2${n + 2}T17:00:00`),
      });
    }
    await db.insert(selectionDecisions).values({ applicationId: id, campaignId: campaign.id, outcome: 'named', decidedBy: office?.id ?? null, decidedAt: at('2022-05-30T10:00:00') });
    await db.update(bases).set({ applicationId: id }).where(eq(bases.id, base.id));
  }
  await db.insert(publicNotices).values({
    campaignId: campaign.id,
    title: DEMO_2022_NOTICE_TITLE,
    body: '经单位申报、推荐单位推荐、形式审查和专家评审，拟命名以下单位为北京市科学家精神教育基地，现予以公示。公示期内如有异议，请实名提出。',
    status: 'closed',
    startsAt: at('2022-05-24T00:00:00'),
    endsAt: at('2022-05-26T23:59:59'),
    applicationIds: listed,
    publishedBy: office?.id ?? null,
    publishedAt: at('2022-05-23T17:00:00'),
    createdAt: at('2022-05-20T10:00:00'),
  });
}
