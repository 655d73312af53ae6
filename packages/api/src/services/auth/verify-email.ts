import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { AUTH_LIMITS, limitKey } from './limits.ts';
import { enforceRateLimits } from './rate-limit.ts';
import { sendVerificationLink } from './sign-up.ts';
import { consumeAccountToken, endAccountTokens, findAccountToken, hashToken } from './tokens.ts';

const { users } = schema;

export const tokenLimits = (kind: string, ip: string, token: string) => [
  { key: limitKey(`${kind}-ip`, ip), ...AUTH_LIMITS.tokenUsePerIp },
  { key: limitKey(`${kind}-token`, hashToken(token)), ...AUTH_LIMITS.tokenUsePerToken },
];

/** Following the emailed link proves the address: the account becomes active. Returns its user id. */
export async function verifyEmail(db: Database, token: string, meta: { ip: string }) {
  await enforceRateLimits(db, tokenLimits('verify', meta.ip, token));
  await findAccountToken(db, token, 'email_verification');
  return db.transaction(async (tx) => {
    const { userId } = await consumeAccountToken(tx, token, 'email_verification');
    await tx.update(users).set({ status: 'active' }).where(and(eq(users.id, userId), eq(users.status, 'unverified')));
    await endAccountTokens(tx, userId, ['email_verification']);
    await appendAudit(tx, { actorUserId: userId, action: 'auth.email_verified', entityType: 'user', entityId: userId });
    return userId;
  });
}

/** Sends the link again to an unverified account; answers alike for every address. */
export async function resendVerification(deps: ApiDeps, email: string, meta: { ip: string }) {
  const { db, config } = deps;
  await enforceRateLimits(db, [
    { key: limitKey('mail-link-ip', meta.ip), ...AUTH_LIMITS.mailLinkPerIp },
    { key: limitKey('verify-resend', email), ...AUTH_LIMITS.mailLinkPerEmail },
  ]);
  const user = await db.query.users.findFirst({ where: eq(users.email, email) });
  if (user?.status === 'unverified') await sendVerificationLink(db, config.publicUrl, user);
}
