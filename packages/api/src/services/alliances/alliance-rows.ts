import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq, inArray } from 'drizzle-orm';
import { userError } from '../errors.ts';
import { notifyUsers, usersOf, type Notice } from '../notifications/notify.ts';

export type AllianceRow = typeof schema.alliances.$inferSelect;
export type MemberRow = typeof schema.allianceMembers.$inferSelect;

/** An alliance locked for the change about to be made, or a Chinese refusal. */
export async function lockAlliance(tx: DbOrTx, allianceId: string) {
  const [alliance] = await tx.select().from(schema.alliances).where(eq(schema.alliances.id, allianceId)).for('update');
  if (!alliance) throw userError('NOT_FOUND', '联盟不存在');
  return alliance;
}

/** One member row of an alliance, locked. */
export async function lockMember(tx: DbOrTx, memberId: string, allianceId?: string) {
  const where = allianceId ? and(eq(schema.allianceMembers.id, memberId), eq(schema.allianceMembers.allianceId, allianceId)) : eq(schema.allianceMembers.id, memberId);
  const [member] = await tx.select().from(schema.allianceMembers).where(where).for('update');
  if (!member) throw userError('NOT_FOUND', '该成员记录不存在');
  return member;
}

/** A named base that may be a full member: active or under rectification. */
export async function loadStandingBase(tx: DbOrTx, baseId: string) {
  const base = await tx.query.bases.findFirst({ where: eq(schema.bases.id, baseId) });
  if (!base) throw userError('NOT_FOUND', '基地不存在');
  if (base.status !== 'active' && base.status !== 'rectification') throw userError('BAD_REQUEST', `“${base.name}”已撤销或命名已到期，不能作为成员单位`);
  return base;
}

/** Tells the managers of these organizations (base managers, or a unit's applicants) in-app and by email. */
export async function notifyManagersOf(tx: DbOrTx, organizationIds: string[], notice: Notice, publicUrl: string, roles = ['base_manager']) {
  const seen = new Set<string>();
  for (const organizationId of new Set(organizationIds)) {
    const managers = (await usersOf(tx, organizationId, roles)).filter((u) => !seen.has(u.id));
    managers.forEach((u) => seen.add(u.id));
    await notifyUsers(tx, managers, notice, publicUrl);
  }
}

/** Tells one user (the proposer or the coordinator). */
export async function notifyUser(tx: DbOrTx, userId: string | null, notice: Notice, publicUrl: string) {
  if (!userId) return;
  const user = await tx.query.users.findFirst({ where: eq(schema.users.id, userId) });
  if (user && user.status === 'active') await notifyUsers(tx, [{ id: user.id, email: user.email, name: user.name }], notice, publicUrl);
}

/** Everyone in the office. */
export async function notifyOffice(tx: DbOrTx, notice: Notice, publicUrl: string) {
  const office = await tx
    .selectDistinct({ id: schema.users.id, email: schema.users.email, name: schema.users.name })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .where(and(inArray(schema.memberships.role, ['office']), eq(schema.users.status, 'active')));
  await notifyUsers(tx, office, notice, publicUrl);
}

/** The organizations in which the viewer manages bases: the only units they answer for. */
export const managedOrganizationIds = (viewer: { grants: Array<{ organizationId: string; role: string }> }) =>
  viewer.grants.filter((g) => g.role === 'base_manager').map((g) => g.organizationId);
