import type { TInviteUserInput } from '@ssb/domain/accounts';
import { ROLE_LABELS } from '@ssb/domain/roles';
import type { Database } from '@ssb/db';
import { hashPassword, schema } from '@ssb/db';
import { eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { consumeAccountToken } from '../auth/password-reset.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { userError } from '../errors.ts';
import { assertMayGrant } from './roles.ts';

const { accountTokens, memberships, organizations, users } = schema;
const INVITATION_TTL_DAYS = 7;

/**
 * The office invites a person into an organization with a role. A new address gets an account
 * waiting for a password and an emailed link; a known one simply gains the role.
 */
export async function inviteUser(deps: ApiDeps, actor: { id: string; roles: string[] }, input: TInviteUserInput) {
  assertMayGrant(actor.roles, input.role);
  const { db, mailer, config } = deps;
  const organization = await db.query.organizations.findFirst({ where: eq(organizations.id, input.organizationId) });
  if (!organization) throw userError('NOT_FOUND', '单位不存在');

  const result = await db.transaction(async (tx) => {
    let user = await tx.query.users.findFirst({ where: eq(users.email, input.email) });
    const isNewUser = !user;
    if (!user) [user] = await tx.insert(users).values({ email: input.email, name: input.name, status: 'invited' }).returning();
    await tx
      .insert(memberships)
      .values({ userId: user!.id, organizationId: organization.id, role: input.role, grantedBy: actor.id })
      .onConflictDoNothing();
    let token: string | null = null;
    if (isNewUser || user!.status === 'invited') {
      token = newToken();
      await tx.insert(accountTokens).values({
        tokenHash: hashToken(token),
        userId: user!.id,
        purpose: 'invitation',
        expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86400_000),
      });
    }
    await appendAudit(tx, {
      actorUserId: actor.id,
      action: 'user.invited',
      entityType: 'user',
      entityId: user!.id,
      data: { email: input.email, organizationId: organization.id, role: input.role },
    });
    return { user: user!, token };
  });

  const roleName = ROLE_LABELS[input.role].zh;
  const text = result.token
    ? `${input.name}，您好：\n\n工作办公室邀请您以“${roleName}”身份加入“${organization.name}”。请在 ${INVITATION_TTL_DAYS} 天内打开以下链接设置密码：\n${config.publicUrl}/portal/accept-invitation?token=${result.token}\n\n科学家精神教育基地工作办公室`
    : `${result.user.name}，您好：\n\n您已获得“${organization.name}”的“${roleName}”角色，下次登录后即可使用。\n\n科学家精神教育基地工作办公室`;
  await mailer.send(db, { to: input.email, subject: '【科学家精神教育基地】账号邀请', text });
  return { userId: result.user.id, isNewUser: result.token !== null };
}

export async function acceptInvitation(db: Database, input: { token: string; password: string; mobile?: string }) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const userId = await consumeAccountToken(tx, input.token, 'invitation');
    await tx
      .update(users)
      .set({ passwordHash, status: 'active', ...(input.mobile ? { mobile: input.mobile } : {}) })
      .where(eq(users.id, userId));
    await appendAudit(tx, { actorUserId: userId, action: 'user.invitation_accepted', entityType: 'user', entityId: userId });
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    return { userId, email: user!.email };
  });
}
