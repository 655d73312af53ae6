import { describe, expect, it } from 'vitest';
import {
  MAX_FEN, budgetChangeVerdict, budgetTotals, closingEntries, formatFen, fundingActionsFor, fundingEligibilityProblems,
  grantTotals, ledgerTotals, lineAmountFen, parseYuan, spendingAgainstBudget, yuanToFen,
  cancellationEntries, daysLate, isTrancheSplit, reductionEntries, reminderKindFor, reportDueDate, targetsFromEvents, trancheAmounts,
} from './funding.ts';
import { ZBudgetLineInput, ZFundingDecisionInput, ZYuan } from './funding-input.ts';

describe('money in fen', () => {
  it('parses yuan strings by their digits, never through a float', () => {
    expect(parseYuan('12.34')).toEqual({ ok: true, fen: 1234 });
    expect(parseYuan('0.01')).toEqual({ ok: true, fen: 1 });
    expect(parseYuan('0.1')).toEqual({ ok: true, fen: 10 });
    expect(parseYuan('100')).toEqual({ ok: true, fen: 10000 });
    expect(parseYuan('1,000.5')).toEqual({ ok: true, fen: 100050 });
    expect(parseYuan(0.29)).toEqual({ ok: true, fen: 29 }); // 0.29 * 100 = 28.999999999999996 as a float
    expect(parseYuan('1000000000')).toEqual({ ok: true, fen: MAX_FEN });
  });
  it('refuses negatives, three decimals, exponents, blanks and too much', () => {
    for (const bad of ['-1', '-0.01', '1.234', '1e3', '', ' ', 'abc', '01', '1.', '.5', '1000000000.01', 'NaN', 'Infinity']) expect(parseYuan(bad).ok, bad).toBe(false);
    expect(parseYuan(-3).ok).toBe(false);
    expect(parseYuan(0.001).ok).toBe(false);
    expect(parseYuan(Number.NaN).ok).toBe(false);
    expect(parseYuan('1.234')).toMatchObject({ message: '金额最多保留两位小数（精确到分）' });
  });
  it('formats with two decimals and round-trips', () => {
    expect(formatFen(1)).toBe('0.01');
    expect(formatFen(1234)).toBe('12.34');
    expect(formatFen(100000)).toBe('1000.00');
    expect(formatFen(-250)).toBe('-2.50');
    for (const fen of [0, 1, 9, 10, 99, 100, 101, 123456789, MAX_FEN]) expect(yuanToFen(formatFen(fen))).toBe(fen);
    expect(() => formatFen(0.5)).toThrow();
  });
  it('the zod field gives fen and Chinese messages', () => {
    expect(ZYuan.parse('0.01')).toBe(1);
    expect(ZYuan.safeParse('1.005').error?.issues[0]?.message).toBe('金额最多保留两位小数（精确到分）');
    expect(ZYuan.safeParse('-5').error?.issues[0]?.message).toBe('金额不能为负数');
    expect(ZBudgetLineInput.safeParse({ category: '业务费', item: '展板', quantity: 1.5, unitPrice: '1' }).error?.issues[0]?.message).toBe('数量须为整数');
    expect(ZFundingDecisionInput.safeParse({ applicationId: '00000000-0000-4000-8000-000000000000', decision: 'refuse', reason: '' }).error?.issues[0]?.message).toBe('不予资助时请说明理由');
  });
});

describe('budget arithmetic', () => {
  it('lines multiply and total per category', () => {
    expect(lineAmountFen(3, 1)).toBe(3);
    expect(() => lineAmountFen(2, MAX_FEN)).toThrow();
    const t = budgetTotals([
      { category: '设备费', amountFen: 1 },
      { category: '业务费', amountFen: 99 },
      { category: '业务费', amountFen: 1 },
    ], ['设备费', '业务费', '劳务费']);
    expect(t).toEqual({ totalFen: 101, byCategory: { 设备费: 1, 业务费: 100, 劳务费: 0 } });
  });
  it('final report against the current budget', () => {
    const r = spendingAgainstBudget([{ key: 'a', item: '展板', category: '业务费', amountFen: 10000 }, { key: 'b', item: '讲解', category: '劳务费', amountFen: 5000 }], { a: 9999 });
    expect(r).toMatchObject({ budgetFen: 15000, spentFen: 9999, unspentFen: 5001 });
    expect(r.rows[0]).toMatchObject({ varianceFen: -1 });
  });
});

describe('budget changes', () => {
  const current = [
    { key: 'a', category: '设备费', amountFen: 50_000_00 },
    { key: 'b', category: '业务费', amountFen: 30_000_00 },
    { key: 'c', category: '业务费', amountFen: 20_000_00 },
  ];
  const base = { kind: 'move' as const, today: '2026-06-01', projectEnd: '2026-12-31', awardFen: 100_000_00, thresholdPercent: 10, current };
  it('a move within a category is recorded only', () => {
    const v = budgetChangeVerdict({ ...base, proposed: [current[0]!, { ...current[1]!, amountFen: 25_000_00 }, { ...current[2]!, amountFen: 25_000_00 }] });
    expect(v).toMatchObject({ ok: true, needsApproval: false, crossCategoryFen: 0 });
  });
  it('across categories: exactly the threshold is recorded, one fen more needs the office', () => {
    const at = budgetChangeVerdict({ ...base, proposed: [{ ...current[0]!, amountFen: 40_000_00 }, { ...current[1]!, amountFen: 40_000_00 }, current[2]!] });
    expect(at).toMatchObject({ ok: true, needsApproval: false, crossCategoryFen: 10_000_00, thresholdFen: 10_000_00 });
    const over = budgetChangeVerdict({ ...base, proposed: [{ ...current[0]!, amountFen: 40_000_00 - 1 }, { ...current[1]!, amountFen: 40_000_00 + 1 }, current[2]!] });
    expect(over).toMatchObject({ ok: true, needsApproval: true, crossCategoryFen: 10_000_01 });
  });
  it('the total stays the award; scope and dates need approval; nothing after the end', () => {
    expect(budgetChangeVerdict({ ...base, proposed: [{ ...current[0]!, amountFen: 50_000_01 }, current[1]!, current[2]!] })).toMatchObject({ ok: false });
    expect(budgetChangeVerdict({ ...base, kind: 'scope', proposed: current })).toMatchObject({ ok: true, needsApproval: true });
    expect(budgetChangeVerdict({ ...base, kind: 'dates', proposed: current })).toMatchObject({ ok: true, needsApproval: true });
    expect(budgetChangeVerdict({ ...base, today: '2027-01-01', proposed: current })).toEqual({ ok: false, message: '项目执行期已结束，不能再申请预算调整' });
    expect(budgetChangeVerdict({ ...base, today: '2026-12-31', proposed: current })).toMatchObject({ ok: true });
  });
});

describe('states and eligibility', () => {
  it('gives each viewer only its moves', () => {
    expect(fundingActionsFor({ status: 'draft', callOpen: true, projectEnded: false }, { isApplicant: true, isOffice: false })).toEqual(['saveDraft', 'submit', 'withdraw']);
    expect(fundingActionsFor({ status: 'draft', callOpen: false, projectEnded: false }, { isApplicant: true, isOffice: false })).toEqual(['withdraw']);
    expect(fundingActionsFor({ status: 'in_review', callOpen: false, projectEnded: false }, { isApplicant: true, isOffice: false })).toEqual([]);
    expect(fundingActionsFor({ status: 'in_review', callOpen: false, projectEnded: false }, { isApplicant: false, isOffice: true })).toEqual(['assign', 'approve', 'refuse']);
    expect(fundingActionsFor({ status: 'agreement_confirmed', callOpen: false, projectEnded: true }, { isApplicant: true, isOffice: false })).toEqual(['submitReport']);
  });
  it('names an overdue report and an inactive base', () => {
    const call = { status: 'open' as const, opensAt: '2026-03-01T00:00:00+08:00', closesAt: '2026-04-01T00:00:00+08:00', kinds: ['exhibition' as const, 'joint' as const], allowAlliances: false };
    expect(fundingEligibilityProblems({ call, now: new Date('2026-03-10T00:00:00Z'), baseStatus: 'active', kind: 'exhibition', viaAlliance: false, overdueReports: [] })).toEqual([]);
    const p = fundingEligibilityProblems({ call, now: new Date('2026-03-31T16:00:00Z'), baseStatus: 'rectification', kind: 'activity', viaAlliance: true, overdueReports: [{ title: '钱学森展', dueOn: '2026-01-31' }] });
    expect(p).toEqual(['本次申报不在开放时间内', '只有状态正常的命名基地可以申请', '本次申报不接受该类项目', '本次申报不接受联盟申请', '联盟只能申请联合行动项目', '项目《钱学森展》的结项报告已逾期（应于 2026-01-31 前提交），请先提交']);
  });
});

describe('the ledger', () => {
  it('pool = committed + available, to the last fen', () => {
    const pool = 1_000_000_00;
    const entries = [
      { kind: 'commitment' as const, amountFen: pool - 1 },
      { kind: 'commitment' as const, amountFen: 1 },
    ];
    expect(ledgerTotals(pool, entries)).toMatchObject({ committedFen: pool, availableFen: 0 });
    const after = [...entries, { kind: 'disbursement' as const, amountFen: 700 }, { kind: 'refund' as const, amountFen: 1 }, { kind: 'release' as const, amountFen: 10 }];
    const t = ledgerTotals(pool, after);
    expect(t.committedFen + t.availableFen).toBe(pool);
    expect(t).toMatchObject({ disbursedFen: 700, returnedFen: 1, availableFen: 11 });
  });
  it('closing refunds what is returned and releases what was never paid', () => {
    const grant = [{ kind: 'commitment' as const, amountFen: 10000 }, { kind: 'disbursement' as const, amountFen: 7000 }];
    expect(closingEntries(grant, 1)).toEqual([{ kind: 'refund', amountFen: 1 }, { kind: 'release', amountFen: 3000 }]);
    expect(closingEntries(grant, 7001)).toEqual({ message: '退回金额不能超过已拨付的 70.00 元' });
    const closed = [...grant, ...(closingEntries(grant, 1) as [])];
    expect(grantTotals(closed)).toMatchObject({ awardFen: 7000, disbursedFen: 7000, returnedFen: 1, netFen: 6999, undisbursedFen: 0 });
    expect(ledgerTotals(10000, closed)).toMatchObject({ committedFen: 6999, availableFen: 3001 });
  });
});

describe('approved budget below the request', () => {
  it('cuts lines in proportion and adds up to the award exactly, to the fen', async () => {
    const { scaleLines } = await import('./funding.ts');
    const lines = [1, 2, 3].map((n) => ({ key: `l${n}`, quantity: 1, unitPriceFen: 3333, amountFen: 3333 }));
    for (const award of [1, 2, 9998, 9999, 5000]) {
      const scaled = scaleLines(lines, award);
      expect(scaled.reduce((s, l) => s + l.amountFen, 0)).toBe(award);
      expect(scaled.every((l) => l.amountFen === l.quantity * l.unitPriceFen)).toBe(true);
    }
    expect(scaleLines(lines, 1).map((l) => l.amountFen)).toEqual([1, 0, 0]);
  });
});

describe('reductions, cancellations, tranches and reminders', () => {
  const paid = [{ kind: 'commitment' as const, amountFen: 100_000 }, { kind: 'disbursement' as const, amountFen: 70_000 }];
  it('a reduction releases what is given up, never below what the base holds, and the ledger still adds up', () => {
    expect(reductionEntries(paid, 80_000)).toEqual([{ kind: 'release', amountFen: 20_000 }]);
    expect(reductionEntries(paid, 70_000)).toEqual([{ kind: 'release', amountFen: 30_000 }]);
    expect(reductionEntries(paid, 69_999)).toMatchObject({ message: expect.stringContaining('不能少于已拨付') });
    expect(reductionEntries(paid, 100_000)).toMatchObject({ message: expect.stringContaining('须少于') });
    expect(reductionEntries(paid, 0)).toMatchObject({ message: expect.stringContaining('撤销') });
    const after = [...paid, ...(reductionEntries(paid, 99_999) as { kind: 'release'; amountFen: number }[])];
    expect(grantTotals(after)).toMatchObject({ awardFen: 99_999, undisbursedFen: 29_999 });
    const t = ledgerTotals(1_000_000, after);
    expect(t.committedFen + t.availableFen).toBe(t.poolFen);
    expect(t.committedFen).toBe(99_999);
  });
  it('a cancellation refunds what is returned and releases the unpaid rest, leaving only the net payment committed', () => {
    const entries = cancellationEntries(paid, 70_000) as { kind: 'refund' | 'release'; amountFen: number }[];
    expect(entries).toEqual([{ kind: 'refund', amountFen: 70_000 }, { kind: 'release', amountFen: 30_000 }]);
    expect(ledgerTotals(1_000_000, [...paid, ...entries])).toMatchObject({ committedFen: 0, availableFen: 1_000_000 });
    const unpaid = cancellationEntries([{ kind: 'commitment', amountFen: 1 }], 0);
    expect(unpaid).toEqual([{ kind: 'release', amountFen: 1 }]);
    expect(cancellationEntries(paid, 70_001)).toMatchObject({ message: expect.stringContaining('不能超过') });
  });
  it('splits an award into tranches in whole fen that add up exactly', () => {
    expect(trancheAmounts(100_001, [70, 30])).toEqual([70_000, 30_001]);
    expect(trancheAmounts(1, [70, 30])).toEqual([0, 1]);
    expect(trancheAmounts(10_000, [50, 30, 20])).toEqual([5_000, 3_000, 2_000]);
    expect(trancheAmounts(100, [33, 33, 34]).reduce((s, v) => s + v, 0)).toBe(100);
    expect(isTrancheSplit([70, 30])).toBe(true);
    expect(isTrancheSplit([100])).toBe(true);
    expect(isTrancheSplit([70, 20])).toBe(false);
    expect(isTrancheSplit([70.5, 29.5])).toBe(false);
    expect(isTrancheSplit([0, 100])).toBe(false);
  });
  it('owes each reminder once: the day before, on the day, a week late', () => {
    expect(reminderKindFor('2026-05-10', '2026-05-08')).toBeNull();
    expect(reminderKindFor('2026-05-10', '2026-05-09')).toBe('day_before');
    expect(reminderKindFor('2026-05-10', '2026-05-10')).toBe('due_day');
    expect(reminderKindFor('2026-05-10', '2026-05-16')).toBe('due_day');
    expect(reminderKindFor('2026-05-10', '2026-05-17')).toBe('week_late');
    expect(reminderKindFor('2026-12-31', '2027-01-07')).toBe('week_late');
    expect(daysLate('2026-05-10', '2026-05-17')).toBe(7);
    expect(daysLate('2026-05-10', '2026-05-01')).toBe(0);
    expect(reportDueDate({ status: 'report_returned', reportDueOn: '2026-05-10', reportReturnDeadline: '2026-06-01' })).toBe('2026-06-01');
    expect(reportDueDate({ status: 'agreement_confirmed', reportDueOn: '2026-05-10', reportReturnDeadline: null })).toBe('2026-05-10');
  });
  it('offers the office reduce and cancel on a running grant, never on a closed one', () => {
    expect(fundingActionsFor({ status: 'agreement_confirmed', callOpen: false, projectEnded: false }, { isApplicant: false, isOffice: true })).toEqual(expect.arrayContaining(['reduce', 'cancel']));
    expect(fundingActionsFor({ status: 'closed', callOpen: false, projectEnded: true }, { isApplicant: false, isOffice: true })).not.toContain('cancel');
    expect(fundingActionsFor({ status: 'cancelled', callOpen: false, projectEnded: false }, { isApplicant: true, isOffice: true })).toEqual([]);
  });
});

describe('report figures from linked events', () => {
  it('takes events, people and young people from the activity reports, keeping typed figures only without events', () => {
    const typed = { events: 3, people: 999, youth: 10, newMedia: 4 };
    expect(targetsFromEvents(typed, [])).toEqual(typed);
    expect(targetsFromEvents(typed, [{ attendance: 120, youngPeople: 80, newMediaLinks: 1 }, { attendance: 35, youngPeople: 0, newMediaLinks: 5 }])).toEqual({ events: 2, people: 155, youth: 80, newMedia: 6 });
    expect(targetsFromEvents(typed, [{ attendance: 1, youngPeople: 1, newMediaLinks: 0 }]).newMedia).toBe(4);
  });
});
