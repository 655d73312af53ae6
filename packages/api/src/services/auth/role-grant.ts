import { AUTH_MESSAGES } from '@ssb/domain/auth-messages';
import { ROLE_LABELS, type Role } from '@ssb/domain/roles';
import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { consumeAccountToken, findAccountToken } from './tokens.ts';

const NOT_YOURS_MESSAGE = AUTH_MESSAGES.notYourInvitation;

/** The pending grant behind an invitation link, readable only by the account it was sent to. */
async function grantFor(db: DbOrTx, token: string, userId: string) {
  const row = await findAccountToken(db, token, 'role_grant');
  if (row.userId !== userId) throw userError('FORBIDDEN', NOT_YOURS_MESSAGE);
  if (!row.organizationId || !row.role) throw userError('BAD_REQUEST', AUTH_MESSAGES.linkInvalid);
  return row as typeof row & { organizationId: string; role: Role };
}

export async function describeRoleGrant(db: Database, token: string, userId: string) {
  const grant = await grantFor(db, token, userId);
  const organization = await db.query.organizations.findFirst({ where: eq(schema.organizations.id, grant.organizationId), columns: { name: true } });
  return { organizationName: organization?.name ?? '', role: grant.role, roleName: ROLE_LABELS[grant.role].zh, expiresAt: grant.expiresAt };
}

/** The signed-in owner of the invited account accepts: only now is the role granted. */
export async function acceptRoleGrant(db: Database, token: string, userId: string) {
  return db.transaction(async (tx) => {
    const grant = await grantFor(tx, token, userId);
    await consumeAccountToken(tx, token, 'role_grant');
    await tx
      .insert(schema.memberships)
      .values({ userId, organizationId: grant.organizationId, role: grant.role, grantedBy: grant.grantedBy })
      .onConflictDoNothing();
    await appendAudit(tx, {
      actorUserId: userId,
      action: 'role.invitation_accepted',
      entityType: 'user',
      entityId: userId,
      data: { organizationId: grant.organizationId, role: grant.role, grantedBy: grant.grantedBy },
    });
    return { organizationId: grant.organizationId, role: grant.role };
  });
}
