import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { beijingDayStart, type TEventBrowse } from '@ssb/domain/event-input';
import { and, asc, count, desc, eq, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import { PUBLIC_BASE_STATUSES } from '../base-profile/public-bases.ts';
import { userError } from '../errors.ts';
import { pageOffset, type TPage } from '../pagination.ts';
import { withCohosts } from './event-cohosts.ts';

const e = schema.baseEvents;
const publicColumns = {
  id: e.id,
  baseId: e.baseId,
  kind: e.kind,
  title: e.title,
  description: e.description,
  startsAt: e.startsAt,
  endsAt: e.endsAt,
  place: e.place,
  audiences: e.audiences,
  capacity: e.capacity,
  bookingInfo: e.bookingInfo,
  status: e.status,
  cancelReason: e.cancelReason,
  allianceId: e.allianceId,
  activityCampaignId: e.activityCampaignId,
  isDemo: e.isDemo,
};
/** Published events, and cancelled ones (always published before), which stay shown as 已取消. */
const isPublic = ne(e.status, 'draft');
const ofPublicBase = inArray(schema.bases.status, [...PUBLIC_BASE_STATUSES]);

/**
 * A base's events for its public page: by default those not yet over (running ones included),
 * soonest first; with `past`, those already over, latest first.
 */
export async function listBaseEvents(db: DbOrTx, input: TPage & { baseId: string; past?: boolean }, now = new Date()) {
  const [base] = await db.select({ id: schema.bases.id }).from(schema.bases).where(and(eq(schema.bases.id, input.baseId), ofPublicBase));
  if (!base) throw userError('NOT_FOUND', '未找到该基地，或其已不在名录中');
  const where = and(eq(e.baseId, base.id), isPublic, input.past ? lt(e.endsAt, now) : gte(e.endsAt, now));
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(e).where(where);
  const items = await db
    .select(publicColumns)
    .from(e)
    .where(where)
    .orderBy(...(input.past ? [desc(e.startsAt), desc(e.id)] : [asc(e.startsAt), asc(e.id)]))
    .limit(input.pageSize)
    .offset(pageOffset(input));
  return { total, page: input.page, pageSize: input.pageSize, items: await withCohosts(db, items) };
}

/** The next events across all bases in the register, for the platform's home page. */
export async function listUpcomingEvents(db: DbOrTx, input: { limit: number }, now = new Date()) {
  const items = await db
    .select({ ...publicColumns, baseName: schema.bases.name })
    .from(e)
    .innerJoin(schema.bases, eq(schema.bases.id, e.baseId))
    .where(and(isPublic, gte(e.endsAt, now), ofPublicBase))
    .orderBy(asc(e.startsAt), asc(e.id))
    .limit(input.limit);
  return withCohosts(db, items);
}

const DAY_MS = 86_400_000;

/**
 * The public events page: events of bases in the register, still to come (soonest first) or over
 * (latest first), narrowed by Beijing days, the base's district, an audience and a kind.
 */
export async function browseEvents(db: DbOrTx, input: TEventBrowse, now = new Date()) {
  const conditions: SQL[] = [isPublic, ofPublicBase];
  if (input.when !== 'all') conditions.push(input.when === 'past' ? lt(e.endsAt, now) : gte(e.endsAt, now));
  if (input.campaign) conditions.push(eq(e.activityCampaignId, input.campaign));
  if (input.from) conditions.push(gte(e.endsAt, beijingDayStart(input.from)));
  if (input.to) conditions.push(lt(e.startsAt, new Date(beijingDayStart(input.to).getTime() + DAY_MS)));
  if (input.district) conditions.push(eq(schema.bases.districtCode, input.district));
  if (input.audience) conditions.push(sql`${e.audiences} @> ${JSON.stringify([input.audience])}::jsonb`);
  if (input.kind) conditions.push(eq(e.kind, input.kind));
  const where = and(...conditions);
  const fromEvents = () => db.select({ total: count() }).from(e).innerJoin(schema.bases, eq(schema.bases.id, e.baseId));
  const [{ total } = { total: 0 }] = await fromEvents().where(where);
  const items = await db
    .select({ ...publicColumns, baseName: schema.bases.name, districtCode: schema.bases.districtCode })
    .from(e)
    .innerJoin(schema.bases, eq(schema.bases.id, e.baseId))
    .where(where)
    .orderBy(...(input.when === 'past' ? [desc(e.startsAt), desc(e.id)] : [asc(e.startsAt), asc(e.id)]))
    .limit(input.pageSize)
    .offset(pageOffset(input));
  return { total, page: input.page, pageSize: input.pageSize, items: await withCohosts(db, items) };
}
