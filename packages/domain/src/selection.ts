/**
 * What happens to a nomination once a recommender has sent it: the office's intake check, expert
 * review and the decision. Kept apart from the applicant's own status, which stays `recommended`.
 */
export const INTAKE_STATUSES = ['pending', 'correction_requested', 'accepted', 'rejected'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

export const INTAKE_STATUS_LABELS: Record<IntakeStatus, { zh: string; en: string }> = {
  pending: { zh: '待形式审查', en: 'Awaiting intake check' },
  correction_requested: { zh: '退回补正', en: 'Correction requested' },
  accepted: { zh: '已受理，进入评审', en: 'Accepted for review' },
  rejected: { zh: '形式审查未通过', en: 'Rejected at intake' },
};

export const REVIEW_ROUND_KINDS = ['initial', 'final'] as const;
export type ReviewRoundKind = (typeof REVIEW_ROUND_KINDS)[number];
export const REVIEW_ROUND_LABELS: Record<ReviewRoundKind, { zh: string; en: string }> = {
  initial: { zh: '初评', en: 'First round' },
  final: { zh: '终评', en: 'Final round' },
};

export const REVIEW_ROUND_STATUSES = ['draft', 'open', 'closed'] as const;
export type ReviewRoundStatus = (typeof REVIEW_ROUND_STATUSES)[number];

export const ASSIGNMENT_STATUSES = ['assigned', 'submitted', 'recused'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** A criterion of the score sheet; weights are relative and need not sum to 100. */
export type ReviewCriterion = { key: string; label: string; labelEn?: string; weight: number; maxScore: number };

/** The national selection standards (April 2022), the default score sheet. */
export const DEFAULT_REVIEW_CRITERIA: ReviewCriterion[] = [
  { key: 'venue', label: '独立展馆或相对独立的展示空间', labelEn: 'Independent hall or separate space', weight: 20, maxScore: 100 },
  { key: 'content', label: '以科学家（团队）故事和精神为主要内容', labelEn: "Centred on scientists' stories and spirit", weight: 25, maxScore: 100 },
  { key: 'items', label: '具有一定数量有价值的原始实物', labelEn: 'Valuable original items', weight: 20, maxScore: 100 },
  { key: 'management', label: '管理制度较为规范，有讲解队伍', labelEn: 'Formal management and guide team', weight: 15, maxScore: 100 },
  { key: 'openness', label: '常态化向社会尤其是青少年开放', labelEn: 'Regularly open, especially to young people', weight: 20, maxScore: 100 },
];

export const SELECTION_OUTCOMES = ['shortlisted', 'named', 'not_selected'] as const;
export type SelectionOutcome = (typeof SELECTION_OUTCOMES)[number];
export const SELECTION_OUTCOME_LABELS: Record<SelectionOutcome, { zh: string; en: string }> = {
  shortlisted: { zh: '拟命名（公示中）', en: 'Shortlisted' },
  named: { zh: '已命名', en: 'Named' },
  not_selected: { zh: '未入选', en: 'Not selected' },
};

export const PUBLIC_NOTICE_STATUSES = ['draft', 'published', 'closed'] as const;
export type PublicNoticeStatus = (typeof PUBLIC_NOTICE_STATUSES)[number];

export const OBJECTION_STATUSES = ['open', 'answered'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
