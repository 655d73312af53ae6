import { completeApplicationData } from '@ssb/domain/testing';
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { applicationEvents, applications, campaigns, intakeChecks, organizations, recommendingBodies } from '../schema/index.ts';
import { seedMaterials } from './factories.ts';

/**
 * The open demo campaign's first nominations, as the office receives them, so that intake, paper check,
 * review and statistics have work waiting while the year is open (2022 is finished: `demo-2022.ts`).
 * One unit came through two recommenders (a duplicate), one has a small photo, one lacks its video; two
 * were accepted at intake (the expert-review seed assigns experts to those). 西山地质 re-applies as its
 * 2022 title runs out. Existing demo units only, so counts elsewhere do not move.
 */
const NOMINATIONS = [
  { unit: '北辰材料科学研究所（演示）', body: 'bjkw', category: '科研院所', districtCode: '110105', baseName: '北辰材料科学家精神馆（演示）' },
  { unit: '北辰材料科学研究所（演示）', body: 'district-110105', category: '科研院所', districtCode: '110105', baseName: '北辰材料科学家精神馆（演示）', accepted: true },
  { unit: '燕园实验中学科学家故事馆（演示）', body: 'bjedu', category: '学校', districtCode: '110102', baseName: '燕园科学家故事馆（演示）', photos: 2 },
  { unit: '西山地质调查旧址陈列馆（演示）', body: 'district-110109', category: '科技类人物纪念馆和故居', districtCode: '110109', baseName: '西山地质调查旧址陈列馆（演示）', accepted: true },
  { unit: '京师理工大学（演示）', body: 'cas', category: '重要科研设施（机构和平台）', districtCode: '110108', baseName: '京师理工科学家精神馆（演示）', videos: 0 },
] as const;

export async function seedDemoNominations(db: DbOrTx) {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.isDemo, true)).orderBy(desc(campaigns.year)).limit(1);
  if (!campaign) return;
  const now = Date.now();
  for (const [i, spec] of NOMINATIONS.entries()) {
    const [organization] = await db.select().from(organizations).where(eq(organizations.name, spec.unit));
    const [body] = await db.select().from(recommendingBodies).where(eq(recommendingBodies.code, spec.body));
    if (!organization || !body) continue;
    const exists = await db.select({ id: applications.id }).from(applications).where(and(eq(applications.campaignId, campaign.id), eq(applications.organizationId, organization.id), eq(applications.recommendingBodyId, body.id)));
    if (exists.length) continue;
    // Submitted and recommended in the hours since the campaign opened (a day ago).
    const recommendedAt = new Date(now - (10 - i) * 3600_000);
    const [application] = await db
      .insert(applications)
      .values({
        campaignId: campaign.id,
        organizationId: organization.id,
        recommendingBodyId: body.id,
        status: 'recommended',
        submittedAt: new Date(recommendedAt.getTime() - 8 * 3600_000),
        recommendedAt,
        data: completeApplicationData({ baseName: spec.baseName, hostUnit: spec.unit, uscc: organization.uscc, districtCode: spec.districtCode, category: spec.category }),
      })
      .returning({ id: applications.id });
    await db.insert(applicationEvents).values({ applicationId: application!.id, action: 'recommend', fromStatus: 'submitted', toStatus: 'recommended', at: recommendedAt });
    await seedMaterials(db, application!.id, { photo: 'photos' in spec ? spec.photos : 3, video: 'videos' in spec ? spec.videos : 1 });
    if ('accepted' in spec) {
      const ticks = { sealsAndSignatures: true, paperMatchesElectronic: true, noClassifiedMaterial: true };
      await db.insert(intakeChecks).values({ applicationId: application!.id, status: 'accepted', checklist: ticks, updatedAt: new Date(recommendedAt.getTime() + 2 * 3600_000) });
    }
  }
}
