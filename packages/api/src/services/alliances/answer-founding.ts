import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { loadManagedBase, type ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { lockAlliance, notifyUser } from './alliance-rows.ts';
import { submitIfFoundersAgreed } from './propose-alliance.ts';

/**
 * A founding base's manager accepts or declines. Declining returns the proposal to the proposer with the
 * reason; the last acceptance sends it to the office.
 */
export async function answerFounding(db: Database, viewer: ManagerViewer, input: { allianceId: string; baseId: string; accept: boolean; reason: string }, deps: { publicUrl: string }) {
  return db.transaction(async (tx) => {
    const base = await loadManagedBase(tx, viewer, input.baseId);
    const alliance = await lockAlliance(tx, input.allianceId);
    if (alliance.status !== 'founders_pending') throw userError('BAD_REQUEST', '该联盟申请已不在等待发起单位确认，请刷新页面');
    const [member] = await tx
      .select()
      .from(schema.allianceMembers)
      .where(and(eq(schema.allianceMembers.allianceId, alliance.id), eq(schema.allianceMembers.baseId, base.id), eq(schema.allianceMembers.role, 'founding')));
    if (!member) throw userError('FORBIDDEN', '贵基地不是该联盟的发起单位');
    if (member.status !== 'invited') throw userError('BAD_REQUEST', '贵基地已经答复过，请刷新页面');
    const now = new Date();
    await tx
      .update(schema.allianceMembers)
      .set({ status: input.accept ? 'active' : 'declined', reason: input.accept ? null : input.reason, decidedBy: viewer.userId, decidedAt: now, joinedAt: input.accept ? now : null, updatedAt: now })
      .where(eq(schema.allianceMembers.id, member.id));
    await appendAudit(tx, {
      actorUserId: viewer.userId,
      action: input.accept ? 'alliance.founding_accepted' : 'alliance.founding_declined',
      entityType: 'alliance',
      entityId: alliance.id,
      data: { baseId: base.id, ...(input.accept ? {} : { reason: input.reason }) },
    });
    if (input.accept) return submitIfFoundersAgreed(tx, alliance, viewer.userId, deps);
    const returnReason = `“${base.name}”谢绝作为发起单位：${input.reason}`;
    const [returned] = await tx
      .update(schema.alliances)
      .set({ status: 'returned', returnReason, version: sql`${schema.alliances.version} + 1`, updatedAt: now })
      .where(eq(schema.alliances.id, alliance.id))
      .returning();
    await notifyUser(tx, alliance.proposedBy, { title: '联盟申请被发起单位谢绝', body: `${returnReason}。您可以修改发起单位后重新提交“${alliance.name}”。`, link: '/portal/alliances' }, deps.publicUrl);
    return returned!;
  });
}
