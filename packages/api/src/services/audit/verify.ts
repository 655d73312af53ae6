import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { asc, gt } from 'drizzle-orm';
import type { SealData } from './chain.ts';
import { GENESIS_HASH, hashAuditRow, PENDING, SEAL_ACTION, sealedRowHash, type AuditContent } from './hash.ts';

const { auditLog } = schema;

/**
 * `rows`: audit rows walked (seals aside); `pending`: of those, rows written after the last seal and
 * not sealed yet — normal for a few seconds after a write, not a fault.
 * `problem`: `content` — the row's content no longer matches its hash; `link` — a chained row does not
 * link to the one before it, or a seal's range does not follow the last; `missing` — a sealed row is
 * gone; `unsealed` — a pending row sits in a range a seal already closed (it was added afterwards).
 */
export type AuditVerification =
  | { ok: true; rows: number; pending: number }
  | { ok: false; rows: number; firstBadSeq: number; problem: 'content' | 'link' | 'missing' | 'unsealed' };

const isSeal = (row: { action: string; entityType: string; prevHash: string }) =>
  row.action === SEAL_ACTION && row.entityType === 'audit_log' && row.prevHash !== PENDING;

/**
 * Walks the log in `seq` order, in pages. Chained rows (seals, and rows written before the chain was
 * sealed in batches) must each link to the chained row before them and match their hash; each seal
 * must list, with the right hash, every pending row of its range and nothing that is gone, and its
 * range must start where the last one ended. Reports the first row that does not hold.
 */
export async function verifyAuditChain(db: DbOrTx, pageSize = 1000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let nextFrom = 1;
  // From the very first row, even one put below seq 1 by hand.
  let lastSeq = Number.MIN_SAFE_INTEGER;
  let count = 0;
  const pending = new Map<number, AuditContent>();
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(pageSize);
    if (page.length === 0) return { ok: true, rows: count, pending: pending.size };
    for (const row of page) {
      lastSeq = row.seq;
      const content: AuditContent = { at: row.at, actorUserId: row.actorUserId, action: row.action, entityType: row.entityType, entityId: row.entityId, data: row.data };
      if (row.prevHash === PENDING) {
        count++;
        pending.set(row.seq, content);
        continue;
      }
      if (!isSeal(row)) count++;
      const bad = (firstBadSeq: number, problem: 'content' | 'link' | 'missing' | 'unsealed') => ({ ok: false as const, rows: count, firstBadSeq, problem });
      if (row.prevHash !== prevHash) return bad(row.seq, 'link');
      if (hashAuditRow(prevHash, content) !== row.hash) return bad(row.seq, 'content');
      prevHash = row.hash;
      if (!isSeal(row)) {
        // A row chained one by one (before seals): nothing may wait before it.
        const [early] = pending.keys();
        if (early !== undefined) return bad(early, 'unsealed');
        nextFrom = row.seq + 1;
        continue;
      }
      const seal = row.data as unknown as SealData;
      if (seal.from !== nextFrom) return bad(row.seq, 'link');
      const problems: Array<[number, 'content' | 'missing' | 'unsealed']> = [];
      const listed = new Set<number>();
      for (const [seq, hash] of seal.hashes) {
        listed.add(seq);
        const sealed = pending.get(seq);
        if (!sealed) problems.push([seq, 'missing']);
        else if (sealedRowHash(seq, sealed) !== hash) problems.push([seq, 'content']);
        pending.delete(seq);
      }
      for (const seq of pending.keys()) if (seq <= seal.to && !listed.has(seq)) problems.push([seq, 'unsealed']);
      if (problems.length > 0) {
        const [seq, problem] = problems.sort((a, b) => a[0] - b[0])[0]!;
        return bad(seq, problem);
      }
      nextFrom = seal.to + 1;
    }
  }
}
