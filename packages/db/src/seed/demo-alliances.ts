import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { allianceCharters, allianceMembers, alliances, baseEvents, bases, memberships, organizations, users } from '../schema/index.ts';

const HAIDIAN_CHARTER = `<h2>倡议</h2><p>海淀区及周边的科学家精神教育基地自愿结成联盟，整合展陈、课程与讲解资源，联合开展面向青少年和公众的科学家精神宣传教育活动，形成品牌效应。</p>
<h2>工作机制</h2><ul><li>牵头单位负责联络协调，每季度召开一次联席会议；</li><li>成员单位共享展品、巡展和课程资源，联合策划“全国科技工作者日”等主题活动；</li><li>联盟培育尚未命名的单位，帮助其达到命名条件。</li></ul><p>（演示数据，并非真实联盟的章程。）</p>`;

const baseNamed = async (db: DbOrTx, name: string) => (await db.select().from(bases).where(eq(bases.name, name)))[0];
const userByEmail = async (db: DbOrTx, email: string) => (await db.select().from(users).where(eq(users.email, email)))[0];

/**
 * 海淀区科学家精神教育基地联盟: approved, coordinated by alliance@demo.ssb.local, three demo bases and a
 * mentored unit, with two demo events as its joint actions; and one proposal waiting for the office.
 * Run after the register, resources and events seeds (it reads their rows).
 */
export async function seedDemoAlliances(db: DbOrTx) {
  const coordinator = await userByEmail(db, 'alliance@demo.ssb.local');
  const [coordinatorGrant] = coordinator ? await db.select().from(memberships).where(and(eq(memberships.userId, coordinator.id), eq(memberships.role, 'alliance_coordinator'))) : [];
  const lead = coordinatorGrant ? (await db.select().from(bases).where(eq(bases.organizationId, coordinatorGrant.organizationId)))[0] : undefined;
  const science = await baseNamed(db, '中关村青少年科技馆（演示）');
  const space = await baseNamed(db, '京北航天精神展馆（演示）');
  const [university] = await db.select().from(organizations).where(eq(organizations.name, '京师理工大学（演示）'));
  if (!coordinator || !lead || !science || !space) return;

  const now = new Date();
  const [haidian] = await db
    .insert(alliances)
    .values({ name: '海淀区科学家精神教育基地联盟', kind: 'regional', districtCodes: ['110108'], leadBaseId: lead.id, status: 'approved', proposedBy: coordinator.id, coordinatorUserId: coordinator.id, submittedAt: now, decidedAt: now, isDemo: true })
    .returning();
  await db.insert(allianceCharters).values({ allianceId: haidian!.id, version: 1, bodyHtml: HAIDIAN_CHARTER, createdBy: coordinator.id });
  await db.insert(allianceMembers).values([
    { allianceId: haidian!.id, organizationId: lead.organizationId, baseId: lead.id, role: 'lead', status: 'active', joinedAt: now },
    { allianceId: haidian!.id, organizationId: science.organizationId, baseId: science.id, role: 'founding', status: 'active', joinedAt: now },
    { allianceId: haidian!.id, organizationId: space.organizationId, baseId: space.id, role: 'founding', status: 'active', joinedAt: now },
    ...(university ? [{ allianceId: haidian!.id, organizationId: university.id, baseId: null, role: 'mentored' as const, status: 'active' as const, mentorBaseId: science.id, targetBatchYear: now.getFullYear() + 1, joinedAt: now }] : []),
  ]);
  // Two of the demo events become the alliance's joint actions (one to come, one past).
  // A joint action is hosted by the alliance's lead base (docs/architecture.md): only the lead's events are marked.
  const events = await db.select({ id: baseEvents.id, title: baseEvents.title }).from(baseEvents).where(and(inArray(baseEvents.title, ['与科学家面对面：数学之美（演示）', '国际博物馆日开放日（演示）']), isNull(baseEvents.allianceId), eq(baseEvents.baseId, lead.id)));
  if (events.length) await db.update(baseEvents).set({ allianceId: haidian!.id }).where(inArray(baseEvents.id, events.map((e) => e.id)));

  // A proposal the office finds waiting: base2@demo.ssb.local's base leads, another demo base has accepted.
  const proposer = await userByEmail(db, 'base2@demo.ssb.local');
  const [proposerGrant] = proposer ? await db.select().from(memberships).where(and(eq(memberships.userId, proposer.id), eq(memberships.role, 'base_manager'))) : [];
  const proposerBase = proposerGrant ? (await db.select().from(bases).where(eq(bases.organizationId, proposerGrant.organizationId)))[0] : undefined;
  const partner = (await db.select().from(bases).where(and(eq(bases.isDemo, true), eq(bases.status, 'active')))).find((b) => b.id !== proposerBase?.id && b.id !== lead.id);
  if (!proposer || !proposerBase || !partner) return;
  const [pending] = await db
    .insert(alliances)
    .values({ name: '青少年科学家精神研学主题联盟（演示）', kind: 'thematic', theme: '青少年研学', leadBaseId: proposerBase.id, status: 'submitted', proposedBy: proposer.id, submittedAt: now, isDemo: true })
    .returning();
  await db.insert(allianceCharters).values({ allianceId: pending!.id, version: 1, bodyHtml: '<p>联合设计面向中小学生的科学家精神研学线路，互认研学课程，共享讲解员。（演示数据）</p>', createdBy: proposer.id });
  await db.insert(allianceMembers).values([
    { allianceId: pending!.id, organizationId: proposerBase.organizationId, baseId: proposerBase.id, role: 'lead', status: 'active', joinedAt: now },
    { allianceId: pending!.id, organizationId: partner.organizationId, baseId: partner.id, role: 'founding', status: 'active', joinedAt: now },
  ]);
}
