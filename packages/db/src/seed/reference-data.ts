import { BEIJING_DISTRICTS } from '@ssb/domain/districts';
import { DEFAULT_QUOTA, type RecommenderKind } from '@ssb/domain/organizations';
import { makeUscc } from '@ssb/domain/uscc';
import type { DbOrTx } from '../client.ts';
import { districts, recommendingBodies } from '../schema/index.ts';
import { seedOrganization } from './factories.ts';

type BodySpec = { code: string; name: string; kind: RecommenderKind; districtCode?: string; isDemo?: boolean };

/** The recommending bodies the 2022 notice names (section 三.2). */
export const NOTICE_RECOMMENDING_BODIES: BodySpec[] = [
  { code: 'bast', name: '北京市科学技术协会', kind: 'municipal' },
  { code: 'bjedu', name: '北京市教育委员会', kind: 'municipal' },
  { code: 'bjkw', name: '北京市科学技术委员会、中关村科技园区管理委员会', kind: 'municipal' },
  { code: 'bjgzw', name: '北京市人民政府国有资产监督管理委员会', kind: 'municipal' },
  { code: 'bjjxj', name: '北京市经济和信息化局', kind: 'municipal' },
  { code: 'cas', name: '中国科学院科学传播局', kind: 'cas' },
  ...BEIJING_DISTRICTS.filter((d) => d.code !== '110199').map((d) => ({
    code: `district-${d.code}`,
    name: `${d.name}科学技术协会`,
    kind: 'district' as const,
    districtCode: d.code,
  })),
  // The notice covers every municipal society and grassroots organization without naming them; these stand in.
  { code: 'society-demo-1', name: '北京市力学学会（演示）', kind: 'society', isDemo: true },
  { code: 'society-demo-2', name: '北京市天文学会（演示）', kind: 'society', isDemo: true },
  { code: 'grassroots-demo-1', name: '中关村某高校科协（演示）', kind: 'grassroots', isDemo: true },
];

export async function seedReferenceData(db: DbOrTx) {
  await db
    .insert(districts)
    .values(BEIJING_DISTRICTS.map((d, i) => ({ code: d.code, name: d.name, nameEn: d.nameEn, sortOrder: i })))
    .onConflictDoNothing();

  const existing = new Set((await db.select({ code: recommendingBodies.code }).from(recommendingBodies)).map((r) => r.code));
  let index = 0;
  for (const body of NOTICE_RECOMMENDING_BODIES) {
    index++;
    if (existing.has(body.code)) continue;
    const organization = await seedOrganization(db, {
      name: body.name,
      // The real codes are not public: demo codes are valid in form and marked as demo.
      uscc: makeUscc(900000 + index, '11110000'),
      type: body.kind === 'society' || body.kind === 'grassroots' ? 'society' : 'government',
      districtCode: body.districtCode ?? '110102',
      address: body.districtCode ? `北京市${BEIJING_DISTRICTS.find((d) => d.code === body.districtCode)?.name}` : '北京市',
      contactName: '联络员',
      contactPhone: '010-84650077',
      contactEmail: `${body.code}@demo.ssb.local`,
      isDemo: true,
    });
    const quota = DEFAULT_QUOTA[body.kind];
    await db.insert(recommendingBodies).values({
      code: body.code,
      name: body.name,
      kind: body.kind,
      districtCode: body.districtCode ?? null,
      defaultQuotaMin: quota.min,
      defaultQuotaMax: quota.max,
      organizationId: organization.id,
    });
  }
}
