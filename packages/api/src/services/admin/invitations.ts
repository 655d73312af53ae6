import { INVITATION_TTL_DAYS, passwordProblemMessage, type TInviteUserInput } from '@ssb/domain/accounts';
import { ROLE_LABELS } from '@ssb/domain/roles';
import type { Database } from '@ssb/db';
import { hashPassword, schema } from '@ssb/db';
import { eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { tokenLimits } from '../auth/verify-email.ts';
import { authMails, queueAuthMail } from '../auth/mails.ts';
import { enforceRateLimits } from '../auth/rate-limit.ts';
import { consumeAccountToken, endAccountTokens, findAccountToken, issueAccountToken } from '../auth/tokens.ts';
import { deleteUnverifiedUsers } from '../auth/unverified.ts';
import { userError } from '../errors.ts';
import { assertMayGrant } from './roles.ts';

const { memberships, organizations, users } = schema;
const TTL_MS = INVITATION_TTL_DAYS * 86400_000;

/**
 * The office invites a person into an organization with a role. A new address gets an account
 * waiting for a password and an emailed link. An existing account gains nothing yet: the grant
 * waits with the emailed token until its owner signs in and accepts it.
 */
export async function inviteUser(deps: ApiDeps, actor: { id: string; roles: string[] }, input: TInviteUserInput) {
  assertMayGrant(actor.roles, input.role);
  const { db, config } = deps;
  const organization = await db.query.organizations.findFirst({ where: eq(organizations.id, input.organizationId) });
  if (!organization) throw userError('NOT_FOUND', '单位不存在');
  const roleName = ROLE_LABELS[input.role].zh;

  return db.transaction(async (tx) => {
    let user = await tx.query.users.findFirst({ where: eq(users.email, input.email) });
    // An unverified registration does not own the address: whoever registered it never proved the mailbox.
    if (user?.status === 'unverified') {
      await deleteUnverifiedUsers(tx, [user.id]);
      user = undefined;
    }
    const needsPassword = !user || user.status === 'invited';
    if (!user) [user] = await tx.insert(users).values({ email: input.email, name: input.name, status: 'invited' }).returning();
    const userId = user!.id;
    const grant = { organizationId: organization.id, role: input.role, grantedBy: actor.id };

    if (needsPassword) {
      // Nobody can sign in to an account without a password: the role is safe to hold until the link sets one.
      await tx.insert(memberships).values({ userId, ...grant }).onConflictDoNothing();
      const token = await issueAccountToken(tx, { userId, purpose: 'invitation', ttlMs: TTL_MS });
      const mail = authMails.invitation(input.name, organization.name, roleName, `${config.publicUrl}/portal/accept-invitation?token=${token}`);
      await queueAuthMail(tx, input.email, mail.title, mail.text);
    } else {
      const token = await issueAccountToken(tx, { userId, purpose: 'role_grant', ttlMs: TTL_MS, grant });
      const mail = authMails.roleGrant(user!.name, organization.name, roleName, `${config.publicUrl}/portal/accept-role?token=${token}`);
      await queueAuthMail(tx, input.email, mail.title, mail.text);
    }
    await appendAudit(tx, {
      actorUserId: actor.id,
      action: 'user.invited',
      entityType: 'user',
      entityId: userId,
      data: { email: input.email, organizationId: organization.id, role: input.role, pendingAcceptance: !needsPassword },
    });
    return { userId, isNewUser: needsPassword, pendingAcceptance: !needsPassword };
  });
}

/** A new person sets the first password through the invitation link; the token is checked before hashing. */
export async function acceptInvitation(db: Database, input: { token: string; password: string; mobile?: string }, meta: { ip: string }) {
  await enforceRateLimits(db, tokenLimits('invitation-use', meta.ip, input.token));
  const { userId } = await findAccountToken(db, input.token, 'invitation');
  const invited = await db.query.users.findFirst({ where: eq(users.id, userId), columns: { email: true } });
  const weak = invited && passwordProblemMessage(input.password, invited.email);
  if (weak) throw userError('BAD_REQUEST', weak);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await consumeAccountToken(tx, input.token, 'invitation');
    await tx
      .update(users)
      .set({ passwordHash, status: 'active', ...(input.mobile ? { mobile: input.mobile } : {}) })
      .where(eq(users.id, userId));
    await endAccountTokens(tx, userId, ['invitation']);
    await appendAudit(tx, { actorUserId: userId, action: 'user.invitation_accepted', entityType: 'user', entityId: userId });
    return { userId, email: invited!.email };
  });
}
