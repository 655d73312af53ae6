import { AUTH_MESSAGES } from '@ssb/domain/auth-messages';
import { passwordProblemMessage } from '@ssb/domain/accounts';
import type { Database } from '@ssb/db';
import { hashPassword, schema, verifyPassword } from '@ssb/db';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { AUTH_LIMITS, limitKey } from '../auth/limits.ts';
import { enforceRateLimits } from '../auth/rate-limit.ts';
import { deleteOtherSessions } from '../auth/sessions.ts';
import { endAccountTokens } from '../auth/tokens.ts';
import { userError } from '../errors.ts';

const { users } = schema;

/** Needs the current password; ends every other session and every outstanding reset or sign-in link. */
export async function changePassword(
  db: Database,
  user: { id: string; email: string },
  sessionToken: string | null,
  input: { currentPassword: string; newPassword: string },
) {
  await enforceRateLimits(db, [{ key: limitKey('change-password', user.id), ...AUTH_LIMITS.changePasswordPerUser }]);
  const row = await db.query.users.findFirst({ where: eq(users.id, user.id), columns: { passwordHash: true } });
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw userError('BAD_REQUEST', AUTH_MESSAGES.wrongCurrentPassword);
  }
  if (input.newPassword === input.currentPassword) throw userError('BAD_REQUEST', AUTH_MESSAGES.samePassword);
  const weak = passwordProblemMessage(input.newPassword, user.email);
  if (weak) throw userError('BAD_REQUEST', weak);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await deleteOtherSessions(tx, user.id, sessionToken);
    await endAccountTokens(tx, user.id, ['password_reset', 'login_link']);
    await appendAudit(tx, { actorUserId: user.id, action: 'auth.password_changed', entityType: 'user', entityId: user.id });
  });
}

export async function signOutOtherSessions(db: Database, user: { id: string }, sessionToken: string | null) {
  await deleteOtherSessions(db, user.id, sessionToken);
  await appendAudit(db, { actorUserId: user.id, action: 'auth.other_sessions_ended', entityType: 'user', entityId: user.id });
}
