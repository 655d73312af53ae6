import { schema, type DbOrTx } from '@ssb/db';
import { daysOpenInYear, type ReportFigure, type ReportFigures } from '@ssb/domain/evaluation';
import { formatFen } from '@ssb/domain/funding';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { yearlyRecords } from '../event-reports/yearly-record.ts';

const yearStart = (year: number) => new Date(`${year}-01-01T00:00:00+08:00`);
/** Resource types that count as new-media items: videos and online exhibitions or lectures. */
export const NEW_MEDIA_TYPES = ['video', 'online'] as const;

/**
 * A base's figures for a Beijing calendar year, read from the platform's own records, each with the words
 * and the count of records it came from. The annual report starts from these; the base may correct a
 * figure only with a reason.
 */
export async function platformFigures(db: DbOrTx, baseId: string, year: number, now = new Date()): Promise<Record<ReportFigure, { platform: number; source: { zh: string; en: string; records: number } }>> {
  const [base] = await db.select({ openingHours: schema.bases.openingHours }).from(schema.bases).where(eq(schema.bases.id, baseId));
  const hours = base?.openingHours ?? [];
  const weekdays = new Set(hours.map((h) => h.weekday)).size;
  const events = (await yearlyRecords(db, year, { baseIds: [baseId], now })).get(baseId) ?? { eventsHeld: 0, reported: 0, peopleReached: 0, youngPeopleReached: 0 };
  const from = yearStart(year);
  const to = yearStart(year + 1);
  const r = schema.resources;
  const published = await db
    .select({ id: r.id, type: r.type })
    .from(r)
    .where(and(eq(r.baseId, baseId), inArray(r.status, ['published', 'archived']), gte(r.publishedAt, from), lt(r.publishedAt, to)));
  const newMedia = published.filter((p) => (NEW_MEDIA_TYPES as readonly string[]).includes(p.type));
  const [shared] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.resourceBookings)
    .innerJoin(r, eq(r.id, schema.resourceBookings.resourceId))
    .where(and(eq(r.baseId, baseId), eq(schema.resourceBookings.status, 'approved'), gte(schema.resourceBookings.startsOn, `${year}-01-01`), lt(schema.resourceBookings.startsOn, `${year + 1}-01-01`)));
  const l = schema.fundingLedgerEntries;
  const fa = schema.fundingApplications;
  const disbursed = await db
    .select({ amountFen: l.amountFen })
    .from(l)
    .innerJoin(fa, eq(fa.id, l.applicationId))
    .where(and(eq(fa.baseId, baseId), eq(l.kind, 'disbursement'), gte(l.occurredOn, `${year}-01-01`), lt(l.occurredOn, `${year + 1}-01-01`)));
  const receivedFen = disbursed.reduce((s, d) => s + Number(d.amountFen), 0);
  // Spent: each grant's latest report of the year that was not returned.
  const reports = await db
    .select({ applicationId: schema.fundingReports.applicationId, spentFen: schema.fundingReports.spentFen, submittedAt: schema.fundingReports.submittedAt })
    .from(schema.fundingReports)
    .innerJoin(fa, eq(fa.id, schema.fundingReports.applicationId))
    .where(and(eq(fa.baseId, baseId), inArray(schema.fundingReports.status, ['submitted', 'accepted', 'closed']), gte(schema.fundingReports.submittedAt, from), lt(schema.fundingReports.submittedAt, to)));
  const latest = new Map<string, { spentFen: number; submittedAt: Date }>();
  for (const rep of reports) {
    const seen = latest.get(rep.applicationId);
    if (!seen || seen.submittedAt < rep.submittedAt) latest.set(rep.applicationId, { spentFen: Number(rep.spentFen), submittedAt: rep.submittedAt });
  }
  const spentFen = [...latest.values()].reduce((s, x) => s + x.spentFen, 0);
  const sharedCount = Number(shared?.n ?? 0);
  const door = events.eventsHeld - events.reported;
  return {
    daysOpen: { platform: daysOpenInYear(hours, year), source: { zh: `基地资料中的开放时间（每周 ${weekdays} 天）按 ${year} 年日历计算`, en: `Opening hours in the base profile (${weekdays} days a week) over the ${year} calendar`, records: weekdays } },
    eventsHeld: { platform: events.eventsHeld, source: { zh: `平台上已发布并已结束的活动 ${events.eventsHeld} 场`, en: `${events.eventsHeld} published events that ended in ${year}`, records: events.eventsHeld } },
    peopleReached: { platform: events.peopleReached, source: { zh: `${events.reported} 场取自活动报告，${door} 场取自签到与现场登记`, en: `${events.reported} events from their activity reports, ${door} from check-ins and walk-ins`, records: events.eventsHeld } },
    youngPeopleReached: { platform: events.youngPeopleReached, source: { zh: `活动报告中的青少年人数，或中小学生报名的签到人数（${events.eventsHeld} 场）`, en: `Young people in activity reports, or checked-in pupils (${events.eventsHeld} events)`, records: events.eventsHeld } },
    resourcesPublished: { platform: published.length, source: { zh: `${year} 年在资源共享平台发布的资源 ${published.length} 项`, en: `${published.length} resources published on the sharing platform in ${year}`, records: published.length } },
    resourcesShared: { platform: sharedCount, source: { zh: `他馆借用本基地资源获批准的预约 ${sharedCount} 次（按借用开始日）`, en: `${sharedCount} approved bookings of the base's resources starting in ${year}`, records: sharedCount } },
    newMediaItems: { platform: newMedia.length, source: { zh: `发布的视频和线上展览/讲座 ${newMedia.length} 项`, en: `${newMedia.length} videos and online resources published`, records: newMedia.length } },
    fundingReceivedFen: { platform: receivedFen, source: { zh: `专项经费拨付记录 ${disbursed.length} 笔，共 ${formatFen(receivedFen)} 元`, en: `${disbursed.length} funding disbursements, CNY ${formatFen(receivedFen)}`, records: disbursed.length } },
    fundingSpentFen: { platform: spentFen, source: { zh: `${latest.size} 个项目当年最近一次经费报告的支出合计`, en: `Spending in the latest ${year} report of ${latest.size} grants`, records: latest.size } },
  };
}

/** The figures as the report keeps them: the platform's value and source, no correction yet. */
export function freshReportFigures(platform: Awaited<ReturnType<typeof platformFigures>>): ReportFigures {
  return Object.fromEntries(Object.entries(platform).map(([k, v]) => [k, { ...v, corrected: null, reason: null }])) as ReportFigures;
}
