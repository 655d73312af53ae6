import type { DbOrTx } from '@ssb/db';
import { rowsOf, schema } from '@ssb/db';
import { districtName } from '@ssb/domain/districts';
import { beijingClock, closureOn, isOpenAt, upcomingClosures, type BeijingClock } from '@ssb/domain/opening-hours';
import { beijingToday } from '@ssb/domain/time';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { latestOutcomeOf } from '../evaluation/outcomes.ts';
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

/** A directory row needs neither the hours (only whether they are open now) nor the whole introduction. */
type DirectoryRow = {
  id: string;
  number: string;
  name: string;
  category: string;
  district_code: string;
  batch_year: number;
  status: string;
  address: string;
  scientists: string[];
  is_demo: boolean;
  intro: string;
  is_open_now: boolean;
};

/**
 * The directory with its filters, a page at a time, in one SQL statement: the page, the total and the
 * district counts for the map (which ignore the district filter, so every district stays clickable).
 * "Open now" reads each base's hours on Beijing's clock, whatever the server's time zone.
 */
export async function listBaseDirectory(db: DbOrTx, filters: DirectoryFilters, now = new Date()) {
  const clock = beijingClock(now);
  const isOpenNow = openOnClock(clock, beijingToday(now));
  const shared = [inArray(schema.bases.status, [...PUBLIC_BASE_STATUSES])];
  if (filters.category?.length) shared.push(inArray(schema.bases.category, filters.category));
  if (filters.isOpenNow) shared.push(isOpenNow);
  const inDistrict = filters.district?.length ? inArray(schema.bases.districtCode, filters.district) : sql`true`;
  const [row] = rowsOf<{ total: number | string; items: DirectoryRow[] | string; districts: Array<{ code: string; count: number }> | string }>(
    await db.execute(sql`
      with shared as (
        select ${schema.bases.id} as id, ${schema.bases.number} as number, ${schema.bases.name} as name, ${schema.bases.category} as category,
               ${schema.bases.districtCode} as district_code, ${schema.bases.batchYear} as batch_year, ${schema.bases.status} as status,
               ${schema.bases.address} as address, ${schema.bases.scientists} as scientists, ${schema.bases.isDemo} as is_demo,
               left(${schema.bases.introduction}, ${SUMMARY_CHARS + 1}) as intro, ${isOpenNow} as is_open_now,
               ${inDistrict} as in_district
        from ${schema.bases} where ${and(...shared)}
      )
      select
        (select count(*)::int from shared where in_district) as total,
        (select coalesce(json_agg(p order by p.district_code, p.number), '[]'::json) from (
          select * from shared where in_district order by district_code, number
          limit ${filters.pageSize} offset ${(filters.page - 1) * filters.pageSize}) p) as items,
        (select coalesce(json_agg(json_build_object('code', d.district_code, 'count', d.n)), '[]'::json) from (
          select district_code, count(*)::int as n from shared group by district_code) d) as districts`),
  );
  const parse = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
  const items = parse(row!.items);
  return {
    total: Number(row!.total),
    page: filters.page,
    pageSize: filters.pageSize,
    items: items.map((b) => ({
      id: b.id,
      number: b.number,
      name: b.name,
      category: b.category,
      districtCode: b.district_code,
      batchYear: b.batch_year,
      status: b.status as (typeof schema.bases.$inferSelect)['status'],
      address: b.address,
      scientists: b.scientists,
      isDemo: b.is_demo,
      isOpenNow: b.is_open_now,
      districtName: districtName(b.district_code),
      summary: b.intro.length > SUMMARY_CHARS ? `${b.intro.slice(0, SUMMARY_CHARS)}…` : b.intro,
    })),
    districts: parse(row!.districts),
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
    /** The latest evaluation outcome (优秀/合格/限期整改/不合格) and its year, or null before the first. */
    latestOutcome: await latestOutcomeOf(db, base.id),
    // The first image is the cover shown as a thumbnail.
    resources: resources.map(({ descriptionText, media, ...r }) => ({ ...r, summary: descriptionText.slice(0, 80), coverKey: media.find((m) => m.kind === 'image')?.key ?? null })),
  };
}
