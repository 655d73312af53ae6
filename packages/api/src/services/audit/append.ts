import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '@ssb/db';
import { sql } from 'drizzle-orm';
import { PENDING } from './hash.ts';

export type AuditEntry = {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Records one audit row. Call it inside the transaction of the change it records: the row commits
 * exactly when the change does. It takes no lock — concurrent writers never wait for each other
 * here. The row is written *pending*; `chainAuditLog` (./chain.ts) later seals pending rows into
 * the hash chain in strict `seq` order.
 *
 * The statement first gives the transaction its id, then draws `seq`: so any row whose `seq` the
 * chainer has seen drawn belongs to a transaction the chainer can see running and wait for.
 */
export async function appendAudit(db: DbOrTx, entry: AuditEntry) {
  const data = JSON.stringify(entry.data ?? {});
  await db.execute(sql`
    insert into audit_log (at, actor_user_id, action, entity_type, entity_id, data, prev_hash, hash)
    select ${new Date(Date.now()).toISOString()}::timestamptz, ${entry.actorUserId}::uuid, ${entry.action}, ${entry.entityType},
           ${entry.entityId ?? null}, ${data}::jsonb, ${PENDING}, ${`${PENDING}:${randomUUID()}`}
    from (select pg_current_xact_id() as xid offset 0) as x
    where x.xid is not null`);
}
