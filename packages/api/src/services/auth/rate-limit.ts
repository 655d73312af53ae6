import type { DbOrTx } from '@ssb/db';
import { rowsOf } from '@ssb/db';
import { sql } from 'drizzle-orm';

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
