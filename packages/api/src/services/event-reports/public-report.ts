import { schema, type DbOrTx } from '@ssb/db';
import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { PUBLIC_BASE_STATUSES } from '../base-profile/public-bases.ts';
import { cohostReportParts } from './cohost-report.ts';

/** A report photo as the public pages show it: its address and whether a thumbnail stands beside it. */
const publicPhoto = (eventId: string, p: { key: string; name: string; thumbKey?: string }) => ({ key: p.key, name: p.name, url: `/files/event-reports/${eventId}/${p.key}`, hasThumb: Boolean(p.thumbKey) });

/**
 * What the public sees of a published event's report: figures, summary, links and photos, and the
 * co-hosts' parts — never who filed it or any registrant's data. Null when none is filed.
 */
export async function publicReportOf(db: DbOrTx, event: { id: string; status: string }) {
  if (event.status !== 'published') return null;
  const [report] = await db.select().from(schema.eventReports).where(eq(schema.eventReports.eventId, event.id));
  if (!report) return null;
  const parts = await cohostReportParts(db, event.id);
  return {
    attendance: report.attendance,
    youngPeople: report.youngPeople,
    summary: report.summary,
    links: report.links,
    photos: report.photos.map((p) => publicPhoto(event.id, p)),
    cohostParts: parts.map((p) => ({ baseId: p.baseId, baseName: p.baseName, attendance: p.attendance ?? 0, youngPeople: p.youngPeople ?? 0, summary: p.summary })),
  };
}

const yearStart = (year: number) => new Date(`${year}-01-01T00:00:00+08:00`);

/** The latest photos of a base's reports in a Beijing year, for its yearly record on the base page. */
export async function baseReportPhotos(db: DbOrTx, baseId: string, year: number, limit = 8) {
  const e = schema.baseEvents;
  const rows = await db
    .select({ eventId: e.id, title: e.title, endsAt: e.endsAt, photos: schema.eventReports.photos })
    .from(schema.eventReports)
    .innerJoin(e, eq(e.id, schema.eventReports.eventId))
    .innerJoin(schema.bases, eq(schema.bases.id, e.baseId))
    .where(
      and(
        eq(e.baseId, baseId),
        eq(e.status, 'published'),
        inArray(schema.bases.status, [...PUBLIC_BASE_STATUSES]),
        gte(e.endsAt, yearStart(year)),
        lt(e.endsAt, yearStart(year + 1)),
        sql`jsonb_array_length(${schema.eventReports.photos}) > 0`,
      ),
    )
    .orderBy(desc(e.endsAt))
    .limit(limit);
  return rows.flatMap((r) => r.photos.map((p) => ({ ...publicPhoto(r.eventId, p), eventId: r.eventId, eventTitle: r.title }))).slice(0, limit);
}
