import type { Role } from '@ssb/domain/roles';
import { mayGrantRole, revokeRefusal, ROLE_GRANT_MESSAGES } from '@ssb/domain/roles';
import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';

const { memberships, organizations, users } = schema;

/** The office grants every role but sysadmin; only a sysadmin makes another. */
export function assertMayGrant(actorRoles: string[], role: Role) {
  if (!mayGrantRole({ id: '', roles: actorRoles }, role)) throw userError('FORBIDDEN', ROLE_GRANT_MESSAGES.notYours);
}

type Actor = { id: string; roles: string[] };
type Grant = { userId: string; organizationId: string; role: Role };

export async function grantRole(db: Database, actor: Actor, grant: Grant) {
  assertMayGrant(actor.roles, grant.role);
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, grant.userId));
    const [organization] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, grant.organizationId));
    if (!user || !organization) throw userError('NOT_FOUND', '用户或单位不存在');
    const inserted = await tx.insert(memberships).values({ ...grant, grantedBy: actor.id }).onConflictDoNothing().returning();
    if (inserted.length === 0) throw userError('CONFLICT', '该用户已拥有此角色');
    await appendAudit(tx, { actorUserId: actor.id, action: 'role.granted', entityType: 'user', entityId: grant.userId, data: grant });
  });
}

export async function revokeRole(db: Database, actor: Actor, grant: Grant) {
  assertMayGrant(actor.roles, grant.role);
  const refusal = revokeRefusal(actor, grant);
  if (refusal) throw userError('BAD_REQUEST', refusal);
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(memberships)
      .where(and(eq(memberships.userId, grant.userId), eq(memberships.organizationId, grant.organizationId), eq(memberships.role, grant.role)))
      .returning();
    if (deleted.length === 0) throw userError('NOT_FOUND', '该用户没有此角色');
    await appendAudit(tx, { actorUserId: actor.id, action: 'role.revoked', entityType: 'user', entityId: grant.userId, data: grant });
  });
}
