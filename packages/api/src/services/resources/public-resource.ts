import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { districtName } from '@ssb/domain/districts';
import { and, eq, inArray } from 'drizzle-orm';
import { PUBLIC_BASE_STATUSES } from '../base-profile/public-bases.ts';
import { userError } from '../errors.ts';

/** A published resource as the public page shows it; drafts and archived ones are not found. */
export async function getPublicResource(db: DbOrTx, resourceId: string) {
  const [row] = await db
    .select({
      id: schema.resources.id,
      type: schema.resources.type,
      title: schema.resources.title,
      descriptionHtml: schema.resources.descriptionHtml,
      scientists: schema.resources.scientists,
      elements: schema.resources.elements,
      audiences: schema.resources.audiences,
      lendable: schema.resources.lendable,
      lendingTerms: schema.resources.lendingTerms,
      maxBookingDays: schema.resources.maxBookingDays,
      onlineUrl: schema.resources.onlineUrl,
      publishedAt: schema.resources.publishedAt,
      isDemo: schema.resources.isDemo,
      media: schema.resources.media,
      baseId: schema.bases.id,
      baseName: schema.bases.name,
      districtCode: schema.bases.districtCode,
    })
    .from(schema.resources)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.resources.baseId))
    .where(and(eq(schema.resources.id, resourceId), eq(schema.resources.status, 'published'), inArray(schema.bases.status, [...PUBLIC_BASE_STATUSES])));
  if (!row) throw userError('NOT_FOUND', '未找到该资源，或其尚未发布');
  // Dates already taken, so a requester picks free ones; who took them is not public.
  const taken = await db
    .select({ startsOn: schema.resourceBookings.startsOn, endsOn: schema.resourceBookings.endsOn })
    .from(schema.resourceBookings)
    .where(and(eq(schema.resourceBookings.resourceId, row.id), eq(schema.resourceBookings.status, 'approved')));
  // What a page needs to show each image or video; hashes and sizes stay with the managers.
  const media = row.media.map((m) => ({ key: m.key, kind: m.kind, name: m.name, durationSeconds: m.durationSeconds ?? null, width: m.width ?? null, height: m.height ?? null }));
  return { ...row, media, districtName: districtName(row.districtCode), takenDates: taken };
}
