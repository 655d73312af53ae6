import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { asc, desc } from 'drizzle-orm';

export const listDistricts = (db: DbOrTx) => db.select().from(schema.districts).orderBy(asc(schema.districts.sortOrder));

export const listRecommendingBodies = (db: DbOrTx) =>
  db
    .select({
      id: schema.recommendingBodies.id,
      code: schema.recommendingBodies.code,
      name: schema.recommendingBodies.name,
      kind: schema.recommendingBodies.kind,
      districtCode: schema.recommendingBodies.districtCode,
      defaultQuotaMin: schema.recommendingBodies.defaultQuotaMin,
      defaultQuotaMax: schema.recommendingBodies.defaultQuotaMax,
    })
    .from(schema.recommendingBodies)
    .orderBy(asc(schema.recommendingBodies.kind), asc(schema.recommendingBodies.code));

export const listCampaigns = (db: DbOrTx) => db.select().from(schema.campaigns).orderBy(desc(schema.campaigns.year));
