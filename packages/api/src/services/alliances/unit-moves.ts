import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { REJOINABLE_MEMBER_STATUSES } from '@ssb/domain/alliances';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { loadManagedBase, type ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { loadStandingBase, lockAlliance, lockMember, managedOrganizationIds, notifyUser } from './alliance-rows.ts';

type Deps = { publicUrl: string };

/**
 * The organizations whose member rows the viewer answers for: those where they are a base manager, and —
 * for a unit that is not a named base (a mentored unit, an observer) — those whose applicant accounts they hold.
 */
const unitOrganizationIds = (viewer: ManagerViewer, member: { baseId: string | null }) => [
  ...managedOrganizationIds(viewer),
  ...(member.baseId === null ? viewer.grants.filter((g) => g.role === 'applicant').map((g) => g.organizationId) : []),
];

/** The member row, locked, if the viewer manages its unit. */
async function lockOwnMember(tx: DbOrTx, viewer: ManagerViewer, memberId: string) {
  const member = await lockMember(tx, memberId);
  if (!unitOrganizationIds(viewer, member).includes(member.organizationId)) throw userError('FORBIDDEN', '您不是该成员单位的管理员');
  return member;
}

/** Invitations and memberships of the units (not named bases) whose applicant accounts the viewer holds. */
export async function listUnitInvitations(db: DbOrTx, viewer: ManagerViewer) {
  const orgs = viewer.grants.filter((g) => g.role === 'applicant').map((g) => g.organizationId);
  if (orgs.length === 0) return [];
  const m = schema.allianceMembers;
  const mentor = schema.bases;
  return db
    .select({
      memberId: m.id,
      allianceId: m.allianceId,
      allianceName: schema.alliances.name,
      organizationId: m.organizationId,
      organizationName: schema.organizations.name,
      role: m.role,
      status: m.status,
      mentorBaseName: mentor.name,
      targetBatchYear: m.targetBatchYear,
    })
    .from(m)
    .innerJoin(schema.alliances, eq(schema.alliances.id, m.allianceId))
    .innerJoin(schema.organizations, eq(schema.organizations.id, m.organizationId))
    .leftJoin(mentor, eq(mentor.id, m.mentorBaseId))
    .where(and(inArray(m.organizationId, orgs), isNull(m.baseId), eq(schema.alliances.status, 'approved'), inArray(m.status, ['invited', 'active'])))
    .orderBy(asc(schema.alliances.name));
}

/** A base manager asks for one of their bases to join an approved alliance; the coordinator decides. */
export async function requestToJoin(db: Database, viewer: ManagerViewer, input: { allianceId: string; baseId: string }, deps: Deps) {
  return db.transaction(async (tx) => {
    const base = await loadManagedBase(tx, viewer, input.baseId);
    await loadStandingBase(tx, base.id);
    const alliance = await lockAlliance(tx, input.allianceId);
    if (alliance.status !== 'approved') throw userError('BAD_REQUEST', '该联盟尚未成立，不能申请加入');
    const [existing] = await tx.select().from(schema.allianceMembers).where(and(eq(schema.allianceMembers.allianceId, alliance.id), eq(schema.allianceMembers.organizationId, base.organizationId))).for('update');
    if (existing && !REJOINABLE_MEMBER_STATUSES.includes(existing.status) && existing.role !== 'observer') {
      throw userError('CONFLICT', existing.status === 'active' ? '贵基地已是联盟成员' : existing.status === 'invited' ? '联盟已邀请贵基地，请直接接受邀请' : '贵基地的申请正在等待协调人处理');
    }
    const values = { baseId: base.id, role: 'member' as const, status: 'requested' as const, reason: null, decidedAt: null, decidedBy: null, leftAt: null, mentorBaseId: null, targetBatchYear: null, updatedAt: new Date() };
    const [row] = existing
      ? await tx.update(schema.allianceMembers).set(values).where(eq(schema.allianceMembers.id, existing.id)).returning()
      : await tx.insert(schema.allianceMembers).values({ allianceId: alliance.id, organizationId: base.organizationId, ...values }).returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'alliance.join_requested', entityType: 'alliance', entityId: alliance.id, data: { memberId: row!.id, baseId: base.id } });
    await notifyUser(tx, alliance.coordinatorUserId, { title: '新的入盟申请', body: `“${base.name}”申请加入“${alliance.name}”，请在申报门户“联盟管理”中处理。`, link: '/portal/alliance-admin' }, deps.publicUrl);
    return row!;
  });
}

/** The invited unit accepts or declines; the coordinator is told. */
export async function answerInvitation(db: Database, viewer: ManagerViewer, input: { memberId: string; accept: boolean }, deps: Deps) {
  return db.transaction(async (tx) => {
    const member = await lockOwnMember(tx, viewer, input.memberId);
    const alliance = await lockAlliance(tx, member.allianceId);
    if (member.role === 'founding' && alliance.status !== 'approved') throw userError('BAD_REQUEST', '发起邀请请在联盟申请中答复');
    if (member.status !== 'invited') throw userError('BAD_REQUEST', '该邀请已答复，请刷新页面');
    if (input.accept && member.baseId && member.role !== 'observer') await loadStandingBase(tx, member.baseId);
    const now = new Date();
    const [row] = await tx
      .update(schema.allianceMembers)
      .set({ status: input.accept ? 'active' : 'declined', decidedBy: viewer.userId, decidedAt: now, joinedAt: input.accept ? now : null, updatedAt: now })
      .where(eq(schema.allianceMembers.id, member.id))
      .returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: input.accept ? 'alliance.invitation_accepted' : 'alliance.invitation_declined', entityType: 'alliance', entityId: alliance.id, data: { memberId: member.id, baseId: member.baseId } });
    await notifyUser(tx, alliance.coordinatorUserId, { title: input.accept ? '联盟邀请已接受' : '联盟邀请被谢绝', body: `“${alliance.name}”的一项邀请已${input.accept ? '接受' : '谢绝'}。`, link: '/portal/alliance-admin' }, deps.publicUrl);
    return row!;
  });
}

/** A member leaves (the lead hands over first). */
export async function leaveAlliance(db: Database, viewer: ManagerViewer, input: { memberId: string }, deps: Deps) {
  return db.transaction(async (tx) => {
    const member = await lockOwnMember(tx, viewer, input.memberId);
    const alliance = await lockAlliance(tx, member.allianceId);
    if (member.status !== 'active') throw userError('BAD_REQUEST', '贵单位当前不在盟，请刷新页面');
    if (member.role === 'lead') throw userError('BAD_REQUEST', '牵头单位不能直接退出，请先由协调人移交牵头单位');
    if (alliance.status !== 'approved') throw userError('BAD_REQUEST', '联盟尚未成立；如不愿发起，请在联盟申请中谢绝');
    const now = new Date();
    const [row] = await tx.update(schema.allianceMembers).set({ status: 'left', leftAt: now, decidedBy: viewer.userId, decidedAt: now, updatedAt: now }).where(eq(schema.allianceMembers.id, member.id)).returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'alliance.member_left', entityType: 'alliance', entityId: alliance.id, data: { memberId: member.id, baseId: member.baseId } });
    await notifyUser(tx, alliance.coordinatorUserId, { title: '成员退出联盟', body: `一家成员单位已退出“${alliance.name}”。`, link: '/portal/alliance-admin' }, deps.publicUrl);
    return row!;
  });
}
