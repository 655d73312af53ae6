import { schema, type Database, type DbOrTx } from '@ssb/db';
import {
  EVALUATION_ACTIONS, meanScore, rectificationActionsFor, reportState, roundActionsFor, type EvaluationOutcome, type EvaluationRoundStatus,
} from '@ssb/domain/evaluation';
import type { TOpenEvaluationRound } from '@ssb/domain/evaluation-input';
import { beijingToday, formatBeijingDateTime } from '@ssb/domain/time';
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { notifyUsers, usersOf } from '../notifications/notify.ts';
import { isOfficeViewer, loadRound, type Deps, type EvaluationViewer } from './access.ts';

const { evaluationRounds, evaluationRoundBases, annualReports, evaluationAssignments, evaluationVisits, evaluationResults, rectifications, bases } = schema;

/** The office opens a year's round: the bases in scope are fixed and their managers told. */
export async function openEvaluationRound(db: Database, viewer: EvaluationViewer, input: TOpenEvaluationRound, deps: Deps) {
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: evaluationRounds.id }).from(evaluationRounds).where(eq(evaluationRounds.year, input.year));
    if (taken) throw userError('CONFLICT', `${input.year} 年度的考核轮次已经存在`);
    if (new Date(input.reportDueAt) <= new Date(`${input.opensOn}T00:00:00+08:00`)) throw userError('BAD_REQUEST', '截止时间须晚于开始日期');
    const inScope = input.baseIds.length
      ? await tx.select().from(bases).where(and(inArray(bases.id, input.baseIds), inArray(bases.status, ['active', 'rectification'])))
      : await tx.select().from(bases).where(and(inArray(bases.status, ['active', 'rectification']), lte(bases.namedOn, `${input.year}-12-31`)));
    if (input.baseIds.length && inScope.length !== new Set(input.baseIds).size) throw userError('BAD_REQUEST', '所选基地中有已撤销、已到期或不存在的基地');
    if (inScope.length === 0) throw userError('BAD_REQUEST', '没有可参加考核的基地');
    const [round] = await tx
      .insert(evaluationRounds)
      .values({ year: input.year, title: input.title, opensOn: input.opensOn, reportDueAt: new Date(input.reportDueAt), weights: input.weights, formFields: input.formFields, createdBy: viewer.userId })
      .returning();
    const now = new Date();
    await tx.insert(evaluationRoundBases).values(inScope.map((b) => ({ roundId: round!.id, baseId: b.id, notifiedAt: now })));
    for (const base of inScope) {
      await notifyUsers(
        tx,
        await usersOf(tx, base.organizationId, ['base_manager']),
        { title: `请填报 ${input.year} 年度报告`, body: `“${input.title}”已开始，请于 ${formatBeijingDateTime(input.reportDueAt)} 前提交 ${base.name} 的年度报告。平台已按本基地当年的记录预填各项数据。`, link: '/portal/annual-reports' },
        deps.publicUrl,
      );
    }
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'evaluation.round_opened', entityType: 'evaluation_round', entityId: round!.id, data: { year: input.year, bases: inScope.length, weights: input.weights } });
    return round!;
  });
}

export async function listEvaluationRounds(db: DbOrTx) {
  const rounds = await db.select().from(evaluationRounds).orderBy(desc(evaluationRounds.year));
  const counts = await db
    .select({ roundId: evaluationRoundBases.roundId, bases: sql<number>`count(*)::int`, submitted: sql<number>`count(${annualReports.id}) filter (where ${annualReports.status} = 'submitted')::int` })
    .from(evaluationRoundBases)
    .leftJoin(annualReports, and(eq(annualReports.roundId, evaluationRoundBases.roundId), eq(annualReports.baseId, evaluationRoundBases.baseId)))
    .groupBy(evaluationRoundBases.roundId);
  return rounds.map((r) => ({ ...r, bases: Number(counts.find((c) => c.roundId === r.id)?.bases ?? 0), submitted: Number(counts.find((c) => c.roundId === r.id)?.submitted ?? 0) }));
}

/**
 * The office's view of a round: each base with its report state (overdue once the deadline passed), the three
 * scores side by side (experts' weighted mean, the visit, the office's check), outcome and rectification.
 */
export async function evaluationRoundView(db: DbOrTx, viewer: EvaluationViewer, roundId: string, now = new Date()) {
  const round = await loadRound(db, roundId);
  const rows = await db
    .select({
      baseId: bases.id, number: bases.number, name: bases.name, districtCode: bases.districtCode, category: bases.category, status: bases.status, version: bases.version, validUntil: bases.validUntil,
      reportId: annualReports.id, reportStatus: annualReports.status, submittedAt: annualReports.submittedAt, ownDueAt: evaluationRoundBases.dueAt,
    })
    .from(evaluationRoundBases)
    .innerJoin(bases, eq(bases.id, evaluationRoundBases.baseId))
    .leftJoin(annualReports, and(eq(annualReports.roundId, round.id), eq(annualReports.baseId, bases.id)))
    .where(eq(evaluationRoundBases.roundId, round.id))
    .orderBy(asc(bases.number));
  const assignments = await db.select().from(evaluationAssignments).where(eq(evaluationAssignments.roundId, round.id));
  const visits = await db.select().from(evaluationVisits).where(eq(evaluationVisits.roundId, round.id)).orderBy(desc(evaluationVisits.visitedOn));
  const results = await db.select().from(evaluationResults).where(eq(evaluationResults.roundId, round.id));
  const rects = await db.select().from(rectifications).where(eq(rectifications.roundId, round.id));
  const today = beijingToday(now);
  const office = isOfficeViewer(viewer);
  const list = rows.map((row) => {
    const mine = assignments.filter((a) => a.baseId === row.baseId && a.status !== 'withdrawn');
    const result = results.find((r) => r.baseId === row.baseId);
    const rect = rects.find((r) => r.baseId === row.baseId);
    const visit = visits.find((v) => v.baseId === row.baseId);
    return {
      ...row,
      dueAt: row.ownDueAt ?? round.reportDueAt,
      reportState: reportState(row.reportStatus ? { status: row.reportStatus } : null, row.ownDueAt ?? round.reportDueAt, now),
      assigned: mine.length,
      scored: mine.filter((a) => a.status === 'submitted').length,
      expertMean: meanScore(mine.filter((a) => a.status === 'submitted').map((a) => a.weightedScore)),
      visitScore: visit?.score ?? null,
      visitedOn: visit?.visitedOn ?? null,
      officeScore: result?.officeScore ?? null,
      officeNote: result?.officeNote ?? '',
      outcome: (result?.outcome ?? null) as EvaluationOutcome | null,
      outcomeReason: result?.outcomeReason ?? '',
      unreported: result?.unreported ?? false,
      rectification: rect ? { id: rect.id, status: rect.status, deadline: rect.deadline, overdue: rect.status === 'open' && today > rect.deadline, actions: rectificationActionsFor(rect, { isOffice: office, isManager: false }, today) } : null,
    };
  });
  const overdue = list.filter((r) => r.reportState === 'overdue');
  // Outcomes by district and by category, for the round's charts ('none' = not decided yet).
  const tally = (keyOf: (r: (typeof list)[number]) => string) => {
    const groups = new Map<string, Record<EvaluationOutcome | 'none', number>>();
    for (const r of list) {
      const g = groups.get(keyOf(r)) ?? { excellent: 0, pass: 0, rectify: 0, fail: 0, none: 0 };
      g[r.outcome ?? 'none'] += 1;
      groups.set(keyOf(r), g);
    }
    return [...groups].map(([key, counts]) => ({ key, counts })).sort((a, b) => a.key.localeCompare(b.key));
  };
  return {
    round: { ...round, actions: roundActionsFor(round, { isOffice: office, isManager: false }) },
    bases: list,
    overdueCount: overdue.length,
    byDistrict: tally((r) => r.districtCode),
    byCategory: tally((r) => r.category),
  };
}

/** Ends reporting (no more drafts saved or submitted) and starts the evaluation; bases still without a report stay flagged. */
export async function closeEvaluationReporting(db: Database, viewer: EvaluationViewer, roundId: string) {
  return moveRound(db, viewer, roundId, 'closeReporting', 'reviewing');
}

export async function closeEvaluationRound(db: Database, viewer: EvaluationViewer, roundId: string) {
  return moveRound(db, viewer, roundId, 'closeRound', 'closed');
}

async function moveRound(db: Database, viewer: EvaluationViewer, roundId: string, action: 'closeReporting' | 'closeRound', to: EvaluationRoundStatus) {
  return db.transaction(async (tx) => {
    const round = await loadRound(tx, roundId, { lock: true });
    if (!(EVALUATION_ACTIONS[action].from as readonly string[]).includes(round.status)) throw userError('BAD_REQUEST', '本轮考核当前不能进行该操作');
    if (action === 'closeRound') {
      const [undecided] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(evaluationRoundBases)
        .leftJoin(evaluationResults, and(eq(evaluationResults.roundId, evaluationRoundBases.roundId), eq(evaluationResults.baseId, evaluationRoundBases.baseId)))
        .where(and(eq(evaluationRoundBases.roundId, round.id), sql`${evaluationResults.outcome} is null`));
      if (Number(undecided?.n ?? 0) > 0) throw userError('BAD_REQUEST', `还有 ${undecided!.n} 个基地没有考核结果，不能结束本轮`);
    }
    const [row] = await tx
      .update(evaluationRounds)
      .set({ status: to, version: round.version + 1, closedAt: to === 'closed' ? new Date() : round.closedAt })
      .where(eq(evaluationRounds.id, round.id))
      .returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: action === 'closeRound' ? 'evaluation.round_closed' : 'evaluation.reporting_closed', entityType: 'evaluation_round', entityId: round.id, data: { year: round.year } });
    return row!;
  });
}

/**
 * Reminders of the report deadline to the managers of bases that have not submitted: a week before, and once
 * overdue — each once per base and round. Returns how many bases were reminded.
 */
export async function sendEvaluationReminders(db: Database, now: Date, deps: Deps) {
  return db.transaction(async (tx) => {
    const open = await tx.select().from(evaluationRounds).where(eq(evaluationRounds.status, 'open'));
    let sent = 0;
    for (const round of open) {
      const pending = await tx
        .select({ baseId: bases.id, name: bases.name, organizationId: bases.organizationId, reminded: evaluationRoundBases.remindedKinds, dueAt: evaluationRoundBases.dueAt })
        .from(evaluationRoundBases)
        .innerJoin(bases, eq(bases.id, evaluationRoundBases.baseId))
        .leftJoin(annualReports, and(eq(annualReports.roundId, round.id), eq(annualReports.baseId, bases.id)))
        .where(and(eq(evaluationRoundBases.roundId, round.id), sql`${annualReports.status} is distinct from 'submitted'`))
        .for('update', { of: evaluationRoundBases });
      for (const base of pending) {
        const dueAt = base.dueAt ?? round.reportDueAt;
        const msLeft = dueAt.getTime() - now.getTime();
        const kind = msLeft < 0 ? 'overdue' : msLeft <= 7 * 86_400_000 ? 'week' : null;
        if (!kind || base.reminded.includes(kind)) continue;
        await tx
          .update(evaluationRoundBases)
          .set({ remindedKinds: [...base.reminded, kind] })
          .where(and(eq(evaluationRoundBases.roundId, round.id), eq(evaluationRoundBases.baseId, base.baseId)));
        const due = formatBeijingDateTime(dueAt);
        await notifyUsers(
          tx,
          await usersOf(tx, base.organizationId, ['base_manager']),
          kind === 'week'
            ? { title: `${round.year} 年度报告即将截止`, body: `${base.name} 的年度报告尚未提交，截止时间为 ${due}。`, link: '/portal/annual-reports' }
            : { title: `${round.year} 年度报告已逾期`, body: `${base.name} 的年度报告已于 ${due} 截止，尚未提交。未报告的基地可能被要求限期整改，请尽快联系工作办公室。`, link: '/portal/annual-reports' },
          deps.publicUrl,
        );
        sent += 1;
      }
    }
    return sent;
  });
}

/** The office gives one base more time (a later deadline than the round's); the managers are told. */
export async function extendReportDeadline(db: Database, viewer: EvaluationViewer, input: { roundId: string; baseId: string; dueAt: string; reason: string }, deps: Deps) {
  return db.transaction(async (tx) => {
    const round = await loadRound(tx, input.roundId, { lock: true });
    if (round.status !== 'open') throw userError('BAD_REQUEST', '本轮已截止填报，不能再延期');
    const dueAt = new Date(input.dueAt);
    if (dueAt <= round.reportDueAt) throw userError('BAD_REQUEST', '延期后的截止时间须晚于本轮截止时间');
    const [row] = await tx
      .update(evaluationRoundBases)
      .set({ dueAt, remindedKinds: [] })
      .where(and(eq(evaluationRoundBases.roundId, round.id), eq(evaluationRoundBases.baseId, input.baseId)))
      .returning();
    if (!row) throw userError('NOT_FOUND', '该基地不在本轮考核范围内');
    const [base] = await tx.select().from(bases).where(eq(bases.id, input.baseId));
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'evaluation.deadline_extended', entityType: 'evaluation_round', entityId: round.id, data: { baseId: input.baseId, dueAt: input.dueAt, reason: input.reason } });
    await notifyUsers(tx, await usersOf(tx, base!.organizationId, ['base_manager']), { title: `${round.year} 年度报告截止时间已延长`, body: `${base!.name} 的年度报告可在 ${formatBeijingDateTime(dueAt)} 前提交。${input.reason}`, link: '/portal/annual-reports' }, deps.publicUrl);
    return { ok: true, dueAt };
  });
}
