import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { lockAlliance, notifyManagersOf, notifyUser } from './alliance-rows.ts';

/**
 * The office approves a submitted proposal — the proposer becomes its coordinator and gets the
 * `alliance_coordinator` role in the lead base's organization — or returns it with a reason.
 */
export async function decideAllianceProposal(
  db: Database,
  actor: { userId: string },
  input: { allianceId: string; version: number; decision: 'approve' | 'return'; reason: string },
  deps: { publicUrl: string },
) {
  return db.transaction(async (tx) => {
    const alliance = await lockAlliance(tx, input.allianceId);
    if (alliance.status !== 'submitted') throw userError('BAD_REQUEST', '该联盟申请当前不待审核，请刷新页面');
    if (alliance.version !== input.version) throw userError('CONFLICT', '该申请刚刚被修改，请刷新后重试');
    const now = new Date();
    const approve = input.decision === 'approve';
    const [decided] = await tx
      .update(schema.alliances)
      .set({
        status: approve ? 'approved' : 'returned',
        returnReason: approve ? null : input.reason,
        coordinatorUserId: approve ? alliance.proposedBy : alliance.coordinatorUserId,
        decidedBy: actor.userId,
        decidedAt: now,
        version: sql`${schema.alliances.version} + 1`,
        updatedAt: now,
      })
      .where(eq(schema.alliances.id, alliance.id))
      .returning();
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: approve ? 'alliance.approved' : 'alliance.returned',
      entityType: 'alliance',
      entityId: alliance.id,
      data: { name: alliance.name, ...(approve ? { coordinatorUserId: alliance.proposedBy } : { reason: input.reason }) },
    });
    if (!approve) {
      await notifyUser(tx, alliance.proposedBy, { title: '联盟申请被退回', body: `“${alliance.name}”被工作办公室退回：${input.reason}。请修改后重新提交。`, link: '/portal/alliances' }, deps.publicUrl);
      return decided!;
    }
    const lead = await tx.query.bases.findFirst({ where: eq(schema.bases.id, alliance.leadBaseId) });
    await grantCoordinator(tx, { userId: alliance.proposedBy, organizationId: lead!.organizationId, actorUserId: actor.userId, allianceId: alliance.id });
    await notifyUser(tx, alliance.proposedBy, { title: '联盟申请已批准', body: `“${alliance.name}”已获工作办公室批准，您已成为联盟协调人，可在申报门户“联盟管理”中管理成员与章程。`, link: '/portal/alliance-admin' }, deps.publicUrl);
    const members = await tx.select({ organizationId: schema.allianceMembers.organizationId }).from(schema.allianceMembers).where(eq(schema.allianceMembers.allianceId, alliance.id));
    await notifyManagersOf(tx, members.map((m) => m.organizationId), { title: '联盟已成立', body: `贵基地参与发起的“${alliance.name}”已获批准成立。`, link: '/portal/alliances' }, deps.publicUrl);
    return decided!;
  });
}

/** Gives the user `alliance_coordinator` in the organization (kept if already held), audited as a role grant. */
export async function grantCoordinator(tx: DbOrTx, input: { userId: string; organizationId: string; actorUserId: string; allianceId: string }) {
  const inserted = await tx
    .insert(schema.memberships)
    .values({ userId: input.userId, organizationId: input.organizationId, role: 'alliance_coordinator', grantedBy: input.actorUserId })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) return;
  await appendAudit(tx, {
    actorUserId: input.actorUserId,
    action: 'role.granted',
    entityType: 'user',
    entityId: input.userId,
    data: { userId: input.userId, organizationId: input.organizationId, role: 'alliance_coordinator', reason: 'alliance.approved', allianceId: input.allianceId },
  });
}
