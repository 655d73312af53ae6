import { LOGIN_LINK_TTL_MINUTES } from '@ssb/domain/accounts';
import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { AUTH_LIMITS, limitKey } from './limits.ts';
import { authMails, queueAuthMail } from './mails.ts';
import { enforceRateLimits } from './rate-limit.ts';
import { consumeAccountToken, findAccountToken, INVALID_LINK_MESSAGE, issueAccountToken } from './tokens.ts';
import { tokenLimits } from './verify-email.ts';

const { users } = schema;

/**
 * Emails a short-lived one-time sign-in link, so the owner of an account locked by someone else's
 * wrong passwords still gets in. Answers alike for every address.
 */
export async function requestLoginLink(deps: ApiDeps, email: string, meta: { ip: string }) {
  const { db, config } = deps;
  await enforceRateLimits(db, [
    { key: limitKey('mail-link-ip', meta.ip), ...AUTH_LIMITS.mailLinkPerIp },
    { key: limitKey('login-link', email), ...AUTH_LIMITS.mailLinkPerEmail },
  ]);
  const user = await db.query.users.findFirst({ where: and(eq(users.email, email), eq(users.status, 'active')) });
  if (!user) return;
  const token = await issueAccountToken(db, { userId: user.id, purpose: 'login_link', ttlMs: LOGIN_LINK_TTL_MINUTES * 60_000 });
  const mail = authMails.loginLink(user.name, `${config.publicUrl}/portal/login-link?token=${token}`);
  await queueAuthMail(db, user.email, mail.title, mail.text);
}

/** Consumes the link; returns the user to sign in. */
export async function signInWithLink(db: Database, token: string, meta: { ip: string }) {
  await enforceRateLimits(db, tokenLimits('login-link-use', meta.ip, token));
  await findAccountToken(db, token, 'login_link');
  return db.transaction(async (tx) => {
    const { userId } = await consumeAccountToken(tx, token, 'login_link');
    const user = await tx.query.users.findFirst({ where: and(eq(users.id, userId), eq(users.status, 'active')) });
    if (!user) throw userError('BAD_REQUEST', INVALID_LINK_MESSAGE);
    await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, userId));
    await appendAudit(tx, { actorUserId: userId, action: 'auth.login_link_used', entityType: 'user', entityId: userId });
    return userId;
  });
}
