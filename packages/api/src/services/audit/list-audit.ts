import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, count, desc, eq, gte, ilike, like, lt, ne, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { pageOffset, ZPage } from '../pagination.ts';
import { describeEntities } from './describe-entities.ts';
import { SEAL_ACTION } from './hash.ts';

const { auditLog, users } = schema;

/** The log starts with the platform; a year outside these is a typo, and PostgreSQL cannot read some of them. */
const ZAuditDate = z.coerce
  .date({ error: '请输入有效的日期' })
  .min(new Date('2000-01-01T00:00:00Z'), { error: '日期不能早于 2000 年' })
  .max(new Date('2100-01-01T00:00:00Z'), { error: '日期不能晚于 2100 年' });

export const ZAuditListInput = ZPage.extend({
  /** Name or e-mail of the person, or part of it. */
  actor: z.string().trim().max(100).optional(),
  /** An action or its prefix, e.g. `intake.` or `export.application_pdf`. */
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(100).optional(),
  from: ZAuditDate.optional(),
  to: ZAuditDate.optional(),
});
export type TAuditListInput = z.infer<typeof ZAuditListInput>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The audit log, newest first, filtered by who, what, on which record and when. */
export async function listAudit(db: DbOrTx, input: TAuditListInput) {
  // The chainer's seals are bookkeeping of the chain, shown only when asked for by name.
  const filters: SQL[] = input.action === SEAL_ACTION ? [] : [ne(auditLog.action, SEAL_ACTION)];
  if (input.actor) {
    const pattern = `%${escapeLike(input.actor)}%`;
    filters.push(or(ilike(users.name, pattern), ilike(users.email, pattern))!);
  }
  if (input.action) filters.push(input.action.endsWith('.') ? like(auditLog.action, `${escapeLike(input.action)}%`) : eq(auditLog.action, input.action));
  if (input.entityType) filters.push(eq(auditLog.entityType, input.entityType));
  if (input.entityId) filters.push(eq(auditLog.entityId, input.entityId));
  if (input.from) filters.push(gte(auditLog.at, input.from));
  if (input.to) filters.push(lt(auditLog.at, input.to));
  const where = filters.length ? and(...filters) : undefined;
  const [items, [total], actions] = await Promise.all([
    db
      .select({
        seq: auditLog.seq,
        at: auditLog.at,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        data: auditLog.data,
        hash: auditLog.hash,
        prevHash: auditLog.prevHash,
        actor: { id: users.id, name: users.name, email: users.email },
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(where)
      .orderBy(desc(auditLog.seq))
      .limit(input.pageSize)
      .offset(pageOffset(input)),
    db.select({ n: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorUserId)).where(where),
    db.selectDistinct({ action: auditLog.action, entityType: auditLog.entityType }).from(auditLog).orderBy(auditLog.action),
  ]);
  const entities = await describeEntities(db, items);
  return {
    total: total?.n ?? 0,
    items: items.map((i) => ({ ...i, actor: i.actor?.id ? i.actor : null, entity: entities.get(`${i.entityType}:${i.entityId}`) ?? null })),
    options: { actions: [...new Set(actions.map((a) => a.action))], entityTypes: [...new Set(actions.map((a) => a.entityType))].sort() },
  };
}
