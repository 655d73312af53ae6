import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ReviewRound } from './rounds-access.ts';

export type Candidate = { id: string; name: string; organizationName: string; recommenderName: string | null };

const nameOf = (data: Record<string, unknown>, fallback: string) => (typeof data.baseName === 'string' && data.baseName.trim() ? data.baseName : fallback);

export async function describeApplications(db: DbOrTx, applicationIds: string[]): Promise<Candidate[]> {
  if (applicationIds.length === 0) return [];
  const rows = await db
    .select({ id: schema.applications.id, data: schema.applications.data, organizationName: schema.organizations.name, recommenderName: schema.recommendingBodies.name })
    .from(schema.applications)
    .innerJoin(schema.organizations, eq(schema.organizations.id, schema.applications.organizationId))
    .leftJoin(schema.recommendingBodies, eq(schema.recommendingBodies.id, schema.applications.recommendingBodyId))
    .where(inArray(schema.applications.id, applicationIds))
    .orderBy(asc(schema.organizations.name), asc(schema.applications.id));
  return rows.map((r) => ({ id: r.id, name: nameOf(r.data, r.organizationName), organizationName: r.organizationName, recommenderName: r.recommenderName }));
}

/** Recommended nominations the office accepted at intake: what the first round reviews. */
export async function acceptedNominationIds(db: DbOrTx, campaignId: string) {
  const rows = await db
    .select({ id: schema.applications.id })
    .from(schema.applications)
    .innerJoin(schema.intakeChecks, eq(schema.intakeChecks.applicationId, schema.applications.id))
    .where(and(eq(schema.applications.campaignId, campaignId), eq(schema.applications.status, 'recommended'), eq(schema.intakeChecks.status, 'accepted')));
  return rows.map((r) => r.id);
}

/**
 * The nominations a round reviews, always among those accepted at intake. The first round: every
 * accepted nomination. The final round: those the office carried over from the first round, which
 * are exactly the ones given final-round assignments (carrying over and assigning are one previewed step).
 */
export async function roundCandidateIds(db: DbOrTx, round: ReviewRound) {
  const accepted = await acceptedNominationIds(db, round.campaignId);
  if (round.kind === 'initial') return accepted;
  const rows = await db
    .selectDistinct({ id: schema.reviewAssignments.applicationId })
    .from(schema.reviewAssignments)
    .where(eq(schema.reviewAssignments.roundId, round.id));
  const isAccepted = new Set(accepted);
  return rows.map((r) => r.id).filter((id) => isAccepted.has(id));
}
