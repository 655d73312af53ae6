import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';

/**
 * The events a report may link: held by the applying base (or a co-applying one), ended within the
 * project's dates (Beijing days), with an activity report filed — whose attendance, young people and
 * new-media links are the figures the report takes.
 */
export async function linkableEvents(db: DbOrTx, app: { id: string; baseId: string; startDate: string | null; endDate: string | null }) {
  const co = await db.select({ baseId: schema.fundingCoApplicants.baseId }).from(schema.fundingCoApplicants).where(eq(schema.fundingCoApplicants.applicationId, app.id));
  const baseIds = [app.baseId, ...co.map((c) => c.baseId)];
  const rows = await db
    .select({ eventId: schema.baseEvents.id, title: schema.baseEvents.title, baseId: schema.baseEvents.baseId, startsAt: schema.baseEvents.startsAt, attendance: schema.eventReports.attendance, youngPeople: schema.eventReports.youngPeople, links: schema.eventReports.links })
    .from(schema.baseEvents)
    .innerJoin(schema.eventReports, eq(schema.eventReports.eventId, schema.baseEvents.id))
    .where(
      and(
        inArray(schema.baseEvents.baseId, baseIds),
        ...(app.startDate ? [gte(schema.baseEvents.endsAt, new Date(`${app.startDate}T00:00:00+08:00`))] : []),
        ...(app.endDate ? [lt(schema.baseEvents.startsAt, new Date(new Date(`${app.endDate}T00:00:00+08:00`).getTime() + 86_400_000))] : []),
      ),
    )
    .orderBy(asc(schema.baseEvents.startsAt));
  return rows.map(({ links, ...r }) => ({ ...r, newMediaLinks: links.filter((l) => l.kind === 'new_media').length }));
}
