import { PASSWORD_RESET_TTL_MINUTES } from '@ssb/domain/accounts';
import type { Database, DbOrTx } from '@ssb/db';
import { hashPassword, schema } from '@ssb/db';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { hitRateLimit } from './rate-limit.ts';
import { deleteUserSessions } from './sessions.ts';
import { hashToken, newToken } from './tokens.ts';

const { accountTokens, users } = schema;

/**
 * Emails a one-time link. Says nothing about whether the address exists, so the form cannot be
 * used to discover accounts.
 */
export async function requestPasswordReset(deps: ApiDeps, email: string, ip: string) {
  const { db, mailer, config } = deps;
  const rate = await hitRateLimit(db, `reset:${email}`, 3, 3600);
  if (!rate.allowed) return;
  await hitRateLimit(db, `reset-ip:${ip}`, 20, 3600);
  const user = await db.query.users.findFirst({ where: eq(users.email, email) });
  if (!user || user.status !== 'active') return;
  const token = newToken();
  await db.insert(accountTokens).values({
    tokenHash: hashToken(token),
    userId: user.id,
    purpose: 'password_reset',
    expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60_000),
  });
  const link = `${config.publicUrl}/portal/reset-password?token=${token}`;
  await mailer.send(db, {
    to: user.email,
    subject: '【科学家精神教育基地】重置密码',
    text: `${user.name}，您好：\n\n请在 ${PASSWORD_RESET_TTL_MINUTES} 分钟内打开以下链接设置新密码：\n${link}\n\n如果不是您本人操作，请忽略本邮件，您的密码不会改变。\n\n科学家精神教育基地工作办公室`,
  });
}

/** Consumes a one-time token of the given purpose; returns its user or throws a clear error. */
export async function consumeAccountToken(db: DbOrTx, token: string, purpose: 'password_reset' | 'invitation') {
  const [row] = await db
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(accountTokens.tokenHash, hashToken(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, new Date()),
      ),
    )
    .returning({ userId: accountTokens.userId });
  if (!row) throw userError('BAD_REQUEST', '链接无效或已过期，请重新申请');
  return row.userId;
}

export async function resetPassword(db: Database, token: string, password: string) {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const userId = await consumeAccountToken(tx, token, 'password_reset');
    await tx.update(users).set({ passwordHash, failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, userId));
    // A reset ends every open session: whoever knew the old password is signed out.
    await deleteUserSessions(tx, userId);
    await appendAudit(tx, { actorUserId: userId, action: 'auth.password_reset', entityType: 'user', entityId: userId });
  });
}
