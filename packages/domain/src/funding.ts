/**
 * Special activity funding (专项活动工作经费): money in integer fen, budget arithmetic, the states of an
 * application and its grant as data, the budget-change rule, eligibility and the commitment ledger's sums.
 * No zod here (see `funding-input.ts`), so the public site can import labels and formatting.
 */
import { EVALUATION_OUTCOME_LABELS, outcomeAtLeast, type EvaluationOutcome } from './evaluation.ts';

// ─── Money ─────────────────────────────────────────────────────────────────────────────────────────

/** The largest amount the programme handles: 10 亿元 in fen. Keeps every sum a safe integer. */
export const MAX_FEN = 100_000_000_000;

const YUAN_PATTERN = /^(0|[1-9]\d{0,9})(\.\d{1,2})?$/;

export type YuanParse = { ok: true; fen: number } | { ok: false; message: string };

/**
 * '12.34' 元 → 1234 fen, by string arithmetic (never through a float). Refuses negatives, more than two
 * decimals, exponents, blanks and amounts beyond `MAX_FEN`. A number is accepted only when it is an
 * integer of yuan or shows at most two decimals exactly.
 */
export function parseYuan(input: string | number): YuanParse {
  const text = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input.trim().replace(/,/g, '');
  if (text.startsWith('-')) return { ok: false, message: '金额不能为负数' };
  const match = YUAN_PATTERN.exec(text);
  if (!match) {
    if (/^\d+\.\d{3,}$/.test(text)) return { ok: false, message: '金额最多保留两位小数（精确到分）' };
    return { ok: false, message: '请填写金额（元，最多两位小数）' };
  }
  const yuan = Number(match[1]);
  const decimals = (match[2] ?? '.').slice(1).padEnd(2, '0');
  const fen = yuan * 100 + Number(decimals);
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return { ok: false, message: '金额超出允许范围' };
  return { ok: true, fen };
}

/** Parses or throws (for seeds and tests). */
export function yuanToFen(input: string | number): number {
  const parsed = parseYuan(input);
  if (!parsed.ok) throw new RangeError(`${parsed.message}: ${String(input)}`);
  return parsed.fen;
}

/** 1234 fen → '12.34' (two decimals always; negative amounts keep their sign). */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123456789 fen → '1,234,567.89' for pages. */
export function formatFenGrouped(fen: number): string {
  const [whole, decimals] = formatFen(fen).split('.') as [string, string];
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${decimals}`;
}

export const isFen = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_FEN;

// ─── Budget ────────────────────────────────────────────────────────────────────────────────────────

export const DEFAULT_COST_CATEGORIES = ['设备费', '业务费', '劳务费'] as const;
export const FUNDING_KINDS = ['exhibition', 'activity', 'joint'] as const;
export type FundingKind = (typeof FUNDING_KINDS)[number];
export const FUNDING_KIND_LABELS: Record<FundingKind, { zh: string; en: string }> = {
  exhibition: { zh: '特色展览', en: 'Featured exhibition' },
  activity: { zh: '特色活动', en: 'Featured activity' },
  joint: { zh: '联合行动', en: 'Joint action' },
};

/** One budget line; `key` stays the same through budget changes so reports compare line by line. */
export type BudgetLine = { key: string; category: string; item: string; quantity: number; unitPriceFen: number; amountFen: number; justification: string };

/** quantity × unit price, refused beyond `MAX_FEN`. */
export function lineAmountFen(quantity: number, unitPriceFen: number): number {
  if (!Number.isSafeInteger(quantity) || quantity < 0 || !isFen(unitPriceFen)) throw new RangeError('bad budget line');
  const amount = quantity * unitPriceFen;
  if (!Number.isSafeInteger(amount) || amount > MAX_FEN) throw new RangeError('budget line too large');
  return amount;
}

export type BudgetTotals = { totalFen: number; byCategory: Record<string, number> };

/** The total of a budget and its sum per category (every category of the call present, 0 when empty). */
export function budgetTotals(lines: ReadonlyArray<Pick<BudgetLine, 'category' | 'amountFen'>>, categories: readonly string[] = []): BudgetTotals {
  const byCategory: Record<string, number> = Object.fromEntries(categories.map((c) => [c, 0]));
  let totalFen = 0;
  for (const line of lines) {
    byCategory[line.category] = (byCategory[line.category] ?? 0) + line.amountFen;
    totalFen += line.amountFen;
  }
  return { totalFen, byCategory };
}

// ─── Performance targets ───────────────────────────────────────────────────────────────────────────

export const FUNDING_TARGET_KEYS = ['events', 'people', 'youth', 'newMedia'] as const;
export type FundingTargetKey = (typeof FUNDING_TARGET_KEYS)[number];
export type FundingTargets = Record<FundingTargetKey, number>;
export const FUNDING_TARGET_LABELS: Record<FundingTargetKey, { zh: string; en: string }> = {
  events: { zh: '活动场次', en: 'Events' },
  people: { zh: '受众人次', en: 'People reached' },
  youth: { zh: '青少年人次', en: 'Young people reached' },
  newMedia: { zh: '新媒体作品数', en: 'New-media items' },
};

/**
 * A report's delivered figures where the project links events: the events themselves, people (the
 * activity reports' attendance), young people and new-media items (the reports' new-media links) add
 * up; what no event shows (typed figures) is kept for the targets the events do not cover.
 */
export function targetsFromEvents(
  typed: FundingTargets,
  events: ReadonlyArray<{ attendance: number; youngPeople: number; newMediaLinks: number }>,
): FundingTargets {
  if (events.length === 0) return { ...typed };
  return {
    events: events.length,
    people: events.reduce((s, e) => s + e.attendance, 0),
    youth: events.reduce((s, e) => s + e.youngPeople, 0),
    newMedia: Math.max(typed.newMedia, events.reduce((s, e) => s + e.newMediaLinks, 0)),
  };
}

// ─── States and moves ──────────────────────────────────────────────────────────────────────────────

/**
 * One row carries an application and, once approved, its grant:
 * draft → submitted → in_review → approved → agreement_confirmed → report_submitted → accepted → closed,
 * with withdrawn, refused and report_returned beside the way.
 */
export const FUNDING_STATUSES = [
  'draft',
  'submitted',
  'withdrawn',
  'in_review',
  'refused',
  'approved',
  'agreement_confirmed',
  'report_submitted',
  'report_returned',
  'accepted',
  'closed',
  'cancelled',
] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];
export const FUNDING_STATUS_LABELS: Record<FundingStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  in_review: { zh: '工作组审核中', en: 'In review' },
  refused: { zh: '不予资助', en: 'Not funded' },
  approved: { zh: '已批准，待确认协议', en: 'Approved, agreement to confirm' },
  agreement_confirmed: { zh: '执行中', en: 'In progress' },
  report_submitted: { zh: '结项报告待验收', en: 'Final report submitted' },
  report_returned: { zh: '结项报告退回修改', en: 'Final report returned' },
  accepted: { zh: '验收通过', en: 'Accepted' },
  closed: { zh: '已结项', en: 'Closed' },
  cancelled: { zh: '已撤销资助', en: 'Grant cancelled' },
};

/** Statuses in which a grant exists (money committed). */
export const GRANT_STATUSES: readonly FundingStatus[] = ['approved', 'agreement_confirmed', 'report_submitted', 'report_returned', 'accepted', 'closed', 'cancelled'];
/** Statuses in which the project runs and its final report is still owed. */
export const REPORT_OWED_STATUSES: readonly FundingStatus[] = ['approved', 'agreement_confirmed', 'report_returned'];

export type FundingActor = 'applicant' | 'office';

export const FUNDING_TRANSITIONS = {
  saveDraft: { from: ['draft'], to: 'draft', by: 'applicant' },
  submit: { from: ['draft'], to: 'submitted', by: 'applicant' },
  withdraw: { from: ['draft', 'submitted'], to: 'withdrawn', by: 'applicant' },
  assign: { from: ['submitted', 'in_review'], to: 'in_review', by: 'office' },
  approve: { from: ['in_review'], to: 'approved', by: 'office' },
  refuse: { from: ['submitted', 'in_review'], to: 'refused', by: 'office' },
  confirmAgreement: { from: ['approved'], to: 'agreement_confirmed', by: 'applicant' },
  recordTranche: { from: ['agreement_confirmed', 'report_submitted', 'report_returned', 'accepted'], to: null, by: 'office' },
  requestBudgetChange: { from: ['agreement_confirmed', 'report_returned'], to: null, by: 'applicant' },
  submitReport: { from: ['agreement_confirmed', 'report_returned'], to: 'report_submitted', by: 'applicant' },
  acceptReport: { from: ['report_submitted'], to: 'accepted', by: 'office' },
  returnReport: { from: ['report_submitted'], to: 'report_returned', by: 'office' },
  close: { from: ['agreement_confirmed', 'report_submitted', 'report_returned', 'accepted'], to: 'closed', by: 'office' },
  reduce: { from: ['approved', 'agreement_confirmed', 'report_submitted', 'report_returned'], to: null, by: 'office' },
  cancel: { from: ['approved', 'agreement_confirmed', 'report_submitted', 'report_returned'], to: 'cancelled', by: 'office' },
} as const satisfies Record<string, { from: readonly FundingStatus[]; to: FundingStatus | null; by: FundingActor }>;
export type FundingAction = keyof typeof FUNDING_TRANSITIONS;

export const FUNDING_ACTION_LABELS: Record<FundingAction, { zh: string; en: string }> = {
  saveDraft: { zh: '保存草稿', en: 'Save draft' },
  submit: { zh: '提交申请', en: 'Submit' },
  withdraw: { zh: '撤回申请', en: 'Withdraw' },
  assign: { zh: '分配工作组成员', en: 'Assign reviewers' },
  approve: { zh: '批准资助', en: 'Approve' },
  refuse: { zh: '不予资助', en: 'Refuse' },
  confirmAgreement: { zh: '确认资助协议', en: 'Confirm the agreement' },
  recordTranche: { zh: '登记拨款', en: 'Record a tranche' },
  requestBudgetChange: { zh: '申请预算调整', en: 'Request a budget change' },
  submitReport: { zh: '提交结项报告', en: 'Submit the final report' },
  acceptReport: { zh: '验收通过', en: 'Accept the report' },
  returnReport: { zh: '退回修改', en: 'Return for correction' },
  close: { zh: '结项并确定退回金额', en: 'Close the grant' },
  reduce: { zh: '核减资助金额', en: 'Reduce the award' },
  cancel: { zh: '撤销资助', en: 'Cancel the grant' },
};

export const canFundingMove = (action: FundingAction, status: FundingStatus) => (FUNDING_TRANSITIONS[action].from as readonly FundingStatus[]).includes(status);

/**
 * The moves open to a viewer: the applicant's managers see theirs (submit only while the call is open,
 * withdraw only before review, budget changes only until the project's end), the office its own.
 */
export function fundingActionsFor(
  row: { status: FundingStatus; callOpen: boolean; projectEnded: boolean },
  viewer: { isApplicant: boolean; isOffice: boolean },
): FundingAction[] {
  return (Object.keys(FUNDING_TRANSITIONS) as FundingAction[]).filter((action) => {
    const rule = FUNDING_TRANSITIONS[action];
    if (!canFundingMove(action, row.status)) return false;
    if (rule.by === 'applicant' && !viewer.isApplicant) return false;
    if (rule.by === 'office' && !viewer.isOffice) return false;
    if ((action === 'submit' || action === 'saveDraft') && !row.callOpen) return false;
    if (action === 'requestBudgetChange' && row.projectEnded) return false;
    return true;
  });
}

// ─── Budget changes ────────────────────────────────────────────────────────────────────────────────

export const BUDGET_CHANGE_KINDS = ['move', 'dates', 'scope'] as const;
export type BudgetChangeKind = (typeof BUDGET_CHANGE_KINDS)[number];
export const BUDGET_CHANGE_KIND_LABELS: Record<BudgetChangeKind, { zh: string; en: string }> = {
  move: { zh: '预算科目间调剂', en: 'Move money between lines' },
  dates: { zh: '调整执行日期', en: 'Change dates' },
  scope: { zh: '调整项目内容', en: 'Change scope' },
};
export const DEFAULT_CHANGE_THRESHOLD_PERCENT = 10;

export type BudgetChangeVerdict =
  | { ok: true; needsApproval: boolean; crossCategoryFen: number; thresholdFen: number; reason: string }
  | { ok: false; message: string };

/**
 * Whether a budget change is recorded at once or waits for the office:
 * - none after the project's end date (Beijing day);
 * - a move keeps the total (the award) and every line's key; within a category it is recorded only;
 *   money crossing categories above `thresholdPercent` of the award needs approval (equal to it does not);
 * - a change of dates or scope always needs approval.
 */
export function budgetChangeVerdict(input: {
  kind: BudgetChangeKind;
  today: string;
  projectEnd: string;
  awardFen: number;
  thresholdPercent: number;
  current: ReadonlyArray<Pick<BudgetLine, 'key' | 'category' | 'amountFen'>>;
  proposed: ReadonlyArray<Pick<BudgetLine, 'key' | 'category' | 'amountFen'>>;
}): BudgetChangeVerdict {
  if (input.today > input.projectEnd) return { ok: false, message: '项目执行期已结束，不能再申请预算调整' };
  const thresholdFen = Math.floor((input.awardFen * input.thresholdPercent) / 100);
  if (input.kind !== 'move') return { ok: true, needsApproval: true, crossCategoryFen: 0, thresholdFen, reason: '调整日期或项目内容须经办公室批准' };
  const before = budgetTotals(input.current);
  const after = budgetTotals(input.proposed);
  if (after.totalFen !== before.totalFen) return { ok: false, message: `调整后预算合计须仍为 ${formatFen(before.totalFen)} 元` };
  const currentCategoryOf = new Map(input.current.map((l) => [l.key, l.category]));
  for (const line of input.proposed) {
    const was = currentCategoryOf.get(line.key);
    if (was !== undefined && was !== line.category) return { ok: false, message: '已有预算行不能改变科目，请新增一行' };
  }
  let crossCategoryFen = 0;
  for (const category of new Set([...Object.keys(before.byCategory), ...Object.keys(after.byCategory)])) {
    const delta = (after.byCategory[category] ?? 0) - (before.byCategory[category] ?? 0);
    if (delta > 0) crossCategoryFen += delta;
  }
  if (crossCategoryFen === 0) return { ok: true, needsApproval: false, crossCategoryFen, thresholdFen, reason: '同一科目内调剂，备案即可' };
  const needsApproval = crossCategoryFen > thresholdFen;
  return {
    ok: true,
    needsApproval,
    crossCategoryFen,
    thresholdFen,
    reason: needsApproval
      ? `跨科目调剂 ${formatFen(crossCategoryFen)} 元，超过阈值 ${formatFen(thresholdFen)} 元，须经办公室批准`
      : `跨科目调剂 ${formatFen(crossCategoryFen)} 元，未超过阈值 ${formatFen(thresholdFen)} 元，备案即可`,
  };
}

export const BUDGET_CHANGE_STATUSES = ['recorded', 'pending', 'approved', 'refused'] as const;
export type BudgetChangeStatus = (typeof BUDGET_CHANGE_STATUSES)[number];
export const BUDGET_CHANGE_STATUS_LABELS: Record<BudgetChangeStatus, { zh: string; en: string }> = {
  recorded: { zh: '已备案', en: 'Recorded' },
  pending: { zh: '待办公室批准', en: 'Awaiting the office' },
  approved: { zh: '已批准', en: 'Approved' },
  refused: { zh: '未批准', en: 'Refused' },
};

// ─── Eligibility ───────────────────────────────────────────────────────────────────────────────────

export type CallWindow = { opensAt: Date | string; closesAt: Date | string; status: 'draft' | 'open' | 'closed' };
export const isCallOpen = (call: CallWindow, now: Date) =>
  call.status === 'open' && new Date(call.opensAt).getTime() <= now.getTime() && now.getTime() < new Date(call.closesAt).getTime();

export const FUNDING_CALL_STATUSES = ['draft', 'open', 'closed'] as const;
export type FundingCallStatus = (typeof FUNDING_CALL_STATUSES)[number];
export const FUNDING_CALL_STATUS_LABELS: Record<FundingCallStatus, { zh: string; en: string }> = {
  draft: { zh: '未发布', en: 'Not published' },
  open: { zh: '已发布', en: 'Published' },
  closed: { zh: '已关闭', en: 'Closed' },
};

/**
 * Why a base may not apply to a call (empty: it may). A named base must be active; a joint action is
 * applied for through an alliance when the call admits alliances; an overdue final report of an earlier
 * grant blocks, naming the project.
 */
export function fundingEligibilityProblems(input: {
  call: CallWindow & { kinds: readonly FundingKind[]; allowAlliances: boolean };
  now: Date;
  baseStatus: string;
  kind: FundingKind;
  viaAlliance: boolean;
  overdueReports: ReadonlyArray<{ title: string; dueOn: string }>;
  /** The call's minimum evaluation outcome and the base's latest one (`outcomeAtLeast`). */
  minOutcome?: EvaluationOutcome | null;
  latestOutcome?: EvaluationOutcome | null;
}): string[] {
  const problems: string[] = [];
  if (!isCallOpen(input.call, input.now)) problems.push('本次申报不在开放时间内');
  if (input.baseStatus !== 'active') problems.push('只有状态正常的命名基地可以申请');
  if (!input.call.kinds.includes(input.kind)) problems.push('本次申报不接受该类项目');
  if (input.viaAlliance && !input.call.allowAlliances) problems.push('本次申报不接受联盟申请');
  if (input.viaAlliance && input.kind !== 'joint') problems.push('联盟只能申请联合行动项目');
  if (input.minOutcome && !outcomeAtLeast(input.latestOutcome, input.minOutcome)) {
    problems.push(`本次申报要求基地最近一次年度考核结果为“${EVALUATION_OUTCOME_LABELS[input.minOutcome].zh}”或以上${input.latestOutcome ? `（最近一次为“${EVALUATION_OUTCOME_LABELS[input.latestOutcome].zh}”）` : '（尚无考核结果）'}`);
  }
  for (const report of input.overdueReports) problems.push(`项目《${report.title}》的结项报告已逾期（应于 ${report.dueOn} 前提交），请先提交`);
  return problems;
}

/** A final report is overdue the day after it was due (Beijing days). */
export const isReportOverdue = (status: FundingStatus, dueOn: string | null, today: string) =>
  dueOn !== null && REPORT_OWED_STATUSES.includes(status) && today > dueOn;

/** The date the owed report is due: the correction deadline once returned, else the final report's due day. */
export const reportDueDate = (row: { status: FundingStatus; reportDueOn: string | null; reportReturnDeadline: string | null }) =>
  row.status === 'report_returned' ? (row.reportReturnDeadline ?? row.reportDueOn) : row.reportDueOn;

export const FUNDING_REMINDER_KINDS = ['day_before', 'due_day', 'week_late'] as const;
export type FundingReminderKind = (typeof FUNDING_REMINDER_KINDS)[number];

/**
 * Which reminder about a due day is owed today (each is sent once per due day): the day before, on the
 * day (or the first run after it, within the week), and a week late (or any later run).
 */
export function reminderKindFor(dueOn: string, today: string): FundingReminderKind | null {
  if (today >= addDays(dueOn, 7)) return 'week_late';
  if (today >= dueOn) return 'due_day';
  if (today === addDays(dueOn, -1)) return 'day_before';
  return null;
}

/** Days a report is late (0 when not yet due). */
export function daysLate(dueOn: string, today: string): number {
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000));
}

// ─── The commitment ledger ─────────────────────────────────────────────────────────────────────────

export const LEDGER_KINDS = ['commitment', 'release', 'disbursement', 'refund'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const LEDGER_KIND_LABELS: Record<LedgerKind, { zh: string; en: string }> = {
  commitment: { zh: '批准承诺', en: 'Commitment' },
  release: { zh: '释放额度', en: 'Release' },
  disbursement: { zh: '拨付', en: 'Disbursement' },
  refund: { zh: '退回', en: 'Refund' },
};

export type LedgerTotals = {
  poolFen: number;
  /** Σ commitments − releases − refunds: money promised and not given back. */
  committedFen: number;
  disbursedFen: number;
  returnedFen: number;
  /** pool − committed, at every moment. */
  availableFen: number;
};

export function ledgerTotals(poolFen: number, entries: ReadonlyArray<{ kind: LedgerKind; amountFen: number }>): LedgerTotals {
  let commitments = 0;
  let releases = 0;
  let disbursedFen = 0;
  let returnedFen = 0;
  for (const e of entries) {
    if (e.kind === 'commitment') commitments += e.amountFen;
    else if (e.kind === 'release') releases += e.amountFen;
    else if (e.kind === 'disbursement') disbursedFen += e.amountFen;
    else returnedFen += e.amountFen;
  }
  const committedFen = commitments - releases - returnedFen;
  return { poolFen, committedFen, disbursedFen, returnedFen, availableFen: poolFen - committedFen };
}

/** One grant's figures: the award (commitments − releases), paid, returned, still to pay. */
export function grantTotals(entries: ReadonlyArray<{ kind: LedgerKind; amountFen: number }>) {
  const t = ledgerTotals(0, entries);
  const awardFen = t.committedFen + t.returnedFen;
  return { awardFen, disbursedFen: t.disbursedFen, returnedFen: t.returnedFen, undisbursedFen: awardFen - t.disbursedFen, netFen: t.disbursedFen - t.returnedFen };
}

/**
 * Closing a grant: the base returns `refundFen` of what it was paid (unspent or disallowed), and what
 * was never paid is released back to the pool.
 */
export function closingEntries(entries: ReadonlyArray<{ kind: LedgerKind; amountFen: number }>, refundFen: number): { kind: LedgerKind; amountFen: number }[] | { message: string } {
  const g = grantTotals(entries);
  if (!isFen(refundFen)) return { message: '退回金额不正确' };
  if (refundFen > g.netFen) return { message: `退回金额不能超过已拨付的 ${formatFen(g.netFen)} 元` };
  const out: { kind: LedgerKind; amountFen: number }[] = [];
  if (refundFen > 0) out.push({ kind: 'refund', amountFen: refundFen });
  if (g.undisbursedFen > 0) out.push({ kind: 'release', amountFen: g.undisbursedFen });
  return out;
}

/**
 * Reducing an award: the part given up is released back to the pool. The new award stays above 0 (to
 * give everything up, cancel) and never below what the base holds (paid − returned).
 */
export function reductionEntries(entries: ReadonlyArray<{ kind: LedgerKind; amountFen: number }>, newAwardFen: number): { kind: LedgerKind; amountFen: number }[] | { message: string } {
  const g = grantTotals(entries);
  if (!isFen(newAwardFen) || newAwardFen === 0) return { message: '核减后的资助金额须大于 0（全部撤回请撤销资助）' };
  if (newAwardFen >= g.awardFen) return { message: `核减后的金额须少于现资助金额 ${formatFen(g.awardFen)} 元` };
  if (newAwardFen < g.netFen) return { message: `核减后的金额不能少于已拨付的 ${formatFen(g.netFen)} 元` };
  return [{ kind: 'release', amountFen: g.awardFen - newAwardFen }];
}

/**
 * Cancelling a grant (撤销资助) is closing it early: the base returns `refundFen` of what it was paid
 * (at most paid − returned) and the unpaid part of the award is released back to the pool.
 */
export function cancellationEntries(entries: ReadonlyArray<{ kind: LedgerKind; amountFen: number }>, refundFen: number) {
  return closingEntries(entries, refundFen);
}

/**
 * An award split into tranches by the call's percentages, in whole fen: each tranche rounded down and the
 * last one takes what is left, so the tranches add up to the award exactly.
 */
export function trancheAmounts(awardFen: number, percents: readonly number[]): number[] {
  if (!isFen(awardFen) || percents.length === 0) return [];
  const out = percents.map((p) => Math.floor((awardFen * p) / 100));
  out[out.length - 1] = awardFen - out.slice(0, -1).reduce((s, v) => s + v, 0);
  return out;
}

/** A tranche split is whole percentages above 0 adding up to 100, at most 6 tranches. */
export const isTrancheSplit = (percents: readonly number[]) =>
  percents.length >= 1 && percents.length <= 6 && percents.every((p) => Number.isInteger(p) && p > 0 && p <= 100) && percents.reduce((s, p) => s + p, 0) === 100;
export const DEFAULT_TRANCHE_PERCENTS = [70, 30] as const;

/** Final report arithmetic: each line's actual spending against its current budget. */
export function spendingAgainstBudget(lines: ReadonlyArray<Pick<BudgetLine, 'key' | 'item' | 'category' | 'amountFen'>>, actual: Record<string, number>) {
  const rows = lines.map((l) => {
    const spentFen = actual[l.key] ?? 0;
    return { key: l.key, item: l.item, category: l.category, budgetFen: l.amountFen, spentFen, varianceFen: spentFen - l.amountFen };
  });
  const budgetFen = rows.reduce((s, r) => s + r.budgetFen, 0);
  const spentFen = rows.reduce((s, r) => s + r.spentFen, 0);
  return { rows, budgetFen, spentFen, unspentFen: Math.max(0, budgetFen - spentFen) };
}

/** The working group's recommendation flags reviews whose proposed amounts differ by more than this share. */
export const AMOUNT_DISAGREEMENT_PERCENT = 30;
export const SCORE_DISAGREEMENT_POINTS = 20;
export const MIN_REVIEWS_FOR_RECOMMENDATION = 2;

/**
 * The approved budget when the award is below the request: every line cut in proportion, in whole fen,
 * the fen left over by rounding down given to the largest remainders (then the earliest lines), so the
 * lines add up to the award exactly. Quantities stay; the unit price becomes the amount (quantity 1).
 */
export function scaleLines<T extends Pick<BudgetLine, 'key' | 'amountFen' | 'quantity' | 'unitPriceFen'>>(lines: readonly T[], awardFen: number): T[] {
  const total = lines.reduce((s, l) => s + l.amountFen, 0);
  if (awardFen >= total) return lines.map((l) => ({ ...l }));
  const shares = lines.map((l, i) => {
    const exact = BigInt(l.amountFen) * BigInt(awardFen);
    const whole = Number(exact / BigInt(total));
    return { i, whole, remainder: Number(exact % BigInt(total)) };
  });
  let left = awardFen - shares.reduce((s, x) => s + x.whole, 0);
  const order = [...shares].sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const s of order) {
    if (left === 0) break;
    s.whole += 1;
    left -= 1;
  }
  return lines.map((l, i) => {
    const amountFen = shares[i]!.whole;
    return amountFen === l.amountFen ? { ...l } : { ...l, quantity: 1, unitPriceFen: amountFen, amountFen };
  });
}

/** A date plus days (YYYY-MM-DD, calendar arithmetic). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
