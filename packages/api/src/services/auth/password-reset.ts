import { passwordProblemMessage, PASSWORD_RESET_TTL_MINUTES } from '@ssb/domain/accounts';
import type { Database } from '@ssb/db';
import { hashPassword, schema } from '@ssb/db';
import { eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { AUTH_LIMITS, limitKey } from './limits.ts';
import { authMails, queueAuthMail } from './mails.ts';
import { enforceRateLimits } from './rate-limit.ts';
import { deleteUserSessions } from './sessions.ts';
import { consumeAccountToken, endAccountTokens, findAccountToken, issueAccountToken } from './tokens.ts';
import { tokenLimits } from './verify-email.ts';

const { users } = schema;

export { consumeAccountToken } from './tokens.ts';

/**
 * Emails a one-time link through the job queue. Says nothing about whether the address exists,
 * and takes as long either way, so the form cannot be used to discover accounts.
 */
export async function requestPasswordReset(deps: ApiDeps, email: string, ip: string) {
  const { db, config } = deps;
  await enforceRateLimits(db, [
    { key: limitKey('reset-ip', ip), ...AUTH_LIMITS.resetRequestPerIp },
    { key: limitKey('reset', email), ...AUTH_LIMITS.resetRequestPerEmail },
  ]);
  const user = await db.query.users.findFirst({ where: eq(users.email, email) });
  if (!user || user.status !== 'active') return;
  const token = await issueAccountToken(db, { userId: user.id, purpose: 'password_reset', ttlMs: PASSWORD_RESET_TTL_MINUTES * 60_000 });
  const mail = authMails.passwordReset(user.name, `${config.publicUrl}/portal/reset-password?token=${token}`);
  await queueAuthMail(db, user.email, mail.title, mail.text);
}

/** The token is checked before the password is hashed; a reset ends every other reset link and every session. */
export async function resetPassword(db: Database, token: string, password: string, meta: { ip: string }) {
  await enforceRateLimits(db, tokenLimits('reset-use', meta.ip, token));
  const { userId } = await findAccountToken(db, token, 'password_reset');
  const user = await db.query.users.findFirst({ where: eq(users.id, userId), columns: { email: true } });
  const weak = user && passwordProblemMessage(password, user.email);
  if (weak) throw userError('BAD_REQUEST', weak);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await consumeAccountToken(tx, token, 'password_reset');
    await tx.update(users).set({ passwordHash, failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, userId));
    await endAccountTokens(tx, userId, ['password_reset', 'login_link']);
    // Whoever knew the old password is signed out.
    await deleteUserSessions(tx, userId);
    await appendAudit(tx, { actorUserId: userId, action: 'auth.password_reset', entityType: 'user', entityId: userId });
  });
}
