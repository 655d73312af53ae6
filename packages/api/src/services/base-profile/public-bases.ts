import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { districtName } from '@ssb/domain/districts';
import { beijingClock, isOpenAt } from '@ssb/domain/opening-hours';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { userError } from '../errors.ts';

/** Bases the public sees: named and not revoked or expired. */
export const PUBLIC_BASE_STATUSES = ['active', 'rectification'] as const;

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
 * The directory with its filters. The register holds hundreds of bases at most, so "open now" is
 * worked out here on Beijing's clock rather than in SQL; the district counts feed the map and
 * ignore the district filter so that every district stays clickable.
 */
export async function listBaseDirectory(db: DbOrTx, filters: DirectoryFilters, now = new Date()) {
  const conditions = [inArray(schema.bases.status, [...PUBLIC_BASE_STATUSES])];
  if (filters.category?.length) conditions.push(inArray(schema.bases.category, filters.category));
  const rows = await db
    .select(publicColumns)
    .from(schema.bases)
    .where(and(...conditions))
    .orderBy(asc(schema.bases.districtCode), asc(schema.bases.number));
  const clock = beijingClock(now);
  const withOpen = rows.map((b) => ({ ...b, isOpenNow: isOpenAt(b.openingHours, clock) }));
  const beforeDistrict = filters.isOpenNow ? withOpen.filter((b) => b.isOpenNow) : withOpen;
  const districtCounts = new Map<string, number>();
  for (const b of beforeDistrict) districtCounts.set(b.districtCode, (districtCounts.get(b.districtCode) ?? 0) + 1);
  const matching = filters.district?.length ? beforeDistrict.filter((b) => filters.district!.includes(b.districtCode)) : beforeDistrict;
  const start = (filters.page - 1) * filters.pageSize;
  return {
    total: matching.length,
    page: filters.page,
    pageSize: filters.pageSize,
    items: matching.slice(start, start + filters.pageSize).map(({ introduction, openingHours: _hours, ...b }) => ({
      ...b,
      districtName: districtName(b.districtCode),
      summary: introduction.length > 90 ? `${introduction.slice(0, 90)}…` : introduction,
    })),
    districts: [...districtCounts].map(([code, count]) => ({ code, count })),
  };
}

/** Everything the public page of one base shows, with its published resources. */
export async function getBasePage(db: DbOrTx, baseId: string, now = new Date()) {
  const [base] = await db
    .select({ ...publicColumns, bookingInfo: schema.bases.bookingInfo, phone: schema.bases.phone, website: schema.bases.website, namedOn: schema.bases.namedOn, validUntil: schema.bases.validUntil })
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
  return {
    ...base,
    districtName: districtName(base.districtCode),
    isOpenNow: isOpenAt(base.openingHours, now),
    // The first image is the cover shown as a thumbnail.
    resources: resources.map(({ descriptionText, media, ...r }) => ({ ...r, summary: descriptionText.slice(0, 80), coverKey: media.find((m) => m.kind === 'image')?.key ?? null })),
  };
}
