import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { AMOUNT_DISAGREEMENT_PERCENT, MIN_REVIEWS_FOR_RECOMMENDATION, SCORE_DISAGREEMENT_POINTS } from '@ssb/domain/funding';
import { rankNominations, scoreSheetProblems, weightedTotal } from '@ssb/domain/scoring';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { notifyUser } from '../alliances/alliance-rows.ts';
import { userError } from '../errors.ts';
import { fundingApplicationView } from './applications.ts';
import { baseNames, budgetLines, loadApplication, loadCall, type ApplicationRow, type Deps, type FundingViewer } from './rows.ts';

export type ConflictSource = 'organization' | 'alliance' | 'co_applicant' | 'declared';
export const CONFLICT_LABELS: Record<ConflictSource, string> = { organization: '与申请单位同一单位', alliance: '与申请单位同一联盟', co_applicant: '属于合作申请单位', declared: '本人申明回避' };

/**
 * Conflicts of each (application, member) pair, found from the data: the member belongs to the applying
 * organization or a co-applicant's, or to an organization in an alliance with the applicant (the alliance
 * applying, or any alliance both are active in); declared ones are added.
 */
export async function findConflicts(db: DbOrTx, apps: readonly ApplicationRow[], memberIds: readonly string[]) {
  const out = new Map<string, Map<string, ConflictSource>>();
  const put = (appId: string, userId: string, source: ConflictSource) => {
    if (!out.has(appId)) out.set(appId, new Map());
    if (!out.get(appId)!.has(userId)) out.get(appId)!.set(userId, source);
  };
  if (apps.length === 0 || memberIds.length === 0) return out;
  const appIds = apps.map((a) => a.id);
  const memberships = await db.select({ userId: schema.memberships.userId, organizationId: schema.memberships.organizationId }).from(schema.memberships).where(inArray(schema.memberships.userId, [...memberIds]));
  const orgsOf = new Map<string, Set<string>>();
  for (const m of memberships) (orgsOf.get(m.userId) ?? orgsOf.set(m.userId, new Set()).get(m.userId)!).add(m.organizationId);
  const coApplicants = await db.select().from(schema.fundingCoApplicants).where(inArray(schema.fundingCoApplicants.applicationId, appIds));
  const activeMembers = await db.select({ allianceId: schema.allianceMembers.allianceId, organizationId: schema.allianceMembers.organizationId }).from(schema.allianceMembers).where(eq(schema.allianceMembers.status, 'active'));
  const alliancesOfOrg = new Map<string, Set<string>>();
  const orgsOfAlliance = new Map<string, Set<string>>();
  for (const m of activeMembers) {
    (alliancesOfOrg.get(m.organizationId) ?? alliancesOfOrg.set(m.organizationId, new Set()).get(m.organizationId)!).add(m.allianceId);
    (orgsOfAlliance.get(m.allianceId) ?? orgsOfAlliance.set(m.allianceId, new Set()).get(m.allianceId)!).add(m.organizationId);
  }
  const declared = await db.select().from(schema.fundingConflicts).where(inArray(schema.fundingConflicts.applicationId, appIds));
  for (const app of apps) {
    const coOrgs = new Set(coApplicants.filter((c) => c.applicationId === app.id).map((c) => c.organizationId));
    const allied = new Set<string>();
    for (const allianceId of [...(alliancesOfOrg.get(app.organizationId) ?? []), ...(app.allianceId ? [app.allianceId] : [])]) for (const o of orgsOfAlliance.get(allianceId) ?? []) allied.add(o);
    for (const userId of memberIds) {
      const orgs = orgsOf.get(userId) ?? new Set<string>();
      if (orgs.has(app.organizationId)) put(app.id, userId, 'organization');
      else if ([...orgs].some((o) => coOrgs.has(o))) put(app.id, userId, 'co_applicant');
      else if ([...orgs].some((o) => allied.has(o))) put(app.id, userId, 'alliance');
    }
  }
  for (const d of declared) put(d.applicationId, d.userId, 'declared');
  return out;
}

async function reviewableApplications(db: DbOrTx, callId: string) {
  return db.select().from(schema.fundingApplications).where(and(eq(schema.fundingApplications.callId, callId), inArray(schema.fundingApplications.status, ['submitted', 'in_review'])));
}

/**
 * Balanced assignment: each application gets `perApplication` members, fewest assignments first, never
 * a conflicted one; members already assigned stay. Returns the plan; `apply` writes it.
 */
export async function planFundingAssignment(db: DbOrTx, input: { callId: string; perApplication: number }) {
  const apps = await reviewableApplications(db, input.callId);
  const group = (await db.select().from(schema.fundingGroupMembers).where(eq(schema.fundingGroupMembers.callId, input.callId))).map((g) => g.userId);
  const conflicts = await findConflicts(db, apps, group);
  const existing = apps.length ? await db.select().from(schema.fundingReviews).where(and(inArray(schema.fundingReviews.applicationId, apps.map((a) => a.id)), ne(schema.fundingReviews.status, 'withdrawn'))) : [];
  const load = new Map(group.map((u) => [u, existing.filter((r) => r.reviewerId === u).length]));
  const plan: Array<{ applicationId: string; title: string; reviewerIds: string[]; added: string[]; short: number }> = [];
  for (const app of [...apps].sort((a, b) => a.id.localeCompare(b.id))) {
    const have = existing.filter((r) => r.applicationId === app.id).map((r) => r.reviewerId);
    const added: string[] = [];
    const candidates = group.filter((u) => !have.includes(u) && !conflicts.get(app.id)?.has(u)).sort((a, b) => load.get(a)! - load.get(b)! || a.localeCompare(b));
    while (have.length + added.length < input.perApplication && candidates.length) {
      const next = candidates.shift()!;
      added.push(next);
      load.set(next, load.get(next)! + 1);
    }
    plan.push({ applicationId: app.id, title: app.title, reviewerIds: [...have, ...added], added, short: Math.max(0, input.perApplication - have.length - added.length) });
  }
  return { plan, load: [...load].map(([userId, count]) => ({ userId, count })) };
}

export async function applyFundingAssignment(db: DbOrTx, viewer: FundingViewer, input: { callId: string; perApplication: number }, deps: Deps) {
  return db.transaction(async (tx) => {
    await loadCall(tx, input.callId, { lock: true });
    const { plan } = await planFundingAssignment(tx, input);
    for (const item of plan) {
      for (const reviewerId of item.added) {
        await tx.insert(schema.fundingReviews).values({ applicationId: item.applicationId, reviewerId, assignedBy: viewer.userId }).onConflictDoUpdate({ target: [schema.fundingReviews.applicationId, schema.fundingReviews.reviewerId], set: { status: 'assigned' } });
        await notifyUser(tx, reviewerId, { title: '专项经费申请待审核', body: `请审核“${item.title}”。`, link: '/admin/funding/desk' }, deps.publicUrl);
      }
      if (item.reviewerIds.length) await tx.update(schema.fundingApplications).set({ status: 'in_review', updatedAt: new Date() }).where(and(eq(schema.fundingApplications.id, item.applicationId), eq(schema.fundingApplications.status, 'submitted')));
      if (item.added.length) await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.reviewers_assigned', entityType: 'funding_application', entityId: item.applicationId, data: { reviewerIds: item.added } });
    }
    return plan;
  });
}

/** The assignment of this member to this application, if they may see the file (never when conflicted). */
export async function loadReviewerAssignment(db: DbOrTx, viewer: FundingViewer, applicationId: string) {
  const [review] = await db.select().from(schema.fundingReviews).where(and(eq(schema.fundingReviews.applicationId, applicationId), eq(schema.fundingReviews.reviewerId, viewer.userId), ne(schema.fundingReviews.status, 'withdrawn')));
  if (!review) throw userError('FORBIDDEN', '您未被分配审核该申请');
  const app = await loadApplication(db, applicationId);
  const conflict = (await findConflicts(db, [app], [viewer.userId])).get(app.id)?.get(viewer.userId);
  if (conflict) throw userError('FORBIDDEN', `您与该申请存在利益冲突（${CONFLICT_LABELS[conflict]}），不能查看`);
  return { review, app };
}

/** A member's desk: assigned applications, minus any they are conflicted with. */
export async function fundingReviewDesk(db: DbOrTx, viewer: FundingViewer) {
  const reviews = await db.select().from(schema.fundingReviews).where(and(eq(schema.fundingReviews.reviewerId, viewer.userId), ne(schema.fundingReviews.status, 'withdrawn')));
  if (reviews.length === 0) return [];
  const apps = await db.select().from(schema.fundingApplications).where(inArray(schema.fundingApplications.id, reviews.map((r) => r.applicationId)));
  const conflicts = await findConflicts(db, apps, [viewer.userId]);
  const names = await baseNames(db, apps.map((a) => a.baseId));
  return apps
    .filter((a) => !conflicts.get(a.id)?.has(viewer.userId))
    .map((a) => {
      const r = reviews.find((x) => x.applicationId === a.id)!;
      return { applicationId: a.id, title: a.title, kind: a.kind, baseName: names.get(a.baseId) ?? '', requestedFen: a.requestedFen, reviewStatus: r.status, total: r.total, proposedFen: r.proposedFen };
    });
}

export async function fundingReviewFile(db: DbOrTx, viewer: FundingViewer, applicationId: string) {
  const { review } = await loadReviewerAssignment(db, viewer, applicationId);
  const file = await fundingApplicationView(db, { userId: viewer.userId, grants: [{ organizationId: '', role: 'office' }] }, applicationId);
  // A reviewer reads the file, never the office's ledger or the moves of other viewers.
  return { ...file, ledger: [], actions: [], review, files: file.files.filter((f) => f.purpose === 'attachment') };
}

export async function saveFundingReview(
  db: DbOrTx,
  viewer: FundingViewer,
  input: { applicationId: string; scores: Record<string, number>; proposed: number; lineCuts: Record<string, number>; opinion: string; submit: boolean },
) {
  return db.transaction(async (tx) => {
    const { review, app } = await loadReviewerAssignment(tx, viewer, input.applicationId);
    if (review.status === 'submitted') throw userError('BAD_REQUEST', '审核意见已提交，不能再改');
    if (app.status !== 'in_review') throw userError('BAD_REQUEST', '该申请不在审核中');
    const call = await loadCall(tx, app.callId);
    const problems = scoreSheetProblems(call.criteria, input.scores, { isComplete: input.submit });
    if (problems.length) throw userError('BAD_REQUEST', problems.map((p) => p.message).join('；'));
    if (input.proposed > app.requestedFen) throw userError('BAD_REQUEST', '建议金额不能超过申请金额');
    const lines = await budgetLines(tx, app.id, 0);
    for (const [key, amount] of Object.entries(input.lineCuts)) {
      const line = lines.find((l) => l.key === key);
      if (!line) throw userError('BAD_REQUEST', '核减的预算行不存在');
      if (amount > line.amountFen) throw userError('BAD_REQUEST', `“${line.item}”的建议金额不能超过申请金额`);
    }
    if (Object.keys(input.lineCuts).length) {
      const cutTotal = lines.reduce((s, l) => s + (input.lineCuts[l.key] ?? l.amountFen), 0);
      if (cutTotal !== input.proposed) throw userError('BAD_REQUEST', '逐项核减后的合计须等于建议金额');
    }
    if (input.submit && input.opinion.trim().length < 2) throw userError('BAD_REQUEST', '请填写审核意见');
    const total = weightedTotal(call.criteria, input.scores);
    const [saved] = await tx
      .update(schema.fundingReviews)
      .set({ scores: input.scores, total, proposedFen: input.proposed, lineCuts: input.lineCuts, opinion: input.opinion, status: input.submit ? 'submitted' : 'assigned', submittedAt: input.submit ? new Date() : null, version: review.version + 1, updatedAt: new Date() })
      .where(eq(schema.fundingReviews.id, review.id))
      .returning();
    if (input.submit) await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.review_submitted', entityType: 'funding_application', entityId: app.id, data: { total, proposedFen: input.proposed } });
    return saved!;
  });
}

/** A member declares a conflict: their assignment is withdrawn and the file leaves their desk. */
export async function declareFundingConflict(db: DbOrTx, viewer: FundingViewer, input: { applicationId: string; reason: string }) {
  return db.transaction(async (tx) => {
    const [review] = await tx.select().from(schema.fundingReviews).where(and(eq(schema.fundingReviews.applicationId, input.applicationId), eq(schema.fundingReviews.reviewerId, viewer.userId)));
    if (!review) throw userError('FORBIDDEN', '您未被分配审核该申请');
    if (review.status === 'submitted') throw userError('BAD_REQUEST', '已提交审核意见，请联系办公室');
    await tx.insert(schema.fundingConflicts).values({ applicationId: input.applicationId, userId: viewer.userId, reason: input.reason }).onConflictDoNothing();
    await tx.update(schema.fundingReviews).set({ status: 'withdrawn', updatedAt: new Date() }).where(eq(schema.fundingReviews.id, review.id));
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.conflict_declared', entityType: 'funding_application', entityId: input.applicationId, data: { reason: input.reason } });
    return { ok: true as const };
  });
}

/**
 * The working group's recommendation: applications ranked by mean score, each with the mean proposed
 * amount (whole fen, rounded down) once it has at least two submitted reviews; spread flags disagreement.
 */
export async function fundingRecommendation(db: DbOrTx, callId: string) {
  const apps = await db.select().from(schema.fundingApplications).where(and(eq(schema.fundingApplications.callId, callId), inArray(schema.fundingApplications.status, ['in_review', 'approved', 'refused', 'agreement_confirmed', 'report_submitted', 'report_returned', 'accepted', 'closed'])));
  const reviews = apps.length ? await db.select().from(schema.fundingReviews).where(inArray(schema.fundingReviews.applicationId, apps.map((a) => a.id))) : [];
  const names = await baseNames(db, apps.map((a) => a.baseId));
  const items = apps.map((a) => {
    const done = reviews.filter((r) => r.applicationId === a.id && r.status === 'submitted');
    const amounts = done.map((r) => r.proposedFen ?? 0);
    const enough = done.length >= MIN_REVIEWS_FOR_RECOMMENDATION;
    const meanProposedFen = enough ? Math.floor(amounts.reduce((s, v) => s + v, 0) / amounts.length) : null;
    const amountSpread = amounts.length ? Math.max(...amounts) - Math.min(...amounts) : 0;
    return {
      applicationId: a.id,
      title: a.title,
      baseName: names.get(a.baseId) ?? '',
      status: a.status,
      requestedFen: a.requestedFen,
      awardFen: a.awardFen,
      totals: enough ? done.map((r) => r.total ?? 0) : [],
      reviewsSubmitted: done.length,
      reviewsAssigned: reviews.filter((r) => r.applicationId === a.id && r.status !== 'withdrawn').length,
      meanProposedFen,
      amountDisagreement: enough && amountSpread * 100 > a.requestedFen * AMOUNT_DISAGREEMENT_PERCENT,
    };
  });
  return rankNominations(items, SCORE_DISAGREEMENT_POINTS, (x, y) => x.applicationId.localeCompare(y.applicationId)).map((r) => ({ ...r, isDisagreement: r.isDisagreement || r.amountDisagreement }));
}
