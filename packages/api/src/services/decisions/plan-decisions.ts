import { createHash } from 'node:crypto';
import { schema, type DbOrTx } from '@ssb/db';
import { renewedValidUntil } from '@ssb/domain/base-term';
import { baseValidUntil, formatBaseNumber } from '@ssb/domain/register';
import { beijingToday } from '@ssb/domain/time';
import { SELECTION_OUTCOME_LABELS, type SelectionOutcome } from '@ssb/domain/selection';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { userError } from '../errors.ts';
import { nextBaseSequence } from '../base-register/numbering.ts';
import { summarizeNomination, type NominationSummary } from './candidate-fields.ts';
import { reviewProgressOf, reviewWarning, type ReviewProgress } from './review-progress.ts';

const { applications, organizations, selectionDecisions, publicNotices, objections, intakeChecks } = schema;

export type DecisionRequest = {
  campaignId: string;
  applicationIds: string[];
  outcome: SelectionOutcome;
  /** The naming date (YYYY-MM-DD, Beijing); today when not given. Only for 'named'. */
  namedOn?: string;
};

/** A re-application (复核) named keeps its base's number and extends its term, instead of entering a new base. */
export type PlannedRenewal = { baseId: string; fromValidUntil: string; toValidUntil: string };
export type PlannedChange = NominationSummary & { from: SelectionOutcome | null; to: SelectionOutcome; number?: string; renewal?: PlannedRenewal; review: ReviewProgress };
export type DecisionPlan = {
  outcome: SelectionOutcome;
  namedOn: string | null;
  validUntil: string | null;
  changes: PlannedChange[];
  unchanged: NominationSummary[];
  refused: Array<NominationSummary & { reason: string }>;
  /** Changes that would run ahead of expert review; confirming them needs a recorded reason. */
  warnings: Array<NominationSummary & { message: string }>;
  counts: { change: number; unchanged: number; refused: number };
  /** A digest of exactly what the plan will do; apply refuses a token that no longer matches. */
  token: string;
};

const label = (o: SelectionOutcome) => SELECTION_OUTCOME_LABELS[o].zh;
const byDistrictThenName = (a: NominationSummary, b: NominationSummary) => a.districtCode.localeCompare(b.districtCode) || a.baseName.localeCompare(b.baseName, 'zh-Hans-CN') || a.applicationId.localeCompare(b.applicationId);

/**
 * What a bulk decision would do to each selected nomination, computed from the database as it is
 * now. The preview shows this; apply computes it again inside its transaction and compares tokens.
 */
export async function planDecisions(db: DbOrTx, request: DecisionRequest, now = new Date()): Promise<DecisionPlan> {
  const campaign = await db.query.campaigns.findFirst({ where: eq(schema.campaigns.id, request.campaignId) });
  if (!campaign) throw userError('NOT_FOUND', '申报年度不存在');
  const ids = [...new Set(request.applicationIds)];
  if (ids.length === 0) throw userError('BAD_REQUEST', '请至少选择一个申报');

  const rows = await db
    .select({ id: applications.id, campaignId: applications.campaignId, status: applications.status, data: applications.data, renewsBaseId: applications.renewsBaseId, orgName: organizations.name, orgDistrict: organizations.districtCode, outcome: selectionDecisions.outcome, intake: intakeChecks.status })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(selectionDecisions, eq(selectionDecisions.applicationId, applications.id))
    .leftJoin(intakeChecks, eq(intakeChecks.applicationId, applications.id))
    .where(inArray(applications.id, ids));
  if (rows.length !== ids.length) throw userError('NOT_FOUND', '所选申报中有不存在的记录，请刷新后重试');

  const noticeState = request.outcome === 'named' ? await noticeStateOf(db, request.campaignId, ids, now) : new Map<string, string | null>();
  const review = await reviewProgressOf(db, request.campaignId, ids);
  const renewedIds = [...new Set(rows.map((r) => r.renewsBaseId).filter((id): id is string => id !== null))];
  const renewed = new Map(
    (renewedIds.length ? await db.select({ id: schema.bases.id, number: schema.bases.number, status: schema.bases.status, validUntil: schema.bases.validUntil }).from(schema.bases).where(inArray(schema.bases.id, renewedIds)) : []).map((b) => [b.id, b]),
  );
  const renewalOf = new Map(rows.filter((r) => r.renewsBaseId).map((r) => [r.id, renewed.get(r.renewsBaseId!)!]));

  const plan: DecisionPlan = { outcome: request.outcome, namedOn: null, validUntil: null, changes: [], unchanged: [], refused: [], warnings: [], counts: { change: 0, unchanged: 0, refused: 0 }, token: '' };
  for (const row of rows) {
    const summary = summarizeNomination({ id: row.id, data: row.data }, { name: row.orgName, districtCode: row.orgDistrict });
    const from = row.outcome ?? null;
    const refuse = (reason: string) => plan.refused.push({ ...summary, reason });
    if (row.campaignId !== request.campaignId) refuse('不属于本年度');
    else if (row.status !== 'recommended') refuse('不是已推荐的申报');
    else if (from === request.outcome) plan.unchanged.push(summary);
    // Only nominations the office accepted at intake go on to be shortlisted or named.
    else if (request.outcome !== 'not_selected' && row.intake !== 'accepted') refuse('尚未通过形式审查（受理）');
    else if (from === 'named') refuse('已命名，不能再改变评选决定；如需撤销请在基地名录中变更状态');
    else if (request.outcome === 'named' && from !== 'shortlisted') refuse(`须先列入拟命名名单并经公示（当前：${from ? label(from) : '未决定'}）`);
    else if (request.outcome === 'named' && noticeState.get(row.id)) refuse(noticeState.get(row.id)!);
    else if (request.outcome === 'named' && renewalOf.get(row.id)?.status === 'revoked') refuse('所复核的基地已被撤销命名，不能继续命名');
    else {
      const progress = review.get(row.id)!;
      plan.changes.push({ ...summary, from, to: request.outcome, review: progress });
      const warning = request.outcome === 'not_selected' ? null : reviewWarning(progress);
      if (warning) plan.warnings.push({ ...summary, message: warning });
    }
  }
  plan.changes.sort(byDistrictThenName);
  plan.unchanged.sort(byDistrictThenName);
  plan.refused.sort(byDistrictThenName);
  plan.warnings.sort(byDistrictThenName);

  if (request.outcome === 'named') {
    plan.namedOn = request.namedOn ?? beijingToday(now);
    plan.validUntil = baseValidUntil(plan.namedOn);
    let sequence = await nextBaseSequence(db, campaign.year);
    for (const change of plan.changes) {
      const base = renewalOf.get(change.applicationId);
      if (base) {
        change.number = base.number;
        change.renewal = { baseId: base.id, fromValidUntil: base.validUntil, toValidUntil: renewedValidUntil(base.validUntil, plan.namedOn) };
      } else change.number = formatBaseNumber(campaign.year, sequence++);
    }
  }
  plan.counts = { change: plan.changes.length, unchanged: plan.unchanged.length, refused: plan.refused.length };
  plan.token = createHash('sha256')
    .update(JSON.stringify([plan.outcome, plan.namedOn, plan.changes.map((c) => [c.applicationId, c.from, c.number ?? null, c.baseName, c.renewal?.toValidUntil ?? null]), plan.unchanged.map((u) => u.applicationId), plan.refused.map((r) => [r.applicationId, r.reason]), plan.warnings.map((w) => [w.applicationId, w.message])]))
    .digest('hex');
  return plan;
}

/**
 * For naming: each nomination must have been on a public notice whose period is over, and every
 * objection filed against it must have been answered. Returns the reason to refuse, or null.
 */
async function noticeStateOf(db: DbOrTx, campaignId: string, ids: string[], now: Date) {
  const notices = await db
    .select({ id: publicNotices.id, endsAt: publicNotices.endsAt, applicationIds: publicNotices.applicationIds })
    .from(publicNotices)
    .where(and(eq(publicNotices.campaignId, campaignId), inArray(publicNotices.status, ['published', 'closed'])));
  const open = await db
    .select({ applicationId: objections.applicationId, n: sql<number>`count(*)::int` })
    .from(objections)
    .where(and(inArray(objections.applicationId, ids), eq(objections.status, 'open')))
    .groupBy(objections.applicationId);
  const openCount = new Map(open.map((o) => [o.applicationId, o.n]));
  const state = new Map<string, string | null>();
  for (const id of ids) {
    const listed = notices.filter((n) => n.applicationIds.includes(id));
    if (listed.length === 0) state.set(id, '尚未经过公示');
    else if (!listed.some((n) => n.endsAt <= now)) state.set(id, '公示期尚未结束');
    else if (openCount.get(id)) state.set(id, `有 ${openCount.get(id)} 条异议尚未答复`);
    else state.set(id, null);
  }
  return state;
}
