import { createHash, randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { alliances, baseEvents, bases, eventCohosts, eventRegistrationMoves, eventRegistrations } from '../schema/index.ts';

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
