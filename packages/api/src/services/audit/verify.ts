import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { asc, gt } from 'drizzle-orm';
import { GENESIS_HASH, hashAuditRow } from './hash.ts';

const { auditLog } = schema;

export type AuditVerification =
  | { ok: true; rows: number }
  | { ok: false; rows: number; firstBadSeq: number; problem: 'content' | 'link' };

/** Walks the chain in pages; reports the first row whose hash or link does not hold. */
export async function verifyAuditChain(db: DbOrTx, pageSize = 1000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let count = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(pageSize);
    if (page.length === 0) return { ok: true, rows: count };
    for (const row of page) {
      count++;
      if (row.prevHash !== prevHash) return { ok: false, rows: count, firstBadSeq: row.seq, problem: 'link' };
      const expected = hashAuditRow(prevHash, {
        at: row.at,
        actorUserId: row.actorUserId,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        data: row.data,
      });
      if (expected !== row.hash) return { ok: false, rows: count, firstBadSeq: row.seq, problem: 'content' };
      prevHash = row.hash;
      lastSeq = row.seq;
    }
  }
}
