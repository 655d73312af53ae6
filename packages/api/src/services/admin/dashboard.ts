import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { count, desc, eq, gt } from 'drizzle-orm';

const { auditLog, campaigns, mailLog, memberships, organizations, recommendingBodies, sessions, users } = schema;

/** Live figures for the admin console's home page. */
export async function getDashboard(db: Database) {
  const [orgTotal] = await db.select({ n: count() }).from(organizations);
  const byType = await db.select({ type: organizations.type, n: count() }).from(organizations).groupBy(organizations.type);
  const byDistrict = await db
    .select({ districtCode: organizations.districtCode, n: count() })
    .from(organizations)
    .groupBy(organizations.districtCode);
  const byRole = await db.select({ role: memberships.role, n: count() }).from(memberships).groupBy(memberships.role);
  const [userTotal] = await db.select({ n: count() }).from(users);
  const [invited] = await db.select({ n: count() }).from(users).where(eq(users.status, 'invited'));
  const [bodies] = await db.select({ n: count() }).from(recommendingBodies);
  const [activeSessions] = await db.select({ n: count() }).from(sessions).where(gt(sessions.expiresAt, new Date()));
  const [mails] = await db.select({ n: count() }).from(mailLog);
  const [auditRows] = await db.select({ n: count() }).from(auditLog);
  const campaignRows = await db.select().from(campaigns).orderBy(desc(campaigns.year));
  return {
    organizations: orgTotal?.n ?? 0,
    organizationsByType: byType,
    organizationsByDistrict: byDistrict,
    users: userTotal?.n ?? 0,
    invitedUsers: invited?.n ?? 0,
    membershipsByRole: byRole,
    recommendingBodies: bodies?.n ?? 0,
    activeSessions: activeSessions?.n ?? 0,
    mailsSent: mails?.n ?? 0,
    auditRows: auditRows?.n ?? 0,
    campaigns: campaignRows.map((c) => ({ id: c.id, year: c.year, title: c.title, phases: c.phases })),
  };
}
