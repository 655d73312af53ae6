/**
 * Regional and thematic alliances of bases (区域联盟): who may be in one, and how a proposal moves.
 * No zod here, so the public site can import the labels.
 */
export const ALLIANCE_KINDS = ['regional', 'thematic'] as const;
export type AllianceKind = (typeof ALLIANCE_KINDS)[number];
export const ALLIANCE_KIND_LABELS: Record<AllianceKind, { zh: string; en: string }> = {
  regional: { zh: '区域联盟', en: 'Regional alliance' },
  thematic: { zh: '主题联盟', en: 'Thematic alliance' },
};

/**
 * A proposal waits for its founding members (`founders_pending`), then for the office (`submitted`);
 * the office approves it or returns it with a reason (`returned`, editable and resubmitted).
 */
export const ALLIANCE_STATUSES = ['founders_pending', 'submitted', 'returned', 'approved', 'dissolved'] as const;
export type AllianceStatus = (typeof ALLIANCE_STATUSES)[number];
export const ALLIANCE_STATUS_LABELS: Record<AllianceStatus, { zh: string; en: string }> = {
  founders_pending: { zh: '待发起单位确认', en: 'Awaiting founding members' },
  submitted: { zh: '待办公室审核', en: 'Awaiting the office' },
  returned: { zh: '已退回', en: 'Returned' },
  approved: { zh: '已批准', en: 'Approved' },
  dissolved: { zh: '已解散', en: 'Dissolved' },
};

/** A member's place in an alliance. Only named bases are lead, founding member or member. */
export const ALLIANCE_MEMBER_ROLES = ['lead', 'founding', 'member', 'mentored', 'observer'] as const;
export type AllianceMemberRole = (typeof ALLIANCE_MEMBER_ROLES)[number];
export const ALLIANCE_MEMBER_ROLE_LABELS: Record<AllianceMemberRole, { zh: string; en: string }> = {
  lead: { zh: '牵头单位', en: 'Lead' },
  founding: { zh: '发起单位', en: 'Founding member' },
  member: { zh: '成员单位', en: 'Member' },
  mentored: { zh: '培育单位', en: 'Mentored unit' },
  observer: { zh: '观察员', en: 'Observer' },
};
/** Roles only a named, active base may hold; a revoked or expired base becomes an observer. */
export const BASE_ONLY_MEMBER_ROLES: readonly AllianceMemberRole[] = ['lead', 'founding', 'member'];

/**
 * `invited` by the coordinator (or named founding member of a proposal) until the unit answers;
 * `requested` by the unit until the coordinator decides; `active` once in; then `left` or `removed`.
 */
export const ALLIANCE_MEMBER_STATUSES = ['invited', 'requested', 'active', 'declined', 'refused', 'left', 'removed'] as const;
export type AllianceMemberStatus = (typeof ALLIANCE_MEMBER_STATUSES)[number];
export const ALLIANCE_MEMBER_STATUS_LABELS: Record<AllianceMemberStatus, { zh: string; en: string }> = {
  invited: { zh: '已邀请', en: 'Invited' },
  requested: { zh: '申请加入', en: 'Asked to join' },
  active: { zh: '在盟', en: 'Member' },
  declined: { zh: '已谢绝', en: 'Declined' },
  refused: { zh: '未通过', en: 'Refused' },
  left: { zh: '已退出', en: 'Left' },
  removed: { zh: '已移出', en: 'Removed' },
};

/** Who acts on a member row: the alliance's coordinator, or a manager of the member unit itself. */
export type AllianceActor = 'coordinator' | 'unit';

/**
 * Moves of a member row, as data: which status each starts from, where it goes, who may make it, and
 * whether a reason is required (refusing and removing always say why).
 */
export const ALLIANCE_MEMBER_MOVES = {
  accept: { from: ['invited'], to: 'active', by: 'unit', reason: false },
  decline: { from: ['invited'], to: 'declined', by: 'unit', reason: false },
  approve: { from: ['requested'], to: 'active', by: 'coordinator', reason: false },
  refuse: { from: ['requested'], to: 'refused', by: 'coordinator', reason: true },
  leave: { from: ['active'], to: 'left', by: 'unit', reason: false },
  remove: { from: ['active'], to: 'removed', by: 'coordinator', reason: true },
} as const satisfies Record<string, { from: readonly AllianceMemberStatus[]; to: AllianceMemberStatus; by: AllianceActor; reason: boolean }>;
export type AllianceMemberMove = keyof typeof ALLIANCE_MEMBER_MOVES;

/** Statuses from which a unit may be invited or ask again (a past no is not forever). */
export const REJOINABLE_MEMBER_STATUSES: readonly AllianceMemberStatus[] = ['declined', 'refused', 'left', 'removed'];

/**
 * The moves open to a viewer on one member row. The lead never leaves or is removed: it hands over first.
 * Founding invitations are answered through the proposal (`answerFounding`), not here.
 */
export function allianceMemberActionsFor(
  member: { status: AllianceMemberStatus; role: AllianceMemberRole },
  viewer: { isCoordinator: boolean; managesUnit: boolean },
  allianceStatus: AllianceStatus = 'approved',
): AllianceMemberMove[] {
  if (allianceStatus !== 'approved') return [];
  return (Object.keys(ALLIANCE_MEMBER_MOVES) as AllianceMemberMove[]).filter((key) => {
    const move = ALLIANCE_MEMBER_MOVES[key];
    if (!(move.from as readonly string[]).includes(member.status)) return false;
    if (member.role === 'lead' && (key === 'leave' || key === 'remove')) return false;
    return move.by === 'coordinator' ? viewer.isCoordinator : viewer.managesUnit;
  });
}

/** Moves of a proposal: founding members answer, the office decides, the proposer edits and resubmits. */
export const ALLIANCE_PROPOSAL_MOVES = {
  answerFounding: { from: ['founders_pending'], by: 'founding' },
  approve: { from: ['submitted'], by: 'office' },
  return: { from: ['submitted'], by: 'office' },
  resubmit: { from: ['returned'], by: 'proposer' },
} as const satisfies Record<string, { from: readonly AllianceStatus[]; by: 'founding' | 'office' | 'proposer' }>;
export type AllianceProposalMove = keyof typeof ALLIANCE_PROPOSAL_MOVES;

/** The proposal moves open to a viewer, from the alliance's status and what the viewer is to it. */
export function allianceProposalActionsFor(
  status: AllianceStatus,
  viewer: { isOffice?: boolean; isProposer?: boolean; awaitsFoundingAnswer?: boolean },
): AllianceProposalMove[] {
  return (Object.keys(ALLIANCE_PROPOSAL_MOVES) as AllianceProposalMove[]).filter((key) => {
    const move = ALLIANCE_PROPOSAL_MOVES[key];
    if (!(move.from as readonly string[]).includes(status)) return false;
    if (move.by === 'office') return !!viewer.isOffice;
    if (move.by === 'proposer') return !!viewer.isProposer;
    return !!viewer.awaitsFoundingAnswer;
  });
}

/** Roles a unit may be invited to by the coordinator (lead and founding come from the proposal). */
export const ALLIANCE_INVITABLE_ROLES = ['member', 'mentored', 'observer'] as const satisfies readonly AllianceMemberRole[];
