import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, count, desc, eq, isNull } from 'drizzle-orm';

const { mailLog, notifications } = schema;

export async function listMyNotifications(db: DbOrTx, userId: string, limit = 20) {
  const items = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return { items, unread: unread?.n ?? 0 };
}

export async function markNotificationsRead(db: DbOrTx, userId: string) {
  await db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

/** The messages emailed to this address, so a user without a mailbox configured still reads them. */
export async function listMyMail(db: DbOrTx, email: string, limit = 20) {
  return db
    .select({ id: mailLog.id, subject: mailLog.subject, body: mailLog.body, createdAt: mailLog.createdAt })
    .from(mailLog)
    .where(eq(mailLog.to, email))
    .orderBy(desc(mailLog.createdAt))
    .limit(limit);
}
