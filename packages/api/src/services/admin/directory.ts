import { revokeRefusal } from '@ssb/domain/roles';
import { LOGIN_LOCKOUT_MINUTES, LOGIN_MAX_FAILURES } from '@ssb/domain/accounts';
import type { Database } from '@ssb/db';
import { rowsOf, schema } from '@ssb/db';
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { pageOffset, type TPage } from '../pagination.ts';

const { memberships, organizations, users } = schema;

/** The user directory; each role a user holds says whether the viewing officer may revoke it. */
export async function listUsers(db: Database, viewer: { id: string; roles: string[] }, query: TPage & { search?: string; role?: string }) {
  const filters: SQL[] = [];
  if (query.search) filters.push(or(ilike(users.email, `%${query.search}%`), ilike(users.name, `%${query.search}%`))!);
  if (query.role) {
    const holders = db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.role, query.role as never));
    filters.push(inArray(users.id, holders));
  }
  const where = filters.length ? and(...filters) : undefined;
  const [total] = await db.select({ n: count() }).from(users).where(where);
  const rows = await db.query.users.findMany({
    where,
    columns: { id: true, email: true, name: true, mobile: true, status: true, lastLoginAt: true, createdAt: true, lockedUntil: true },
    with: { memberships: { columns: { role: true, organizationId: true }, with: { organization: { columns: { name: true } } } } },
    orderBy: asc(users.email),
    limit: query.pageSize,
    offset: pageOffset(query),
  });
  const locks = await lockedUntilByEmail(db, rows.map((u) => u.email));
  return {
    total: total?.n ?? 0,
    items: rows.map((u) => ({
      ...u,
      lockedUntil: locks.get(u.email) ?? null,
      memberships: u.memberships.map((m) => ({ role: m.role, organizationId: m.organizationId, organizationName: m.organization.name, mayRevoke: revokeRefusal(viewer, { userId: u.id, role: m.role }) === null })),
    })),
  };
}

export async function listOrganizations(db: Database, query: TPage & { search?: string; type?: string; districtCode?: string }) {
  const filters: SQL[] = [];
  if (query.search) filters.push(or(ilike(organizations.name, `%${query.search}%`), ilike(organizations.uscc, `%${query.search}%`))!);
  if (query.type) filters.push(eq(organizations.type, query.type as never));
  if (query.districtCode) filters.push(eq(organizations.districtCode, query.districtCode));
  const where = filters.length ? and(...filters) : undefined;
  const [total] = await db.select({ n: count() }).from(organizations).where(where);
  const items = await db
    .select()
    .from(organizations)
    .where(where)
    .orderBy(asc(organizations.name))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return { total: total?.n ?? 0, items };
}

/**
 * Sign-in is paused per typed address and client address (`login-fail:<email>|<ip>`); an account
 * counts as locked while any such pair is, until the latest of them ends.
 */
async function lockedUntilByEmail(db: Database, emails: string[]) {
  if (emails.length === 0) return new Map<string, Date>();
  const result = await db.execute(sql`
    select split_part(substr(key, length('login-fail:') + 1), '|', 1) as email,
           max(window_start) + make_interval(mins => ${LOGIN_LOCKOUT_MINUTES}) as until
    from rate_limits
    where key like 'login-fail:%' and count >= ${LOGIN_MAX_FAILURES}
      and window_start > now() - make_interval(mins => ${LOGIN_LOCKOUT_MINUTES})
    group by 1`);
  const wanted = new Set(emails);
  return new Map(rowsOf<{ email: string; until: string | Date }>(result).filter((r) => wanted.has(r.email)).map((r) => [r.email, new Date(r.until)]));
}
