import { schema, type DbOrTx } from '@ssb/db';
import { YOUNG_AUDIENCES, yearlyRecord } from '@ssb/domain/event-report';
import { and, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { baseReportPhotos } from './public-report.ts';

const yearStart = (year: number) => new Date(`${year}-01-01T00:00:00+08:00`);

/**
 * Per base, the events held in a (Beijing) calendar year — published, ended by `now` — with people
 * and young people reached: from each event's report, or else from its check-ins and walk-ins.
 */
export async function yearlyRecords(db: DbOrTx, year: number, options: { baseIds?: string[]; now?: Date } = {}) {
  const e = schema.baseEvents;
  const r = schema.eventRegistrations;
  const now = options.now ?? new Date();
  const held = await db
    .select({
      baseId: e.baseId,
      eventId: e.id,
      walkIns: e.walkIns,
      reportAttendance: schema.eventReports.attendance,
      reportYoungPeople: schema.eventReports.youngPeople,
      checkedIn: sql<number>`(select coalesce(sum(${r.seats}), 0) from ${r} where ${r.eventId} = ${e.id} and ${r.checkedInAt} is not null)::int`,
      checkedInYoung: sql<number>`(select coalesce(sum(${r.seats}), 0) from ${r} where ${r.eventId} = ${e.id} and ${r.checkedInAt} is not null and ${inArray(r.audience, [...YOUNG_AUDIENCES])})::int`,
    })
    .from(e)
    .leftJoin(schema.eventReports, eq(schema.eventReports.eventId, e.id))
    .where(and(eq(e.status, 'published'), gte(e.endsAt, yearStart(year)), lt(e.endsAt, yearStart(year + 1)), lte(e.endsAt, now), options.baseIds ? inArray(e.baseId, options.baseIds) : undefined));
  const byBase = new Map<string, typeof held>();
  for (const row of held) byBase.set(row.baseId, [...(byBase.get(row.baseId) ?? []), row]);
  return new Map(
    [...byBase].map(([baseId, rows]) => [
      baseId,
      yearlyRecord(
        rows.map((row) => ({
          reportAttendance: row.reportAttendance,
          reportYoungPeople: row.reportYoungPeople,
          doorTotal: Number(row.checkedIn) + row.walkIns,
          doorYoungPeople: Number(row.checkedInYoung),
        })),
      ),
    ]),
  );
}

const EMPTY = { eventsHeld: 0, reported: 0, peopleReached: 0, youngPeopleReached: 0 };

/** One base's record for a year, shown on its public page, with the latest photos of its reports. */
export async function baseYearlyRecord(db: DbOrTx, baseId: string, year: number, now = new Date()) {
  const [records, photos] = await Promise.all([yearlyRecords(db, year, { baseIds: [baseId], now }), baseReportPhotos(db, baseId, year)]);
  return { year, ...(records.get(baseId) ?? EMPTY), photos };
}

/** The office's view: every base with events held in the year, most people reached first, and the totals. */
export async function officeYearlyRecords(db: DbOrTx, year: number, now = new Date()) {
  const records = await yearlyRecords(db, year, { now });
  const names = records.size
    ? await db.select({ id: schema.bases.id, name: schema.bases.name, districtCode: schema.bases.districtCode }).from(schema.bases).where(inArray(schema.bases.id, [...records.keys()]))
    : [];
  const rows = names.map((b) => ({ baseId: b.id, baseName: b.name, districtCode: b.districtCode, ...records.get(b.id)! })).sort((a, b) => b.peopleReached - a.peopleReached);
  const totals = rows.reduce(
    (t, row) => ({ eventsHeld: t.eventsHeld + row.eventsHeld, reported: t.reported + row.reported, peopleReached: t.peopleReached + row.peopleReached, youngPeopleReached: t.youngPeopleReached + row.youngPeopleReached }),
    EMPTY,
  );
  return { year, totals, rows };
}
