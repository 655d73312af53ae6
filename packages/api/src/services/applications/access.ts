import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { isOfficeRole } from '@ssb/domain/roles';
import { eq, inArray } from 'drizzle-orm';
import { userError } from '../errors.ts';

export type Grant = { organizationId: string; role: string };

/** The organizations a user applies for: only these, never an id from the request. */
export const applicantOrganizationIds = (grants: Grant[]) =>
  [...new Set(grants.filter((g) => g.role === 'applicant').map((g) => g.organizationId))];

type RecommendingBody = typeof schema.recommendingBodies.$inferSelect;

/**
 * Looked up once per request: the procedure builders make a fresh `grants` array for each call, so a
 * cache keyed by that array lives exactly as long as the request.
 */
const bodiesByGrants = new WeakMap<Grant[], Promise<RecommendingBody[]>>();

/** The recommending bodies a user acts for, through the organizations in which they are recommenders. */
export function recommenderBodies(db: DbOrTx, grants: Grant[]): Promise<RecommendingBody[]> {
  const orgIds = [...new Set(grants.filter((g) => g.role === 'recommender').map((g) => g.organizationId))];
  if (orgIds.length === 0) return Promise.resolve([]);
  const cached = bodiesByGrants.get(grants);
  if (cached) return cached;
  const lookup = db.select().from(schema.recommendingBodies).where(inArray(schema.recommendingBodies.organizationId, orgIds)).then((rows) => rows);
  bodiesByGrants.set(grants, lookup);
  lookup.catch(() => bodiesByGrants.delete(grants));
  return lookup;
}

export type Viewer = { userId: string; grants: Grant[] };

/**
 * One application as this viewer may see it: its own unit's, one addressed to the viewer's body,
 * or any for the office. Anything else is "not found", so ids cannot be probed.
 */
export async function loadApplicationFor(db: DbOrTx, applicationId: string, viewer: Viewer) {
  const application = await db.query.applications.findFirst({
    where: eq(schema.applications.id, applicationId),
    with: { organization: true, recommendingBody: true, campaign: true },
  });
  if (!application) throw userError('NOT_FOUND', '申报不存在或无权查看');
  const isOffice = viewer.grants.some((g) => isOfficeRole(g.role));
  const isOwnUnit = applicantOrganizationIds(viewer.grants).includes(application.organizationId);
  const bodies = await recommenderBodies(db, viewer.grants);
  const isAddressedToViewer =
    application.status !== 'draft' && bodies.some((b) => b.id === application.recommendingBodyId);
  if (!isOffice && !isOwnUnit && !isAddressedToViewer) throw userError('NOT_FOUND', '申报不存在或无权查看');
  return { application, relation: isOwnUnit ? ('applicant' as const) : isAddressedToViewer ? ('recommender' as const) : ('office' as const) };
}
