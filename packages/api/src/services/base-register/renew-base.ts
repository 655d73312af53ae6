import { schema, type DbOrTx } from '@ssb/db';
import { eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { queueSearchUpdate } from '../search/outbox.ts';

/**
 * A re-application (复核) that is named continues the same base: its register number, batch, naming day
 * and history stay; its term is extended to `validUntil` (`renewedValidUntil`), its status goes back to
 * active, and the history keeps a row saying so. Runs inside the decision's transaction.
 */
export async function renewBase(tx: DbOrTx, input: { baseId: string; applicationId: string; validUntil: string; namedOn: string; actorUserId: string; publicUrl?: string }) {
  const [base] = await tx.select().from(schema.bases).where(eq(schema.bases.id, input.baseId)).for('update');
  if (!base) throw new Error(`base ${input.baseId} vanished during renewal`);
  const note = `复核通过，继续命名（${base.number}），有效期延至 ${input.validUntil}`;
  const [row] = await tx
    .update(schema.bases)
    .set({ validUntil: input.validUntil, status: 'active', statusNote: note, version: sql`${schema.bases.version} + 1`, updatedAt: new Date() })
    .where(eq(schema.bases.id, base.id))
    .returning();
  await tx.insert(schema.baseStatusEvents).values({ baseId: base.id, fromStatus: base.status, toStatus: 'active', reason: note, actorUserId: input.actorUserId });
  await appendAudit(tx, {
    actorUserId: input.actorUserId,
    action: 'base.renewed',
    entityType: 'base',
    entityId: base.id,
    data: { number: base.number, applicationId: input.applicationId, fromStatus: base.status, fromValidUntil: base.validUntil, toValidUntil: input.validUntil, namedOn: input.namedOn },
  });
  await queueSearchUpdate(tx, 'base', base.id);
  return row!;
}
