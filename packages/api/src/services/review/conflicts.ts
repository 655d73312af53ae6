import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq, inArray } from 'drizzle-orm';

export type ConflictReason = 'same_organization' | 'same_recommender' | 'declared';

export const CONFLICT_REASON_TEXT: Record<ConflictReason, string> = {
  same_organization: '专家与申报单位为同一单位',
  same_recommender: '专家所在单位是该申报的推荐单位',
  declared: '专家已声明回避',
};

export const conflictKey = (applicationId: string, expertUserId: string) => `${applicationId}:${expertUserId}`;

/**
 * The units each expert works for: the pool entry's unit when the office set one, otherwise the
 * units of the expert's memberships (an expert account always belongs to some unit).
 */
export async function expertOrganizationIds(db: DbOrTx, expertUserIds: string[]) {
  const result = new Map<string, Set<string>>(expertUserIds.map((id) => [id, new Set<string>()]));
  if (expertUserIds.length === 0) return result;
  const pool = await db.select().from(schema.experts).where(inArray(schema.experts.userId, expertUserIds));
  const memberships = await db.select().from(schema.memberships).where(inArray(schema.memberships.userId, expertUserIds));
  for (const id of expertUserIds) {
    const declared = pool.find((e) => e.userId === id)?.organizationId;
    const units = declared ? [declared] : memberships.filter((m) => m.userId === id).map((m) => m.organizationId);
    for (const unit of units) result.get(id)!.add(unit);
  }
  return result;
}

/**
 * Every conflict of interest between these nominations and these experts, keyed by
 * `conflictKey(applicationId, expertUserId)`: same unit, the unit that recommended it, or declared.
 */
export async function findConflicts(db: DbOrTx, applicationIds: string[], expertUserIds: string[]) {
  const conflicts = new Map<string, ConflictReason>();
  if (applicationIds.length === 0 || expertUserIds.length === 0) return conflicts;
  const apps = await db
    .select({ id: schema.applications.id, organizationId: schema.applications.organizationId, recommenderOrganizationId: schema.recommendingBodies.organizationId })
    .from(schema.applications)
    .leftJoin(schema.recommendingBodies, eq(schema.recommendingBodies.id, schema.applications.recommendingBodyId))
    .where(inArray(schema.applications.id, applicationIds));
  const units = await expertOrganizationIds(db, expertUserIds);
  for (const app of apps) {
    for (const expertId of expertUserIds) {
      const expertUnits = units.get(expertId)!;
      if (expertUnits.has(app.organizationId)) conflicts.set(conflictKey(app.id, expertId), 'same_organization');
      else if (app.recommenderOrganizationId && expertUnits.has(app.recommenderOrganizationId)) conflicts.set(conflictKey(app.id, expertId), 'same_recommender');
    }
  }
  const declared = await db
    .select()
    .from(schema.conflictDeclarations)
    .where(and(inArray(schema.conflictDeclarations.applicationId, applicationIds), inArray(schema.conflictDeclarations.expertUserId, expertUserIds)));
  for (const d of declared) conflicts.set(conflictKey(d.applicationId, d.expertUserId), 'declared');
  return conflicts;
}
