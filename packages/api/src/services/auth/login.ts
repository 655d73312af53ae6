import { LOGIN_LOCKOUT_MINUTES, LOGIN_MAX_FAILURES } from '@ssb/domain/accounts';
import type { Database } from '@ssb/db';
import { dummyPasswordHash, schema, verifyPassword } from '@ssb/db';
import { eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { hitRateLimit } from './rate-limit.ts';
import { createSession } from './sessions.ts';

const { users } = schema;

export const LOGIN_RATE_PER_IP = { limit: 30, windowSeconds: 15 * 60 };

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; userId: string }
  | { ok: false; reason: 'invalid' | 'locked' | 'rate_limited' | 'disabled'; lockedUntil?: Date };

export const LOGIN_FAILURE_MESSAGES: Record<Exclude<LoginResult, { ok: true }>['reason'], string> = {
  invalid: '邮箱或密码不正确',
  locked: `连续登录失败次数过多，账号已锁定 ${LOGIN_LOCKOUT_MINUTES} 分钟，请稍后再试或重置密码`,
  rate_limited: '登录尝试过于频繁，请稍后再试',
  disabled: '该账号已停用，请联系工作办公室',
};

export async function login(
  db: Database,
  input: { email: string; password: string },
  meta: { ip: string; userAgent: string },
): Promise<LoginResult> {
  const rate = await hitRateLimit(db, `login:ip:${meta.ip}`, LOGIN_RATE_PER_IP.limit, LOGIN_RATE_PER_IP.windowSeconds);
  if (!rate.allowed) return { ok: false, reason: 'rate_limited' };

  const user = await db.query.users.findFirst({ where: eq(users.email, input.email) });
  if (!user || !user.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    return { ok: false, reason: 'invalid' };
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil };
  if (user.status === 'disabled') return { ok: false, reason: 'disabled' };

  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const [updated] = await db
      .update(users)
      .set({
        failedLoginCount: sql`${users.failedLoginCount} + 1`,
        lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${LOGIN_MAX_FAILURES}
          then now() + make_interval(mins => ${LOGIN_LOCKOUT_MINUTES}) else null end`,
      })
      .where(eq(users.id, user.id))
      .returning({ failedLoginCount: users.failedLoginCount, lockedUntil: users.lockedUntil });
    if (updated?.lockedUntil) {
      await appendAudit(db, { actorUserId: user.id, action: 'auth.locked', entityType: 'user', entityId: user.id, data: { ip: meta.ip } });
      return { ok: false, reason: 'locked', lockedUntil: updated.lockedUntil };
    }
    return { ok: false, reason: 'invalid' };
  }

  await db.update(users).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, user.id));
  const session = await createSession(db, user.id, meta);
  return { ok: true, ...session, userId: user.id };
}
