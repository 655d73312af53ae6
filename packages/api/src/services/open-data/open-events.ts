import { renderICalendar } from '@ssb/documents';
import { schema, type DbOrTx } from '@ssb/db';
import { isRegistrationOpen } from '@ssb/domain/registration-input';
import { and, asc, count, desc, eq, gte, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { PUBLIC_BASE_STATUSES } from '../base-profile/public-bases.ts';
import type { OpenDataLinks, OpenPage } from './open-data.ts';

export type OpenEventFilters = { baseId?: string; allianceId?: string; campaignId?: string; district?: string };

const e = schema.baseEvents;
const r = schema.eventRegistrations;

/** Published and cancelled events of bases in the register, narrowed by base, alliance, campaign or district. */
function whereOf(filters: OpenEventFilters, extra: SQL[] = []) {
  const conditions: SQL[] = [ne(e.status, 'draft'), inArray(schema.bases.status, [...PUBLIC_BASE_STATUSES]), ...extra];
  if (filters.baseId) conditions.push(eq(e.baseId, filters.baseId));
  if (filters.allianceId) conditions.push(eq(e.allianceId, filters.allianceId));
  if (filters.campaignId) conditions.push(eq(e.activityCampaignId, filters.campaignId));
  if (filters.district) conditions.push(eq(schema.bases.districtCode, filters.district));
  return and(...conditions);
}

const columns = {
  id: e.id,
  title: e.title,
  description: e.description,
  place: e.place,
  startsAt: e.startsAt,
  endsAt: e.endsAt,
  baseId: e.baseId,
  baseName: schema.bases.name,
  allianceId: e.allianceId,
  campaignId: e.activityCampaignId,
  capacity: e.capacity,
  status: e.status,
  registrationEnabled: e.registrationEnabled,
  registrationOpensAt: e.registrationOpensAt,
  registrationClosesAt: e.registrationClosesAt,
  version: e.version,
  updatedAt: e.updatedAt,
  isDemo: e.isDemo,
  confirmedSeats: sql<number>`(select coalesce(sum(${r.seats}), 0)::int from ${r} where ${r.eventId} = ${e.id} and ${r.status} = 'confirmed')`,
  waitlistedSeats: sql<number>`(select coalesce(sum(${r.seats}), 0)::int from ${r} where ${r.eventId} = ${e.id} and ${r.status} = 'waitlisted')`,
};

/** `/api/open/v1/events`: events soonest first, with seat counts (never anyone's data). */
export async function listOpenEvents(db: DbOrTx, links: OpenDataLinks, query: OpenPage & OpenEventFilters, now = new Date()) {
  const where = whereOf(query);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(e).innerJoin(schema.bases, eq(schema.bases.id, e.baseId)).where(where);
  const rows = await db
    .select(columns)
    .from(e)
    .innerJoin(schema.bases, eq(schema.bases.id, e.baseId))
    .where(where)
    .orderBy(desc(gte(e.endsAt, now)), asc(e.startsAt), asc(e.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const items = rows.map((row) => ({
    id: row.id,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    place: row.place,
    baseId: row.baseId,
    allianceId: row.allianceId,
    campaignId: row.campaignId,
    capacity: row.capacity,
    confirmedSeats: Number(row.confirmedSeats),
    waitlistedSeats: Number(row.waitlistedSeats),
    registrationOpen: isRegistrationOpen({ ...row, startsAt: row.startsAt }, now),
    status: row.status as 'published' | 'cancelled',
    url: `${links.publicUrl}/events/${row.id}`,
    isDemo: row.isDemo,
  }));
  return { total, page: query.page, pageSize: query.pageSize, items };
}

/** Events in the calendar: those ending within the last 90 days and every one still to come. */
const CALENDAR_PAST_DAYS = 90;

/** The iCalendar feed of the platform, or of one base, alliance, campaign or district; or of one event. */
export async function openEventsCalendar(db: DbOrTx, links: OpenDataLinks, filters: OpenEventFilters & { eventId?: string }, now = new Date()) {
  const since = new Date(now.getTime() - CALENDAR_PAST_DAYS * 86400_000);
  const rows = await db
    .select(columns)
    .from(e)
    .innerJoin(schema.bases, eq(schema.bases.id, e.baseId))
    .where(whereOf(filters, filters.eventId ? [eq(e.id, filters.eventId)] : [gte(e.endsAt, since)]))
    .orderBy(asc(e.startsAt))
    .limit(2000);
  if (filters.eventId && rows.length === 0) return null;
  const host = new URL(links.publicUrl).host;
  return renderICalendar({
    name: rows.length === 1 && filters.eventId ? rows[0]!.title : '科学家精神教育基地活动',
    now,
    events: rows.map((row) => ({
      uid: `${row.id}@${host}`,
      title: row.status === 'cancelled' ? `【已取消】${row.title}` : row.title,
      description: `${row.baseName}\n${row.description}`.trim(),
      location: row.place,
      url: `${links.publicUrl}/events/${row.id}`,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      cancelled: row.status === 'cancelled',
      updatedAt: row.updatedAt,
      sequence: row.version,
    })),
  });
}
