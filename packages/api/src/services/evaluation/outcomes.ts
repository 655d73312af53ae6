import { createHash } from 'node:crypto';
import { schema, type Database, type DbOrTx } from '@ssb/db';
import {
  EVALUATION_OUTCOME_LABELS, EVALUATION_OUTCOMES, PUBLIC_OUTCOME_KEYS, baseStatusAfterOutcome, meanScore, rectificationActionsFor, rectificationDeadline, reportState,
  type EvaluationOutcome, type PublicOutcomeKey,
} from '@ssb/domain/evaluation';
import type { TOutcomeDecision } from '@ssb/domain/evaluation-input';
import { beijingToday } from '@ssb/domain/time';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { notifyOffice } from '../alliances/alliance-rows.ts';
import { changeBaseStatus } from '../base-register/change-base-status.ts';
import { userError } from '../errors.ts';
import { notifyUsers, usersOf } from '../notifications/notify.ts';
import { isOfficeViewer, loadRound, managesOrganization, type Deps, type EvaluationViewer } from './access.ts';
import { withPoints } from './reports.ts';

const { evaluationRounds, evaluationRoundBases, annualReports, evaluationAssignments, evaluationVisits, evaluationResults, rectifications, rectificationPoints, bases } = schema;

/**
 * What confirming these outcomes would do, computed from the database as it is: each base's report state and
 * three scores, the outcome, the register move it causes and the rectification deadline; plus a token of it all.
 */
export async function previewEvaluationOutcomes(db: DbOrTx, input: { roundId: string; decisions: TOutcomeDecision[] }, now = new Date()) {
  const round = await loadRound(db, input.roundId);
  if (round.status !== 'reviewing') throw userError('BAD_REQUEST', '请先截止填报、进入评估阶段，再确定考核结果');
  const ids = input.decisions.map((d) => d.baseId);
  if (new Set(ids).size !== ids.length) throw userError('BAD_REQUEST', '同一基地只能有一个考核结果');
  const rows = await db
    .select({ base: bases, reportStatus: annualReports.status, dueAt: evaluationRoundBases.dueAt })
    .from(evaluationRoundBases)
    .innerJoin(bases, eq(bases.id, evaluationRoundBases.baseId))
    .leftJoin(annualReports, and(eq(annualReports.roundId, round.id), eq(annualReports.baseId, bases.id)))
    .where(and(eq(evaluationRoundBases.roundId, round.id), inArray(evaluationRoundBases.baseId, ids)));
  if (rows.length !== ids.length) throw userError('BAD_REQUEST', '所选基地中有不在本轮考核范围内的');
  const assignments = await db.select().from(evaluationAssignments).where(and(eq(evaluationAssignments.roundId, round.id), inArray(evaluationAssignments.baseId, ids)));
  const visits = await db.select().from(evaluationVisits).where(and(eq(evaluationVisits.roundId, round.id), inArray(evaluationVisits.baseId, ids))).orderBy(desc(evaluationVisits.visitedOn));
  const results = await db.select().from(evaluationResults).where(and(eq(evaluationResults.roundId, round.id), inArray(evaluationResults.baseId, ids)));
  const today = beijingToday(now);
  const items = input.decisions.map((d) => {
    const { base, reportStatus, dueAt } = rows.find((r) => r.base.id === d.baseId)!;
    const result = results.find((r) => r.baseId === d.baseId);
    const state = reportState(reportStatus ? { status: reportStatus } : null, dueAt ?? round.reportDueAt, now);
    const expert = assignments.filter((a) => a.baseId === d.baseId);
    const warnings: string[] = [];
    if (result?.outcome) warnings.push(`已有考核结果“${EVALUATION_OUTCOME_LABELS[result.outcome].zh}”，不能再改`);
    if (state !== 'submitted' && (d.outcome === 'excellent' || d.outcome === 'pass')) warnings.push('该基地未提交年度报告，不能评为优秀或合格');
    if (base.status !== 'active' && base.status !== 'rectification') warnings.push('该基地已撤销或到期');
    const toStatus = baseStatusAfterOutcome(d.outcome, base.status);
    return {
      baseId: base.id, baseName: base.name, number: base.number, baseVersion: base.version, fromStatus: base.status, toStatus,
      reportState: state, unreported: state !== 'submitted',
      expertMean: meanScore(expert.filter((a) => a.status === 'submitted').map((a) => a.weightedScore)),
      expertPending: expert.filter((a) => a.status === 'assigned').length,
      visitScore: visits.find((v) => v.baseId === d.baseId)?.score ?? null,
      officeScore: result?.officeScore ?? null,
      outcome: d.outcome, reason: d.reason.trim(), points: d.outcome === 'rectify' ? d.points : [],
      deadline: d.outcome === 'rectify' ? (d.deadline ?? rectificationDeadline(today)) : null,
      blocked: warnings.length > 0, warnings,
    };
  });
  for (const item of items) if (item.deadline && item.deadline <= today) { item.blocked = true; item.warnings.push('整改期限须晚于今天'); }
  const token = createHash('sha256').update(JSON.stringify({ round: round.id, version: round.version, items })).digest('hex');
  return { roundId: round.id, year: round.year, items, blocked: items.some((i) => i.blocked), token };
}

/**
 * Applies the outcomes previewed, if the plan is still the one the office saw (same token), under a per-round
 * advisory lock: results kept with the scores as they stood; 限期整改 opens a rectification and puts the base
 * under rectification, 不合格 revokes it — both through the register's status change, with reason and history.
 */
export async function confirmEvaluationOutcomes(db: Database, viewer: EvaluationViewer, input: { roundId: string; decisions: TOutcomeDecision[]; token: string }, deps: Deps, now = new Date()) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'evaluation-outcomes:' + input.roundId}, 0))`);
    const plan = await previewEvaluationOutcomes(tx, input, now);
    if (plan.token !== input.token) throw userError('CONFLICT', '考核情况已有变化，请重新预览后再确认');
    if (plan.blocked) throw userError('BAD_REQUEST', plan.items.flatMap((i) => i.warnings.map((w) => `${i.baseName}：${w}`)).join('；'));
    for (const item of plan.items) {
      const label = EVALUATION_OUTCOME_LABELS[item.outcome].zh;
      await tx
        .insert(evaluationResults)
        .values({ roundId: plan.roundId, baseId: item.baseId, outcome: item.outcome, outcomeReason: item.reason, expertMean: item.expertMean, visitScore: item.visitScore, decidedBy: viewer.userId, decidedAt: now, unreported: item.unreported })
        .onConflictDoUpdate({
          target: [evaluationResults.roundId, evaluationResults.baseId],
          set: { outcome: item.outcome, outcomeReason: item.reason, expertMean: item.expertMean, visitScore: item.visitScore, decidedBy: viewer.userId, decidedAt: now, unreported: item.unreported },
        });
      if (item.outcome === 'rectify') {
        const [rect] = await tx.insert(rectifications).values({ roundId: plan.roundId, baseId: item.baseId, deadline: item.deadline!, createdBy: viewer.userId }).returning();
        await tx.insert(rectificationPoints).values(item.points.map((point, i) => ({ rectificationId: rect!.id, seq: i + 1, point })));
      }
      if (item.toStatus) {
        const reason = `${plan.year} 年度考核结果：${label}${item.unreported ? '（未提交年度报告）' : ''}${item.reason ? `。${item.reason}` : ''}`;
        await changeBaseStatus(tx, viewer, { baseId: item.baseId, version: item.baseVersion, toStatus: item.toStatus, reason }, deps.publicUrl);
      }
      await appendAudit(tx, {
        actorUserId: viewer.userId, action: 'evaluation.outcome_decided', entityType: 'base', entityId: item.baseId,
        data: { roundId: plan.roundId, year: plan.year, outcome: item.outcome, reason: item.reason, expertMean: item.expertMean, visitScore: item.visitScore, officeScore: item.officeScore, unreported: item.unreported, points: item.points, deadline: item.deadline },
      });
      const [base] = await tx.select({ organizationId: bases.organizationId }).from(bases).where(eq(bases.id, item.baseId));
      await notifyUsers(
        tx,
        await usersOf(tx, base!.organizationId, ['base_manager']),
        {
          title: `${plan.year} 年度考核结果：${label}`,
          body: item.outcome === 'rectify'
            ? `${item.baseName} 的考核结果为“限期整改”，请在 ${item.deadline} 前逐条答复整改要点并提供证明材料。`
            : `${item.baseName} 的 ${plan.year} 年度考核结果为“${label}”。${item.reason}`,
          link: item.outcome === 'rectify' ? '/portal/annual-reports' : undefined,
        },
        deps.publicUrl,
      );
    }
    return { decided: plan.items.length };
  });
}

async function loadRectification(tx: DbOrTx, rectificationId: string) {
  const [row] = await tx
    .select({ rect: rectifications, base: bases, year: evaluationRounds.year })
    .from(rectifications)
    .innerJoin(bases, eq(bases.id, rectifications.baseId))
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, rectifications.roundId))
    .where(eq(rectifications.id, rectificationId))
    .for('update', { of: rectifications });
  if (!row) throw userError('NOT_FOUND', '整改记录不存在');
  return row;
}

/** The base answers every point with evidence before the deadline; the office is told. */
export async function answerRectification(db: Database, viewer: EvaluationViewer, input: { rectificationId: string; answers: Array<{ pointId: string; answer: string; evidence: Array<{ name: string; url: string }> }> }, deps: Deps, now = new Date()) {
  return db.transaction(async (tx) => {
    const { rect, base, year } = await loadRectification(tx, input.rectificationId);
    if (!managesOrganization(viewer, base.organizationId)) throw userError('FORBIDDEN', '您不是该基地的管理员');
    if (!rectificationActionsFor(rect, { isManager: true, isOffice: false }, beijingToday(now)).includes('answerRectification')) {
      throw userError('BAD_REQUEST', rect.status === 'open' ? `整改期限（${rect.deadline}）已过，不能再提交答复` : '整改答复已提交');
    }
    const points = await tx.select().from(rectificationPoints).where(eq(rectificationPoints.rectificationId, rect.id));
    const answered = new Set(input.answers.map((a) => a.pointId));
    if (input.answers.some((a) => !points.some((p) => p.id === a.pointId))) throw userError('BAD_REQUEST', '答复中有不属于本次整改的要点');
    const missing = points.filter((p) => !answered.has(p.id));
    if (missing.length) throw userError('BAD_REQUEST', `请逐条答复全部整改要点（尚缺 ${missing.length} 条）`);
    for (const a of input.answers) await tx.update(rectificationPoints).set({ answer: a.answer, evidence: a.evidence, answeredAt: now }).where(eq(rectificationPoints.id, a.pointId));
    await tx.update(rectifications).set({ status: 'answered', answeredAt: now, answeredBy: viewer.userId }).where(eq(rectifications.id, rect.id));
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'evaluation.rectification_answered', entityType: 'rectification', entityId: rect.id, data: { baseId: base.id, year, points: points.length } });
    await notifyOffice(tx, { title: `${base.name} 提交了整改答复`, body: `${base.name} 已逐条答复 ${year} 年度考核的整改要点，请复查。`, link: '/admin/evaluation/rectifications' }, deps.publicUrl);
    return { ok: true };
  });
}

/**
 * The office's re-check: passed ends the rectification (the base is active again); failed revokes the title
 * through the register's status change, with the reason in its history (and the alliance standing following).
 */
export async function recheckRectification(db: Database, viewer: EvaluationViewer, input: { rectificationId: string; passed: boolean; note: string }, deps: Deps, now = new Date()) {
  return db.transaction(async (tx) => {
    const { rect, base, year } = await loadRectification(tx, input.rectificationId);
    const action = input.passed ? 'recheckPass' : 'recheckFail';
    if (!rectificationActionsFor(rect, { isManager: false, isOffice: true }, beijingToday(now)).includes(action)) {
      throw userError('BAD_REQUEST', rect.status === 'open' ? '基地尚未答复，整改期限也未到，暂不能复查' : '该整改已复查');
    }
    await tx.update(rectifications).set({ status: input.passed ? 'passed' : 'failed', recheckNote: input.note, recheckedBy: viewer.userId, recheckedAt: now }).where(eq(rectifications.id, rect.id));
    const [fresh] = await tx.select().from(bases).where(eq(bases.id, base.id));
    const toStatus = input.passed ? 'active' : 'revoked';
    if (fresh!.status === 'rectification' || (!input.passed && fresh!.status === 'active')) {
      const reason = input.passed ? `${year} 年度考核整改复查通过。${input.note}` : `${year} 年度考核整改复查未通过，撤销命名。${input.note}`;
      await changeBaseStatus(tx, viewer, { baseId: base.id, version: fresh!.version, toStatus, reason }, deps.publicUrl);
    }
    await appendAudit(tx, { actorUserId: viewer.userId, action: input.passed ? 'evaluation.recheck_passed' : 'evaluation.recheck_failed', entityType: 'rectification', entityId: rect.id, data: { baseId: base.id, year, note: input.note, answered: rect.status === 'answered' } });
    await notifyUsers(
      tx,
      await usersOf(tx, base.organizationId, ['base_manager']),
      input.passed
        ? { title: '整改复查通过', body: `${base.name} 的 ${year} 年度考核整改已复查通过。${input.note}` }
        : { title: '整改复查未通过，命名已撤销', body: `${base.name} 的 ${year} 年度考核整改复查未通过，“科学家精神教育基地”命名已撤销。${input.note}` },
      deps.publicUrl,
    );
    return { status: input.passed ? 'passed' : 'failed', baseStatus: toStatus };
  });
}

/** The office's list of rectifications (open, overdue, awaiting re-check, done). */
export async function listRectifications(db: DbOrTx, viewer: EvaluationViewer, now = new Date()) {
  const rows = await db
    .select({ rect: rectifications, baseName: bases.name, year: evaluationRounds.year })
    .from(rectifications)
    .innerJoin(bases, eq(bases.id, rectifications.baseId))
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, rectifications.roundId))
    .orderBy(asc(rectifications.deadline));
  return withPoints(db, rows, { isManager: false, isOffice: isOfficeViewer(viewer) }, now);
}

/** Each base's latest decided outcome (by the round's year), for the register, the base page, funding and open data. */
export async function latestOutcomes(db: DbOrTx, baseIds?: string[]) {
  const rows = await db
    .select({ baseId: evaluationResults.baseId, outcome: evaluationResults.outcome, year: evaluationRounds.year })
    .from(evaluationResults)
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, evaluationResults.roundId))
    .where(and(sql`${evaluationResults.outcome} is not null`, baseIds ? inArray(evaluationResults.baseId, baseIds.length ? baseIds : ['00000000-0000-0000-0000-000000000000']) : undefined))
    .orderBy(desc(evaluationRounds.year));
  const out = new Map<string, { outcome: EvaluationOutcome; year: number }>();
  for (const r of rows) if (!out.has(r.baseId)) out.set(r.baseId, { outcome: r.outcome!, year: r.year });
  return out;
}

export async function latestOutcomeOf(db: DbOrTx, baseId: string) {
  return (await latestOutcomes(db, [baseId])).get(baseId) ?? null;
}

/**
 * The public summary of each closed round, as comparable programmes publish it: bases in scope, reports
 * submitted, and the count of each outcome — 撤销 counting the bases revoked by the round (不合格, or a failed re-check).
 */
export async function publicEvaluationSummary(db: DbOrTx) {
  const rounds = await db.select().from(evaluationRounds).where(eq(evaluationRounds.status, 'closed')).orderBy(desc(evaluationRounds.year));
  if (rounds.length === 0) return [];
  const ids = rounds.map((r) => r.id);
  const scope = await db
    .select({ roundId: evaluationRoundBases.roundId, bases: sql<number>`count(*)::int`, reported: sql<number>`count(${annualReports.id}) filter (where ${annualReports.status} = 'submitted')::int` })
    .from(evaluationRoundBases)
    .leftJoin(annualReports, and(eq(annualReports.roundId, evaluationRoundBases.roundId), eq(annualReports.baseId, evaluationRoundBases.baseId)))
    .where(inArray(evaluationRoundBases.roundId, ids))
    .groupBy(evaluationRoundBases.roundId);
  const results = await db.select({ roundId: evaluationResults.roundId, outcome: evaluationResults.outcome }).from(evaluationResults).where(inArray(evaluationResults.roundId, ids));
  const failedRechecks = await db.select({ roundId: rectifications.roundId }).from(rectifications).where(and(inArray(rectifications.roundId, ids), eq(rectifications.status, 'failed')));
  return rounds.map((round) => {
    const counts = Object.fromEntries(PUBLIC_OUTCOME_KEYS.map((k) => [k, 0])) as Record<PublicOutcomeKey, number>;
    for (const r of results) if (r.roundId === round.id && r.outcome && (EVALUATION_OUTCOMES as readonly string[]).includes(r.outcome)) counts[r.outcome] += 1;
    counts.revoked = counts.fail + failedRechecks.filter((f) => f.roundId === round.id).length;
    const s = scope.find((x) => x.roundId === round.id);
    return { year: round.year, title: round.title, bases: Number(s?.bases ?? 0), reported: Number(s?.reported ?? 0), counts };
  });
}
