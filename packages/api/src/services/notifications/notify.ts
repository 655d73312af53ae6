import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq, inArray } from 'drizzle-orm';
import { enqueueJobs } from '../jobs/queue.ts';

export type Notice = { title: string; body: string; link?: string };

/** The users who act for an organization in a role: whom to tell about its applications. */
export async function usersOf(db: DbOrTx, organizationId: string, roles: string[]) {
  return db
    .selectDistinct({ id: schema.users.id, email: schema.users.email, name: schema.users.name })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .where(and(eq(schema.memberships.organizationId, organizationId), inArray(schema.memberships.role, roles as never[]), eq(schema.users.status, 'active')));
}

/**
 * In the app at once, and by email through the job queue: a slow or failing mail server delays the
 * email but never the change, and the email is not lost.
 */
export async function notifyUsers(db: DbOrTx, recipients: Array<{ id: string; email: string; name: string }>, notice: Notice, publicUrl: string) {
  if (recipients.length === 0) return;
  // Two statements whatever the number of recipients: the caller's transaction is often holding a lock.
  await db.insert(schema.notifications).values(recipients.map((user) => ({ userId: user.id, title: notice.title, body: notice.body, link: notice.link ?? null })));
  const link = notice.link ? `\n\n查看详情：${publicUrl}${notice.link}` : '';
  await enqueueJobs(
    db,
    'mail.send',
    recipients.map((user) => ({
      to: user.email,
      subject: `【科学家精神教育基地】${notice.title}`,
      text: `${user.name}，您好：\n\n${notice.body}${link}\n\n科学家精神教育基地工作办公室`,
    })),
  );
}
