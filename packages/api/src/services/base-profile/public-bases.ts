import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { districtName } from '@ssb/domain/districts';
import { beijingClock, closureOn, isOpenAt, upcomingClosures, type BeijingClock } from '@ssb/domain/opening-hours';
import { beijingToday } from '@ssb/domain/time';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { userError } from '../errors.ts';

/** Bases the public sees: named and not revoked or expired. */
export const PUBLIC_BASE_STATUSES = ['active', 'rectification'] as const;

const SUMMARY_CHARS = 90;

export type DirectoryFilters = { category?: string[]; district?: string[]; isOpenNow?: boolean; page: number; pageSize: number };

const publicColumns = {
  id: schema.bases.id,
  number: schema.bases.number,
  name: schema.bases.name,
  category: schema.bases.category,
  districtCode: schema.bases.districtCode,
  batchYear: schema.bases.batchYear,
  status: schema.bases.status,
  address: schema.bases.address,
  introduction: schema.bases.introduction,
  openingHours: schema.bases.openingHours,
  scientists: schema.bases.scientists,
  isDemo: schema.bases.isDemo,
};

/** A directory row needs neither the hours (only whether they are open now) nor the whole introduction. */
const { openingHours: _hours, introduction: _introduction, ...listColumns } = publicColumns;

/**
 * Whether a base's opening hours (jsonb) hold a period around this Beijing weekday and time, and no
 * closure (闭馆安排) covers this Beijing day.
 */
const openOnClock = (clock: BeijingClock, today: string) => sql<boolean>`(exists (
  select 1 from jsonb_array_elements(${schema.bases.openingHours}) p
  where (p->>'weekday')::int = ${clock.weekday} and p->>'opens' <= ${clock.time} and ${clock.time} < p->>'closes')
  and not exists (
  select 1 from jsonb_array_elements(${schema.bases.closures}) c
  where c->>'startsOn' <= ${today} and ${today} <= c->>'endsOn'))`;

/**
 * The directory with its filters, a page at a time in SQL: the page, the total and the district
 * counts for the map (which ignore the district filter, so every district stays clickable).
 * "Open now" reads each base's hours on Beijing's clock, whatever the server's time zone.
 */
export async function listBaseDirectory(db: DbOrTx, filters: DirectoryFilters, now = new Date()) {
  const clock = beijingClock(now);
  const isOpenNow = openOnClock(clock, beijingToday(now));
  const shared = [inArray(schema.bases.status, [...PUBLIC_BASE_STATUSES])];
  if (filters.category?.length) shared.push(inArray(schema.bases.category, filters.category));
  if (filters.isOpenNow) shared.push(isOpenNow);
  const matching = and(...shared, filters.district?.length ? inArray(schema.bases.districtCode, filters.district) : undefined);
  const [items, districts] = await Promise.all([
    db
      .select({
        ...listColumns,
        introduction: sql<string>`left(${schema.bases.introduction}, ${SUMMARY_CHARS + 1})`,
        isOpenNow,
        total: sql<number>`(count(*) over ())::int`,
      })
      .from(schema.bases)
      .where(matching)
      .orderBy(asc(schema.bases.districtCode), asc(schema.bases.number))
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize),
    db
      .select({ code: schema.bases.districtCode, count: sql<number>`count(*)::int` })
      .from(schema.bases)
      .where(and(...shared))
      .groupBy(schema.bases.districtCode),
  ]);
  // Past the last page there are no rows to carry the total; count the matches then.
  const total = items[0]?.total ?? (filters.page > 1 ? await db.$count(schema.bases, matching) : 0);
  return {
    total,
    page: filters.page,
    pageSize: filters.pageSize,
    items: items.map(({ introduction, total: _total, ...b }) => ({
      ...b,
      districtName: districtName(b.districtCode),
      summary: introduction.length > SUMMARY_CHARS ? `${introduction.slice(0, SUMMARY_CHARS)}…` : introduction,
    })),
    districts,
  };
}

/** Everything the public page of one base shows, with its published resources. */
export async function getBasePage(db: DbOrTx, baseId: string, now = new Date()) {
  const [base] = await db
    .select({ ...publicColumns, closures: schema.bases.closures, photos: schema.bases.photos, bookingInfo: schema.bases.bookingInfo, phone: schema.bases.phone, website: schema.bases.website, namedOn: schema.bases.namedOn, validUntil: schema.bases.validUntil })
    .from(schema.bases)
    .where(and(eq(schema.bases.id, baseId), inArray(schema.bases.status, [...PUBLIC_BASE_STATUSES])));
  if (!base) throw userError('NOT_FOUND', '未找到该基地，或其已不在名录中');
  const resources = await db
    .select({
      id: schema.resources.id,
      type: schema.resources.type,
      title: schema.resources.title,
      descriptionText: schema.resources.descriptionText,
      elements: schema.resources.elements,
      lendable: schema.resources.lendable,
      media: schema.resources.media,
    })
    .from(schema.resources)
    .where(and(eq(schema.resources.baseId, base.id), eq(schema.resources.status, 'published')))
    .orderBy(desc(schema.resources.publishedAt));
  const today = beijingToday(now);
  const { closures, ...shown } = base;
  return {
    ...shown,
    districtName: districtName(base.districtCode),
    isOpenNow: isOpenAt(base.openingHours, now, closures),
    closedToday: closureOn(closures, today),
    closures: upcomingClosures(closures, today),
    // The first image is the cover shown as a thumbnail.
    resources: resources.map(({ descriptionText, media, ...r }) => ({ ...r, summary: descriptionText.slice(0, 80), coverKey: media.find((m) => m.kind === 'image')?.key ?? null })),
  };
}
