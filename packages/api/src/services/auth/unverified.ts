import { EMAIL_VERIFICATION_TTL_HOURS } from '@ssb/domain/accounts';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq, inArray, lt, notExists, sql } from 'drizzle-orm';

const { memberships, organizations, users } = schema;

/**
 * Deletes these unverified users and the organizations they registered that nobody else belongs
 * to, so the email and the credit code are free again.
 */
export async function deleteUnverifiedUsers(db: DbOrTx, userIds: string[]) {
  if (userIds.length === 0) return 0;
  const organizationIds = (
    await db.select({ id: memberships.organizationId }).from(memberships).where(inArray(memberships.userId, userIds))
  ).map((m) => m.id);
  const deleted = await db
    .delete(users)
    .where(and(inArray(users.id, userIds), eq(users.status, 'unverified')))
    .returning({ id: users.id });
  if (organizationIds.length > 0) {
    await db
      .delete(organizations)
      .where(
        and(
          inArray(organizations.id, organizationIds),
          notExists(db.select({ one: sql`1` }).from(memberships).where(eq(memberships.organizationId, organizations.id))),
        ),
      );
  }
  return deleted.length;
}

/** Housekeeping: registrations whose email was not verified in time. */
export async function purgeExpiredUnverified(db: DbOrTx, now = new Date()) {
  const cutoff = new Date(now.getTime() - EMAIL_VERIFICATION_TTL_HOURS * 3600_000);
  const expired = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.status, 'unverified'), lt(users.createdAt, cutoff)));
  return deleteUnverifiedUsers(
    db,
    expired.map((u) => u.id),
  );
}
