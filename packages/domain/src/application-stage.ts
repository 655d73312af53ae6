import type { ApplicationStatus } from './application-status.ts';
import type { IntakeStatus, SelectionOutcome } from './selection.ts';

/**
 * Where a file really is, for the people who sent it: the application's own status until it is
 * recommended, then the step the office has reached with it (the rows kept beside it), so the
 * applicant never reads 已推荐 while the file is on 公示.
 */
export const APPLICATION_STAGES = [
  'draft',
  'submitted',
  'returned',
  'withdrawn',
  'intake',
  'correction',
  'intake_rejected',
  'accepted',
  'review',
  'shortlisted',
  'notice',
  'named',
  'not_selected',
] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];

export const APPLICATION_STAGE_LABELS: Record<ApplicationStage, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交，待推荐', en: 'Submitted, awaiting recommendation' },
  returned: { zh: '已退回修改', en: 'Returned for changes' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  intake: { zh: '已推荐，形式审查中', en: 'Recommended, intake check' },
  correction: { zh: '形式审查：待补正', en: 'Intake: correction requested' },
  intake_rejected: { zh: '形式审查未通过', en: 'Rejected at intake' },
  accepted: { zh: '已受理，待专家评审', en: 'Accepted, awaiting expert review' },
  review: { zh: '专家评审中', en: 'Expert review' },
  shortlisted: { zh: '拟命名', en: 'Shortlisted' },
  notice: { zh: '公示中', en: 'On public notice' },
  named: { zh: '已命名', en: 'Named' },
  not_selected: { zh: '未入选', en: 'Not selected' },
};

/** How a stage is shown: neutral, under way, needs the applicant, good news, or the end of the road. */
export const APPLICATION_STAGE_TONES: Record<ApplicationStage, 'info' | 'primary' | 'warning' | 'success' | 'danger'> = {
  draft: 'info',
  submitted: 'primary',
  returned: 'warning',
  withdrawn: 'info',
  intake: 'primary',
  correction: 'warning',
  intake_rejected: 'danger',
  accepted: 'primary',
  review: 'primary',
  shortlisted: 'success',
  notice: 'success',
  named: 'success',
  not_selected: 'info',
};

export type StageFacts = {
  status: ApplicationStatus;
  intake: IntakeStatus | null;
  decision: SelectionOutcome | null;
  /** Listed on a published (or closed) public notice. */
  onNotice: boolean;
  /** Assigned to experts in a round the office has opened. */
  inReview: boolean;
};

export function applicationStage(f: StageFacts): ApplicationStage {
  if (f.status !== 'recommended') return f.status;
  if (f.decision === 'named') return 'named';
  if (f.decision === 'not_selected') return 'not_selected';
  if (f.decision === 'shortlisted') return f.onNotice ? 'notice' : 'shortlisted';
  if (f.intake === 'rejected') return 'intake_rejected';
  if (f.intake === 'correction_requested') return 'correction';
  if (f.intake === 'accepted') return f.inReview ? 'review' : 'accepted';
  return 'intake';
}
