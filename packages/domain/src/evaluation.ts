/**
 * Life after naming (动态管理): the yearly report, its evaluation on the programme's six dimensions, the
 * office's outcome, rectification and revocation. Rules only — the services apply them.
 */
import type { OpeningHours } from './bases.ts';

type Label = { zh: string; en: string };

// ─── The six dimensions (场馆设施、展陈、讲解员、教育活动、新媒体、管理制度) ─────────────────────────

export const EVALUATION_DIMENSIONS = ['facilities', 'exhibits', 'guides', 'education', 'new_media', 'management'] as const;
export type EvaluationDimension = (typeof EVALUATION_DIMENSIONS)[number];
export const EVALUATION_DIMENSION_LABELS: Record<EvaluationDimension, Label> = {
  facilities: { zh: '场馆设施', en: 'Venue and facilities' },
  exhibits: { zh: '展陈', en: 'Exhibition' },
  guides: { zh: '讲解员', en: 'Guides' },
  education: { zh: '教育活动', en: 'Education activities' },
  new_media: { zh: '新媒体', en: 'New media' },
  management: { zh: '管理制度', en: 'Management rules' },
};

export type DimensionWeights = Record<EvaluationDimension, number>;
/** The office's default weights (they add up to 100); each round may set its own. */
export const DEFAULT_DIMENSION_WEIGHTS: DimensionWeights = { facilities: 15, exhibits: 20, guides: 15, education: 25, new_media: 10, management: 15 };

export const MAX_DIMENSION_SCORE = 100;

/** Weights must be whole numbers ≥ 0 adding up to 100, so a weighted score stays on the 0–100 scale. */
export function weightsProblem(weights: DimensionWeights): string | null {
  const values = EVALUATION_DIMENSIONS.map((d) => weights[d]);
  if (values.some((v) => !Number.isInteger(v) || v < 0 || v > 100)) return '每项权重应为 0–100 的整数';
  const sum = values.reduce((a, b) => a + b, 0);
  return sum === 100 ? null : `六个维度的权重合计应为 100，现为 ${sum}`;
}

/** Σ score × weight / Σ weight, to one decimal (half up); null when a dimension is unscored. */
export function weightedScore(scores: Partial<Record<EvaluationDimension, number>>, weights: DimensionWeights): number | null {
  let total = 0;
  let weightSum = 0;
  for (const d of EVALUATION_DIMENSIONS) {
    const score = scores[d];
    if (score === undefined || score === null) return null;
    total += score * weights[d];
    weightSum += weights[d];
  }
  if (weightSum === 0) return null;
  return Math.round((total / weightSum) * 10) / 10;
}

/** Mean of the submitted weighted scores, to one decimal; null with none. */
export function meanScore(values: ReadonlyArray<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  return Math.round((present.reduce((a, b) => a + b, 0) / present.length) * 10) / 10;
}

// ─── Outcomes ─────────────────────────────────────────────────────────────────────────────────────

export const EVALUATION_OUTCOMES = ['excellent', 'pass', 'rectify', 'fail'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];
export const EVALUATION_OUTCOME_LABELS: Record<EvaluationOutcome, Label> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  pass: { zh: '合格', en: 'Pass' },
  rectify: { zh: '限期整改', en: 'Rectify by a deadline' },
  fail: { zh: '不合格', en: 'Fail' },
};
/** Higher is better: 优秀 > 合格 > 限期整改 > 不合格. */
export const OUTCOME_RANK: Record<EvaluationOutcome, number> = { excellent: 3, pass: 2, rectify: 1, fail: 0 };

/** Whether an outcome is the minimum or better; no outcome (never evaluated) meets no minimum. */
export const outcomeAtLeast = (outcome: EvaluationOutcome | null | undefined, minimum: EvaluationOutcome) =>
  outcome != null && OUTCOME_RANK[outcome] >= OUTCOME_RANK[minimum];

/** What the public summary counts: the four outcomes, and the revocations that followed. */
export const PUBLIC_OUTCOME_KEYS = ['excellent', 'pass', 'rectify', 'fail', 'revoked'] as const;
export type PublicOutcomeKey = (typeof PUBLIC_OUTCOME_KEYS)[number];
export const PUBLIC_OUTCOME_LABELS: Record<PublicOutcomeKey, Label> = {
  ...EVALUATION_OUTCOME_LABELS,
  rectify: { zh: '整改', en: 'Under rectification' },
  revoked: { zh: '撤销', en: 'Revoked' },
};

/** The register status an outcome leads to: 限期整改 puts the base under rectification, 不合格 revokes it. */
export function baseStatusAfterOutcome(outcome: EvaluationOutcome, current: string): 'active' | 'rectification' | 'revoked' | null {
  if (outcome === 'rectify') return current === 'rectification' ? null : 'rectification';
  if (outcome === 'fail') return 'revoked';
  return current === 'rectification' ? 'active' : null;
}

/** Default time given to rectify (comparable programmes: six months). */
export const DEFAULT_RECTIFICATION_MONTHS = 6;

// ─── The platform's own figures for a year ─────────────────────────────────────────────────────────

export const REPORT_FIGURES = [
  'daysOpen', 'eventsHeld', 'peopleReached', 'youngPeopleReached', 'resourcesPublished', 'resourcesShared', 'newMediaItems', 'fundingReceivedFen', 'fundingSpentFen',
] as const;
export type ReportFigure = (typeof REPORT_FIGURES)[number];
export const REPORT_FIGURE_LABELS: Record<ReportFigure, Label & { unit: Label; money?: true }> = {
  daysOpen: { zh: '开放天数', en: 'Days open', unit: { zh: '天', en: 'days' } },
  eventsHeld: { zh: '举办活动', en: 'Events held', unit: { zh: '场', en: 'events' } },
  peopleReached: { zh: '服务人次', en: 'People reached', unit: { zh: '人次', en: 'people' } },
  youngPeopleReached: { zh: '青少年人次', en: 'Young people reached', unit: { zh: '人次', en: 'young people' } },
  resourcesPublished: { zh: '发布资源', en: 'Resources published', unit: { zh: '项', en: 'items' } },
  resourcesShared: { zh: '资源共享（借出）', en: 'Resources shared (lent)', unit: { zh: '次', en: 'bookings' } },
  newMediaItems: { zh: '新媒体作品', en: 'New-media items', unit: { zh: '项', en: 'items' } },
  fundingReceivedFen: { zh: '获拨专项经费', en: 'Funding received', unit: { zh: '元', en: 'CNY' }, money: true },
  fundingSpentFen: { zh: '专项经费支出', en: 'Funding spent', unit: { zh: '元', en: 'CNY' }, money: true },
};

/** Where a figure comes from, in words and with the records it counted. */
export type FigureSource = { zh: string; en: string; records: number };
export type ReportFigureValue = { platform: number; source: FigureSource; corrected: number | null; reason: string | null };
export type ReportFigures = Record<ReportFigure, ReportFigureValue>;

/** The figure the report states: the base's correction when it made one, else the platform's. */
export const statedFigure = (f: ReportFigureValue) => f.corrected ?? f.platform;

export const MIN_CORRECTION_REASON = 5;

/** A corrected figure needs a reason (at least a few words) the reviewer reads; a correction equal to the platform's is none. */
export function correctionProblems(corrections: Partial<Record<ReportFigure, { value: number | null; reason?: string | null }>>, platform: Record<ReportFigure, number>) {
  const problems: Array<{ figure: ReportFigure; message: string }> = [];
  for (const figure of REPORT_FIGURES) {
    const c = corrections[figure];
    if (!c || c.value === null || c.value === platform[figure]) continue;
    if (!Number.isInteger(c.value) || c.value < 0) problems.push({ figure, message: `${REPORT_FIGURE_LABELS[figure].zh}应为非负整数` });
    else if ((c.reason ?? '').trim().length < MIN_CORRECTION_REASON) problems.push({ figure, message: `修改“${REPORT_FIGURE_LABELS[figure].zh}”需写明理由（至少 ${MIN_CORRECTION_REASON} 个字）` });
  }
  if (corrections.youngPeopleReached || corrections.peopleReached) {
    const young = corrections.youngPeopleReached?.value ?? platform.youngPeopleReached;
    const people = corrections.peopleReached?.value ?? platform.peopleReached;
    if (young > people) problems.push({ figure: 'youngPeopleReached', message: '青少年人次不能超过服务人次' });
  }
  return problems;
}

/** Days of a calendar year whose weekday has opening hours (1 = Monday … 7 = Sunday). */
export function daysOpenInYear(hours: OpeningHours, year: number): number {
  const weekdays = new Set(hours.map((h) => h.weekday));
  if (weekdays.size === 0) return 0;
  let days = 0;
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
    if (weekdays.has(weekday)) days += 1;
  }
  return days;
}

// ─── States and who moves them ─────────────────────────────────────────────────────────────────────

export const EVALUATION_ROUND_STATUSES = ['open', 'reviewing', 'closed'] as const;
export type EvaluationRoundStatus = (typeof EVALUATION_ROUND_STATUSES)[number];
export const EVALUATION_ROUND_STATUS_LABELS: Record<EvaluationRoundStatus, Label> = {
  open: { zh: '填报中', en: 'Reporting' },
  reviewing: { zh: '评估中', en: 'Evaluating' },
  closed: { zh: '已结束', en: 'Closed' },
};

export const ANNUAL_REPORT_STATUSES = ['draft', 'submitted'] as const;
export type AnnualReportStatus = (typeof ANNUAL_REPORT_STATUSES)[number];
/** Shown per base in a round: a report not yet started counts as 未填报; past the deadline, 逾期. */
export const REPORT_STATE_LABELS: Record<'missing' | 'draft' | 'submitted' | 'overdue', Label> = {
  missing: { zh: '未填报', en: 'Not started' },
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  overdue: { zh: '逾期未报', en: 'Overdue' },
};
export function reportState(report: { status: AnnualReportStatus } | null, dueAt: Date, now: Date): 'missing' | 'draft' | 'submitted' | 'overdue' {
  if (report?.status === 'submitted') return 'submitted';
  if (now > dueAt) return 'overdue';
  return report ? 'draft' : 'missing';
}

export const RECTIFICATION_STATUSES = ['open', 'answered', 'passed', 'failed'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, Label> = {
  open: { zh: '整改中', en: 'Open' },
  answered: { zh: '待复查', en: 'Awaiting re-check' },
  passed: { zh: '复查通过', en: 'Passed re-check' },
  failed: { zh: '复查未通过（撤销）', en: 'Failed re-check (revoked)' },
};

export const EVALUATION_ACTIONS = {
  // the office, on a round
  closeReporting: { on: 'round', from: ['open'], by: 'office' },
  assign: { on: 'round', from: ['open', 'reviewing'], by: 'office' },
  decide: { on: 'round', from: ['reviewing'], by: 'office' },
  closeRound: { on: 'round', from: ['reviewing'], by: 'office' },
  // the base's managers, on their report
  saveReport: { on: 'report', from: ['draft'], by: 'base' },
  submitReport: { on: 'report', from: ['draft'], by: 'base' },
  // the base, then the office, on a rectification
  answerRectification: { on: 'rectification', from: ['open'], by: 'base' },
  recheckPass: { on: 'rectification', from: ['open', 'answered'], by: 'office' },
  recheckFail: { on: 'rectification', from: ['open', 'answered'], by: 'office' },
} as const;
export type EvaluationAction = keyof typeof EVALUATION_ACTIONS;
export const EVALUATION_ACTION_LABELS: Record<EvaluationAction, Label> = {
  closeReporting: { zh: '截止填报，进入评估', en: 'Close reporting, start evaluating' },
  assign: { zh: '分配评审专家', en: 'Assign reviewers' },
  decide: { zh: '确定考核结果', en: 'Decide outcomes' },
  closeRound: { zh: '结束本轮考核', en: 'Close the round' },
  saveReport: { zh: '保存草稿', en: 'Save draft' },
  submitReport: { zh: '提交年度报告', en: 'Submit the report' },
  answerRectification: { zh: '提交整改答复', en: 'Answer the points' },
  recheckPass: { zh: '复查通过', en: 'Re-check: passed' },
  recheckFail: { zh: '复查未通过，撤销命名', en: 'Re-check failed: revoke' },
};

type Viewer = { isOffice: boolean; isManager: boolean };

export function roundActionsFor(round: { status: EvaluationRoundStatus }, viewer: Viewer): EvaluationAction[] {
  return (['closeReporting', 'assign', 'decide', 'closeRound'] as const).filter(
    (a) => viewer.isOffice && (EVALUATION_ACTIONS[a].from as readonly string[]).includes(round.status),
  );
}

/** The base saves and submits while the round takes reports and before its deadline; a submitted report is final. */
export function reportActionsFor(report: { status: AnnualReportStatus }, round: { status: EvaluationRoundStatus; reportDueAt: Date }, viewer: Viewer, now: Date): EvaluationAction[] {
  if (!viewer.isManager || report.status !== 'draft' || round.status !== 'open' || now > round.reportDueAt) return [];
  return ['saveReport', 'submitReport'];
}

/** The base answers before the deadline; the office re-checks once answered, or once the deadline has passed. */
export function rectificationActionsFor(row: { status: RectificationStatus; deadline: string }, viewer: Viewer, today: string): EvaluationAction[] {
  const actions: EvaluationAction[] = [];
  if (viewer.isManager && row.status === 'open' && today <= row.deadline) actions.push('answerRectification');
  if (viewer.isOffice && (row.status === 'answered' || (row.status === 'open' && today > row.deadline))) actions.push('recheckPass', 'recheckFail');
  return actions;
}

/** A question of the report form beyond the figures and the six texts (editable like the 申报表's fields). */
export type ReportFormField = { key: string; label: string; required: boolean; maxLength: number };
export const DEFAULT_REPORT_FORM_FIELDS: ReportFormField[] = [
  { key: 'highlights', label: '年度工作亮点', required: true, maxLength: 2000 },
  { key: 'next_year_plan', label: '下一年度工作计划', required: false, maxLength: 2000 },
];

/** A rectification's deadline: `months` after the decision day (Beijing), on the same day of the month or the month's last. */
export function rectificationDeadline(decidedOn: string, months = DEFAULT_RECTIFICATION_MONTHS) {
  const [y, m, d] = decidedOn.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + months, d));
  if (end.getUTCDate() !== d) end.setUTCDate(0);
  return end.toISOString().slice(0, 10);
}
