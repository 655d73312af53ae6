import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { BASE_ONLY_MEMBER_ROLES } from '@ssb/domain/alliances';
import { BASE_STATUS_LABELS, type BaseStatus } from '@ssb/domain/bases';
import { and, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { notifyManagersOf, notifyUser } from './alliance-rows.ts';

/**
 * Standing follows the register: a base revoked or expired keeps its seat only as an observer, in every
 * alliance, audited; its managers and each alliance's coordinator are told. Runs inside the status change.
 */
export async function demoteLapsedBaseMemberships(tx: DbOrTx, input: { baseId: string; toStatus: BaseStatus; actorUserId: string | null }, publicUrl = '') {
  if (input.toStatus !== 'revoked' && input.toStatus !== 'expired') return 0;
  const rows = await tx
    .select({ member: schema.allianceMembers, alliance: schema.alliances })
    .from(schema.allianceMembers)
    .innerJoin(schema.alliances, eq(schema.alliances.id, schema.allianceMembers.allianceId))
    .where(and(eq(schema.allianceMembers.baseId, input.baseId), inArray(schema.allianceMembers.role, [...BASE_ONLY_MEMBER_ROLES]), inArray(schema.allianceMembers.status, ['active', 'invited', 'requested'])));
  const why = `基地${BASE_STATUS_LABELS[input.toStatus].zh}，转为观察员`;
  for (const { member, alliance } of rows) {
    await tx.update(schema.allianceMembers).set({ role: 'observer', reason: why, updatedAt: new Date() }).where(eq(schema.allianceMembers.id, member.id));
    await appendAudit(tx, { actorUserId: input.actorUserId, action: 'alliance.member_standing_changed', entityType: 'alliance', entityId: alliance.id, data: { memberId: member.id, baseId: input.baseId, fromRole: member.role, toRole: 'observer', baseStatus: input.toStatus } });
    const notice = { title: '联盟成员身份变更', body: `因基地${BASE_STATUS_LABELS[input.toStatus].zh}，其在“${alliance.name}”中的身份已转为观察员。${member.role === 'lead' ? '请协调人尽快移交牵头单位。' : ''}`, link: '/portal/alliances' };
    await notifyManagersOf(tx, [member.organizationId], notice, publicUrl);
    await notifyUser(tx, alliance.coordinatorUserId, { ...notice, link: '/portal/alliance-admin' }, publicUrl);
  }
  return rows.length;
}

/** A mentored unit that has just been named is offered full membership: its row becomes an invitation as `member`. */
export async function offerMembershipToNamedUnit(tx: DbOrTx, input: { organizationId: string; baseId: string; baseName: string; actorUserId: string | null }, publicUrl = '') {
  const rows = await tx
    .select({ member: schema.allianceMembers, alliance: schema.alliances })
    .from(schema.allianceMembers)
    .innerJoin(schema.alliances, eq(schema.alliances.id, schema.allianceMembers.allianceId))
    .where(and(eq(schema.allianceMembers.organizationId, input.organizationId), eq(schema.allianceMembers.role, 'mentored'), inArray(schema.allianceMembers.status, ['active', 'invited']), eq(schema.alliances.status, 'approved')));
  for (const { member, alliance } of rows) {
    await tx.update(schema.allianceMembers).set({ role: 'member', baseId: input.baseId, status: 'invited', reason: '培育单位已命名为基地', updatedAt: new Date() }).where(eq(schema.allianceMembers.id, member.id));
    await appendAudit(tx, { actorUserId: input.actorUserId, action: 'alliance.member_invited', entityType: 'alliance', entityId: alliance.id, data: { memberId: member.id, organizationId: input.organizationId, baseId: input.baseId, role: 'member', reason: 'mentored_unit_named' } });
    const notice = { title: '邀请成为联盟成员单位', body: `祝贺“${input.baseName}”获得命名！“${alliance.name}”邀请贵基地由培育单位转为成员单位，请在申报门户“我的联盟”中答复。`, link: '/portal/alliances' };
    await notifyManagersOf(tx, [input.organizationId], notice, publicUrl, ['base_manager', 'applicant']);
    await notifyUser(tx, alliance.coordinatorUserId, { title: '培育单位已命名', body: `“${alliance.name}”的培育单位“${input.baseName}”已命名为基地，已向其发出成员邀请。`, link: '/portal/alliance-admin' }, publicUrl);
  }
  return rows.length;
}
