import { schema, type DbOrTx } from '@ssb/db';
import { seedOrganization } from '@ssb/db/seed';
import { completeApplicationData } from '@ssb/domain/testing';

const DISTRICTS = ['110108', '110105', '110101', '110102', '110106'];

/** Nominations recommended to the office and accepted at intake (those paths are tested elsewhere). */
export async function seedRecommendedNominations(db: DbOrTx, campaignId: string, count: number, label = '测试') {
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
  return ids;
}
