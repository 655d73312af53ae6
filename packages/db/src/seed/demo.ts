import { DEFAULT_FORM_FIELDS } from '@ssb/domain/application-form';
import type { Role } from '@ssb/domain/roles';
import { BASE_CATEGORIES } from '@ssb/domain/spirit';
import { makeUscc } from '@ssb/domain/uscc';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { campaignQuotas, campaigns, recommendingBodies, users, type CampaignPhase } from '../schema/index.ts';
import { seedOrganization, seedUser } from './factories.ts';
import { seedReferenceData } from './reference-data.ts';
import { seedDemoBases } from './register.ts';
import { seedDemoNominations } from './demo-nominations.ts';
import { seedDemoEventReport, seedDemoRegistrations } from './demo-registrations.ts';
import { seedDemoEvents } from './events.ts';
import { seedDemoFunding } from './demo-funding.ts';
import { seedDemoEvaluation } from './demo-evaluation.ts';
import { seedDemoAlliances } from './demo-alliances.ts';
import { seedDemoCampaigns } from './demo-campaigns.ts';
import { seedDemoRenewal } from './demo-renewal.ts';
import { seedDemoResources } from './resources.ts';
import { seedDemoReview } from './review.ts';
import { seedDemo2022Selection } from './demo-2022.ts';

export const DEMO_PASSWORD = 'Demo-2022-ssb';

/** 2022 dates from the notice and the national timetable, Beijing time. */
const PHASES_2022: CampaignPhase[] = [
  { key: 'application', startsAt: '2022-03-23T00:00:00+08:00', endsAt: '2022-04-08T23:59:59+08:00' },
  { key: 'recommendation', startsAt: '2022-03-23T00:00:00+08:00', endsAt: '2022-04-08T23:59:59+08:00' },
  { key: 'intake', startsAt: '2022-04-09T00:00:00+08:00', endsAt: '2022-04-14T23:59:59+08:00' },
  { key: 'review', startsAt: '2022-04-15T00:00:00+08:00', endsAt: '2022-04-30T23:59:59+08:00' },
  { key: 'public_notice', startsAt: '2022-05-24T00:00:00+08:00', endsAt: '2022-05-26T23:59:59+08:00' },
  { key: 'naming', startsAt: '2022-05-30T00:00:00+08:00', endsAt: '2022-05-30T23:59:59+08:00' },
  { key: 'publicity', startsAt: '2022-05-30T00:00:00+08:00', endsAt: '2022-12-31T23:59:59+08:00' },
];

/** Fictional units, named so that nobody mistakes them for a real base. */
const DEMO_UNITS = [
  { name: '京华航天科学家纪念馆（演示）', type: 'museum', districtCode: '110108' },
  { name: '北辰材料科学研究所（演示）', type: 'research_institute', districtCode: '110105' },
  { name: '燕园实验中学科学家故事馆（演示）', type: 'school', districtCode: '110102' },
  { name: '西山地质调查旧址陈列馆（演示）', type: 'museum', districtCode: '110109' },
  { name: '京师理工大学（演示）', type: 'university', districtCode: '110108' },
] as const;

const DAY = 86400_000;

/**
 * The 2022 deadlines have passed, so the demo also gets a campaign open now, marked as demo,
 * so that the whole path can be walked in the browser.
 */
async function seedOpenDemoCampaign(db: DbOrTx) {
  const now = Date.now();
  const at = (days: number) => new Date(now + days * DAY).toISOString();
  const year = Math.max(2023, new Date(now).getFullYear() + 1);
  const [campaign] = await db
    .insert(campaigns)
    .values({
      year,
      title: `${year}年“科学家精神教育基地”申报（演示）`,
      isDemo: true,
      categories: [...BASE_CATEGORIES],
      formFields: DEFAULT_FORM_FIELDS,
      phases: [
        { key: 'application', startsAt: at(-1), endsAt: at(30) },
        { key: 'recommendation', startsAt: at(-1), endsAt: at(40) },
        { key: 'intake', startsAt: at(40), endsAt: at(50) },
        { key: 'review', startsAt: at(50), endsAt: at(65) },
        { key: 'public_notice', startsAt: at(70), endsAt: at(75) },
        { key: 'naming', startsAt: at(80), endsAt: at(81) },
        { key: 'publicity', startsAt: at(81), endsAt: at(365) },
      ],
    })
    .returning();
  return campaign!;
}

export type DemoAccount = { email: string; role: Role; organization: string };

export async function isDemoSeeded(db: DbOrTx) {
  const found = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.year, 2022));
  return found.length > 0;
}

/** Reference data, the 2022 campaign with the notice's quotas, demo units and one account per role. */
export async function seedDemo(db: DbOrTx): Promise<DemoAccount[]> {
  await seedReferenceData(db);
  const [campaign] = await db
    .insert(campaigns)
    .values({
      year: 2022,
      title: '2022年“科学家精神教育基地”建设与服务管理工作',
      phases: PHASES_2022,
      categories: [...BASE_CATEGORIES],
      formFields: DEFAULT_FORM_FIELDS,
    })
    .returning();
  const current = await seedOpenDemoCampaign(db);
  const bodies = await db.select().from(recommendingBodies);
  for (const c of [campaign!, current]) {
    await db.insert(campaignQuotas).values(bodies.map((b) => ({ campaignId: c.id, recommendingBodyId: b.id, quotaMax: b.defaultQuotaMax })));
  }

  const office = await seedOrganization(db, {
    name: '北京市科技教育中心（科学家精神教育基地工作办公室）',
    uscc: makeUscc(800001, '12110000'),
    type: 'government',
    districtCode: '110115',
    address: '北京市大兴区圣和巷七号',
    contactName: '办公室联络员',
    contactPhone: '010-69246124',
    contactEmail: 'office@demo.ssb.local',
    isDemo: true,
  });
  const units = [];
  for (const [i, unit] of DEMO_UNITS.entries()) {
    units.push(
      await seedOrganization(db, {
        ...unit,
        uscc: makeUscc(700000 + i, '12110000'),
        address: `北京市示例路${i + 1}号`,
        contactName: '演示联系人',
        contactPhone: `010-6${i}000000`.slice(0, 12),
        contactEmail: `unit${i + 1}@demo.ssb.local`,
        isDemo: true,
      }),
    );
  }
  const bast = bodies.find((b) => b.code === 'bast')!;
  const district = bodies.find((b) => b.code === 'district-110108')!;

  const accounts: Array<DemoAccount & { organizationId: string; name: string }> = [
    { email: 'applicant@demo.ssb.local', role: 'applicant', organizationId: units[0]!.id, organization: units[0]!.name, name: '张申报' },
    { email: 'applicant2@demo.ssb.local', role: 'applicant', organizationId: units[1]!.id, organization: units[1]!.name, name: '李申报' },
    { email: 'recommender@demo.ssb.local', role: 'recommender', organizationId: bast.organizationId, organization: bast.name, name: '王推荐' },
    { email: 'district@demo.ssb.local', role: 'recommender', organizationId: district.organizationId, organization: district.name, name: '赵推荐' },
    { email: 'office@demo.ssb.local', role: 'office', organizationId: office.id, organization: office.name, name: '刘办公' },
    { email: 'expert@demo.ssb.local', role: 'expert', organizationId: units[4]!.id, organization: units[4]!.name, name: '陈专家' },
    { email: 'base@demo.ssb.local', role: 'base_manager', organizationId: units[3]!.id, organization: units[3]!.name, name: '孙基地' },
    { email: 'alliance@demo.ssb.local', role: 'alliance_coordinator', organizationId: units[3]!.id, organization: units[3]!.name, name: '周联盟' },
    { email: 'funding@demo.ssb.local', role: 'funding_reviewer', organizationId: office.id, organization: office.name, name: '吴经费' },
    { email: 'admin@demo.ssb.local', role: 'sysadmin', organizationId: office.id, organization: office.name, name: '郑管理' },
  ];
  for (const account of accounts) {
    await seedUser(db, {
      email: account.email,
      name: account.name,
      password: DEMO_PASSWORD,
      roles: [{ organizationId: account.organizationId, role: account.role }],
    });
  }
  await seedDemoNominations(db);
  await seedDemoBases(db);
  await seedDemoReview(db, DEMO_PASSWORD);
  await seedDemo2022Selection(db);
  // Last: it reads the demo bases the register seed made and links the base-manager accounts to them.
  await seedDemoResources(db);
  await seedDemoEvents(db);
  await seedDemoAlliances(db);
  await seedDemoRegistrations(db);
  await seedDemoCampaigns(db);
  await seedDemoFunding(db, DEMO_PASSWORD);
  await seedDemoEventReport(db);
  await seedDemoRenewal(db, DEMO_PASSWORD);
  await seedDemoEvaluation(db);
  return accounts.map(({ email, role, organization }) => ({ email, role, organization }));
}

export async function listDemoAccounts(db: DbOrTx) {
  const rows = await db.query.users.findMany({
    where: (u, { like }) => like(u.email, '%@demo.ssb.local'),
    with: { memberships: { with: { organization: true } } },
    orderBy: users.createdAt,
  });
  return rows.flatMap((u) =>
    u.memberships.map((m) => ({ email: u.email, role: m.role, organization: m.organization.name })),
  );
}
