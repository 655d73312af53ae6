import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq, inArray } from 'drizzle-orm';

/**
 * Units (by 统一社会信用代码) submitted through more than one recommender in a campaign: the office
 * must resolve them, and each recommender concerned is told.
 */
export async function findDuplicateOrganizations(db: DbOrTx, campaignId: string) {
  const rows = await db
    .select({
      organizationId: schema.applications.organizationId,
      organizationName: schema.organizations.name,
      uscc: schema.organizations.uscc,
      applicationId: schema.applications.id,
      status: schema.applications.status,
      recommendingBodyId: schema.recommendingBodies.id,
      recommendingBodyName: schema.recommendingBodies.name,
    })
    .from(schema.applications)
    .innerJoin(schema.organizations, eq(schema.organizations.id, schema.applications.organizationId))
    .innerJoin(schema.recommendingBodies, eq(schema.recommendingBodies.id, schema.applications.recommendingBodyId))
    .where(and(eq(schema.applications.campaignId, campaignId), inArray(schema.applications.status, ['submitted', 'returned', 'recommended'])));
  const byUscc = new Map<string, typeof rows>();
  for (const row of rows) byUscc.set(row.uscc, [...(byUscc.get(row.uscc) ?? []), row]);
  return [...byUscc.values()]
    .filter((group) => new Set(group.map((r) => r.recommendingBodyId)).size > 1)
    .map((group) => ({
      organizationId: group[0]!.organizationId,
      organizationName: group[0]!.organizationName,
      uscc: group[0]!.uscc,
      recommenders: group.map((r) => ({ id: r.recommendingBodyId, name: r.recommendingBodyName, applicationId: r.applicationId, status: r.status })),
    }));
}
