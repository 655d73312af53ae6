import { DEFAULT_REVIEW_CRITERIA } from '@ssb/domain/selection';
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { applications, campaigns, experts, intakeChecks, organizations, recommendingBodies, reviewAssignments, reviewRounds, users } from '../schema/index.ts';
import { seedUser } from './factories.ts';

/** Four more demo experts beside expert@, in existing demo units so unit counts elsewhere stay put. */
const MORE_EXPERTS = [
  { email: 'expert2@demo.ssb.local', name: '林专家', unit: '北辰材料科学研究所（演示）', title: '研究员', fields: ['材料科学', '科技史'] },
  { email: 'expert3@demo.ssb.local', name: '黄专家', unit: '燕园实验中学科学家故事馆（演示）', title: '特级教师', fields: ['科学教育'] },
  { email: 'expert4@demo.ssb.local', name: '何专家', unit: '北京市科技教育中心（科学家精神教育基地工作办公室）', title: '高级工程师', fields: ['场馆运营'] },
  { email: 'expert5@demo.ssb.local', name: '罗专家', unit: '北京市科技教育中心（科学家精神教育基地工作办公室）', title: '副研究员', fields: ['展陈设计', '博物馆学'] },
] as const;

/**
 * The expert pool (expert@ and four more) and the open demo campaign's first round, open and blind.
 * Nominations the office has accepted at intake by the time this runs get three conflict-free experts
 * each, so the experts find sheets waiting. (2022's finished round is in `demo-2022.ts`.)
 */
export async function seedDemoReview(db: DbOrTx, password: string) {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.isDemo, true)).orderBy(desc(campaigns.year)).limit(1);
  if (!campaign) return;
  const [first] = await db.select().from(users).where(eq(users.email, 'expert@demo.ssb.local'));
  const pool: Array<{ userId: string; organizationId: string }> = [];
  if (first) {
    const [unit] = await db.select().from(organizations).where(eq(organizations.name, '京师理工大学（演示）'));
    await db.insert(experts).values({ userId: first.id, organizationId: unit?.id ?? null, title: '教授', fields: ['科技史', '科学传播'] });
    if (unit) pool.push({ userId: first.id, organizationId: unit.id });
  }
  for (const spec of MORE_EXPERTS) {
    const [unit] = await db.select().from(organizations).where(eq(organizations.name, spec.unit));
    if (!unit) continue;
    const user = await seedUser(db, { email: spec.email, name: spec.name, password, roles: [{ organizationId: unit.id, role: 'expert' }] });
    await db.insert(experts).values({ userId: user.id, organizationId: unit.id, title: spec.title, fields: [...spec.fields] });
    pool.push({ userId: user.id, organizationId: unit.id });
  }

  const [round] = await db
    .insert(reviewRounds)
    .values({ campaignId: campaign.id, kind: 'initial', status: 'open', blind: true, criteria: DEFAULT_REVIEW_CRITERIA, expertsPerApplication: 3, disagreementThreshold: 20 })
    .returning();
  const accepted = await db
    .select({ id: applications.id, organizationId: applications.organizationId, recommenderOrganizationId: recommendingBodies.organizationId })
    .from(applications)
    .innerJoin(intakeChecks, eq(intakeChecks.applicationId, applications.id))
    .leftJoin(recommendingBodies, eq(recommendingBodies.id, applications.recommendingBodyId))
    .where(and(eq(applications.campaignId, campaign.id), eq(applications.status, 'recommended'), eq(intakeChecks.status, 'accepted')));
  const load = new Map(pool.map((p) => [p.userId, 0]));
  for (const nomination of accepted) {
    const eligible = pool
      .filter((p) => p.organizationId !== nomination.organizationId && p.organizationId !== nomination.recommenderOrganizationId)
      .sort((a, b) => load.get(a.userId)! - load.get(b.userId)!)
      .slice(0, round!.expertsPerApplication);
    for (const expert of eligible) {
      load.set(expert.userId, load.get(expert.userId)! + 1);
      await db.insert(reviewAssignments).values({ roundId: round!.id, applicationId: nomination.id, expertUserId: expert.userId });
    }
  }
}
