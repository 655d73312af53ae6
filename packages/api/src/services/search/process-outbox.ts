import { rowsOf, schema, type Database } from '@ssb/db';
import type { SearchEngine } from '@ssb/search';
import { inArray, sql } from 'drizzle-orm';
import { loadSearchDocuments } from './documents.ts';

export type OutboxOptions = {
  /** Rows claimed per batch. */
  batchSize?: number;
  /** How long a claimed batch is leased to this worker before another may retry it. */
  leaseSeconds?: number;
  /** Delay before retrying after the engine failed, by attempt number (1, 2, …). */
  backoffMs?: (attempt: number) => number;
};

export const defaultBackoffMs = (attempt: number) => Math.min(300_000, 1000 * 2 ** Math.min(attempt, 12));

export type OutboxBatchResult = { claimed: number; applied: number; failed: number; error?: string };

/**
 * Applies one batch of the search outbox to the engine. Rows are claimed with FOR UPDATE SKIP
 * LOCKED under a short lease (so replicas share the work, and a crashed worker's rows come back);
 * a row waits while an older row of the same entity is leased, so two workers never apply one
 * entity out of order. Rows of one entity are coalesced; its document is read from the database
 * as it is now. On success the rows are marked processed; if the engine fails, they stay pending
 * with the attempt count, the error and a back-off — nothing is lost while the engine is down.
 */
export async function processSearchOutbox(db: Database, engine: SearchEngine, options: OutboxOptions = {}): Promise<OutboxBatchResult> {
  const batchSize = options.batchSize ?? 200;
  const lease = options.leaseSeconds ?? 120;
  const claimed = rowsOf<{ id: number; entity: 'resource' | 'base' | 'event'; entity_id: string; attempts: number }>(
    await db.execute(sql`
      update search_outbox set available_at = now() + make_interval(secs => ${lease}), attempts = attempts + 1
      where id in (
        select o.id from search_outbox o
        where o.processed_at is null and o.available_at <= now()
          and not exists (
            select 1 from search_outbox e
            where e.entity = o.entity and e.entity_id = o.entity_id and e.processed_at is null
              and e.id < o.id and e.available_at > now())
        order by o.id limit ${batchSize}
        for update skip locked)
      returning id, entity, entity_id, attempts`),
  );
  if (claimed.length === 0) return { claimed: 0, applied: 0, failed: 0 };
  const ids = claimed.map((r) => Number(r.id));
  const resourceIds = [...new Set(claimed.filter((r) => r.entity === 'resource').map((r) => r.entity_id))];
  const baseIds = [...new Set(claimed.filter((r) => r.entity === 'base').map((r) => r.entity_id))];
  const eventIds = [...new Set(claimed.filter((r) => r.entity === 'event').map((r) => r.entity_id))];
  try {
    const changes = await loadSearchDocuments(db, { resourceIds, baseIds, eventIds });
    await engine.upsert(changes.upserts);
    await engine.remove(changes.removals);
    await db.update(schema.searchOutbox).set({ processedAt: new Date(), lastError: null }).where(inArray(schema.searchOutbox.id, ids));
    return { claimed: claimed.length, applied: changes.upserts.length + changes.removals.length, failed: 0 };
  } catch (error) {
    const message = String((error as Error)?.message ?? error).slice(0, 2000);
    const backoff = options.backoffMs ?? defaultBackoffMs;
    for (const row of claimed) {
      await db
        .update(schema.searchOutbox)
        .set({ lastError: message, availableAt: new Date(Date.now() + backoff(row.attempts)) })
        .where(sql`${schema.searchOutbox.id} = ${row.id}`);
    }
    return { claimed: claimed.length, applied: 0, failed: claimed.length, error: message };
  }
}

/** Processes batches until nothing is due or the engine fails; for tests, the CLI and the worker. */
export async function drainSearchOutbox(db: Database, engine: SearchEngine, options: OutboxOptions = {}) {
  const total: OutboxBatchResult = { claimed: 0, applied: 0, failed: 0 };
  for (;;) {
    const batch = await processSearchOutbox(db, engine, options);
    total.claimed += batch.claimed;
    total.applied += batch.applied;
    total.failed += batch.failed;
    if (batch.error) total.error = batch.error;
    if (batch.claimed === 0 || batch.failed > 0) return total;
  }
}

/** Pending (unprocessed) outbox rows: a health figure, and what tests wait on. */
export async function pendingSearchUpdates(db: Database) {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from search_outbox where processed_at is null`));
  return row?.n ?? 0;
}

/** The worker loop in the server process, next to the job worker; `stop` waits for the batch in hand. */
export function startSearchOutboxWorker(
  db: Database,
  engine: SearchEngine,
  options: OutboxOptions & { intervalMs?: number; onError?: (error: unknown) => void } = {},
) {
  let isStopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (isStopped) return;
    current = drainSearchOutbox(db, engine, options)
      .then((result) => {
        if (result.error) options.onError?.(new Error(`search index update failed, will retry: ${result.error}`));
      })
      .catch((error: unknown) => options.onError?.(error));
    await current;
    if (!isStopped) timer = setTimeout(tick, options.intervalMs ?? 1000);
  };
  let timer = setTimeout(tick, options.intervalMs ?? 1000);
  return {
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
