import { schema, type DbOrTx } from '@ssb/db';
import { SELECTION_OUTCOME_LABELS } from '@ssb/domain/selection';
import { eq, sql } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { notifyUsers, usersOf } from '../notifications/notify.ts';
import { grantBaseManagers } from '../base-register/grant-base-managers.ts';
import { nameBase } from '../base-register/name-base.ts';
import { renewBase } from '../base-register/renew-base.ts';
import { lockBatchNumbering } from '../base-register/numbering.ts';
import { planDecisions, type DecisionRequest } from './plan-decisions.ts';

/** The shortest reason the office may give for deciding ahead of expert review. */
export const REVIEW_OVERRIDE_REASON_MIN = 5;

export type ApplyDecisionInput = DecisionRequest & { token: string; note?: string };

/**
 * Applies a previewed bulk decision. The plan is computed again under the campaign's lock; when it
 * differs from what the office saw (someone decided, an objection came in, a number was taken),
 * nothing is applied and the office is asked to preview again.
 */
export async function applyDecisions(deps: Pick<ApiDeps, 'db' | 'config'>, actor: { userId: string }, input: ApplyDecisionInput) {
  return deps.db.transaction(async (tx) => {
    const campaign = await tx.query.campaigns.findFirst({ where: eq(schema.campaigns.id, input.campaignId) });
    if (!campaign) throw userError('NOT_FOUND', '申报年度不存在');
    await tx.execute(sql`select pg_advisory_xact_lock(7238100, hashtext(${input.campaignId}))`);
    if (input.outcome === 'named') await lockBatchNumbering(tx, campaign.year);
    const plan = await planDecisions(tx, input);
    if (plan.token !== input.token) {
      throw userError('CONFLICT', '预览之后数据已有变化（他人作出了决定、收到新异议或编号已被占用），请重新预览后再确认');
    }
    if (plan.changes.length === 0) throw userError('BAD_REQUEST', '没有需要变更的申报');
    // Going on before every expert has scored is the office's call, but never a silent one.
    if (plan.warnings.length > 0 && (input.note?.trim().length ?? 0) < REVIEW_OVERRIDE_REASON_MIN) {
      throw userError('BAD_REQUEST', `有 ${plan.warnings.length} 个申报的专家评审尚未完成，须填写继续决定的理由（至少 ${REVIEW_OVERRIDE_REASON_MIN} 个字）`);
    }
    const aheadOfReview = new Map(plan.warnings.map((w) => [w.applicationId, w.message]));
    const now = new Date();
    const bases: Array<{ id: string; number: string; name: string }> = [];
    for (const change of plan.changes) {
      await tx
        .insert(schema.selectionDecisions)
        .values({ applicationId: change.applicationId, campaignId: input.campaignId, outcome: change.to, note: input.note ?? null, decidedBy: actor.userId, decidedAt: now })
        .onConflictDoUpdate({ target: schema.selectionDecisions.applicationId, set: { outcome: change.to, note: input.note ?? null, decidedBy: actor.userId, decidedAt: now } });
      if (change.to === 'named' && change.renewal) {
        const base = await renewBase(tx, { baseId: change.renewal.baseId, applicationId: change.applicationId, validUntil: change.renewal.toValidUntil, namedOn: plan.namedOn!, actorUserId: actor.userId, publicUrl: deps.config.publicUrl });
        bases.push({ id: base.id, number: base.number, name: base.name });
        await grantBaseManagers(tx, deps.config.publicUrl, { organizationId: base.organizationId, base, actorUserId: actor.userId });
      } else if (change.to === 'named') {
        const base = await nameBase(tx, { ...change, number: change.number!, name: change.baseName, batchYear: campaign.year, namedOn: plan.namedOn!, validUntil: plan.validUntil!, actorUserId: actor.userId, publicUrl: deps.config.publicUrl });
        bases.push({ id: base.id, number: base.number, name: base.name });
        await grantBaseManagers(tx, deps.config.publicUrl, { organizationId: base.organizationId, base, actorUserId: actor.userId });
      }
      await appendAudit(tx, {
        actorUserId: actor.userId,
        action: `decision.${change.to}`,
        entityType: 'application',
        entityId: change.applicationId,
        data: { from: change.from, to: change.to, number: change.number ?? null, renewal: change.renewal ?? null, note: input.note ?? null, review: change.review, aheadOfReview: aheadOfReview.get(change.applicationId) ?? null },
      });
      if (change.to !== 'shortlisted') await tellApplicant(tx, deps.config.publicUrl, change.applicationId, change.renewal ? `“${change.baseName}”复核通过，继续命名为科学家精神教育基地，编号 ${change.number} 不变，有效期延至 ${change.renewal.toValidUntil}。` : change.to === 'named' ? `“${change.baseName}”已被命名为科学家精神教育基地，编号 ${change.number}，有效期至 ${plan.validUntil}。` : `“${change.baseName}”本年度未入选科学家精神教育基地。感谢参与。`);
    }
    return { applied: plan.changes.length, outcome: plan.outcome, label: SELECTION_OUTCOME_LABELS[plan.outcome].zh, bases };
  });
}

async function tellApplicant(tx: DbOrTx, publicUrl: string, applicationId: string, body: string) {
  const application = await tx.query.applications.findFirst({ where: eq(schema.applications.id, applicationId) });
  if (!application) return;
  const recipients = await usersOf(tx, application.organizationId, ['applicant']);
  await notifyUsers(tx, recipients, { title: '评选结果', body, link: `/portal/applications/${applicationId}` }, publicUrl);
}
