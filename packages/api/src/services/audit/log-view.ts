import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq, gt } from 'drizzle-orm';
import { appendAudit, type AuditEntry } from './append.ts';

/** Pages refetch on focus: one row per person, view and record in this window is enough. */
const VIEW_WINDOW_MS = 10 * 60_000;

/**
 * Records that someone looked at sensitive data (review scores, rankings, the audit log itself).
 * Repeated views of the same thing by the same person within ten minutes are recorded once.
 */
export async function logView(db: DbOrTx, entry: AuditEntry & { actorUserId: string }, now = new Date()) {
  const { auditLog } = schema;
  const [recent] = await db
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.actorUserId, entry.actorUserId),
        eq(auditLog.action, entry.action),
        eq(auditLog.entityType, entry.entityType),
        eq(auditLog.entityId, entry.entityId ?? ''),
        gt(auditLog.at, new Date(now.getTime() - VIEW_WINDOW_MS)),
      ),
    )
    .limit(1);
  if (!recent) await appendAudit(db, entry);
}
