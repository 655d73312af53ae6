import { GENERAL_MESSAGES } from '@ssb/domain/auth-messages';
import type { DbOrTx } from '@ssb/db';
import { rowsOf } from '@ssb/db';
import { sql } from 'drizzle-orm';
import { userError } from '../errors.ts';

/**
 * Counts one hit in a fixed window and says whether the caller is still under the limit.
 * One upsert, so concurrent requests on several replicas count correctly.
 */
export async function hitRateLimit(db: DbOrTx, key: string, limit: number, windowSeconds: number) {
  const result = await db.execute(sql`
    insert into rate_limits (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start < now() - make_interval(secs => ${windowSeconds})
                   then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start < now() - make_interval(secs => ${windowSeconds})
                   then now() else rate_limits.window_start end
    returning count`);
  const [row] = rowsOf<{ count: number }>(result);
  return { allowed: Number(row?.count ?? 0) <= limit, count: Number(row?.count ?? 0) };
}

export const TOO_MANY_REQUESTS_MESSAGE = GENERAL_MESSAGES.tooManyRequests;

/** Counts a hit on every key and refuses the request when any of them is over its limit. */
export async function enforceRateLimits(db: DbOrTx, limits: Array<{ key: string; limit: number; windowSeconds: number }>) {
  for (const { key, limit, windowSeconds } of limits) {
    const rate = await hitRateLimit(db, key, limit, windowSeconds);
    if (!rate.allowed) throw userError('TOO_MANY_REQUESTS', TOO_MANY_REQUESTS_MESSAGE);
  }
}

/** The count in a window that is still open, without counting a hit. */
export async function countInWindow(db: DbOrTx, key: string, windowSeconds: number) {
  const result = await db.execute(sql`
    select count from rate_limits where key = ${key} and window_start >= now() - make_interval(secs => ${windowSeconds})`);
  return Number(rowsOf<{ count: number }>(result)[0]?.count ?? 0);
}

export async function clearRateLimit(db: DbOrTx, key: string) {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}
