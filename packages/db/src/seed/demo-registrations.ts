import { createHash, randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { alliances, baseEvents, bases, eventCohosts, eventRegistrationMoves, eventRegistrations, eventReports } from '../schema/index.ts';

const JOINT_ACTION_TITLE = '踏遍青山：地质学家的野外故事（演示）';
const CODES = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const code = (n: number) => `D${CODES[n % CODES.length]}${CODES[(n * 7) % CODES.length]}${CODES[(n * 11) % CODES.length]}${CODES[(n * 13) % CODES.length]}${CODES[(n * 17) % CODES.length]}`;

/** Who registered for the demo joint action: 27 of 30 seats taken, and three parties waiting that do not fit. */
const PARTIES: Array<{ name: string; seats: number; school?: string; waiting?: boolean }> = [
  { name: '李老师（演示）', seats: 4, school: '示例实验小学四年级' },
  { name: '张女士（演示）', seats: 2 },
  { name: '王先生（演示）', seats: 3 },
  { name: '赵老师（演示）', seats: 4, school: '示例第二小学科技社团' },
  { name: '陈女士（演示）', seats: 2 },
  { name: '刘先生（演示）', seats: 4 },
  { name: '周女士（演示）', seats: 4 },
  { name: '吴老师（演示）', seats: 4, school: '示例中关村小学' },
  { name: '孙女士（演示）', seats: 4, waiting: true },
  { name: '郑先生（演示）', seats: 4, waiting: true },
  { name: '冯老师（演示）', seats: 4, school: '示例海淀小学', waiting: true },
];

/**
 * The demo's joint action takes registrations on the platform, co-hosted by two other demo bases (and
 * hosted for the demo alliance when it exists). Does nothing once it has registrations.
 */
export async function seedDemoRegistrations(db: DbOrTx) {
  const [event] = await db.select().from(baseEvents).where(eq(baseEvents.title, JOINT_ACTION_TITLE));
  if (!event) return;
  const [taken] = await db.select({ id: eventRegistrations.id }).from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id)).limit(1);
  if (taken) return;
  const demoBases = await db.select({ id: bases.id }).from(bases).where(eq(bases.isDemo, true)).orderBy(asc(bases.number));
  const cohosts = demoBases.filter((b) => b.id !== event.baseId).slice(0, 2);
  const [alliance] = await db.select({ id: alliances.id }).from(alliances).where(eq(alliances.name, '海淀区科学家精神教育基地联盟'));
  const held = PARTIES.filter((p) => !p.waiting).reduce((sum, p) => sum + p.seats, 0);
  await db
    .update(baseEvents)
    .set({ registrationEnabled: true, maxSeatsPerRegistration: 4, capacity: 30, heldSeats: held, allianceId: alliance?.id ?? null, bookingInfo: '在资源共享平台报名，每次最多 4 人；额满后可候补。' })
    .where(eq(baseEvents.id, event.id));
  for (const cohost of cohosts) {
    await db.insert(eventCohosts).values({ eventId: event.id, baseId: cohost.id, status: 'accepted', respondedAt: new Date() }).onConflictDoNothing();
  }
  let n = 0;
  for (const party of PARTIES) {
    n += 1;
    const [row] = await db
      .insert(eventRegistrations)
      .values({
        eventId: event.id,
        code: code(n),
        cancelTokenHash: createHash('sha256').update(randomBytes(24)).digest('hex'),
        name: party.name,
        phone: `1390000${String(1000 + n)}`,
        schoolName: party.school ?? null,
        seats: party.seats,
        status: party.waiting ? 'waitlisted' : 'confirmed',
        confirmedAt: party.waiting ? null : new Date(),
      })
      .returning({ id: eventRegistrations.id });
    await db.insert(eventRegistrationMoves).values({ registrationId: row!.id, eventId: event.id, toStatus: party.waiting ? 'waitlisted' : 'confirmed', reason: party.waiting ? '名额已满，进入候补' : '报名成功' });
  }
}

const PAST_OPEN_DAY_TITLE = '国际博物馆日开放日（演示）';

/**
 * The demo's past event with its activity report: an open day without registration, so the host stated
 * the gate's count with the reason. Counts in the base's yearly record. Two demo bases co-hosted it: one has
 * filed its part of the report, the other finds it waiting in 联合主办. Does nothing once filed.
 */
export async function seedDemoEventReport(db: DbOrTx) {
  const [event] = await db.select().from(baseEvents).where(eq(baseEvents.title, PAST_OPEN_DAY_TITLE));
  if (!event || event.endsAt > new Date()) return;
  await db.update(baseEvents).set({ walkIns: 12 }).where(eq(baseEvents.id, event.id));
  await db
    .insert(eventReports)
    .values({
      eventId: event.id,
      attendance: 356,
      attendanceOverrideReason: '开放日无需预约，按入馆闸机计数（现场登记仅 12 人）',
      youngPeople: 142,
      audiences: ['public', 'primary', 'secondary'],
      summary:
        '国际博物馆日当天全天免费开放，加开三场讲解，重点介绍第一代地质学家野外工作的记录本和罗盘。\n两所小学的科技社团由老师带队参观，完成了“认识岩层”学习单；观众留言中最多的是“想去野外看看真正的岩层”。',
      links: [
        { kind: 'press', title: '区融媒体中心报道（演示）', url: 'https://news.example.com/museum-day-demo' },
        { kind: 'new_media', title: '基地公众号推文（演示）', url: 'https://mp.example.com/s/museum-day-demo' },
      ],
      filedAt: new Date(event.endsAt.getTime() + 2 * 86400_000),
    })
    .onConflictDoNothing();
  // Two co-hosts of the open day: one has filed its part of the report, the other still has it to file.
  const demoBases = await db.select({ id: bases.id }).from(bases).where(eq(bases.isDemo, true)).orderBy(asc(bases.number));
  const [filed, pending] = demoBases.filter((b) => b.id !== event.baseId);
  if (filed) {
    await db
      .insert(eventCohosts)
      .values({
        eventId: event.id,
        baseId: filed.id,
        status: 'accepted',
        respondedAt: event.startsAt,
        place: '本馆二层报告厅（分会场）',
        reportAttendance: 48,
        reportYoungPeople: 30,
        reportSummary: '分会场接待两个班级的学生，放映地质学家野外考察纪录片并组织岩石标本辨认。',
        reportedAt: new Date(event.endsAt.getTime() + 86400_000),
      })
      .onConflictDoNothing();
  }
  if (pending) await db.insert(eventCohosts).values({ eventId: event.id, baseId: pending.id, status: 'accepted', respondedAt: event.startsAt, place: '本馆序厅' }).onConflictDoNothing();
}
