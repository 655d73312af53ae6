import { z } from 'zod';
import { ALLIANCE_KINDS, ALLIANCE_STATUSES } from './alliances.ts';
import { DISTRICT_CODES } from './districts.ts';

/** Input schemas of alliances, used by the portal's and admin's forms and by the procedures. */

export const ALLIANCE_LIMITS = { nameMax: 60, themeMax: 60, charterMax: 50_000, reasonMax: 500, foundingMax: 30 } as const;

const id = z.uuid({ error: '编号格式不正确' });
const reason = z.string().trim().max(ALLIANCE_LIMITS.reasonMax, { error: `理由不超过 ${ALLIANCE_LIMITS.reasonMax} 字` }).default('');
/** A refusal carries at least a couple of words of reason. */
const hasReason = (r: string) => r.length >= 2;

export const ZAllianceFields = z
  .object({
    name: z.string().trim().min(4, { error: '联盟名称至少 4 个字' }).max(ALLIANCE_LIMITS.nameMax, { error: `联盟名称不超过 ${ALLIANCE_LIMITS.nameMax} 个字` }),
    kind: z.enum(ALLIANCE_KINDS, { error: '请选择联盟类型' }),
    districtCodes: z.array(z.enum(DISTRICT_CODES, { error: '请选择北京市的区' })).max(DISTRICT_CODES.length).default([]),
    theme: z.string().trim().max(ALLIANCE_LIMITS.themeMax, { error: `主题不超过 ${ALLIANCE_LIMITS.themeMax} 个字` }).default(''),
    /** Rich text as typed; the server sanitises it with the resources' allow-list before storing. */
    charterHtml: z.string().min(1, { error: '请填写联盟倡议或章程' }).max(ALLIANCE_LIMITS.charterMax, { error: '章程过长' }),
    /** One of the bases the proposer manages. */
    leadBaseId: id,
    /** Other named, active bases asked to found it with the lead; each one's managers accept first. */
    foundingBaseIds: z.array(id).max(ALLIANCE_LIMITS.foundingMax, { error: `发起单位不超过 ${ALLIANCE_LIMITS.foundingMax} 个` }).default([]),
  })
  .refine((a) => a.kind !== 'regional' || a.districtCodes.length > 0, { error: '区域联盟至少选择一个区', path: ['districtCodes'] })
  .refine((a) => a.kind !== 'thematic' || a.theme.length >= 2, { error: '主题联盟请填写主题（如一位科学家或一个领域）', path: ['theme'] })
  .refine((a) => new Set(a.foundingBaseIds).size === a.foundingBaseIds.length, { error: '发起单位不能重复', path: ['foundingBaseIds'] })
  .refine((a) => !a.foundingBaseIds.includes(a.leadBaseId), { error: '牵头单位不必再列为发起单位', path: ['foundingBaseIds'] });
export type TAllianceFields = z.infer<typeof ZAllianceFields>;

/** The proposer edits a returned proposal and sends it again. */
export const ZAllianceResubmit = z.intersection(ZAllianceFields, z.object({ allianceId: id, version: z.number().int().min(1) }));

/** A founding base's managers answer; declining sends the proposal back to the proposer with the reason. */
export const ZFoundingAnswer = z
  .object({ allianceId: id, baseId: id, accept: z.boolean(), reason })
  .refine((v) => v.accept || hasReason(v.reason), { error: '谢绝时请说明理由', path: ['reason'] });

/** The office approves a submitted proposal or returns it with a reason. */
export const ZAllianceDecision = z
  .object({ allianceId: id, version: z.number().int().min(1), decision: z.enum(['approve', 'return']), reason })
  .refine((v) => v.decision !== 'return' || hasReason(v.reason), { error: '退回时请说明理由', path: ['reason'] });

/** The coordinator invites a named base (member or observer), or a mentored unit that is not yet a base. */
export const ZAllianceInvite = z.discriminatedUnion('role', [
  z.object({ allianceId: id, role: z.literal('member'), baseId: id }),
  z.object({ allianceId: id, role: z.literal('observer'), baseId: id }),
  z.object({
    allianceId: id,
    role: z.literal('mentored'),
    organizationId: id,
    /** A base among the alliance's members that mentors the unit toward naming. */
    mentorBaseId: id,
    targetBatchYear: z.number({ error: '请填写目标批次年份' }).int().min(2022, { error: '目标批次年份不早于 2022' }).max(2099, { error: '目标批次年份不晚于 2099' }),
  }),
], { error: '请选择邀请的身份' });
export type TAllianceInvite = z.infer<typeof ZAllianceInvite>;

/** A base manager asks for one of their bases to join an approved alliance. */
export const ZAllianceJoinRequest = z.object({ allianceId: id, baseId: id });

/** The coordinator decides a join request; refusing says why. */
export const ZAllianceRequestDecision = z
  .object({ allianceId: id, memberId: id, approve: z.boolean(), reason })
  .refine((v) => v.approve || hasReason(v.reason), { error: '不同意时请说明理由', path: ['reason'] });

/** The coordinator removes an active member, always with a reason. */
export const ZAllianceRemoval = z
  .object({ allianceId: id, memberId: id, reason })
  .refine((v) => hasReason(v.reason), { error: '移出成员时请说明理由', path: ['reason'] });

/** The unit itself answers an invitation or leaves. */
export const ZAllianceInvitationAnswer = z.object({ memberId: id, accept: z.boolean() });
export const ZAllianceLeave = z.object({ memberId: id });

/** The lead hands over to another active member base; the coordinator may be handed to one of its managers. */
export const ZAllianceHandOver = z.object({ allianceId: id, newLeadMemberId: id, newCoordinatorUserId: id.optional() });

/** A new charter version (the old ones are kept). */
export const ZAllianceCharter = z.object({
  allianceId: id,
  charterHtml: z.string().min(1, { error: '请填写章程' }).max(ALLIANCE_LIMITS.charterMax, { error: '章程过长' }),
});

/** The office's list. */
export const ZAllianceOfficeList = z.object({
  status: z.enum(ALLIANCE_STATUSES).optional(),
  page: z.number().int().min(1).max(1000).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
});
