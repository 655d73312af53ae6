import type { DbOrTx } from '@ssb/db';
import { rowsOf } from '@ssb/db';
import { BASE_NUMBER_PREFIX } from '@ssb/domain/register';
import { sql } from 'drizzle-orm';

/**
 * The next free sequence of a batch. Numbers are never deleted or reused, so max + 1 leaves no gap;
 * callers that insert hold `lockBatchNumbering` so two namings cannot take the same number.
 */
export async function nextBaseSequence(db: DbOrTx, batchYear: number) {
  const prefix = `${BASE_NUMBER_PREFIX}-${batchYear}-`;
  // split_part, not substring: PGlite's database may count bytes rather than characters.
  const result = await db.execute(sql`
    select coalesce(max(split_part(number, '-', 3)::int), 0) as last
    from bases where batch_year = ${batchYear} and number like ${`${prefix}%`}`);
  const [row] = rowsOf<{ last: number | string }>(result);
  return Number(row?.last ?? 0) + 1;
}

/** Serialises numbering within a batch until the transaction ends (PostgreSQL and PGlite alike). */
export async function lockBatchNumbering(tx: DbOrTx, batchYear: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(7238101, ${batchYear}::int)`);
}
