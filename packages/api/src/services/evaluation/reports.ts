import { schema, type Database, type DbOrTx } from '@ssb/db';
import { DomainError } from '@ssb/domain/errors';
import {
  EVALUATION_DIMENSIONS, REPORT_FIGURES, correctionProblems, rectificationActionsFor, reportActionsFor, reportState, type ReportFigure, type ReportFigures,
} from '@ssb/domain/evaluation';
import type { TSaveAnnualReport } from '@ssb/domain/evaluation-input';
import { beijingToday } from '@ssb/domain/time';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { notifyOffice } from '../alliances/alliance-rows.ts';
import { userError } from '../errors.ts';
import { dueAtFor, isOfficeViewer, loadRound, loadRoundBase, managesOrganization, type Deps, type EvaluationViewer } from './access.ts';
import { freshReportFigures, platformFigures } from './figures.ts';

const { annualReports, evaluationRoundBases, evaluationRounds, bases, rectifications, rectificationPoints, evaluationAssignments } = schema;

const managedOrgs = (viewer: EvaluationViewer) => viewer.grants.filter((g) => g.role === 'base_manager').map((g) => g.organizationId);

/** The base manager's desk: every round their bases are in, with the report state and any rectification. */
export async function myAnnualReports(db: DbOrTx, viewer: EvaluationViewer, now = new Date()) {
  const orgs = managedOrgs(viewer);
  if (orgs.length === 0) return { reports: [], rectifications: [] };
  const rows = await db
    .select({ round: evaluationRounds, dueAt: evaluationRoundBases.dueAt, baseId: bases.id, baseName: bases.name, baseNumber: bases.number, reportId: annualReports.id, reportStatus: annualReports.status, version: annualReports.version })
    .from(evaluationRoundBases)
    .innerJoin(bases, eq(bases.id, evaluationRoundBases.baseId))
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, evaluationRoundBases.roundId))
    .leftJoin(annualReports, and(eq(annualReports.roundId, evaluationRoundBases.roundId), eq(annualReports.baseId, bases.id)))
    .where(inArray(bases.organizationId, orgs))
    .orderBy(desc(evaluationRounds.year), asc(bases.number));
  const rects = await myRectifications(db, viewer, now);
  return {
    reports: rows.map((r) => {
      const dueAt = r.dueAt ?? r.round.reportDueAt;
      return {
        roundId: r.round.id, year: r.round.year, title: r.round.title, roundStatus: r.round.status, reportDueAt: dueAt, extended: r.dueAt !== null,
        baseId: r.baseId, baseName: r.baseName, baseNumber: r.baseNumber, reportId: r.reportId,
        state: reportState(r.reportStatus ? { status: r.reportStatus } : null, dueAt, now),
        canStart: !r.reportId && r.round.status === 'open' && now <= dueAt,
      };
    }),
    rectifications: rects,
  };
}

/** Starts the base's report for a round, pre-filled from the platform's records of that year (once; again returns the same). */
export async function startAnnualReport(db: Database, viewer: EvaluationViewer, input: { roundId: string; baseId: string }, now = new Date()) {
  return db.transaction(async (tx) => {
    const round = await loadRound(tx, input.roundId);
    const base = await loadRoundBase(tx, round.id, input.baseId);
    if (!managesOrganization(viewer, base.organizationId)) throw userError('FORBIDDEN', '您不是该基地的管理员');
    const [existing] = await tx.select().from(annualReports).where(and(eq(annualReports.roundId, round.id), eq(annualReports.baseId, base.id)));
    if (existing) return { reportId: existing.id };
    if (round.status !== 'open' || now > (await dueAtFor(tx, round, base.id))) throw userError('BAD_REQUEST', '本轮年度报告已截止填报');
    const figures = freshReportFigures(await platformFigures(tx, base.id, round.year, now));
    const [row] = await tx.insert(annualReports).values({ roundId: round.id, baseId: base.id, figures }).onConflictDoNothing().returning();
    if (!row) {
      const [again] = await tx.select().from(annualReports).where(and(eq(annualReports.roundId, round.id), eq(annualReports.baseId, base.id)));
      return { reportId: again!.id };
    }
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'evaluation.report_started', entityType: 'annual_report', entityId: row.id, data: { year: round.year, baseId: base.id } });
    return { reportId: row.id };
  });
}

/** Who may read a report: the base's managers, the office, and an expert assigned to it (without a declared conflict). */
async function loadReadableReport(db: DbOrTx, viewer: EvaluationViewer, reportId: string) {
  const [row] = await db
    .select({ report: annualReports, base: bases, round: evaluationRounds })
    .from(annualReports)
    .innerJoin(bases, eq(bases.id, annualReports.baseId))
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, annualReports.roundId))
    .where(eq(annualReports.id, reportId));
  if (!row) throw userError('NOT_FOUND', '年度报告不存在');
  // The base's own deadline (an extension) stands in for the round's everywhere below.
  row.round = { ...row.round, reportDueAt: await dueAtFor(db, row.round, row.base.id) };
  const isManager = managesOrganization(viewer, row.base.organizationId);
  const isOffice = isOfficeViewer(viewer);
  if (!isManager && !isOffice) {
    const [assignment] = viewer.grants.some((g) => g.role === 'expert')
      ? await db
          .select({ id: evaluationAssignments.id })
          .from(evaluationAssignments)
          .where(and(eq(evaluationAssignments.roundId, row.round.id), eq(evaluationAssignments.baseId, row.base.id), eq(evaluationAssignments.expertUserId, viewer.userId), ne(evaluationAssignments.status, 'withdrawn')))
      : [];
    if (!assignment || row.report.status !== 'submitted') throw userError('NOT_FOUND', '年度报告不存在');
  }
  return { ...row, isManager, isOffice };
}

/** One report with the figures (value, source, correction and its reason), the six texts, the form and the moves open to the viewer. */
export async function annualReportView(db: DbOrTx, viewer: EvaluationViewer, reportId: string, now = new Date()) {
  const { report, base, round, isManager, isOffice } = await loadReadableReport(db, viewer, reportId);
  return {
    id: report.id, status: report.status, version: report.version, submittedAt: report.submittedAt,
    figures: report.figures, texts: report.texts, answers: report.answers, photos: report.photos, attachments: report.attachments,
    base: { id: base.id, name: base.name, number: base.number, districtCode: base.districtCode, category: base.category, status: base.status },
    round: { id: round.id, year: round.year, title: round.title, status: round.status, reportDueAt: round.reportDueAt, formFields: round.formFields, weights: round.weights },
    state: reportState(report, round.reportDueAt, now),
    actions: reportActionsFor(report, round, { isManager, isOffice }, now),
  };
}

function applyCorrections(figures: ReportFigures, platform: Record<ReportFigure, { platform: number; source: ReportFigures[ReportFigure]['source'] }>, corrections: TSaveAnnualReport['corrections']): ReportFigures {
  const out = {} as ReportFigures;
  for (const key of REPORT_FIGURES) {
    const c = corrections[key];
    const fresh = platform[key];
    const value = c ? c.value : figures[key].corrected;
    const reason = c ? c.reason : figures[key].reason;
    const corrected = value === null || value === fresh.platform ? null : value;
    out[key] = { platform: fresh.platform, source: fresh.source, corrected, reason: corrected === null ? null : (reason ?? '').trim() || null };
  }
  return out;
}

/**
 * Autosave of a draft with the version the page holds; the platform's figures are read again (a later event
 * counts) while corrections and their reasons are kept. A stale version answers CONFLICT with the server's copy.
 */
export async function saveAnnualReport(db: Database, viewer: EvaluationViewer, input: TSaveAnnualReport, now = new Date()) {
  return db.transaction(async (tx) => {
    const { report, base, round, isManager, isOffice } = await loadReadableReport(tx, viewer, input.reportId);
    if (!isManager) throw userError('FORBIDDEN', '只有基地管理员可以填写年度报告');
    if (!reportActionsFor(report, round, { isManager, isOffice }, now).includes('saveReport')) throw userError('BAD_REQUEST', report.status === 'submitted' ? '年度报告已提交，不能再修改' : '本轮年度报告已截止填报');
    if (report.version !== input.version) throw new DomainError('CONFLICT', '年度报告已在别处保存过，请核对后再保存', { conflict: await annualReportView(tx, viewer, report.id, now) });
    const platform = await platformFigures(tx, base.id, round.year, now);
    const figures = applyCorrections(report.figures, platform, input.corrections);
    const problems = correctionProblems(
      Object.fromEntries(REPORT_FIGURES.map((k) => [k, { value: figures[k].corrected, reason: figures[k].reason }])),
      Object.fromEntries(REPORT_FIGURES.map((k) => [k, platform[k].platform])) as Record<ReportFigure, number>,
    );
    if (problems.length) throw new DomainError('BAD_REQUEST', problems.map((p) => p.message).join('；'), { issues: problems.map((p) => ({ path: `corrections.${p.figure}`, message: p.message })) });
    const keys = new Set(round.formFields.map((f) => f.key));
    const unknown = Object.keys(input.answers).filter((k) => !keys.has(k));
    if (unknown.length) throw userError('BAD_REQUEST', `表单中没有字段：${unknown.join('、')}`);
    for (const field of round.formFields) {
      if ((input.answers[field.key] ?? '').length > field.maxLength) throw userError('BAD_REQUEST', `“${field.label}”不超过 ${field.maxLength} 字`);
    }
    const texts = Object.fromEntries(EVALUATION_DIMENSIONS.filter((d) => input.texts[d] !== undefined).map((d) => [d, input.texts[d]!]));
    const [row] = await tx
      .update(annualReports)
      .set({ figures, texts: { ...report.texts, ...texts }, answers: { ...report.answers, ...input.answers }, attachments: input.attachments, version: report.version + 1, updatedAt: now })
      .where(and(eq(annualReports.id, report.id), eq(annualReports.version, input.version)))
      .returning();
    if (!row) throw new DomainError('CONFLICT', '年度报告已在别处保存过，请核对后再保存', { conflict: await annualReportView(tx, viewer, report.id, now) });
    return { id: row.id, version: row.version, figures: row.figures, savedAt: row.updatedAt };
  });
}

/** Submits by the deadline: every dimension has its text and required questions are answered; final afterwards. */
export async function submitAnnualReport(db: Database, viewer: EvaluationViewer, input: { reportId: string; version: number }, deps: Deps, now = new Date()) {
  return db.transaction(async (tx) => {
    const { report, base, round, isManager, isOffice } = await loadReadableReport(tx, viewer, input.reportId);
    if (!isManager) throw userError('FORBIDDEN', '只有基地管理员可以提交年度报告');
    if (!reportActionsFor(report, round, { isManager, isOffice }, now).includes('submitReport')) throw userError('BAD_REQUEST', report.status === 'submitted' ? '年度报告已提交' : '本轮年度报告已截止，不能再提交');
    if (report.version !== input.version) throw new DomainError('CONFLICT', '年度报告已在别处保存过，请核对后再提交', { conflict: await annualReportView(tx, viewer, report.id, now) });
    const missing = EVALUATION_DIMENSIONS.filter((d) => !(report.texts[d] ?? '').trim());
    const problems: string[] = [];
    if (missing.length) problems.push(`请填写六个方面的情况说明（尚缺 ${missing.length} 项）`);
    for (const field of round.formFields) if (field.required && !(report.answers[field.key] ?? '').trim()) problems.push(`请填写“${field.label}”`);
    if (problems.length) throw userError('BAD_REQUEST', problems.join('；'));
    const [row] = await tx
      .update(annualReports)
      .set({ status: 'submitted', submittedAt: now, submittedBy: viewer.userId, version: report.version + 1, updatedAt: now })
      .where(and(eq(annualReports.id, report.id), eq(annualReports.version, input.version), eq(annualReports.status, 'draft')))
      .returning();
    if (!row) throw userError('CONFLICT', '年度报告已在别处提交或修改，请刷新');
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'evaluation.report_submitted', entityType: 'annual_report', entityId: report.id, data: { year: round.year, baseId: base.id, corrected: REPORT_FIGURES.filter((k) => report.figures[k].corrected !== null) } });
    await notifyOffice(tx, { title: `${base.name} 提交了 ${round.year} 年度报告`, body: `${base.name}（${base.number}）已提交年度报告。`, link: `/admin/evaluation/${round.id}` }, deps.publicUrl);
    return { id: row.id, status: row.status, version: row.version };
  });
}

/** The base's rectifications with their points, answers and the moves open to the manager. */
export async function myRectifications(db: DbOrTx, viewer: EvaluationViewer, now = new Date()) {
  const orgs = managedOrgs(viewer);
  if (orgs.length === 0) return [];
  const rows = await db
    .select({ rect: rectifications, baseName: bases.name, year: evaluationRounds.year })
    .from(rectifications)
    .innerJoin(bases, eq(bases.id, rectifications.baseId))
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, rectifications.roundId))
    .where(inArray(bases.organizationId, orgs))
    .orderBy(desc(rectifications.createdAt));
  return withPoints(db, rows, { isManager: true, isOffice: false }, now);
}

export async function withPoints(
  db: DbOrTx,
  rows: Array<{ rect: typeof rectifications.$inferSelect; baseName: string; year: number }>,
  viewer: { isManager: boolean; isOffice: boolean },
  now: Date,
) {
  const points = rows.length ? await db.select().from(rectificationPoints).where(inArray(rectificationPoints.rectificationId, rows.map((r) => r.rect.id))).orderBy(asc(rectificationPoints.seq)) : [];
  const today = beijingToday(now);
  return rows.map(({ rect, baseName, year }) => ({
    id: rect.id, roundId: rect.roundId, baseId: rect.baseId, baseName, year, status: rect.status, deadline: rect.deadline, overdue: rect.status === 'open' && today > rect.deadline,
    answeredAt: rect.answeredAt, recheckNote: rect.recheckNote, recheckedAt: rect.recheckedAt,
    points: points.filter((p) => p.rectificationId === rect.id).map((p) => ({ id: p.id, seq: p.seq, point: p.point, answer: p.answer, evidence: p.evidence, answeredAt: p.answeredAt })),
    actions: rectificationActionsFor(rect, viewer, today),
  }));
}
