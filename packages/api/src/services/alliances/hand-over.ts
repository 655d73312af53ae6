import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { lockMember, notifyManagersOf, notifyUser } from './alliance-rows.ts';
import { lockCoordinatedAlliance, type CoordinatorViewer } from './coordinated-alliance.ts';
import { grantCoordinator } from './decide-proposal.ts';

/**
 * The lead hands over to another active member base (the old lead stays as a founding member); the
 * coordinator may be handed to a manager of a member base, who gets `alliance_coordinator` there. The old
 * coordinator keeps the role only while they still coordinate another alliance.
 */
export async function handOverAlliance(db: Database, viewer: CoordinatorViewer, input: { allianceId: string; newLeadMemberId: string; newCoordinatorUserId?: string }, deps: { publicUrl: string }) {
  return db.transaction(async (tx) => {
    const alliance = await lockCoordinatedAlliance(tx, viewer, input.allianceId);
    const next = await lockMember(tx, input.newLeadMemberId, alliance.id);
    if (next.status !== 'active' || !next.baseId || !['lead', 'founding', 'member'].includes(next.role)) throw userError('BAD_REQUEST', '只能移交给在盟的成员基地');
    await loadStanding(tx, next.baseId);
    const now = new Date();
    if (next.role !== 'lead') {
      await tx.update(schema.allianceMembers).set({ role: 'founding', updatedAt: now }).where(and(eq(schema.allianceMembers.allianceId, alliance.id), eq(schema.allianceMembers.role, 'lead')));
      await tx.update(schema.allianceMembers).set({ role: 'lead', updatedAt: now }).where(eq(schema.allianceMembers.id, next.id));
    }
    let coordinatorUserId = alliance.coordinatorUserId!;
    if (input.newCoordinatorUserId && input.newCoordinatorUserId !== coordinatorUserId) {
      const activeOrgs = await tx
        .select({ organizationId: schema.allianceMembers.organizationId })
        .from(schema.allianceMembers)
        .where(and(eq(schema.allianceMembers.allianceId, alliance.id), eq(schema.allianceMembers.status, 'active'), inArray(schema.allianceMembers.role, ['lead', 'founding', 'member'])));
      const [manager] = await tx
        .select()
        .from(schema.memberships)
        .where(and(eq(schema.memberships.userId, input.newCoordinatorUserId), eq(schema.memberships.role, 'base_manager'), inArray(schema.memberships.organizationId, activeOrgs.map((o) => o.organizationId))));
      if (!manager) throw userError('BAD_REQUEST', '新的协调人须是在盟基地的管理员');
      await grantCoordinator(tx, { userId: manager.userId, organizationId: manager.organizationId, actorUserId: viewer.userId, allianceId: alliance.id });
      coordinatorUserId = manager.userId;
    }
    const [updated] = await tx
      .update(schema.alliances)
      .set({ leadBaseId: next.baseId, coordinatorUserId, version: sql`${schema.alliances.version} + 1`, updatedAt: now })
      .where(eq(schema.alliances.id, alliance.id))
      .returning();
    if (coordinatorUserId !== alliance.coordinatorUserId) await dropCoordinatorRoleIfIdle(tx, alliance.coordinatorUserId!, viewer.userId);
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'alliance.handed_over', entityType: 'alliance', entityId: alliance.id, data: { fromLeadBaseId: alliance.leadBaseId, toLeadBaseId: next.baseId, fromCoordinatorUserId: alliance.coordinatorUserId, toCoordinatorUserId: coordinatorUserId } });
    await notifyManagersOf(tx, [next.organizationId], { title: '联盟牵头单位已移交', body: `贵基地已成为“${alliance.name}”的牵头单位。`, link: '/portal/alliances' }, deps.publicUrl);
    if (coordinatorUserId !== alliance.coordinatorUserId) await notifyUser(tx, coordinatorUserId, { title: '您已成为联盟协调人', body: `“${alliance.name}”的协调工作已移交给您，可在申报门户“联盟管理”中管理成员与章程。`, link: '/portal/alliance-admin' }, deps.publicUrl);
    return updated!;
  });
}

async function loadStanding(tx: DbOrTx, baseId: string) {
  const base = await tx.query.bases.findFirst({ where: eq(schema.bases.id, baseId) });
  if (!base || (base.status !== 'active' && base.status !== 'rectification')) throw userError('BAD_REQUEST', '该基地已撤销或命名已到期，不能作为牵头单位');
}

/** A coordinator who coordinates nothing any more loses the role, audited. */
async function dropCoordinatorRoleIfIdle(tx: DbOrTx, userId: string, actorUserId: string) {
  const [still] = await tx.select({ id: schema.alliances.id }).from(schema.alliances).where(eq(schema.alliances.coordinatorUserId, userId)).limit(1);
  if (still) return;
  const removed = await tx.delete(schema.memberships).where(and(eq(schema.memberships.userId, userId), eq(schema.memberships.role, 'alliance_coordinator'))).returning();
  for (const m of removed) {
    await appendAudit(tx, { actorUserId, action: 'role.revoked', entityType: 'user', entityId: userId, data: { userId, organizationId: m.organizationId, role: 'alliance_coordinator', reason: 'alliance.handed_over' } });
  }
}
