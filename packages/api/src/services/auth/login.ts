import { AUTH_MESSAGES } from '@ssb/domain/auth-messages';
import { LOGIN_LOCKOUT_MINUTES, LOGIN_MAX_FAILURES } from '@ssb/domain/accounts';
import { dummyPasswordHash, schema, verifyPassword } from '@ssb/db';
import { eq, sql } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { AUTH_LIMITS, limitKey } from './limits.ts';
import { clearRateLimit, countInWindow, hitRateLimit } from './rate-limit.ts';
import { sendVerificationLink } from './sign-up.ts';
import { createSession } from './sessions.ts';

const { users } = schema;

export const LOGIN_RATE_PER_IP = { limit: 30, windowSeconds: 15 * 60 };
const LOCKOUT_SECONDS = LOGIN_LOCKOUT_MINUTES * 60;

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; userId: string }
  | { ok: false; reason: 'invalid' | 'locked' | 'rate_limited' | 'disabled' | 'unverified' };

export const LOGIN_FAILURE_MESSAGES: Record<Exclude<LoginResult, { ok: true }>['reason'], string> = {
  invalid: AUTH_MESSAGES.loginInvalid,
  locked: AUTH_MESSAGES.loginLocked,
  rate_limited: AUTH_MESSAGES.loginRateLimited,
  disabled: AUTH_MESSAGES.accountDisabled,
  unverified: AUTH_MESSAGES.accountUnverified,
};

/**
 * Failures count per address typed and client address: a stranger elsewhere cannot lock the
 * owner out, and an unknown address locks exactly as a known one does.
 */
const failureKey = (email: string, ip: string) => limitKey('login-fail', `${email}|${ip}`);

export async function login(deps: ApiDeps, input: { email: string; password: string }, meta: { ip: string; userAgent: string }): Promise<LoginResult> {
  const { db } = deps;
  const rate = await hitRateLimit(db, limitKey('login:ip', meta.ip), LOGIN_RATE_PER_IP.limit, LOGIN_RATE_PER_IP.windowSeconds);
  if (!rate.allowed) return { ok: false, reason: 'rate_limited' };

  const key = failureKey(input.email, meta.ip);
  const user = await db.query.users.findFirst({ where: eq(users.email, input.email) });
  // argon2 runs on every path, so neither a lock nor an unknown address answers faster.
  const isPasswordRight = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if ((await countInWindow(db, key, LOCKOUT_SECONDS)) >= LOGIN_MAX_FAILURES) return { ok: false, reason: 'locked' };

  if (!user?.passwordHash || !isPasswordRight) {
    // Every failure is audited, known address or not, so the two take the same steps.
    await appendAudit(db, { actorUserId: user?.id ?? null, action: 'auth.login_failed', entityType: 'user', entityId: user?.id ?? null, data: { ip: meta.ip } });
    const { count } = await hitRateLimit(db, key, LOGIN_MAX_FAILURES, LOCKOUT_SECONDS);
    if (count < LOGIN_MAX_FAILURES) return { ok: false, reason: 'invalid' };
    // The lock lasts its full time from the last failure.
    await db.execute(sql`update rate_limits set window_start = now() where key = ${key}`);
    if (user) await appendAudit(db, { actorUserId: user.id, action: 'auth.locked', entityType: 'user', entityId: user.id, data: { ip: meta.ip } });
    return { ok: false, reason: 'locked' };
  }
  // Only someone who knows the password learns the account's state.
  if (user.status === 'disabled') return { ok: false, reason: 'disabled' };
  if (user.status === 'unverified') {
    const resend = await hitRateLimit(db, limitKey('verify-resend', user.email), AUTH_LIMITS.mailLinkPerEmail.limit, AUTH_LIMITS.mailLinkPerEmail.windowSeconds);
    if (resend.allowed) await sendVerificationLink(db, deps.config.publicUrl, user);
    return { ok: false, reason: 'unverified' };
  }
  if (user.status !== 'active') return { ok: false, reason: 'invalid' };

  await clearRateLimit(db, key);
  await db.update(users).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, user.id));
  const session = await createSession(db, user.id, meta);
  await appendAudit(db, { actorUserId: user.id, action: 'auth.login', entityType: 'user', entityId: user.id, data: { ip: meta.ip } });
  return { ok: true, ...session, userId: user.id };
}
