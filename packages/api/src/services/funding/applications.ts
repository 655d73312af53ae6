import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import {
  FUNDING_TRANSITIONS, REPORT_OWED_STATUSES, budgetTotals, trancheAmounts, canFundingMove, formatFen, fundingActionsFor, fundingEligibilityProblems, isCallOpen, lineAmountFen,
  type BudgetLine, type FundingKind, type FundingStatus,
} from '@ssb/domain/funding';
import type { TBudgetLineInput, TFundingApplicationFields } from '@ssb/domain/funding-input';
import { DomainError } from '@ssb/domain/errors';
import { beijingToday } from '@ssb/domain/time';
import { and, desc, eq, inArray, lt, ne } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { notifyOffice } from '../alliances/alliance-rows.ts';
import { userError } from '../errors.ts';
import { linkableEvents } from './events.ts';
import { listFundingFiles, missingAttachments } from './files.ts';
import { latestOutcomeOf } from '../evaluation/outcomes.ts';
import {
  applicantOrganizations, baseNames, budgetLines, grantFigures, isOfficeViewer, loadApplication, loadCall, loadOwnApplication, writeBudgetLines,
  type ApplicationRow, type CallRow, type Deps, type FundingViewer,
} from './rows.ts';

/** Lines as typed → lines with keys and amounts; keys already used are kept. */
export function toBudgetLines(input: readonly TBudgetLineInput[], categories: readonly string[]): BudgetLine[] {
  const used = new Set(input.flatMap((l) => (l.key ? [l.key] : [])));
  if (used.size !== input.filter((l) => l.key).length) throw userError('BAD_REQUEST', '预算行编号重复');
  let n = 0;
  const nextKey = () => {
    do n += 1;
    while (used.has(`l${n}`));
    used.add(`l${n}`);
    return `l${n}`;
  };
  return input.map((l) => {
    if (!categories.includes(l.category)) throw userError('BAD_REQUEST', `“${l.category}”不是本次申报的费用科目`);
    let amountFen: number;
    try {
      amountFen = lineAmountFen(l.quantity, l.unitPrice);
    } catch {
      throw userError('BAD_REQUEST', `“${l.item}”的金额超出允许范围`);
    }
    return { key: l.key ?? nextKey(), category: l.category, item: l.item, quantity: l.quantity, unitPriceFen: l.unitPrice, amountFen, justification: l.justification };
  });
}

/** Final reports still owed past their due day by the organization's earlier grants. */
export async function overdueReportsOf(db: DbOrTx, organizationId: string, today: string) {
  return db
    .select({ id: schema.fundingApplications.id, title: schema.fundingApplications.title, dueOn: schema.fundingApplications.reportDueOn })
    .from(schema.fundingApplications)
    .where(
      and(
        eq(schema.fundingApplications.organizationId, organizationId),
        inArray(schema.fundingApplications.status, REPORT_OWED_STATUSES as FundingStatus[]),
        lt(schema.fundingApplications.reportDueOn, today),
      ),
    )
    .then((rows) => rows.map((r) => ({ id: r.id, title: r.title, dueOn: r.dueOn! })));
}

/**
 * A base manager applies for one of their bases; an alliance's coordinator applies for a joint action
 * through the alliance's lead base (which must be theirs to act for).
 */
export async function createFundingApplication(db: DbOrTx, viewer: FundingViewer, input: { callId: string; baseId: string; allianceId: string | null; kind: FundingKind }, now = new Date()) {
  return db.transaction(async (tx) => {
    const call = await loadCall(tx, input.callId);
    const [base] = await tx.select().from(schema.bases).where(eq(schema.bases.id, input.baseId));
    if (!base) throw userError('NOT_FOUND', '未找到该基地');
    if (input.allianceId) {
      const [alliance] = await tx.select().from(schema.alliances).where(eq(schema.alliances.id, input.allianceId));
      if (!alliance || alliance.coordinatorUserId !== viewer.userId || alliance.status !== 'approved') throw userError('FORBIDDEN', '您不是该联盟的协调人');
      if (alliance.leadBaseId !== base.id) throw userError('BAD_REQUEST', '联盟的联合行动须以牵头基地的名义申请');
      if (!viewer.grants.some((g) => g.role === 'alliance_coordinator' && g.organizationId === base.organizationId)) throw userError('FORBIDDEN', '您不是该联盟的协调人');
    } else if (!viewer.grants.some((g) => g.role === 'base_manager' && g.organizationId === base.organizationId)) {
      throw userError('FORBIDDEN', '您不是该基地的管理员');
    }
    const problems = fundingEligibilityProblems({
      call,
      now,
      baseStatus: base.status,
      kind: input.kind,
      viaAlliance: Boolean(input.allianceId),
      overdueReports: await overdueReportsOf(tx, base.organizationId, beijingToday(now)),
      minOutcome: call.minOutcome,
      latestOutcome: (await latestOutcomeOf(tx, base.id))?.outcome ?? null,
    });
    if (problems.length) throw userError('BAD_REQUEST', problems.join('；'));
    const [row] = await tx
      .insert(schema.fundingApplications)
      .values({ callId: call.id, baseId: base.id, organizationId: base.organizationId, allianceId: input.allianceId, kind: input.kind, createdBy: viewer.userId })
      .returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.application_created', entityType: 'funding_application', entityId: row!.id, data: { callId: call.id, baseId: base.id, allianceId: input.allianceId } });
    return row!;
  });
}

async function setCoApplicants(tx: DbOrTx, app: ApplicationRow, baseIds: string[]) {
  await tx.delete(schema.fundingCoApplicants).where(eq(schema.fundingCoApplicants.applicationId, app.id));
  if (baseIds.length === 0) return;
  if (!app.allianceId) throw userError('BAD_REQUEST', '只有联盟的联合行动可以列出合作申请基地');
  const members = await tx
    .select({ baseId: schema.allianceMembers.baseId, organizationId: schema.allianceMembers.organizationId })
    .from(schema.allianceMembers)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.allianceMembers.baseId))
    .where(and(eq(schema.allianceMembers.allianceId, app.allianceId), eq(schema.allianceMembers.status, 'active'), inArray(schema.allianceMembers.baseId, baseIds), eq(schema.bases.status, 'active')));
  const found = new Map(members.map((m) => [m.baseId!, m.organizationId]));
  for (const id of baseIds) {
    if (id === app.baseId) throw userError('BAD_REQUEST', '牵头基地不必再列为合作申请基地');
    if (!found.has(id)) throw userError('BAD_REQUEST', '合作申请基地须为本联盟在盟、状态正常的基地');
  }
  await tx.insert(schema.fundingCoApplicants).values(baseIds.map((baseId) => ({ applicationId: app.id, baseId, organizationId: found.get(baseId)! })));
}

/** Saves a draft only `where version = sent`; otherwise CONFLICT with the server's copy. */
export async function saveFundingDraft(db: DbOrTx, viewer: FundingViewer, input: { applicationId: string; version: number; fields: TFundingApplicationFields }, now = new Date()) {
  return db.transaction(async (tx) => {
    const app = await loadOwnApplication(tx, viewer, input.applicationId, { lock: true });
    if (!canFundingMove('saveDraft', app.status)) throw userError('BAD_REQUEST', '只能修改草稿');
    const call = await loadCall(tx, app.callId);
    if (!isCallOpen(call, now)) throw userError('BAD_REQUEST', '本次申报不在开放时间内');
    if (app.version !== input.version) {
      throw new DomainError('CONFLICT', '草稿已在别处保存过，请核对后再保存', { conflict: await fundingApplicationView(tx, viewer, app.id, now) });
    }
    const f = input.fields;
    if (!call.kinds.includes(f.kind)) throw userError('BAD_REQUEST', '本次申报不接受该类项目');
    if (app.allianceId ? f.kind !== 'joint' : false) throw userError('BAD_REQUEST', '联盟只能申请联合行动项目');
    const lines = toBudgetLines(f.lines, call.categories);
    const requestedFen = budgetTotals(lines).totalFen;
    await writeBudgetLines(tx, app.id, 0, lines);
    await setCoApplicants(tx, app, f.coApplicantBaseIds);
    const [saved] = await tx
      .update(schema.fundingApplications)
      .set({
        title: f.title,
        kind: f.kind,
        aims: f.aims,
        audiences: f.audiences,
        startDate: f.startDate,
        endDate: f.endDate,
        milestones: f.milestones,
        targets: f.targets,
        coFundingFen: f.coFunding,
        coFundingSource: f.coFundingSource,
        requestedFen,
        version: app.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(schema.fundingApplications.id, app.id), eq(schema.fundingApplications.version, input.version)))
      .returning();
    return { id: saved!.id, version: saved!.version, requestedFen };
  });
}

/** What stops a draft from being submitted (the same list the page shows). */
export function submitProblems(app: ApplicationRow, call: CallRow, lines: BudgetLine[]): string[] {
  const problems: string[] = [];
  if (app.title.trim().length < 4) problems.push('请填写项目名称（至少 4 个字）');
  if (app.aims.trim().length < 10) problems.push('请填写项目目标（至少 10 个字）');
  if (!app.startDate || !app.endDate) problems.push('请填写执行起止日期');
  else if (app.endDate < app.startDate) problems.push('结束日期不能早于开始日期');
  if (lines.length === 0) problems.push('请至少填写一条预算');
  const total = budgetTotals(lines).totalFen;
  if (lines.length && total === 0) problems.push('申请金额须大于 0');
  if (total > call.maxPerProjectFen) problems.push(`申请金额 ${formatFen(total)} 元超过单项上限 ${formatFen(call.maxPerProjectFen)} 元`);
  return problems;
}

export async function submitFundingApplication(db: DbOrTx, viewer: FundingViewer, applicationId: string, deps: Deps, now = new Date()) {
  return db.transaction(async (tx) => {
    const app = await loadOwnApplication(tx, viewer, applicationId, { lock: true });
    if (!canFundingMove('submit', app.status)) throw userError('BAD_REQUEST', '该申请已提交');
    const call = await loadCall(tx, app.callId);
    if (!isCallOpen(call, now)) throw userError('BAD_REQUEST', '申报已截止，不能再提交');
    const [base] = await tx.select().from(schema.bases).where(eq(schema.bases.id, app.baseId));
    const eligibility = fundingEligibilityProblems({ call, now, baseStatus: base!.status, kind: app.kind, viaAlliance: Boolean(app.allianceId), overdueReports: await overdueReportsOf(tx, app.organizationId, beijingToday(now)), minOutcome: call.minOutcome, latestOutcome: (await latestOutcomeOf(tx, base!.id))?.outcome ?? null });
    const missing = (await missingAttachments(tx, app, call.requiredAttachments)).map((label) => `请上传附件“${label}”`);
    const problems = [...eligibility, ...submitProblems(app, call, await budgetLines(tx, app.id, 0)), ...missing];
    if (problems.length) throw userError('BAD_REQUEST', problems.join('；'));
    const [row] = await tx
      .update(schema.fundingApplications)
      .set({ status: FUNDING_TRANSITIONS.submit.to, submittedAt: now, version: app.version + 1, updatedAt: now })
      .where(and(eq(schema.fundingApplications.id, app.id), eq(schema.fundingApplications.status, 'draft')))
      .returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.application_submitted', entityType: 'funding_application', entityId: app.id, data: { requestedFen: app.requestedFen } });
    await notifyOffice(tx, { title: '新的专项经费申请', body: `“${app.title}”已提交，申请 ${formatFen(app.requestedFen)} 元。`, link: `/admin/funding/applications/${app.id}` }, deps.publicUrl);
    return row!;
  });
}

/** Withdrawn before review starts (no working-group member assigned yet). */
export async function withdrawFundingApplication(db: DbOrTx, viewer: FundingViewer, applicationId: string) {
  return db.transaction(async (tx) => {
    const app = await loadOwnApplication(tx, viewer, applicationId, { lock: true });
    if (!canFundingMove('withdraw', app.status)) throw userError('BAD_REQUEST', '审核已开始，不能撤回');
    const [row] = await tx
      .update(schema.fundingApplications)
      .set({ status: 'withdrawn', version: app.version + 1, updatedAt: new Date() })
      .where(and(eq(schema.fundingApplications.id, app.id), inArray(schema.fundingApplications.status, ['draft', 'submitted'])))
      .returning();
    if (!row) throw userError('CONFLICT', '审核已开始，不能撤回');
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.application_withdrawn', entityType: 'funding_application', entityId: app.id });
    return row;
  });
}

/** One application as the applicant or the office sees it, with the moves open to that viewer. */
export async function fundingApplicationView(db: DbOrTx, viewer: FundingViewer, applicationId: string, now = new Date()) {
  const office = isOfficeViewer(viewer);
  const app = office ? await loadApplication(db, applicationId) : await loadOwnApplication(db, viewer, applicationId).catch(async (error: unknown) => {
    // A co-applying base's managers read the joint application (no moves of their own).
    const row = await loadApplication(db, applicationId).catch(() => null);
    if (row && (await coApplicantOrganizations(db, row.id)).some((o) => applicantOrganizations(viewer).includes(o))) return row;
    throw error;
  });
  const call = await loadCall(db, app.callId);
  const requestedLines = await budgetLines(db, app.id, 0);
  const currentLines = app.budgetRevision === 0 ? requestedLines : await budgetLines(db, app.id, app.budgetRevision);
  const coApplicants = await db.select().from(schema.fundingCoApplicants).where(eq(schema.fundingCoApplicants.applicationId, app.id));
  const names = await baseNames(db, [app.baseId, ...coApplicants.map((c) => c.baseId)]);
  const [agreement] = await db.select().from(schema.fundingAgreements).where(eq(schema.fundingAgreements.applicationId, app.id));
  const changes = await db.select().from(schema.fundingBudgetChanges).where(eq(schema.fundingBudgetChanges.applicationId, app.id)).orderBy(desc(schema.fundingBudgetChanges.createdAt));
  const reports = await db.select().from(schema.fundingReports).where(eq(schema.fundingReports.applicationId, app.id)).orderBy(desc(schema.fundingReports.submittedAt));
  const ledger = await db.select().from(schema.fundingLedgerEntries).where(eq(schema.fundingLedgerEntries.applicationId, app.id));
  const today = beijingToday(now);
  const isApplicant = applicantOrganizations(viewer).includes(app.organizationId);
  const viewerRole = office ? 'office' : isApplicant ? 'applicant' : 'co_applicant';
  const files = await listFundingFiles(db, app.id);
  const grant = await grantFigures(db, app.id);
  const missing = app.status === 'draft' ? (await missingAttachments(db, app, call.requiredAttachments)).map((label) => `请上传附件“${label}”`) : [];
  return {
    ...app,
    baseName: names.get(app.baseId) ?? '',
    call: { id: call.id, title: call.title, year: call.year, categories: call.categories, kinds: call.kinds, maxPerProjectFen: call.maxPerProjectFen, closesAt: call.closesAt, changeThresholdPercent: call.changeThresholdPercent, criteria: call.criteria, requiredAttachments: call.requiredAttachments, tranchePercents: call.tranchePercents, allowAlliances: call.allowAlliances },
    coApplicants: coApplicants.map((c) => ({ baseId: c.baseId, name: names.get(c.baseId) ?? '' })),
    requestedLines,
    currentLines,
    totals: budgetTotals(currentLines, call.categories),
    grant,
    /** The call's split of the award into tranches (whole fen, adding up to the award). */
    tranches: app.awardFen === null ? [] : trancheAmounts(grant.awardFen, call.tranchePercents).map((amountFen, i) => ({ percent: call.tranchePercents[i]!, amountFen })),
    ledger,
    agreement: agreement ?? null,
    changes,
    reports,
    files,
    viewerRole,
    /** Events a report may link (their activity reports give attendance), once the grant runs. */
    linkableEvents: ['agreement_confirmed', 'report_returned', 'report_submitted', 'accepted', 'closed'].includes(app.status) ? await linkableEvents(db, app) : [],
    problems: app.status === 'draft' ? [...submitProblems(app, call, requestedLines), ...missing] : [],
    actions: fundingActionsFor({ status: app.status, callOpen: isCallOpen(call, now), projectEnded: app.endDate !== null && today > app.endDate }, { isApplicant, isOffice: office }),
  };
}

async function coApplicantOrganizations(db: DbOrTx, applicationId: string) {
  const rows = await db.select({ organizationId: schema.fundingCoApplicants.organizationId }).from(schema.fundingCoApplicants).where(eq(schema.fundingCoApplicants.applicationId, applicationId));
  return rows.map((r) => r.organizationId);
}

/** The viewer's organizations' applications, newest first, then the joint ones they co-apply for (drafts excepted). */
export async function listMyFundingApplications(db: DbOrTx, viewer: FundingViewer) {
  const orgs = applicantOrganizations(viewer);
  if (orgs.length === 0) return [];
  const rows = await db
    .select({ app: schema.fundingApplications, callTitle: schema.fundingCalls.title, baseName: schema.bases.name })
    .from(schema.fundingApplications)
    .innerJoin(schema.fundingCalls, eq(schema.fundingCalls.id, schema.fundingApplications.callId))
    .innerJoin(schema.bases, eq(schema.bases.id, schema.fundingApplications.baseId))
    .where(inArray(schema.fundingApplications.organizationId, orgs))
    .orderBy(desc(schema.fundingApplications.createdAt));
  const joint = await db
    .select({ app: schema.fundingApplications, callTitle: schema.fundingCalls.title, baseName: schema.bases.name })
    .from(schema.fundingCoApplicants)
    .innerJoin(schema.fundingApplications, eq(schema.fundingApplications.id, schema.fundingCoApplicants.applicationId))
    .innerJoin(schema.fundingCalls, eq(schema.fundingCalls.id, schema.fundingApplications.callId))
    .innerJoin(schema.bases, eq(schema.bases.id, schema.fundingApplications.baseId))
    .where(and(inArray(schema.fundingCoApplicants.organizationId, orgs), ne(schema.fundingApplications.status, 'draft')))
    .orderBy(desc(schema.fundingApplications.createdAt));
  const own = new Set(rows.map((r) => r.app.id));
  return [
    ...rows.map((r) => ({ ...r.app, callTitle: r.callTitle, baseName: r.baseName, isCoApplicant: false })),
    ...joint.filter((r) => !own.has(r.app.id)).map((r) => ({ ...r.app, callTitle: r.callTitle, baseName: r.baseName, isCoApplicant: true })),
  ];
}

/** The office's list of one call's applications (drafts are the applicant's own business). */
export async function listCallApplications(db: DbOrTx, callId: string) {
  const rows = await db
    .select({ app: schema.fundingApplications, baseName: schema.bases.name })
    .from(schema.fundingApplications)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.fundingApplications.baseId))
    .where(and(eq(schema.fundingApplications.callId, callId), inArray(schema.fundingApplications.status, ['submitted', 'in_review', 'refused', 'approved', 'agreement_confirmed', 'report_submitted', 'report_returned', 'accepted', 'closed', 'withdrawn'])))
    .orderBy(desc(schema.fundingApplications.submittedAt));
  return rows.map((r) => ({ ...r.app, baseName: r.baseName }));
}
