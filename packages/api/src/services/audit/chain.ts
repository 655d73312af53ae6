import type { Database } from '@ssb/db';
import { rowsOf } from '@ssb/db';
import { sql } from 'drizzle-orm';
import { GENESIS_HASH, hashAuditRow, PENDING, SEAL_ACTION, sealedRowHash, type AuditContent } from './hash.ts';

/** Chainers (server replicas, the CLI) take turns on this lock; writers never take it. */
const CHAIN_LOCK = 7238001;
/** Rows one seal lists at most. */
export const SEAL_BATCH = 500;
const WAIT_STEP_MS = 5;

type RawRow = {
  seq: number | string;
  at: Date | string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: Record<string, unknown> | string;
  prev_hash: string;
  hash: string;
};

export type SealData = { from: number; to: number; hashes: Array<[number, string]> };

export const contentOf = (row: RawRow): AuditContent => ({
  at: row.at instanceof Date ? row.at : new Date(row.at),
  actorUserId: row.actor_user_id,
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  data: typeof row.data === 'string' ? (JSON.parse(row.data) as Record<string, unknown>) : row.data,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The highest `seq` below which no row can still appear: the sequence's last drawn value, once every
 * transaction running when it was read has ended (appendAudit gives its transaction an id before it
 * draws a `seq`, so such a writer is among them). `null` when they are still running after `waitMs`.
 */
async function settledWatermark(db: Database, waitMs: number): Promise<number | null> {
  const [mark] = rowsOf<{ last: string | number; called: boolean; snap: string }>(
    await db.execute(sql`select s.last_value as last, s.is_called as called, pg_current_snapshot()::text as snap from audit_log_seq_seq s`),
  );
  if (!mark) return null;
  const last = mark.called ? Number(mark.last) : 0;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const [open] = rowsOf<{ n: string | number }>(
      await db.execute(sql`select count(*) as n from pg_snapshot_xip(${mark.snap}::pg_snapshot) x where pg_xact_status(x) = 'in progress'`),
    );
    if (Number(open?.n ?? 0) === 0) return last;
    if (Date.now() >= deadline) return null;
    await sleep(WAIT_STEP_MS);
  }
}

export type ChainStep = { sealed: number; from?: number; to?: number; waiting?: boolean };

/**
 * One ordered chaining step: seals the pending rows up to the settled watermark, in `seq` order, into
 * one `audit.sealed` row that lists each row's hash (its `seq` and content) and links, like every
 * chained row, to the hash of the chained row before it. Chainers serialise on an advisory lock, so
 * seals form one chain whoever runs them. Returns how many rows it sealed.
 */
export async function chainAuditLog(db: Database, options: { waitMs?: number; batch?: number } = {}): Promise<ChainStep> {
  const watermark = await settledWatermark(db, options.waitMs ?? 2000);
  if (watermark === null) return { sealed: 0, waiting: true };
  const batch = options.batch ?? SEAL_BATCH;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
    const [tail] = rowsOf<RawRow>(
      await tx.execute(sql`select seq, action, entity_type, data, hash from audit_log where prev_hash <> ${PENDING} order by seq desc limit 1`),
    );
    const tailData = tail && (typeof tail.data === 'string' ? (JSON.parse(tail.data) as Partial<SealData>) : (tail.data as Partial<SealData>));
    const from = !tail ? 1 : tail.action === SEAL_ACTION && tail.entity_type === 'audit_log' && typeof tailData?.to === 'number' ? tailData.to + 1 : Number(tail.seq) + 1;
    if (from > watermark) return { sealed: 0 };
    const rows = rowsOf<RawRow>(
      await tx.execute(sql`
        select seq, at, actor_user_id, action, entity_type, entity_id, data, prev_hash, hash from audit_log
        where seq >= ${from} and seq <= ${watermark} and prev_hash = ${PENDING}
        order by seq limit ${batch}`),
    );
    if (rows.length === 0) return { sealed: 0 };
    const to = rows.length === batch ? Number(rows.at(-1)!.seq) : watermark;
    const hashes = rows.map((r) => [Number(r.seq), sealedRowHash(Number(r.seq), contentOf(r))] as [number, string]);
    const content: AuditContent = {
      at: new Date(),
      actorUserId: null,
      action: SEAL_ACTION,
      entityType: 'audit_log',
      entityId: null,
      data: { from, to, hashes } satisfies SealData,
    };
    const prevHash = tail?.hash ?? GENESIS_HASH;
    await tx.execute(sql`
      insert into audit_log (at, actor_user_id, action, entity_type, entity_id, data, prev_hash, hash)
      values (${content.at.toISOString()}::timestamptz, null, ${SEAL_ACTION}, 'audit_log', null, ${JSON.stringify(content.data)}::jsonb,
              ${prevHash}, ${hashAuditRow(prevHash, content)})`);
    return { sealed: rows.length, from, to };
  });
}

/** Seals until nothing pending is left below the watermark: for tests, the CLI and shutdown. */
export async function chainAllAudit(db: Database, options: { waitMs?: number } = {}) {
  let total = 0;
  for (;;) {
    const step = await chainAuditLog(db, options);
    total += step.sealed;
    if (step.sealed === 0) return total;
  }
}

/**
 * The server's chainer: a step every `intervalMs` while writes come in. An idle tick costs one read of
 * the sequence. `stop` waits for the step in hand.
 */
export function startAuditChainer(db: Database, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}) {
  let isStopped = false;
  let lastSeen = -1;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (isStopped) return;
    current = (async () => {
      const [seqRow] = rowsOf<{ last: string | number }>(await db.execute(sql`select last_value as last from audit_log_seq_seq`));
      const last = Number(seqRow?.last ?? 0);
      if (last === lastSeen) return;
      const step = await chainAuditLog(db, { waitMs: 1000 });
      // Settled only when nothing was left waiting; a full batch means more are due at once.
      if (!step.waiting && step.sealed < SEAL_BATCH) lastSeen = last;
    })().catch((error: unknown) => options.onError?.(error));
    await current;
    if (!isStopped) timer = setTimeout(tick, options.intervalMs ?? 250);
  };
  let timer = setTimeout(tick, options.intervalMs ?? 250);
  return {
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await current;
      await chainAllAudit(db, { waitMs: 1000 }).catch((error: unknown) => options.onError?.(error));
    },
  };
}
