import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import type { TAllianceInvite } from '@ssb/domain/alliance-input';
import { ALLIANCE_MEMBER_ROLE_LABELS, REJOINABLE_MEMBER_STATUSES, type AllianceMemberRole } from '@ssb/domain/alliances';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { loadStandingBase, lockMember, notifyManagersOf, type AllianceRow } from './alliance-rows.ts';
import { lockCoordinatedAlliance, type CoordinatorViewer } from './coordinated-alliance.ts';

type Deps = { publicUrl: string };

/**
 * Puts a unit on the alliance's list as `invited` (or re-invites one that left, declined or was refused).
 * Shared by the coordinator's invitation and the offer made when a mentored unit is named.
 */
export async function inviteUnit(
  tx: DbOrTx,
  alliance: AllianceRow,
  unit: { organizationId: string; baseId: string | null; role: AllianceMemberRole; mentorBaseId?: string | null; targetBatchYear?: number | null },
  actorUserId: string | null,
) {
  const [existing] = await tx.select().from(schema.allianceMembers).where(and(eq(schema.allianceMembers.allianceId, alliance.id), eq(schema.allianceMembers.organizationId, unit.organizationId))).for('update');
  if (existing && !REJOINABLE_MEMBER_STATUSES.includes(existing.status) && !(existing.role === 'mentored' && unit.role !== 'mentored')) {
    throw userError('CONFLICT', existing.status === 'active' ? '该单位已是联盟成员' : '该单位已有待处理的邀请或申请');
  }
  const values = { role: unit.role, baseId: unit.baseId, status: 'invited' as const, mentorBaseId: unit.mentorBaseId ?? null, targetBatchYear: unit.targetBatchYear ?? null, invitedBy: actorUserId, reason: null, decidedAt: null, decidedBy: null, leftAt: null, updatedAt: new Date() };
  const [row] = existing
    ? await tx.update(schema.allianceMembers).set(values).where(eq(schema.allianceMembers.id, existing.id)).returning()
    : await tx.insert(schema.allianceMembers).values({ allianceId: alliance.id, organizationId: unit.organizationId, ...values }).returning();
  return row!;
}

/** The coordinator invites a named base (member or observer) or a mentored unit with its mentor base. */
export async function inviteMember(db: Database, viewer: CoordinatorViewer, input: TAllianceInvite, deps: Deps) {
  return db.transaction(async (tx) => {
    const alliance = await lockCoordinatedAlliance(tx, viewer, input.allianceId);
    let unit: Parameters<typeof inviteUnit>[2];
    let unitName: string;
    if (input.role === 'mentored') {
      const organization = await tx.query.organizations.findFirst({ where: eq(schema.organizations.id, input.organizationId) });
      if (!organization) throw userError('NOT_FOUND', '单位不存在');
      const named = await tx.query.bases.findFirst({ where: eq(schema.bases.organizationId, organization.id) });
      if (named) throw userError('BAD_REQUEST', '该单位已是命名基地，请以成员单位邀请');
      const [mentor] = await tx
        .select()
        .from(schema.allianceMembers)
        .where(and(eq(schema.allianceMembers.allianceId, alliance.id), eq(schema.allianceMembers.baseId, input.mentorBaseId), eq(schema.allianceMembers.status, 'active')));
      if (!mentor || mentor.role === 'observer' || mentor.role === 'mentored') throw userError('BAD_REQUEST', '培育基地须是本联盟的在盟基地');
      unit = { organizationId: organization.id, baseId: null, role: 'mentored', mentorBaseId: input.mentorBaseId, targetBatchYear: input.targetBatchYear };
      unitName = organization.name;
    } else {
      const base = input.role === 'member' ? await loadStandingBase(tx, input.baseId) : await tx.query.bases.findFirst({ where: eq(schema.bases.id, input.baseId) });
      if (!base) throw userError('NOT_FOUND', '基地不存在');
      unit = { organizationId: base.organizationId, baseId: base.id, role: input.role };
      unitName = base.name;
    }
    const row = await inviteUnit(tx, alliance, unit, viewer.userId);
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'alliance.member_invited', entityType: 'alliance', entityId: alliance.id, data: { memberId: row.id, organizationId: unit.organizationId, baseId: unit.baseId, role: unit.role } });
    await notifyManagersOf(
      tx,
      [unit.organizationId],
      { title: '联盟邀请', body: `“${alliance.name}”邀请${unitName}以${ALLIANCE_MEMBER_ROLE_LABELS[unit.role].zh}身份加入，请在申报门户“${unit.baseId ? '我的联盟' : '联盟邀请'}”中答复。`, link: unit.baseId ? '/portal/alliances' : '/portal/alliance-invitations' },
      deps.publicUrl,
      unit.role === 'mentored' ? ['base_manager', 'applicant'] : ['base_manager'],
    );
    return row;
  });
}

/** The coordinator decides a join request; refusing carries the reason, told to the unit. */
export async function decideJoinRequest(db: Database, viewer: CoordinatorViewer, input: { allianceId: string; memberId: string; approve: boolean; reason: string }, deps: Deps) {
  return db.transaction(async (tx) => {
    const alliance = await lockCoordinatedAlliance(tx, viewer, input.allianceId);
    const member = await lockMember(tx, input.memberId, alliance.id);
    if (member.status !== 'requested') throw userError('BAD_REQUEST', '该申请已处理，请刷新页面');
    const now = new Date();
    const [row] = await tx
      .update(schema.allianceMembers)
      .set({ status: input.approve ? 'active' : 'refused', reason: input.approve ? null : input.reason, decidedBy: viewer.userId, decidedAt: now, joinedAt: input.approve ? now : null, updatedAt: now })
      .where(eq(schema.allianceMembers.id, member.id))
      .returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: input.approve ? 'alliance.request_approved' : 'alliance.request_refused', entityType: 'alliance', entityId: alliance.id, data: { memberId: member.id, baseId: member.baseId, ...(input.approve ? {} : { reason: input.reason }) } });
    const body = input.approve ? `贵单位已加入“${alliance.name}”。` : `“${alliance.name}”未同意贵单位的加入申请：${input.reason}`;
    await notifyManagersOf(tx, [member.organizationId], { title: input.approve ? '加入联盟申请已通过' : '加入联盟申请未通过', body, link: '/portal/alliances' }, deps.publicUrl);
    return row!;
  });
}

/** The coordinator removes an active member (not the lead), always with a reason. */
export async function removeMember(db: Database, viewer: CoordinatorViewer, input: { allianceId: string; memberId: string; reason: string }, deps: Deps) {
  return db.transaction(async (tx) => {
    const alliance = await lockCoordinatedAlliance(tx, viewer, input.allianceId);
    const member = await lockMember(tx, input.memberId, alliance.id);
    if (member.status !== 'active') throw userError('BAD_REQUEST', '该单位当前不在盟，请刷新页面');
    if (member.role === 'lead') throw userError('BAD_REQUEST', '牵头单位不能移出，请先移交牵头单位');
    const now = new Date();
    const [row] = await tx.update(schema.allianceMembers).set({ status: 'removed', reason: input.reason, decidedBy: viewer.userId, decidedAt: now, leftAt: now, updatedAt: now }).where(eq(schema.allianceMembers.id, member.id)).returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'alliance.member_removed', entityType: 'alliance', entityId: alliance.id, data: { memberId: member.id, baseId: member.baseId, reason: input.reason } });
    await notifyManagersOf(tx, [member.organizationId], { title: '已被移出联盟', body: `贵单位已被移出“${alliance.name}”：${input.reason}`, link: '/portal/alliances' }, deps.publicUrl);
    return row!;
  });
}
