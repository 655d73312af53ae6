import { schema, type DbOrTx } from '@ssb/db';
import { BASE_STATUS_LABELS, type BaseStatus } from '@ssb/domain/bases';
import { canChangeBaseStatus } from '@ssb/domain/register';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { queueSearchUpdate } from '../search/outbox.ts';
import { demoteLapsedBaseMemberships } from '../alliances/follow-register.ts';

const { bases, baseStatusEvents } = schema;

/**
 * Rectification, its end, revocation or expiry, with the reason kept in the base's history.
 * The version the office saw must still be current: two people cannot both move a base.
 */
export async function changeBaseStatus(db: DbOrTx, actor: { userId: string }, input: { baseId: string; version: number; toStatus: BaseStatus; reason: string }, publicUrl = '') {
  return db.transaction(async (tx) => {
    const base = await tx.query.bases.findFirst({ where: eq(bases.id, input.baseId) });
    if (!base) throw userError('NOT_FOUND', '基地不存在');
    if (base.version !== input.version) throw userError('CONFLICT', '该基地刚刚被他人修改，请刷新后重试');
    if (!canChangeBaseStatus(base.status, input.toStatus)) {
      throw userError('BAD_REQUEST', `基地当前为“${BASE_STATUS_LABELS[base.status].zh}”，不能改为“${BASE_STATUS_LABELS[input.toStatus].zh}”`);
    }
    const [row] = await tx
      .update(bases)
      .set({ status: input.toStatus, statusNote: input.reason, version: sql`${bases.version} + 1`, updatedAt: new Date() })
      .where(and(eq(bases.id, base.id), eq(bases.version, input.version)))
      .returning();
    if (!row) throw userError('CONFLICT', '该基地刚刚被他人修改，请刷新后重试');
    await tx.insert(baseStatusEvents).values({ baseId: base.id, fromStatus: base.status, toStatus: input.toStatus, reason: input.reason, actorUserId: actor.userId });
    await appendAudit(tx, { actorUserId: actor.userId, action: `base.${input.toStatus}`, entityType: 'base', entityId: base.id, data: { from: base.status, to: input.toStatus, reason: input.reason, number: base.number } });
    await queueSearchUpdate(tx, 'base', base.id);
    await demoteLapsedBaseMemberships(tx, { baseId: base.id, toStatus: input.toStatus, actorUserId: actor.userId }, publicUrl);
    return row;
  });
}

/** Titles whose five years are over become expired (run daily); returns how many. */
export async function expireDueBases(db: DbOrTx, today: string, publicUrl = '') {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: bases.id, number: bases.number, status: bases.status })
      .from(bases)
      .where(and(inArray(bases.status, ['active', 'rectification']), lt(bases.validUntil, today)))
      .for('update');
    for (const base of due) {
      await tx.update(bases).set({ status: 'expired', statusNote: '五年有效期届满', version: sql`${bases.version} + 1`, updatedAt: new Date() }).where(eq(bases.id, base.id));
      await tx.insert(baseStatusEvents).values({ baseId: base.id, fromStatus: base.status, toStatus: 'expired', reason: '五年有效期届满' });
      await appendAudit(tx, { actorUserId: null, action: 'base.expired', entityType: 'base', entityId: base.id, data: { number: base.number, automatic: true } });
      await queueSearchUpdate(tx, 'base', base.id);
      await demoteLapsedBaseMemberships(tx, { baseId: base.id, toStatus: 'expired', actorUserId: null }, publicUrl);
    }
    return due.length;
  });
}
