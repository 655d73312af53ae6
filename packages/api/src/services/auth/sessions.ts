import { SESSION_TTL_HOURS } from '@ssb/domain/accounts';
import type { Role } from '@ssb/domain/roles';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { SessionUser } from '../../context.ts';
import { hashToken, newToken } from './tokens.ts';
import { purgeExpiredUnverified } from './unverified.ts';

const { sessions, users } = schema;

export async function createSession(db: DbOrTx, userId: string, meta: { ip: string; userAgent: string }) {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_HOURS * 3600_000);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent.slice(0, 300),
  });
  return { token, expiresAt };
}

/** The signed-in user behind a cookie token, or null when the session is unknown, expired or the user disabled. */
export async function loadSession(db: DbOrTx, token: string): Promise<SessionUser | null> {
  const [row] = await db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date())));
  if (!row) return null;
  return loadSessionUser(db, row.userId);
}

export async function loadSessionUser(db: DbOrTx, userId: string): Promise<SessionUser | null> {
  const user = await db.query.users.findFirst({
    where: and(eq(users.id, userId), eq(users.status, 'active')),
    with: { memberships: { with: { organization: { columns: { name: true } } } } },
  });
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    memberships: user.memberships.map((m) => ({
      organizationId: m.organizationId,
      organizationName: m.organization.name,
      role: m.role as Role,
    })),
  };
}

export async function deleteSession(db: DbOrTx, token: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

export async function deleteUserSessions(db: DbOrTx, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Every session of the user but the one in hand ("sign out other devices"). */
export async function deleteOtherSessions(db: DbOrTx, userId: string, keepToken: string | null) {
  const keep = keepToken ? ne(sessions.tokenHash, hashToken(keepToken)) : undefined;
  await db.delete(sessions).where(and(eq(sessions.userId, userId), keep));
}

/**
 * Housekeeping: expired sessions and one-time tokens, rate-limit windows older than a day, and
 * registrations never verified (which frees their email and credit code).
 */
export async function purgeExpiredSessions(db: DbOrTx) {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  await db.delete(schema.accountTokens).where(lt(schema.accountTokens.expiresAt, new Date(Date.now() - 86400_000)));
  await db.delete(schema.rateLimits).where(lt(schema.rateLimits.windowStart, new Date(Date.now() - 86400_000)));
  await purgeExpiredUnverified(db);
}
