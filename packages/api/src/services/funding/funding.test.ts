import { schema } from '@ssb/db';
import { seedOrganization, seedUser } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { ledgerTotals } from '@ssb/domain/funding';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';
import { exportFundingAgreement } from './agreement-pdf.ts';

type Managed = Awaited<ReturnType<typeof seedManagedBase>>;
const DAY = 86_400_000;
const CRITERIA = [
  { label: '项目意义', weight: 40, maxScore: 100 },
  { label: '实施方案', weight: 40, maxScore: 100 },
  { label: '预算合理性', weight: 20, maxScore: 100 },
];

describe.each(TEST_ENGINES)('special activity funding on %s', (engine) => {
  let api: TestApi;
  let applicant: Managed, neighbour: Managed, other: Managed;
  let office: { id: string }, office2: { id: string }, reviewerA: { id: string }, reviewerB: { id: string }, insider: { id: string };
  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    [applicant, neighbour, other] = [await seedManagedBase(api.db), await seedManagedBase(api.db), await seedManagedBase(api.db)];
    const officeOrg = await seedOrganization(api.db, { name: '测试工作办公室', type: 'government' });
    const groupOrg = await seedOrganization(api.db, { name: '专项工作组单位', type: 'government' });
    office = await seedUser(api.db, { roles: [{ organizationId: officeOrg.id, role: 'office' }] });
    // An office colleague who also sits on the working group: may review, then never decide.
    office2 = await seedUser(api.db, { roles: [{ organizationId: officeOrg.id, role: 'office' }, { organizationId: officeOrg.id, role: 'funding_reviewer' }] });
    reviewerA = await seedUser(api.db, { roles: [{ organizationId: groupOrg.id, role: 'funding_reviewer' }] });
    reviewerB = await seedUser(api.db, { roles: [{ organizationId: groupOrg.id, role: 'funding_reviewer' }] });
    // A member of the working group employed by the applying base: a conflict found from the data.
    insider = await seedUser(api.db, { roles: [{ organizationId: applicant.organization.id, role: 'funding_reviewer' }] });
  });
  afterAll(() => api?.close());

  const callFields = (over: Record<string, unknown> = {}) => ({
    title: '2026年度专项活动工作经费',
    year: 2026,
    pool: '100000.00',
    maxPerProject: '50000',
    kinds: ['exhibition', 'activity', 'joint'] as Array<'exhibition' | 'activity' | 'joint'>,
    opensAt: new Date(Date.now() - DAY).toISOString(),
    closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
    criteria: CRITERIA,
    groupMemberIds: [reviewerA.id, reviewerB.id, insider.id, office2.id],
    ...over,
  });
  const fields = (over: Record<string, unknown> = {}) => ({
    title: '钱学森科学精神特色展览',
    kind: 'exhibition' as const,
    aims: '面向中小学生展示钱学森的科学精神与爱国情怀。',
    startDate: '2026-03-01',
    endDate: '2099-12-31',
    targets: { events: 12, people: 5000, youth: 3000, newMedia: 6 },
    lines: [
      { category: '设备费', item: '展柜', quantity: 2, unitPrice: '5000.00', justification: '两组展柜' },
      { category: '业务费', item: '展板设计制作', quantity: 10, unitPrice: '1000.5' },
      { category: '劳务费', item: '讲解员', quantity: 1, unitPrice: '0.01' },
    ],
    ...over,
  });
  const audit = async (id: string) => (await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, id))).map((a) => a.action);

  it('takes an application from the call through review, approval, tranches, a budget change and the final report to closing, every figure adding up', async () => {
    const officeCaller = await api.as(office.id);
    const call = await officeCaller.funding.createCall(callFields());
    expect(call).toMatchObject({ poolFen: 10_000_000, maxPerProjectFen: 5_000_000, categories: ['设备费', '业务费', '劳务费'], changeThresholdPercent: 10 });
    await officeCaller.funding.setCallStatus({ callId: call.id, status: 'open' });
    const told = await api.db.select().from(schema.notifications).where(eq(schema.notifications.userId, applicant.manager.id));
    expect(told.map((n) => n.title)).toContain('专项活动工作经费开始申报');

    const manager = await api.as(applicant.manager.id);
    await expect(manager.funding.create({ callId: call.id, baseId: other.base.id, kind: 'exhibition' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const draft = await manager.funding.create({ callId: call.id, baseId: applicant.base.id, kind: 'exhibition' });
    await expect(manager.funding.submit({ applicationId: draft.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const saved = await manager.funding.saveDraft({ applicationId: draft.id, version: draft.version, fields: fields() });
    // 2 × 5000.00 + 10 × 1000.50 + 0.01 元
    expect(saved.requestedFen).toBe(1_000_000 + 1_000_500 + 1);
    await expect(manager.funding.saveDraft({ applicationId: draft.id, version: draft.version, fields: fields() })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(manager.funding.saveDraft({ applicationId: draft.id, version: saved.version, fields: fields({ lines: [{ category: '差旅费', item: '车费', quantity: 1, unitPrice: '1' }] }) })).rejects.toThrow('不是本次申报的费用科目');
    // Another base cannot read it.
    await expect((await api.as(other.manager.id)).funding.get({ applicationId: draft.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await manager.funding.submit({ applicationId: draft.id });

    // Assignment: balanced, never the insider (same organization) — planned and applied.
    const preview = await officeCaller.funding.previewAssignment({ callId: call.id, perApplication: 2 });
    expect(preview.plan[0]!.reviewerIds).not.toContain(insider.id);
    const plan = await officeCaller.funding.assign({ callId: call.id, perApplication: 3 });
    expect(plan[0]!.reviewerIds.sort()).toEqual([reviewerA.id, reviewerB.id, office2.id].sort());
    await expect((await api.as(insider.id)).funding.reviewFile({ applicationId: draft.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await (await api.as(insider.id)).funding.desk()).toEqual([]);
    await expect(manager.funding.withdraw({ applicationId: draft.id })).rejects.toThrow('审核已开始，不能撤回');

    // Reviews: scores against the criteria, proposed ≤ requested, line cuts adding up.
    const a = await api.as(reviewerA.id);
    const file = await a.funding.reviewFile({ applicationId: draft.id });
    expect(file.ledger).toEqual([]);
    const keys = file.requestedLines.map((l) => l.key);
    const scores = Object.fromEntries(file.call.criteria.map((c) => [c.key, 90]));
    await expect(a.funding.saveReview({ applicationId: draft.id, scores, proposed: '30000.02', opinion: '很好', submit: true })).rejects.toThrow('建议金额不能超过申请金额');
    await expect(a.funding.saveReview({ applicationId: draft.id, scores, proposed: '19000.00', lineCuts: { [keys[1]!]: '9000.00' }, opinion: '展板可压缩', submit: true })).rejects.toThrow('逐项核减后的合计须等于建议金额');
    await a.funding.saveReview({ applicationId: draft.id, scores, proposed: '19000.01', lineCuts: { [keys[1]!]: '9000.00' }, opinion: '展板可压缩', submit: true });
    const rec1 = await officeCaller.funding.recommendation({ callId: call.id });
    expect(rec1[0]).toMatchObject({ reviewsSubmitted: 1, meanProposedFen: null, rank: null });
    await (await api.as(office2.id)).funding.saveReview({ applicationId: draft.id, scores: Object.fromEntries(file.call.criteria.map((c) => [c.key, 60])), proposed: '20000.01', opinion: '可行', submit: true });
    const rec = await officeCaller.funding.recommendation({ callId: call.id });
    expect(rec[0]).toMatchObject({ reviewsSubmitted: 2, meanProposedFen: 1_950_001, rank: 1, mean: 75, isDisagreement: true });

    // Separation of duties: office2 reviewed it; the manager's organization applies.
    await expect((await api.as(office2.id)).funding.decide({ applicationId: draft.id, decision: 'approve', award: '19500.01' })).rejects.toThrow('您审核过该申请');
    await expect(officeCaller.funding.decide({ applicationId: draft.id, decision: 'approve', award: '20005.02' })).rejects.toThrow('资助金额不能超过申请金额');
    const approved = await officeCaller.funding.decide({ applicationId: draft.id, decision: 'approve', award: '19500.01' });
    expect(approved).toMatchObject({ status: 'approved', awardFen: 1_950_001, budgetRevision: 1, reportDueOn: '2100-01-30' });
    const view = await manager.funding.get({ applicationId: draft.id });
    expect(view.totals.totalFen).toBe(1_950_001);
    expect(view.currentLines.every((l) => l.amountFen === l.quantity * l.unitPriceFen)).toBe(true);
    expect(view.agreement?.number).toMatch(/^京科精专-2026-001-/);
    expect(view.actions).toEqual(['confirmAgreement']);
    const { pdf, fileName } = await exportFundingAgreement({ db: api.db }, { userId: applicant.manager.id, grants: [{ organizationId: applicant.organization.id, role: 'base_manager' }] }, draft.id);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(fileName).toMatch(/^资助协议书-京科精专-2026-001-/);
    await expect(exportFundingAgreement({ db: api.db }, { userId: other.manager.id, grants: [{ organizationId: other.organization.id, role: 'base_manager' }] }, draft.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Tranches only after the agreement, never beyond the award.
    await expect(officeCaller.funding.recordTranche({ applicationId: draft.id, amount: '100', paidOn: '2026-04-01', voucherNo: 'PZ-1' })).rejects.toThrow('协议书确认后才能拨款');
    await manager.funding.confirmAgreement({ applicationId: draft.id });
    await officeCaller.funding.recordTranche({ applicationId: draft.id, amount: '13650.00', paidOn: '2026-04-01', voucherNo: 'PZ-2026-001' });
    await expect(officeCaller.funding.recordTranche({ applicationId: draft.id, amount: '5850.02', paidOn: '2026-04-02', voucherNo: 'PZ-2026-002' })).rejects.toThrow('拨款不能超过尚未拨付的 5850.01 元');

    // Budget change within a category: recorded; across categories above 10%: waits for the office.
    const current = (await manager.funding.get({ applicationId: draft.id })).currentLines;
    const asInput = (l: (typeof current)[number], amountFen = l.amountFen) => ({ key: l.key, category: l.category, item: l.item, quantity: 1, unitPrice: (amountFen / 100).toFixed(2), justification: '' });
    const within = await manager.funding.requestBudgetChange({
      applicationId: draft.id, kind: 'move', reason: '展板拆分',
      lines: [...current.map((l) => asInput(l, l.category === '业务费' ? l.amountFen - 100 : l.amountFen)), { category: '业务费', item: '展板运输', quantity: 1, unitPrice: '1.00' }],
    });
    expect(within).toMatchObject({ status: 'recorded', toRevision: 2 });
    const after = (await manager.funding.get({ applicationId: draft.id })).currentLines;
    const [equip, business] = [after.find((l) => l.category === '设备费')!, after.find((l) => l.category === '业务费')!];
    const moved = await manager.funding.requestBudgetChange({
      applicationId: draft.id, kind: 'move', reason: '改用租赁展柜',
      lines: after.map((l) => (l.key === equip.key ? asInput(l, l.amountFen - 300_000) : l.key === business.key ? asInput(l, l.amountFen + 300_000) : asInput(l))),
    });
    expect(moved).toMatchObject({ status: 'pending', crossCategoryFen: 300_000 });
    await officeCaller.funding.decideBudgetChange({ changeId: moved.id, approve: true });
    const history = await manager.funding.get({ applicationId: draft.id });
    expect(history).toMatchObject({ budgetRevision: 3 });
    expect(history.changes.map((c) => c.status)).toEqual(['approved', 'recorded']);
    expect(history.totals.totalFen).toBe(1_950_001);

    // Final report: actual per line; the office returns it, then closes with a refund.
    const spent = Object.fromEntries(history.currentLines.map((l) => [l.key, String((l.amountFen - (l.key === business.key ? 100_000 : 0)) / 100)]));
    await manager.funding.submitReport({ applicationId: draft.id, summary: '共举办展览 12 场。', spent, targetsActual: { events: 12, people: 6000, youth: 3200, newMedia: 8 } });
    await expect(officeCaller.funding.decideReport({ applicationId: draft.id, decision: 'return', note: '' , deadline: '2099-01-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await officeCaller.funding.decideReport({ applicationId: draft.id, decision: 'return', note: '请补充发票', deadline: '2099-01-01' });
    await manager.funding.submitReport({ applicationId: draft.id, summary: '共举办展览 12 场，补充发票。', spent, targetsActual: { events: 12, people: 6000, youth: 3200, newMedia: 8 } });
    await officeCaller.funding.decideReport({ applicationId: draft.id, decision: 'accept' });
    await expect(officeCaller.funding.decideReport({ applicationId: draft.id, decision: 'close', refund: '13650.01' })).rejects.toThrow('退回金额不能超过已拨付的 13650.00 元');
    const closed = await officeCaller.funding.decideReport({ applicationId: draft.id, decision: 'close', refund: '1000.00', note: '结余退回' });
    expect(closed.status).toBe('closed');

    const ledger = await officeCaller.funding.ledger({ callId: call.id });
    // Committed 19500.01, paid 13650.00, returned 1000.00, the unpaid 5850.01 released.
    expect(ledger.totals).toEqual({ poolFen: 10_000_000, committedFen: 1_265_000, disbursedFen: 1_365_000, returnedFen: 100_000, availableFen: 8_735_000 });
    expect(ledger.entries.map((e) => e.kind)).toEqual(['commitment', 'disbursement', 'refund', 'release']);
    expect(ledger.grants[0]).toMatchObject({ awardFen: 1_365_000, netFen: 1_265_000, undisbursedFen: 0 });

    const open = await (await api.anonymous()).funding.calls();
    expect(open.find((c) => c.id === call.id)).toMatchObject({ poolFen: 10_000_000, committedFen: 1_265_000, availableFen: 8_735_000 });
    expect(await audit(draft.id)).toEqual([
      'funding.application_created', 'funding.application_submitted', 'funding.reviewers_assigned', 'funding.review_submitted', 'funding.review_submitted', 'funding.approved', 'export.funding_agreement',
      'funding.agreement_confirmed', 'funding.tranche_recorded', 'funding.budget_change_recorded', 'funding.budget_change_requested', 'funding.budget_change_approved',
      'funding.report_submitted', 'funding.report_returned', 'funding.report_submitted', 'funding.report_accepted', 'funding.report_closed',
    ]);
  });

  it('an overdue final report blocks a new application, naming it; a declared conflict takes the file off the desk', async () => {
    const officeCaller = await api.as(office.id);
    const call = await officeCaller.funding.createCall(callFields({ title: '逾期测试专项', groupMemberIds: [reviewerA.id, reviewerB.id] }));
    await officeCaller.funding.setCallStatus({ callId: call.id, status: 'open' });
    const [late] = await api.db
      .insert(schema.fundingApplications)
      .values({ callId: call.id, baseId: neighbour.base.id, organizationId: neighbour.organization.id, kind: 'activity', title: '科学家故事会', status: 'agreement_confirmed', requestedFen: 100, awardFen: 100, reportDueOn: '2025-01-31', createdBy: neighbour.manager.id })
      .returning();
    await expect((await api.as(neighbour.manager.id)).funding.create({ callId: call.id, baseId: neighbour.base.id, kind: 'activity' })).rejects.toThrow('项目《科学家故事会》的结项报告已逾期（应于 2025-01-31 前提交）');
    await api.db.update(schema.fundingApplications).set({ status: 'closed' }).where(eq(schema.fundingApplications.id, late!.id));

    const manager = await api.as(neighbour.manager.id);
    const draft = await manager.funding.create({ callId: call.id, baseId: neighbour.base.id, kind: 'activity' });
    const saved = await manager.funding.saveDraft({ applicationId: draft.id, version: draft.version, fields: fields({ kind: 'activity', title: '青少年科学营活动' }) });
    expect(saved.version).toBe(2);
    await manager.funding.submit({ applicationId: draft.id });
    await officeCaller.funding.assign({ callId: call.id, perApplication: 2 });
    const b = await api.as(reviewerB.id);
    expect((await b.funding.desk()).map((d) => d.applicationId)).toContain(draft.id);
    await b.funding.declareConflict({ applicationId: draft.id, reason: '曾为该基地顾问' });
    expect((await b.funding.desk()).map((d) => d.applicationId)).not.toContain(draft.id);
    await expect(b.funding.reviewFile({ applicationId: draft.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The next assignment never plans the declared member again.
    const again = await officeCaller.funding.previewAssignment({ callId: call.id, perApplication: 2 });
    expect(again.plan.find((p) => p.applicationId === draft.id)).toMatchObject({ reviewerIds: [reviewerA.id], short: 1 });
  });

  it('20 parallel approvals against one pool: only those that fit succeed, never overcommitted, the ledger sums to the pool', async () => {
    const officeCaller = await api.as(office.id);
    const call = await officeCaller.funding.createCall(callFields({ title: '并发测试专项', pool: '1000.00', maxPerProject: '1000', groupMemberIds: [] }));
    const apps = [];
    for (let i = 0; i < 20; i++) {
      const [row] = await api.db
        .insert(schema.fundingApplications)
        .values({ callId: call.id, baseId: other.base.id, organizationId: other.organization.id, kind: 'activity', title: `并发申请${i}`, status: 'in_review', requestedFen: 12_345, createdBy: other.manager.id })
        .returning();
      apps.push(row!);
    }
    const callers = await Promise.all(apps.map(() => api.as(office.id)));
    const results = await Promise.allSettled(apps.map((app, i) => callers[i]!.funding.decide({ applicationId: app.id, decision: 'approve', award: '123.45' })));
    const approved = results.filter((r) => r.status === 'fulfilled').length;
    // 100000 fen / 12345 fen = 8 awards (98760 fen), 1240 fen left.
    expect(approved).toBe(8);
    for (const r of results) if (r.status === 'rejected') expect(String(r.reason)).toContain('资金余额不足');
    const entries = await api.db.select().from(schema.fundingLedgerEntries).where(eq(schema.fundingLedgerEntries.callId, call.id));
    const totals = ledgerTotals(call.poolFen, entries);
    expect(totals).toMatchObject({ committedFen: 98_760, availableFen: 1_240 });
    expect(totals.committedFen + totals.availableFen).toBe(call.poolFen);
    const statuses = await api.db.select({ status: schema.fundingApplications.status }).from(schema.fundingApplications).where(and(eq(schema.fundingApplications.callId, call.id), eq(schema.fundingApplications.status, 'approved')));
    expect(statuses).toHaveLength(8);
  });
  it('an alliance applies for a joint action through its lead base with co-applicant members; members of allied units are never planned', async () => {
    const officeCaller = await api.as(office.id);
    const allied = await seedUser(api.db, { roles: [{ organizationId: neighbour.organization.id, role: 'funding_reviewer' }] });
    const call = await officeCaller.funding.createCall(callFields({ title: '联合行动专项', groupMemberIds: [reviewerA.id, allied.id] }));
    await officeCaller.funding.setCallStatus({ callId: call.id, status: 'open' });
    const coordinator = await seedUser(api.db, { roles: [{ organizationId: applicant.organization.id, role: 'alliance_coordinator' }] });
    const [alliance] = await api.db
      .insert(schema.alliances)
      .values({ name: '测试联盟', kind: 'regional', districtCodes: ['110108'], leadBaseId: applicant.base.id, status: 'approved', proposedBy: coordinator.id, coordinatorUserId: coordinator.id })
      .returning();
    await api.db.insert(schema.allianceMembers).values([
      { allianceId: alliance!.id, organizationId: applicant.organization.id, baseId: applicant.base.id, role: 'lead', status: 'active' },
      { allianceId: alliance!.id, organizationId: neighbour.organization.id, baseId: neighbour.base.id, role: 'member', status: 'active' },
    ]);
    const caller = await api.as(coordinator.id);
    await expect(caller.funding.create({ callId: call.id, baseId: neighbour.base.id, allianceId: alliance!.id, kind: 'joint' })).rejects.toThrow('联盟的联合行动须以牵头基地的名义申请');
    await expect(caller.funding.create({ callId: call.id, baseId: applicant.base.id, allianceId: alliance!.id, kind: 'activity' })).rejects.toThrow('联盟只能申请联合行动项目');
    const draft = await caller.funding.create({ callId: call.id, baseId: applicant.base.id, allianceId: alliance!.id, kind: 'joint' });
    await expect(caller.funding.saveDraft({ applicationId: draft.id, version: draft.version, fields: fields({ kind: 'joint', coApplicantBaseIds: [other.base.id] }) })).rejects.toThrow('合作申请基地须为本联盟在盟、状态正常的基地');
    const saved = await caller.funding.saveDraft({ applicationId: draft.id, version: draft.version, fields: fields({ kind: 'joint', title: '西山联合研学行动', coApplicantBaseIds: [neighbour.base.id] }) });
    await caller.funding.submit({ applicationId: draft.id });
    expect((await caller.funding.get({ applicationId: draft.id })).coApplicants.map((c) => c.baseId)).toEqual([neighbour.base.id]);
    // The co-applying base's manager reads it (no moves of their own) and finds it among theirs; another base does not.
    const coApplicant = await api.as(neighbour.manager.id);
    expect(await coApplicant.funding.get({ applicationId: draft.id })).toMatchObject({ viewerRole: 'co_applicant', actions: [] });
    expect((await coApplicant.funding.mine()).find((a) => a.id === draft.id)).toMatchObject({ isCoApplicant: true });
    await expect((await api.as(other.manager.id)).funding.get({ applicationId: draft.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(coApplicant.funding.withdraw({ applicationId: draft.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The call's public page: its figures and criteria, never a draft call.
    const page = await (await api.anonymous()).funding.callPage({ callId: call.id });
    expect(page).toMatchObject({ id: call.id, title: '联合行动专项', allowAlliances: true, criteria: [{ label: '项目意义', weight: 40 }, { label: '实施方案', weight: 40 }, { label: '预算合理性', weight: 20 }] });
    const hidden = await officeCaller.funding.createCall(callFields({ title: '未发布的专项通知', groupMemberIds: [] }));
    await expect((await api.anonymous()).funding.callPage({ callId: hidden.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(saved.version).toBe(2);
    // A member of the co-applying (and allied) organization is never planned.
    const plan = await officeCaller.funding.previewAssignment({ callId: call.id, perApplication: 2 });
    expect(plan.plan.find((p) => p.applicationId === draft.id)).toMatchObject({ reviewerIds: [reviewerA.id], short: 1 });
  });
});
