import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { ACTIVITY_CAMPAIGN_MESSAGES } from '@ssb/domain/activity-campaigns';
import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import { PUBLIC_BASE_STATUSES } from '../base-profile/public-bases.ts';
import { userError } from '../errors.ts';

const ac = schema.activityCampaigns;
const e = schema.baseEvents;
/** What the public sees of a campaign's events: published (or cancelled, shown as 已取消) events of bases in the register. */
const publicEventOf = (campaignId: string) => and(eq(e.activityCampaignId, campaignId), ne(e.status, 'draft'), inArray(schema.bases.status, [...PUBLIC_BASE_STATUSES]));

/** Every themed campaign, latest first, with its number of public events: the platform's campaigns list. */
export async function listPublicActivityCampaigns(db: DbOrTx) {
  return db
    .select({ id: ac.id, name: ac.name, nameEn: ac.nameEn, description: ac.description, descriptionEn: ac.descriptionEn, startsOn: ac.startsOn, endsOn: ac.endsOn, events: count(schema.bases.id) })
    .from(ac)
    .leftJoin(e, eq(e.activityCampaignId, ac.id))
    .leftJoin(schema.bases, and(eq(schema.bases.id, e.baseId), ne(e.status, 'draft'), inArray(schema.bases.status, [...PUBLIC_BASE_STATUSES])))
    .groupBy(ac.id)
    .orderBy(desc(ac.startsOn), asc(ac.name));
}

/**
 * One campaign for its public page: its facts, how many public events it holds, by district (for the map),
 * and how many bases and alliances take part. The events themselves come from `events.browse` with `campaign`.
 */
export async function getPublicActivityCampaign(db: DbOrTx, campaignId: string) {
  const [campaign] = await db.select({ id: ac.id, name: ac.name, nameEn: ac.nameEn, description: ac.description, descriptionEn: ac.descriptionEn, startsOn: ac.startsOn, endsOn: ac.endsOn }).from(ac).where(eq(ac.id, campaignId));
  if (!campaign) throw userError('NOT_FOUND', ACTIVITY_CAMPAIGN_MESSAGES.campaignNotFound);
  const rows = await db
    .select({ baseId: e.baseId, allianceId: e.allianceId, districtCode: schema.bases.districtCode })
    .from(e)
    .innerJoin(schema.bases, eq(schema.bases.id, e.baseId))
    .where(publicEventOf(campaign.id));
  const byDistrict = new Map<string, number>();
  for (const r of rows) byDistrict.set(r.districtCode, (byDistrict.get(r.districtCode) ?? 0) + 1);
  return {
    ...campaign,
    events: rows.length,
    bases: new Set(rows.map((r) => r.baseId)).size,
    alliances: new Set(rows.flatMap((r) => (r.allianceId ? [r.allianceId] : []))).size,
    districts: [...byDistrict].map(([code, count]) => ({ code, count })),
  };
}
