import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { inArray } from 'drizzle-orm';
import type { SessionUser } from '../../context.ts';

/** The organizations the user acts for, each with the user's roles there and, for recommenders, the body it is. */
export async function getMyOrganizations(db: DbOrTx, user: SessionUser) {
  const ids = [...new Set(user.memberships.map((m) => m.organizationId))];
  if (ids.length === 0) return [];
  const rows = await db.select().from(schema.organizations).where(inArray(schema.organizations.id, ids));
  const bodies = await db.select().from(schema.recommendingBodies).where(inArray(schema.recommendingBodies.organizationId, ids));
  return rows.map((organization) => ({
    ...organization,
    roles: user.memberships.filter((m) => m.organizationId === organization.id).map((m) => m.role),
    recommendingBody: bodies.find((b) => b.organizationId === organization.id) ?? null,
  }));
}
