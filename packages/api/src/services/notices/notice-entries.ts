import { schema, type DbOrTx } from '@ssb/db';
import { districtName } from '@ssb/domain/districts';
import { eq, inArray } from 'drizzle-orm';
import { summarizeNomination } from '../decisions/candidate-fields.ts';

/** The nominations a notice lists, as the public sees them: no contact details, in the frozen order. */
export async function noticeEntries(db: DbOrTx, applicationIds: string[]) {
  if (applicationIds.length === 0) return [];
  const rows = await db
    .select({ id: schema.applications.id, data: schema.applications.data, orgName: schema.organizations.name, orgDistrict: schema.organizations.districtCode })
    .from(schema.applications)
    .innerJoin(schema.organizations, eq(schema.organizations.id, schema.applications.organizationId))
    .where(inArray(schema.applications.id, applicationIds));
  const byId = new Map(rows.map((r) => [r.id, summarizeNomination({ id: r.id, data: r.data }, { name: r.orgName, districtCode: r.orgDistrict })]));
  return applicationIds.flatMap((id) => {
    const entry = byId.get(id);
    return entry ? [{ ...entry, districtName: districtName(entry.districtCode) }] : [];
  });
}
