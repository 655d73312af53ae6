import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { desc, sql } from 'drizzle-orm';
import { GENESIS_HASH, hashAuditRow } from './hash.ts';

const { auditLog } = schema;

export type AuditEntry = {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Appends one row to the hash chain. Call it inside the transaction of the change it records;
 * the advisory lock serialises appenders so that every row links to its true predecessor.
 */
export async function appendAudit(db: DbOrTx, entry: AuditEntry) {
  const run = async (tx: DbOrTx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7238001)`);
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    const content = {
      at: new Date(Math.floor(Date.now())),
      actorUserId: entry.actorUserId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      data: JSON.parse(JSON.stringify(entry.data ?? {})) as Record<string, unknown>,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await tx.insert(auditLog).values({ ...content, prevHash, hash: hashAuditRow(prevHash, content) });
  };
  // An advisory xact lock needs a transaction; open one unless the caller already has.
  if ('rollback' in db) return run(db);
  return (db as Exclude<DbOrTx, { rollback: unknown }>).transaction(run);
}
