import { schema, type Database } from '@ssb/db';
import { dueMilestone, expiringWithin12MonthsUntil } from '@ssb/domain/base-term';
import { beijingToday } from '@ssb/domain/time';
import { and, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { notifyUsers, usersOf } from '../notifications/notify.ts';

const { bases, baseTermReminders } = schema;

/**
 * Tells each base's managers, once per milestone, that its term ends in 12, 6 or 3 months. A milestone
 * is claimed by inserting its row (base, term end, milestone) in the transaction that writes the notices
 * and queues the emails, so two sweeps never send one twice, and a renewed term is reminded afresh.
 */
export async function sendTermReminders(db: Database, publicUrl: string, now = new Date()) {
  const today = beijingToday(now);
  const candidates = await db
    .select({ id: bases.id, number: bases.number, name: bases.name, organizationId: bases.organizationId, validUntil: bases.validUntil })
    .from(bases)
    .where(and(inArray(bases.status, ['active', 'rectification']), gte(bases.validUntil, today), lte(bases.validUntil, expiringWithin12MonthsUntil(today))));
  let sent = 0;
  for (const base of candidates) {
    const milestone = dueMilestone(base.validUntil, today);
    if (!milestone) continue;
    await db.transaction(async (tx) => {
      const [claimed] = await tx.insert(baseTermReminders).values({ baseId: base.id, validUntil: base.validUntil, milestone }).onConflictDoNothing().returning();
      if (!claimed) return;
      const managers = await usersOf(tx, base.organizationId, ['base_manager']);
      await notifyUsers(
        tx,
        managers,
        {
          title: `基地命名有效期还有 ${milestone} 个月：${base.name}`,
          body: `“${base.name}”（${base.number}）的命名有效期至 ${base.validUntil}（北京时间）。到期后须重新申报，经认定后可继续命名；申报批次开放时，可在“我的基地”中办理重新申报（复核）。`,
          link: '/portal/base',
        },
        publicUrl,
      );
      await tx.update(baseTermReminders).set({ recipients: managers.length }).where(and(eq(baseTermReminders.baseId, base.id), eq(baseTermReminders.validUntil, base.validUntil), eq(baseTermReminders.milestone, milestone)));
      await appendAudit(tx, { actorUserId: null, action: 'base.term_reminder', entityType: 'base', entityId: base.id, data: { number: base.number, validUntil: base.validUntil, milestone, recipients: managers.length } });
      sent++;
    });
  }
  return sent;
}

/** Queues one reminder sweep unless one is already waiting (the server calls this hourly and on start). */
export async function enqueueTermReminders(db: Database) {
  const [pending] = await db
    .select({ id: schema.jobs.id })
    .from(schema.jobs)
    .where(and(eq(schema.jobs.kind, 'register.termReminders'), isNull(schema.jobs.doneAt), isNull(schema.jobs.failedAt)))
    .limit(1);
  if (!pending) await db.insert(schema.jobs).values({ kind: 'register.termReminders', payload: {} });
}
