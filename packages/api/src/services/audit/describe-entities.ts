import { REVIEW_ROUND_LABELS, type ReviewRoundKind } from '@ssb/domain/selection';
import { schema, type DbOrTx } from '@ssb/db';
import { eq, inArray } from 'drizzle-orm';

/** What the audit page shows for the object of a row: its name, and where to open it when it has a page. */
export type EntityDescription = { name: string; href: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

type Lookup = (db: DbOrTx, ids: string[]) => Promise<Array<{ id: string } & EntityDescription>>;

/** One batched query per object type on the page; ids of types without a lookup are shown as they are. */
const LOOKUPS: Record<string, Lookup> = {
  application: async (db, ids) =>
    (
      await db
        .select({ id: schema.applications.id, data: schema.applications.data, org: schema.organizations.name })
        .from(schema.applications)
        .innerJoin(schema.organizations, eq(schema.organizations.id, schema.applications.organizationId))
        .where(inArray(schema.applications.id, ids))
    ).map((r) => ({ id: r.id, name: str((r.data as Record<string, unknown>).baseName) ?? r.org, href: null })),
  organization: async (db, ids) =>
    (await db.select({ id: schema.organizations.id, name: schema.organizations.name }).from(schema.organizations).where(inArray(schema.organizations.id, ids))).map((r) => ({ ...r, href: null })),
  user: async (db, ids) =>
    (await db.select({ id: schema.users.id, name: schema.users.name, email: schema.users.email }).from(schema.users).where(inArray(schema.users.id, ids))).map((r) => ({ id: r.id, name: `${r.name}（${r.email}）`, href: null })),
  expert: async (db, ids) => (await LOOKUPS.user!(db, ids)),
  base: async (db, ids) =>
    (await db.select({ id: schema.bases.id, name: schema.bases.name, number: schema.bases.number }).from(schema.bases).where(inArray(schema.bases.id, ids))).map((r) => ({ id: r.id, name: `${r.name}（${r.number}）`, href: `/bases/${r.id}` })),
  resource: async (db, ids) =>
    (await db.select({ id: schema.resources.id, name: schema.resources.title }).from(schema.resources).where(inArray(schema.resources.id, ids))).map((r) => ({ ...r, href: `/resources/${r.id}` })),
  resource_booking: async (db, ids) =>
    (
      await db
        .select({ id: schema.resourceBookings.id, title: schema.resources.title, startsOn: schema.resourceBookings.startsOn, endsOn: schema.resourceBookings.endsOn })
        .from(schema.resourceBookings)
        .innerJoin(schema.resources, eq(schema.resources.id, schema.resourceBookings.resourceId))
        .where(inArray(schema.resourceBookings.id, ids))
    ).map((r) => ({ id: r.id, name: `${r.title}（${r.startsOn} – ${r.endsOn}）`, href: null })),
  base_event: async (db, ids) =>
    (await db.select({ id: schema.baseEvents.id, name: schema.baseEvents.title }).from(schema.baseEvents).where(inArray(schema.baseEvents.id, ids))).map((r) => ({ ...r, href: null })),
  alliance: async (db, ids) =>
    (await db.select({ id: schema.alliances.id, name: schema.alliances.name }).from(schema.alliances).where(inArray(schema.alliances.id, ids))).map((r) => ({ ...r, href: `/admin/alliances/${r.id}` })),
  campaign: async (db, ids) =>
    (await db.select({ id: schema.campaigns.id, name: schema.campaigns.title }).from(schema.campaigns).where(inArray(schema.campaigns.id, ids))).map((r) => ({ ...r, href: `/admin/campaigns/${r.id}` })),
  public_notice: async (db, ids) =>
    (await db.select({ id: schema.publicNotices.id, name: schema.publicNotices.title }).from(schema.publicNotices).where(inArray(schema.publicNotices.id, ids))).map((r) => ({ ...r, href: `/admin/notices/${r.id}` })),
  review_round: async (db, ids) =>
    (
      await db
        .select({ id: schema.reviewRounds.id, kind: schema.reviewRounds.kind, year: schema.campaigns.year })
        .from(schema.reviewRounds)
        .innerJoin(schema.campaigns, eq(schema.campaigns.id, schema.reviewRounds.campaignId))
        .where(inArray(schema.reviewRounds.id, ids))
    ).map((r) => ({ id: r.id, name: `${r.year} 年${REVIEW_ROUND_LABELS[r.kind as ReviewRoundKind]?.zh ?? r.kind}`, href: null })),
  recommending_body: async (db, ids) =>
    (await db.select({ id: schema.recommendingBodies.id, name: schema.recommendingBodies.name }).from(schema.recommendingBodies).where(inArray(schema.recommendingBodies.id, ids))).map((r) => ({ ...r, href: null })),
};

/** Names (and links) of the objects of these audit rows, keyed `type:id`. A deleted object has no entry. */
export async function describeEntities(db: DbOrTx, rows: Array<{ entityType: string; entityId: string | null }>) {
  const byType = new Map<string, Set<string>>();
  for (const { entityType, entityId } of rows) {
    if (!entityId || !UUID.test(entityId) || !LOOKUPS[entityType]) continue;
    byType.set(entityType, (byType.get(entityType) ?? new Set()).add(entityId));
  }
  const found = await Promise.all([...byType].map(async ([type, ids]) => (await LOOKUPS[type]!(db, [...ids])).map((d) => [`${type}:${d.id}`, { name: d.name, href: d.href }] as const)));
  return new Map<string, EntityDescription>(found.flat());
}
