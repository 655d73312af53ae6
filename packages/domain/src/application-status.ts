/**
 * The application's life, written once as data: the server enforces it and the pages read it to
 * decide which buttons to show.
 */
export const APPLICATION_STATUSES = ['draft', 'submitted', 'returned', 'recommended', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交，待推荐', en: 'Submitted' },
  returned: { zh: '已退回修改', en: 'Returned for changes' },
  recommended: { zh: '已推荐', en: 'Recommended' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export type ApplicationAction = 'submit' | 'withdraw' | 'reopen' | 'return' | 'recommend' | 'unrecommend';

type Transition = { from: readonly ApplicationStatus[]; to: ApplicationStatus; by: 'applicant' | 'recommender'; phase: 'application' | 'recommendation' };

export const APPLICATION_TRANSITIONS: Record<ApplicationAction, Transition> = {
  /** Send to the chosen recommender; a returned application is resubmitted the same way. */
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'applicant', phase: 'application' },
  /** The applicant takes it back, possible until it is recommended. */
  withdraw: { from: ['submitted'], to: 'withdrawn', by: 'applicant', phase: 'application' },
  /** A withdrawn application becomes an editable draft again. */
  reopen: { from: ['withdrawn'], to: 'draft', by: 'applicant', phase: 'application' },
  return: { from: ['submitted'], to: 'returned', by: 'recommender', phase: 'recommendation' },
  recommend: { from: ['submitted'], to: 'recommended', by: 'recommender', phase: 'recommendation' },
  /** The recommender withdraws a recommendation before the deadline, freeing the quota place. */
  unrecommend: { from: ['recommended'], to: 'submitted', by: 'recommender', phase: 'recommendation' },
};

export const ACTION_LABELS: Record<ApplicationAction, { zh: string; en: string }> = {
  submit: { zh: '提交', en: 'Submit' },
  withdraw: { zh: '撤回申报', en: 'Withdraw' },
  reopen: { zh: '重新编辑', en: 'Edit again' },
  return: { zh: '退回修改', en: 'Return' },
  recommend: { zh: '推荐', en: 'Recommend' },
  unrecommend: { zh: '撤销推荐', en: 'Withdraw recommendation' },
};

export const isEditableStatus = (status: ApplicationStatus) => status === 'draft' || status === 'returned';

export function availableActions(status: ApplicationStatus, by: 'applicant' | 'recommender'): ApplicationAction[] {
  return (Object.entries(APPLICATION_TRANSITIONS) as Array<[ApplicationAction, Transition]>)
    .filter(([, t]) => t.by === by && t.from.includes(status))
    .map(([action]) => action);
}
