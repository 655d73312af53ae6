import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { schema } from '@ssb/db';
import { seedOrganization, seedUser } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { ledgerTotals } from '@ssb/domain/funding';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';
import { attachFundingFile, checkFundingFile, findFundingFile } from './files.ts';
import { fundingReportsDue, sendFundingReminders } from './reminders.ts';
import { exportFundingWorkbook } from './dashboard.ts';

type Managed = Awaited<ReturnType<typeof seedManagedBase>>;
const DAY = 86_400_000;
const CRITERIA = [{ label: '项目意义', weight: 100, maxScore: 100 }];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const CUT_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n', 'latin1');
// A JPEG whose segments can be walked (JFIF, then a scan), enough to strip its metadata.
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from('JFIF\0', 'latin1'), Buffer.alloc(9, 1), Buffer.from([0xff, 0xda, 0, 2]), Buffer.alloc(300, 9), Buffer.from([0xff, 0xd9])]);
const PNG = Buffer.from('\x89PNG\r\n\x1a\n0000000000000000', 'latin1');

describe.each(TEST_ENGINES)('funding attachments, bulk approval, reductions and cancellations on %s', (engine) => {
  let api: TestApi;
  let applicant: Managed, other: Managed;
  let office: { id: string }, office2: { id: string }, reviewer: { id: string };
  let n = 0;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    [applicant, other] = [await seedManagedBase(api.db), await seedManagedBase(api.db)];
    const officeOrg = await seedOrganization(api.db, { name: '测试工作办公室', type: 'government' });
    const groupOrg = await seedOrganization(api.db, { name: '专项工作组单位', type: 'government' });
    office = await seedUser(api.db, { roles: [{ organizationId: officeOrg.id, role: 'office' }] });
    office2 = await seedUser(api.db, { roles: [{ organizationId: officeOrg.id, role: 'office' }, { organizationId: officeOrg.id, role: 'funding_reviewer' }] });
    reviewer = await seedUser(api.db, { roles: [{ organizationId: groupOrg.id, role: 'funding_reviewer' }] });
  });
  afterAll(() => api?.close());

  const viewerOf = (m: Managed) => ({ userId: m.manager.id, grants: [{ organizationId: m.organization.id, role: 'base_manager' }] });
  const temp = async (bytes: Buffer) => {
    const path = join(api.filesDir, `upload-${++n}`);
    await writeFile(path, bytes);
    return path;
  };
  const newCall = async (over: Record<string, unknown> = {}) => {
    const call = await (await api.as(office.id)).funding.createCall({
      title: `测试专项${++n}`, year: 2026, pool: '1000.00', maxPerProject: '1000', kinds: ['exhibition', 'activity'],
      opensAt: new Date(Date.now() - DAY).toISOString(), closesAt: new Date(Date.now() + 30 * DAY).toISOString(), criteria: CRITERIA, groupMemberIds: [reviewer.id, office2.id], ...over,
    });
    await (await api.as(office.id)).funding.setCallStatus({ callId: call.id, status: 'open' });
    return call;
  };
  /** An application in review with one budget line per amount (fen). */
  const inReview = async (callId: string, amounts: number[], who: Managed = other) => {
    const requestedFen = amounts.reduce((s, v) => s + v, 0);
    const [row] = await api.db
      .insert(schema.fundingApplications)
      .values({ callId, baseId: who.base.id, organizationId: who.organization.id, kind: 'activity', title: `审核中的申请${++n}`, status: 'in_review', requestedFen, endDate: '2099-12-31', createdBy: who.manager.id })
      .returning();
    await api.db.insert(schema.fundingBudgetLines).values(amounts.map((amountFen, i) => ({ applicationId: row!.id, revision: 0, key: `l${i + 1}`, position: i, category: i % 2 ? '业务费' : '设备费', item: `支出${i + 1}`, quantity: 1, unitPriceFen: amountFen, amountFen })));
    return row!;
  };
  const ledgerOf = async (callId: string, poolFen: number) => ledgerTotals(poolFen, await api.db.select().from(schema.fundingLedgerEntries).where(eq(schema.fundingLedgerEntries.callId, callId)));

  it('checks files on their bytes: a whole PDF or a JPEG, never a cut-off PDF, a PNG or nothing', async () => {
    expect(await checkFundingFile(await temp(PDF))).toMatchObject({ ok: true, format: 'pdf' });
    expect(await checkFundingFile(await temp(JPEG))).toMatchObject({ ok: true, format: 'jpeg' });
    expect(await checkFundingFile(await temp(CUT_PDF))).toMatchObject({ ok: false, message: expect.stringContaining('不完整') });
    expect(await checkFundingFile(await temp(PNG))).toMatchObject({ ok: false, message: expect.stringContaining('只能上传 PDF 或 JPEG') });
    expect(await checkFundingFile(await temp(Buffer.alloc(0)))).toMatchObject({ ok: false, message: '文件为空' });
  });

  it('a required attachment blocks submitting until uploaded; attachments are for the applicant, the office and assigned unconflicted members; evidence binds to the report', async () => {
    const call = await newCall({ requiredAttachments: ['项目实施方案'], pool: '100000', maxPerProject: '50000' });
    const manager = await api.as(applicant.manager.id);
    const draft = await manager.funding.create({ callId: call.id, baseId: applicant.base.id, kind: 'exhibition' });
    await manager.funding.saveDraft({ applicationId: draft.id, version: draft.version, fields: {
      title: '科学家精神主题展', kind: 'exhibition', aims: '面向中小学生展示科学家的爱国情怀。', startDate: '2026-03-01', endDate: '2099-12-31',
      lines: [{ category: '设备费', item: '展柜', quantity: 2, unitPrice: '5000.00' }],
    } });
    expect((await manager.funding.get({ applicationId: draft.id })).problems).toContain('请上传附件“项目实施方案”');
    await expect(manager.funding.submit({ applicationId: draft.id })).rejects.toThrow('请上传附件“项目实施方案”');

    const deps = { db: api.db, files: api.files };
    await expect(attachFundingFile(deps, viewerOf(other), { applicationId: draft.id, purpose: 'attachment', label: '项目实施方案', name: 'plan.pdf', tempPath: await temp(PDF) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(attachFundingFile(deps, viewerOf(applicant), { applicationId: draft.id, purpose: 'attachment', label: '无关附件', name: 'x.pdf', tempPath: await temp(PDF) })).rejects.toThrow('不是本次申报要求的附件');
    await expect(attachFundingFile(deps, viewerOf(applicant), { applicationId: draft.id, purpose: 'attachment', label: '项目实施方案', name: 'fake.pdf', tempPath: await temp(PNG) })).rejects.toThrow('只能上传 PDF 或 JPEG');
    await expect(attachFundingFile(deps, viewerOf(applicant), { applicationId: draft.id, purpose: 'evidence', label: '', name: 'inv.pdf', tempPath: await temp(PDF) })).rejects.toThrow('当前状态不能上传报告佐证材料');
    const plan = await attachFundingFile(deps, viewerOf(applicant), { applicationId: draft.id, purpose: 'attachment', label: '项目实施方案', name: '实施方案.pdf', tempPath: await temp(PDF) });
    expect(plan).toMatchObject({ purpose: 'attachment', label: '项目实施方案', mime: 'application/pdf', bytes: PDF.length, reportId: null });
    const photo = await attachFundingFile(deps, viewerOf(applicant), { applicationId: draft.id, purpose: 'attachment', label: '', name: '场地.jpg', tempPath: await temp(JPEG) });
    expect(photo).toMatchObject({ label: '其他附件', mime: 'image/jpeg' });
    expect((await manager.funding.get({ applicationId: draft.id })).files.map((f) => f.fileName)).toEqual(['实施方案.pdf', '场地.jpg']);
    await manager.funding.removeFile({ applicationId: draft.id, fileId: photo.id });
    expect(await api.files.size(`funding/${draft.id}/${photo.id}.jpg`)).toBeNull();
    await manager.funding.submit({ applicationId: draft.id });
    await expect(attachFundingFile(deps, viewerOf(applicant), { applicationId: draft.id, purpose: 'attachment', label: '', name: 'late.pdf', tempPath: await temp(PDF) })).rejects.toThrow('申请提交后不能再添加附件');
    await expect(manager.funding.removeFile({ applicationId: draft.id, fileId: plan.id })).rejects.toThrow('已提交的文件不能删除');

    // Downloads: the applicant and the office; a member once assigned, never another base, nobody signed out.
    const officeViewer = { userId: office.id, grants: [{ organizationId: '', role: 'office' }] };
    const reviewerViewer = { userId: reviewer.id, grants: [{ organizationId: '', role: 'funding_reviewer' }] };
    expect(await findFundingFile(api.db, viewerOf(applicant), draft.id, plan.id)).toMatchObject({ id: plan.id });
    expect(await findFundingFile(api.db, officeViewer, draft.id, plan.id)).toMatchObject({ id: plan.id });
    expect(await findFundingFile(api.db, viewerOf(other), draft.id, plan.id)).toBeNull();
    expect(await findFundingFile(api.db, null, draft.id, plan.id)).toBeNull();
    expect(await findFundingFile(api.db, reviewerViewer, draft.id, plan.id)).toBeNull();
    await (await api.as(office.id)).funding.assign({ callId: call.id, perApplication: 2 });
    expect(await findFundingFile(api.db, reviewerViewer, draft.id, plan.id)).toMatchObject({ id: plan.id });
    expect((await (await api.as(reviewer.id)).funding.reviewFile({ applicationId: draft.id })).files.map((f) => f.id)).toEqual([plan.id]);

    // Approved and confirmed: evidence waits for the report and is bound to it on submission.
    await (await api.as(office.id)).funding.decide({ applicationId: draft.id, decision: 'approve', award: '10000' });
    await manager.funding.confirmAgreement({ applicationId: draft.id });
    const invoice = await attachFundingFile(deps, viewerOf(applicant), { applicationId: draft.id, purpose: 'evidence', label: '发票', name: '发票.pdf', tempPath: await temp(PDF) });
    const view = await manager.funding.get({ applicationId: draft.id });
    const report = await manager.funding.submitReport({ applicationId: draft.id, kind: 'interim', summary: '已完成一半。', spent: { [view.currentLines[0]!.key]: '4000' }, targetsActual: { events: 1, people: 100, youth: 50, newMedia: 1 } });
    expect(report.evidenceFiles).toBe(1);
    const [bound] = await api.db.select().from(schema.fundingReportFiles).where(eq(schema.fundingReportFiles.id, invoice.id));
    expect(bound!.reportId).toBe(report.id);
    await expect(manager.funding.removeFile({ applicationId: draft.id, fileId: invoice.id })).rejects.toThrow('已提交的文件不能删除');
    // Evidence is the grant's business: not the working group's.
    expect(await findFundingFile(api.db, reviewerViewer, draft.id, invoice.id)).toBeNull();
    expect(await findFundingFile(api.db, officeViewer, draft.id, invoice.id)).toMatchObject({ id: invoice.id });
    const actions = (await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, draft.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['funding.attachment_added', 'funding.file_removed', 'funding.evidence_added']));
  });

  it('bulk approval: previewed with what cannot be approved and why, confirmed only with an unchanged plan, every figure adding up', async () => {
    const call = await newCall({ pool: '1000.00' });
    const [a, b, c] = [await inReview(call.id, [30_000]), await inReview(call.id, [40_000]), await inReview(call.id, [50_000])];
    const reviewed = await inReview(call.id, [10_000]);
    await api.db.insert(schema.fundingReviews).values({ applicationId: reviewed.id, reviewerId: office2.id, status: 'submitted', proposedFen: 10_000 });
    const own = await inReview(call.id, [10_000], applicant);
    const insiderOffice = await seedUser(api.db, { roles: [{ organizationId: applicant.organization.id, role: 'office' }] });
    const caller = await api.as(office2.id);
    const request = { callId: call.id, reason: '工作组推荐', items: [{ applicationId: a.id, award: '300' }, { applicationId: b.id, award: '400.00' }, { applicationId: c.id, award: '500' }, { applicationId: reviewed.id, award: '100' }, { applicationId: own.id, award: '100' }] };
    const preview = await caller.funding.previewBulkApproval(request);
    expect(preview).toMatchObject({ counts: { approve: 3, refused: 2 }, totalFen: 80_000, availableFen: 100_000, availableAfterFen: 20_000 });
    expect(preview.items.find((i) => i.applicationId === c.id)!.problem).toBe('资金余额不足：尚可承诺 300.00 元');
    expect(preview.items.find((i) => i.applicationId === reviewed.id)!.problem).toContain('您审核过该申请');
    expect(preview.items.find((i) => i.applicationId === own.id)!.problem).toBeNull();
    expect((await (await api.as(insiderOffice.id)).funding.previewBulkApproval(request)).items.find((i) => i.applicationId === own.id)!.problem).toContain('您属于申请单位');
    expect(preview.items.every((i) => i.isAheadOfReview)).toBe(true);

    // Someone decides in between: the token no longer matches, nothing is applied.
    await (await api.as(office.id)).funding.decide({ applicationId: own.id, decision: 'refuse', reason: '材料不全' });
    await expect(caller.funding.confirmBulkApproval({ ...request, token: preview.token })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await ledgerOf(call.id, call.poolFen)).committedFen).toBe(0);

    const again = await caller.funding.previewBulkApproval(request);
    expect(again).toMatchObject({ counts: { approve: 2, refused: 3 }, totalFen: 70_000 });
    const done = await caller.funding.confirmBulkApproval({ ...request, token: again.token });
    expect(done).toEqual({ approved: 2, totalFen: 70_000, availableAfterFen: 30_000 });
    const rows = await api.db.select().from(schema.fundingApplications).where(eq(schema.fundingApplications.callId, call.id));
    expect(rows.filter((r) => r.status === 'approved').map((r) => [r.id, r.awardFen, r.decidedBy]).sort()).toEqual([[a.id, 30_000, office2.id], [b.id, 40_000, office2.id]].sort());
    const t = await ledgerOf(call.id, call.poolFen);
    expect(t).toMatchObject({ committedFen: 70_000, availableFen: 30_000 });
    expect(t.committedFen + t.availableFen).toBe(t.poolFen);
    const [batch] = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, call.id)).then((r) => r.filter((x) => x.action === 'funding.bulk_approved'));
    expect(batch).toBeTruthy();
    await expect(caller.funding.confirmBulkApproval({ ...request, token: again.token })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a reduction releases the part given up back to the pool and cuts the budget to the new award; a cancellation refunds and releases the rest', async () => {
    const call = await newCall({ pool: '1000.00' });
    const app = await inReview(call.id, [33_334, 33_333, 33_333]);
    const officeCaller = await api.as(office.id);
    await officeCaller.funding.decide({ applicationId: app.id, decision: 'approve', award: '1000.00' });
    expect(await ledgerOf(call.id, call.poolFen)).toMatchObject({ committedFen: 100_000, availableFen: 0 });
    const manager = await api.as(other.manager.id);
    await manager.funding.confirmAgreement({ applicationId: app.id });
    await officeCaller.funding.recordTranche({ applicationId: app.id, amount: '700.00', paidOn: '2026-04-01', voucherNo: 'PZ-1' });

    await expect(officeCaller.funding.reduceAward({ applicationId: app.id, award: '699.99', reason: '压缩规模' })).rejects.toThrow('不能少于已拨付的 700.00 元');
    await expect(officeCaller.funding.reduceAward({ applicationId: app.id, award: '1000', reason: '压缩规模' })).rejects.toThrow('须少于现资助金额');
    await expect((await api.as(other.manager.id)).funding.reduceAward({ applicationId: app.id, award: '800', reason: '压缩规模' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const reduced = await officeCaller.funding.reduceAward({ applicationId: app.id, award: '800.01', reason: '压缩规模' });
    expect(reduced).toMatchObject({ awardFen: 80_001, releasedFen: 19_999, budgetRevision: 2, totals: { committedFen: 80_001, availableFen: 19_999, disbursedFen: 70_000 } });
    const view = await manager.funding.get({ applicationId: app.id });
    expect(view.totals.totalFen).toBe(80_001);
    expect(view.currentLines.every((l) => l.amountFen === l.quantity * l.unitPriceFen)).toBe(true);
    expect(view.grant).toMatchObject({ awardFen: 80_001, disbursedFen: 70_000, undisbursedFen: 10_001 });
    // The released money can be approved elsewhere, to its last fen and no further.
    const next = await inReview(call.id, [20_000]);
    await expect(officeCaller.funding.decide({ applicationId: next.id, decision: 'approve', award: '200.00' })).rejects.toThrow('资金余额不足：尚可承诺 199.99 元');
    await officeCaller.funding.decide({ applicationId: next.id, decision: 'approve', award: '199.99' });
    expect(await ledgerOf(call.id, call.poolFen)).toMatchObject({ committedFen: 100_000, availableFen: 0 });

    await expect(officeCaller.funding.cancelGrant({ applicationId: app.id, refund: '700.01', reason: '项目终止' })).rejects.toThrow('退回金额不能超过已拨付的 700.00 元');
    const cancelled = await officeCaller.funding.cancelGrant({ applicationId: app.id, refund: '500.00', reason: '项目终止' });
    expect(cancelled).toMatchObject({ status: 'cancelled', entries: [{ kind: 'refund', amountFen: 50_000 }, { kind: 'release', amountFen: 10_001 }] });
    const t = await ledgerOf(call.id, call.poolFen);
    // Kept by the base: 700.00 paid − 500.00 returned; plus the other grant's 199.99.
    expect(t).toMatchObject({ committedFen: 20_000 + 19_999, disbursedFen: 70_000, returnedFen: 50_000, availableFen: 100_000 - 39_999 });
    expect(t.committedFen + t.availableFen).toBe(t.poolFen);
    await expect(officeCaller.funding.cancelGrant({ applicationId: app.id, refund: '0', reason: '再次撤销' })).rejects.toThrow('当前状态不能撤销资助');
    await expect(officeCaller.funding.recordTranche({ applicationId: app.id, amount: '1', paidOn: '2026-05-01', voucherNo: 'PZ-2' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // Not yet confirmed: cancelling releases the whole award.
    const whole = await officeCaller.funding.cancelGrant({ applicationId: next.id, refund: '0', reason: '基地放弃' });
    expect(whole.entries).toEqual([{ kind: 'release', amountFen: 19_999 }]);
    expect(await ledgerOf(call.id, call.poolFen)).toMatchObject({ committedFen: 20_000, availableFen: 80_000 });
  });

  it('an interim report linking events takes their attendance from the activity reports; events outside the project are refused', async () => {
    const call = await newCall({ pool: '1000.00' });
    const app = await inReview(call.id, [50_000]);
    await api.db.update(schema.fundingApplications).set({ startDate: '2026-01-01', endDate: '2099-12-31' }).where(eq(schema.fundingApplications.id, app.id));
    const event = async (baseId: string, startsAt: string, report?: { attendance: number; youngPeople: number; links?: Array<{ kind: 'press' | 'new_media'; title: string; url: string }> }) => {
      const [row] = await api.db.insert(schema.baseEvents).values({ baseId, kind: 'lecture', title: `讲座${++n}`, startsAt: new Date(startsAt), endsAt: new Date(new Date(startsAt).getTime() + 7_200_000), status: 'published' }).returning();
      if (report) await api.db.insert(schema.eventReports).values({ eventId: row!.id, attendance: report.attendance, youngPeople: report.youngPeople, links: report.links ?? [] });
      return row!;
    };
    const first = await event(other.base.id, '2026-04-01T10:00:00+08:00', { attendance: 120, youngPeople: 80, links: [{ kind: 'new_media', title: '推文', url: 'https://example.org/a' }] });
    const second = await event(other.base.id, '2026-05-01T10:00:00+08:00', { attendance: 35, youngPeople: 5 });
    const unreported = await event(other.base.id, '2026-05-02T10:00:00+08:00');
    const before = await event(other.base.id, '2025-12-30T10:00:00+08:00', { attendance: 500, youngPeople: 0 });
    const elsewhere = await event(applicant.base.id, '2026-04-02T10:00:00+08:00', { attendance: 9, youngPeople: 9 });
    await (await api.as(office.id)).funding.decide({ applicationId: app.id, decision: 'approve', award: '500' });
    const manager = await api.as(other.manager.id);
    await manager.funding.confirmAgreement({ applicationId: app.id });
    const view = await manager.funding.get({ applicationId: app.id });
    expect(view.linkableEvents.map((e) => e.eventId)).toEqual([first.id, second.id]);
    const base = { applicationId: app.id, kind: 'interim' as const, summary: '已举办两场讲座。', spent: { [view.currentLines[0]!.key]: '200' }, targetsActual: { events: 9, people: 9999, youth: 0, newMedia: 3 } };
    for (const bad of [unreported, before, elsewhere]) await expect(manager.funding.submitReport({ ...base, eventIds: [first.id, bad.id] })).rejects.toThrow('只能关联本项目执行期内');
    const interim = await manager.funding.submitReport({ ...base, eventIds: [first.id, second.id] });
    expect(interim.targetsActual).toEqual({ events: 2, people: 155, youth: 85, newMedia: 3 });
    // An interim report leaves the grant running; the office sees it on the application.
    const officeView = await (await api.as(office.id)).funding.get({ applicationId: app.id });
    expect(officeView.status).toBe('agreement_confirmed');
    expect(officeView.reports.map((r) => [r.kind, r.eventIds.length])).toEqual([['interim', 2]]);
  });

  it('reminds about a report due the day before, on the day and a week late, each once; the office lists what is overdue', async () => {
    const call = await newCall({ pool: '1000.00' });
    const due = await inReview(call.id, [10_000]);
    const returned = await inReview(call.id, [10_000]);
    await api.db.update(schema.fundingApplications).set({ status: 'agreement_confirmed', awardFen: 10_000, reportDueOn: '2031-05-10' }).where(eq(schema.fundingApplications.id, due.id));
    await api.db.update(schema.fundingApplications).set({ status: 'report_returned', awardFen: 10_000, reportDueOn: '2031-04-01', reportReturnDeadline: '2031-05-20' }).where(eq(schema.fundingApplications.id, returned.id));
    const notices = async () => (await api.db.select().from(schema.notifications).where(eq(schema.notifications.userId, other.manager.id))).filter((x) => x.title.startsWith('专项经费报告')).map((x) => x.title);
    const start = (await notices()).length;
    await sendFundingReminders(api.db, '2031-05-08', 'http://localhost');
    expect((await notices()).length).toBe(start);
    await sendFundingReminders(api.db, '2031-05-09', 'http://localhost');
    await sendFundingReminders(api.db, '2031-05-09', 'http://localhost');
    expect((await notices()).slice(start)).toEqual(['专项经费报告明天到期']);
    await sendFundingReminders(api.db, '2031-05-10', 'http://localhost');
    await sendFundingReminders(api.db, '2031-05-17', 'http://localhost');
    await sendFundingReminders(api.db, '2031-05-18', 'http://localhost');
    expect((await notices()).slice(start)).toEqual(['专项经费报告明天到期', '专项经费报告今天到期', '专项经费报告已逾期一周']);
    const kinds = (await api.db.select().from(schema.fundingReminders).where(eq(schema.fundingReminders.applicationId, due.id))).map((r) => r.kind).sort();
    expect(kinds).toEqual(['day_before', 'due_day', 'week_late']);
    // The returned report is due on its correction deadline, not the original day.
    await sendFundingReminders(api.db, '2031-05-19', 'http://localhost');
    expect((await api.db.select().from(schema.fundingReminders).where(eq(schema.fundingReminders.applicationId, returned.id))).map((r) => [r.kind, r.dueOn])).toEqual([['day_before', '2031-05-20']]);

    const list = await (await api.as(office.id)).funding.reportsDue();
    expect(list.overdue.find((i) => i.applicationId === due.id)).toBeUndefined();
    const late = fundingReportsDue(api.db, '2031-05-18');
    const { overdue, dueSoon } = await late;
    expect(overdue.find((i) => i.applicationId === due.id)).toMatchObject({ dueOn: '2031-05-10', daysLate: 8, reminders: expect.arrayContaining([expect.objectContaining({ kind: 'week_late' })]) });
    expect(dueSoon.find((i) => i.applicationId === returned.id)).toMatchObject({ dueOn: '2031-05-20', isReturned: true, daysLate: 0 });
    await expect((await api.as(other.manager.id)).funding.reportsDue()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the dashboard adds the year up by call, district, kind and category; the workbook lists applications, awards and the ledger', async () => {
    const call = await newCall({ pool: '1000.00', year: 2033 });
    const a = await inReview(call.id, [30_000, 10_001]);
    const b = await inReview(call.id, [20_000], applicant);
    await api.db.update(schema.fundingApplications).set({ kind: 'exhibition' }).where(eq(schema.fundingApplications.id, b.id));
    const officeCaller = await api.as(office.id);
    await officeCaller.funding.decide({ applicationId: a.id, decision: 'approve', award: '400.01' });
    await officeCaller.funding.decide({ applicationId: b.id, decision: 'refuse', reason: '不符合要求' });
    await (await api.as(other.manager.id)).funding.confirmAgreement({ applicationId: a.id });
    await officeCaller.funding.recordTranche({ applicationId: a.id, amount: '280.00', paidOn: '2033-04-01', voucherNo: 'PZ-33' });
    const d = await officeCaller.funding.dashboard({ year: 2033 });
    expect(d.years).toContain(2033);
    expect(d.total).toEqual({ poolFen: 100_000, committedFen: 40_001, disbursedFen: 28_000, returnedFen: 0, availableFen: 59_999 });
    expect(d.calls.map((c) => c.id)).toEqual([call.id]);
    expect(d.byKind.find((k) => k.key === 'activity')).toMatchObject({ applications: 1, grants: 1, awardFen: 40_001, disbursedFen: 28_000 });
    expect(d.byKind.find((k) => k.key === 'exhibition')).toMatchObject({ applications: 1, grants: 0, awardFen: 0, requestedFen: 20_000 });
    expect(d.byDistrict.reduce((s, x) => s + x.awardFen, 0)).toBe(d.total.committedFen);
    expect(d.byCategory.reduce((s, x) => s + x.budgetFen, 0)).toBe(40_001);
    await expect((await api.as(other.manager.id)).funding.dashboard({ year: 2033 })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const { fileName, file } = await exportFundingWorkbook({ db: api.db }, { userId: office.id, grants: [{ organizationId: '', role: 'office' }] }, { year: 2033 });
    expect(fileName).toBe('专项活动工作经费2033.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['申请', '资助', '台账']);
    expect(workbook.getWorksheet('申请')!.rowCount).toBe(3 + 2);
    expect(workbook.getWorksheet('资助')!.getRow(4).getCell(5).value).toBe(400.01);
    expect(workbook.getWorksheet('台账')!.getRow(5).values).toEqual(expect.arrayContaining(['拨付', 280, 'PZ-33']));
    await expect(exportFundingWorkbook({ db: api.db }, viewerOf(other), { year: 2033 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('updateCall edits a call with the version seen, never the pool below what is committed, and keeps a valid tranche split', async () => {
    const call = await newCall({ pool: '1000.00' });
    const app = await inReview(call.id, [60_000]);
    const officeCaller = await api.as(office.id);
    await officeCaller.funding.decide({ applicationId: app.id, decision: 'approve', award: '600' });
    const fields = (over: Record<string, unknown> = {}) => ({
      callId: call.id, version: call.version + 1, title: '修改后的专项通知', year: 2026, pool: '800.00', maxPerProject: '800', kinds: ['activity', 'joint'] as Array<'activity' | 'joint'>,
      opensAt: new Date(Date.now() - DAY).toISOString(), closesAt: new Date(Date.now() + 60 * DAY).toISOString(), criteria: CRITERIA, groupMemberIds: [reviewer.id], tranchePercents: [50, 30, 20], ...over,
    });
    // Publishing bumped the version: the one from creation is stale.
    await expect(officeCaller.funding.updateCall(fields({ version: call.version }))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(officeCaller.funding.updateCall(fields({ pool: '599.99', maxPerProject: '500' }))).rejects.toThrow('资金总额不能少于已承诺的 600.00 元');
    await expect(officeCaller.funding.updateCall(fields({ tranchePercents: [70, 20] }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(officeCaller.funding.updateCall(fields({ groupMemberIds: [other.manager.id] }))).rejects.toThrow('工作组成员须具有');
    await expect((await api.as(other.manager.id)).funding.updateCall(fields())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const updated = await officeCaller.funding.updateCall(fields());
    expect(updated).toMatchObject({ title: '修改后的专项通知', poolFen: 80_000, kinds: ['activity', 'joint'], tranchePercents: [50, 30, 20], version: call.version + 2 });
    expect((await officeCaller.funding.officeCall({ callId: call.id })).group.map((g) => g.userId)).toEqual([reviewer.id]);
    expect(await ledgerOf(call.id, 80_000)).toMatchObject({ committedFen: 60_000, availableFen: 20_000 });
    // The grant's tranches follow the call's split, adding up to the award.
    const view = await officeCaller.funding.get({ applicationId: app.id });
    expect(view.tranches).toEqual([{ percent: 50, amountFen: 30_000 }, { percent: 30, amountFen: 18_000 }, { percent: 20, amountFen: 12_000 }]);
    const audit = (await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, call.id))).map((a) => a.action);
    expect(audit).toContain('funding.call_updated');
  });
});
