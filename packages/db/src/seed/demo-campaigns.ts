import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { activityCampaigns, allianceMembers, alliances, baseEvents, bases, eventCohosts, memberships, users } from '../schema/index.ts';

const DAY = 86400_000;
const beijingDay = (now: number, days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now + days * DAY));

/** Events of three demo bases, the joint action among them, that join the demo campaign (their days fall in it). */
const IN_CAMPAIGN = ['踏遍青山：地质学家的野外故事（演示）', '与科学家面对面：数学之美（演示）', '田间课堂：一粒种子的旅程（演示）', '跟着地质学家认岩石——西山研学一日行（演示）'];

/**
 * 全国科技工作者日 as a demo themed campaign: its days follow the demo's calendar (today + 3 to + 12) so that
 * the demo's upcoming events fall in it, and the next real 科普日 week with no event yet. Also a co-host
 * invitation waiting for base@demo.ssb.local, and an alliance invitation waiting for applicant@'s unit (not yet a
 * named base) as a mentored unit. Does nothing once a demo campaign exists.
 */
export async function seedDemoCampaigns(db: DbOrTx, now = Date.now()) {
  const [existing] = await db.select({ id: activityCampaigns.id }).from(activityCampaigns).where(eq(activityCampaigns.name, '全国科技工作者日（演示）'));
  if (existing) return;
  const [office] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'office@demo.ssb.local'));
  const year = Number(beijingDay(now, 0).slice(0, 4));
  const popularization = beijingDay(now, 0) > `${year}-09-21` ? year + 1 : year;
  const [workersDay] = await db
    .insert(activityCampaigns)
    .values([
      {
        name: '全国科技工作者日（演示）',
        nameEn: 'National Science and Technology Workers Day (demo)',
        description: '弘扬科学家精神，走近身边的科技工作者。演示数据：日期随演示日历滚动，真实的全国科技工作者日为每年 5 月 30 日。',
        descriptionEn: 'Carrying on the scientist spirit and meeting the science workers around us. Demo data: the dates follow the demo calendar; the real National Science and Technology Workers Day is 30 May each year.',
        startsOn: beijingDay(now, 3),
        endsOn: beijingDay(now, 12),
        createdBy: office?.id ?? null,
      },
      {
        name: '全国科普日（演示）',
        nameEn: 'National Science Popularization Day (demo)',
        description: '每年 9 月第三个周末前后，各基地集中开展科普活动。',
        descriptionEn: 'Around the third weekend of September each year, bases hold science-popularisation activities together.',
        startsOn: `${popularization}-09-15`,
        endsOn: `${popularization}-09-21`,
        createdBy: office?.id ?? null,
      },
    ])
    .returning();
  await db
    .update(baseEvents)
    .set({ activityCampaignId: workersDay!.id })
    .where(and(inArray(baseEvents.title, IN_CAMPAIGN), eq(baseEvents.isDemo, true)));

  // A pending invitation: the space museum asks base@'s base to co-host its study camp.
  const demoBases = await db.select({ id: bases.id, name: bases.name }).from(bases).where(eq(bases.isDemo, true)).orderBy(asc(bases.number));
  const [camp] = await db.select({ id: baseEvents.id, baseId: baseEvents.baseId }).from(baseEvents).where(eq(baseEvents.title, '小小航天员研学营（演示）'));
  const guest = demoBases[0];
  if (camp && guest && camp.baseId !== guest.id) await db.insert(eventCohosts).values({ eventId: camp.id, baseId: guest.id, status: 'invited' }).onConflictDoNothing();

  // applicant@'s unit is not a named base: the demo alliance invites it as a mentored unit, mentored by its lead.
  const [alliance] = await db.select().from(alliances).where(eq(alliances.name, '海淀区科学家精神教育基地联盟'));
  const [applicantGrant] = await db
    .select({ organizationId: memberships.organizationId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, 'applicant@demo.ssb.local'), eq(memberships.role, 'applicant')));
  const [named] = applicantGrant ? await db.select({ id: bases.id }).from(bases).where(eq(bases.organizationId, applicantGrant.organizationId)) : [];
  if (alliance && applicantGrant && !named) {
    await db
      .insert(allianceMembers)
      .values({ allianceId: alliance.id, organizationId: applicantGrant.organizationId, baseId: null, role: 'mentored', status: 'invited', mentorBaseId: alliance.leadBaseId, targetBatchYear: year + 1, invitedBy: alliance.coordinatorUserId })
      .onConflictDoNothing();
  }
}
