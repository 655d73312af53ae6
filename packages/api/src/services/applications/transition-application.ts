import { validateApplication, type FormField } from '@ssb/domain/application-form';
import { APPLICATION_STATUS_LABELS, APPLICATION_TRANSITIONS, type ApplicationAction, type ApplicationStatus } from '@ssb/domain/application-status';
import type { Database, DbOrTx, Transaction } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, count, eq, sql } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { assertPhaseOpen } from '../campaigns/phases.ts';
import { userError } from '../errors.ts';
import { notifyUsers, usersOf } from '../notifications/notify.ts';
import { materialProblems } from '../materials/material-rules.ts';
import { loadApplicationFor, type Viewer } from './access.ts';

const { applications, applicationEvents, campaignQuotas } = schema;

export type TransitionInput = { applicationId: string; action: ApplicationAction; reason?: string };

/** Places used: recommendations standing for this body in this campaign. */
export async function countRecommended(db: Database | Transaction, campaignId: string, recommendingBodyId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(applications)
    .where(and(eq(applications.campaignId, campaignId), eq(applications.recommendingBodyId, recommendingBodyId), eq(applications.status, 'recommended')));
  return row?.n ?? 0;
}

/**
 * Moves an application along the state machine of @ssb/domain, if this viewer is the side that may,
 * within the phase's deadline (extensions included), and — for a recommendation — within the quota.
 * The quota row is locked, so concurrent recommendations are counted one after another.
 */
export async function transitionApplication(deps: ApiDeps, viewer: Viewer, input: TransitionInput) {
  const { db } = deps;
  const transition = APPLICATION_TRANSITIONS[input.action];
  const { application, relation } = await loadApplicationFor(db, input.applicationId, viewer);
  if (relation !== transition.by) {
    throw userError('FORBIDDEN', transition.by === 'applicant' ? '只有申报单位可以执行此操作' : '只有所选推荐单位可以执行此操作');
  }
  const status = application.status as ApplicationStatus;
  if (!transition.from.includes(status)) {
    throw userError('CONFLICT', `申报当前状态为“${APPLICATION_STATUS_LABELS[status].zh}”，不能执行此操作`);
  }
  if (input.action === 'return' && !input.reason?.trim()) throw userError('BAD_REQUEST', '请填写退回原因，申报单位将据此修改');
  if (input.action === 'submit') await assertComplete(db, application.campaign, application.id, application.data);
  if (input.action !== 'reopen') {
    await assertPhaseOpen(db, application.campaign, transition.phase, application.recommendingBodyId);
  }

  if (input.action === 'recommend') {
    // A first look without the lock: once the places are all used, refuse without taking the quota row.
    // The exact count is taken again under the lock below, so a place is never given twice.
    const [quota] = await db
      .select({ quotaMax: campaignQuotas.quotaMax })
      .from(campaignQuotas)
      .where(and(eq(campaignQuotas.campaignId, application.campaignId), eq(campaignQuotas.recommendingBodyId, application.recommendingBodyId!)));
    const used = await countRecommended(db, application.campaignId, application.recommendingBodyId!);
    if (!quota || used >= quota.quotaMax) throw quotaUsedUp(used, quota?.quotaMax ?? 0);
  }
  // Read before the transaction, so the quota row is held for as short a time as possible.
  const recipients = await recipientsOf(db, application, input.action);

  const now = new Date();
  const updated = await db.transaction(async (tx) => {
    // Submit moves exactly the version it validated: the row is locked, re-read and checked again, so an
    // autosave landing meanwhile either comes first (and is validated) or finds the version gone.
    let version: number | undefined;
    if (input.action === 'submit') {
      const [locked] = await tx.select().from(applications).where(eq(applications.id, application.id)).for('update');
      if (!locked || locked.status !== status) throw userError('CONFLICT', '申报状态刚刚发生了变化，请刷新后重试');
      await assertComplete(tx, application.campaign, locked.id, locked.data);
      version = locked.version;
    }
    if (input.action === 'recommend') {
      const [quota] = await tx
        .select({ quotaMax: campaignQuotas.quotaMax })
        .from(campaignQuotas)
        .where(and(eq(campaignQuotas.campaignId, application.campaignId), eq(campaignQuotas.recommendingBodyId, application.recommendingBodyId!)))
        .for('update');
      const used = await countRecommended(tx, application.campaignId, application.recommendingBodyId!);
      if (!quota || used >= quota.quotaMax) throw quotaUsedUp(used, quota?.quotaMax ?? 0);
      // Recommending someone ends an earlier "we nominate nobody" statement.
      await tx
        .update(schema.recommenderDeclarations)
        .set({ declaresNone: false, declaredAt: now, declaredBy: viewer.userId })
        .where(and(eq(schema.recommenderDeclarations.campaignId, application.campaignId), eq(schema.recommenderDeclarations.recommendingBodyId, application.recommendingBodyId!)));
    }
    const [row] = await tx
      .update(applications)
      .set({
        status: transition.to,
        version: sql`${applications.version} + 1`,
        updatedAt: now,
        ...(input.action === 'submit' ? { submittedAt: now, returnReason: null } : {}),
        ...(input.action === 'recommend' ? { recommendedAt: now } : {}),
        ...(input.action === 'unrecommend' ? { recommendedAt: null } : {}),
        ...(input.action === 'return' ? { returnReason: input.reason!.trim() } : {}),
      })
      // The status in the WHERE makes a concurrent move of the same application fail instead of doubling.
      .where(and(eq(applications.id, application.id), eq(applications.status, status), version === undefined ? undefined : eq(applications.version, version)))
      .returning();
    if (!row) throw userError('CONFLICT', '申报状态刚刚发生了变化，请刷新后重试');
    // In the same transaction: the notices exist exactly when the change does.
    await notifyParties(tx, deps.config.publicUrl, application, input, transition.to, recipients);
    await tx.insert(applicationEvents).values({
      applicationId: application.id,
      action: input.action === 'submit' && status === 'returned' ? 'resubmit' : input.action,
      fromStatus: status,
      toStatus: transition.to,
      actorUserId: viewer.userId,
      reason: input.reason?.trim() || null,
    });
    await appendAudit(tx, {
      actorUserId: viewer.userId,
      action: `application.${input.action}`,
      entityType: 'application',
      entityId: application.id,
      data: { from: status, to: transition.to, reason: input.reason ?? null, recommendingBodyId: application.recommendingBodyId },
    });
    return row;
  });

  return updated;
}

/** Refuses a submission while a required field or material is missing, naming the first few. */
async function assertComplete(db: DbOrTx, campaign: { formFields: FormField[]; categories: string[] }, applicationId: string, data: Record<string, unknown>) {
  const problems = validateApplication(campaign.formFields, data, campaign).map((p) => p.label);
  problems.push(...(await materialProblems(db, applicationId)));
  if (problems.length > 0) {
    throw userError('BAD_REQUEST', `申报还有 ${problems.length} 项未完成：${problems.slice(0, 5).join('、')}${problems.length > 5 ? ' 等' : ''}`);
  }
}

const quotaUsedUp = (used: number, max: number) =>
  userError('CONFLICT', `推荐名额已用完（已推荐 ${used}/${max}）。如需推荐本单位，请先撤销一个已推荐的申报`);

type LoadedApplication = Awaited<ReturnType<typeof loadApplicationFor>>['application'];

/** Who is told of this move: the applicant unit's users, the body's recommenders, or both. */
async function recipientsOf(db: DbOrTx, application: LoadedApplication, action: ApplicationAction) {
  const applicants = action === 'withdraw' || action === 'reopen' ? [] : await usersOf(db, application.organizationId, ['applicant']);
  const recommenders = application.recommendingBody && (action === 'submit' || action === 'withdraw') ? await usersOf(db, application.recommendingBody.organizationId, ['recommender']) : [];
  return { applicants, recommenders };
}

async function notifyParties(
  db: Transaction,
  publicUrl: string,
  application: LoadedApplication,
  input: TransitionInput,
  to: ApplicationStatus,
  { applicants, recommenders }: Awaited<ReturnType<typeof recipientsOf>>,
) {
  const name = (application.data.baseName as string | undefined) || application.organization.name;
  const bodyName = application.recommendingBody?.name ?? '';
  const statusText = APPLICATION_STATUS_LABELS[to].zh;
  const applicantLink = `/portal/applications/${application.id}`;
  const recommenderLink = `/portal/recommendations/${application.id}`;
  const reason = input.reason ? `\n原因：${input.reason}` : '';
  switch (input.action) {
    case 'submit':
      await notifyUsers(db, recommenders, { title: `收到申报：${name}`, body: `“${application.organization.name}”向贵单位提交了“${name}”的申报，请审核。`, link: recommenderLink }, publicUrl);
      await notifyUsers(db, applicants, { title: `申报已提交：${name}`, body: `“${name}”的申报已提交至“${bodyName}”，当前状态：${statusText}。`, link: applicantLink }, publicUrl);
      break;
    case 'withdraw':
      await notifyUsers(db, recommenders, { title: `申报已撤回：${name}`, body: `“${application.organization.name}”撤回了“${name}”的申报。`, link: recommenderLink }, publicUrl);
      break;
    case 'return':
    case 'recommend':
    case 'unrecommend':
      await notifyUsers(db, applicants, { title: `申报状态更新：${statusText}`, body: `“${bodyName}”对“${name}”的申报作出处理，当前状态：${statusText}。${reason}`, link: applicantLink }, publicUrl);
      break;
    case 'reopen':
      break;
  }
}
