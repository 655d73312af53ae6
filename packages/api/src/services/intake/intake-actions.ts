import { blockingItems, canIntake, MANUAL_CHECKLIST_ITEMS, type ManualChecklistKey } from '@ssb/domain/intake-checklist';
import { INTAKE_STATUS_LABELS, type IntakeStatus } from '@ssb/domain/selection';
import { formatBeijingDateTime } from '@ssb/domain/time';
import type { DbOrTx, Transaction } from '@ssb/db';
import { schema } from '@ssb/db';
import { eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { notifyUsers, usersOf } from '../notifications/notify.ts';
import { nominationRow } from './list-nominations.ts';
import { loadNominations, type Nomination } from './load-nominations.ts';

const { intakeChecks } = schema;

/** One nomination with its full checklist, or "not found" when the id is not a nomination. */
export async function getNomination(db: DbOrTx, applicationId: string) {
  const app = await db.query.applications.findFirst({ where: eq(schema.applications.id, applicationId), columns: { campaignId: true } });
  const [nomination] = app ? await loadNominations(db, app.campaignId, [applicationId]) : [];
  if (!nomination) throw userError('NOT_FOUND', '该申报不是已推荐的申报，或不存在');
  return nomination;
}

export async function nominationDetail(db: DbOrTx, applicationId: string) {
  const n = await getNomination(db, applicationId);
  return { ...nominationRow(n), checklist: n.checklist, receivedAt: n.receipt?.receivedAt ?? null };
}

/** Creates the intake row on first use, then locks it, so two office users cannot decide at once. */
async function lockIntake(tx: Transaction, applicationId: string) {
  await tx.insert(intakeChecks).values({ applicationId }).onConflictDoNothing();
  const [row] = await tx.select().from(intakeChecks).where(eq(intakeChecks.applicationId, applicationId)).for('update');
  return row!;
}

const refuseFrom = (status: IntakeStatus, what: string) =>
  userError('CONFLICT', `该申报的形式审查状态为“${INTAKE_STATUS_LABELS[status].zh}”，不能${what}`);

export async function setChecklistItem(db: DbOrTx, userId: string, input: { applicationId: string; key: ManualChecklistKey; checked: boolean }) {
  await getNomination(db, input.applicationId);
  if (!MANUAL_CHECKLIST_ITEMS.includes(input.key)) throw userError('BAD_REQUEST', '该项由系统自动判断，不能手动勾选');
  await db.transaction(async (tx) => {
    const row = await lockIntake(tx, input.applicationId);
    if (row.status === 'accepted') throw refuseFrom(row.status, '修改核对项');
    await tx
      .update(intakeChecks)
      .set({ checklist: { ...row.checklist, [input.key]: input.checked }, checkedBy: userId, updatedAt: new Date() })
      .where(eq(intakeChecks.applicationId, input.applicationId));
    await appendAudit(tx, { actorUserId: userId, action: 'intake.checklist', entityType: 'application', entityId: input.applicationId, data: { key: input.key, checked: input.checked } });
  });
  return nominationDetail(db, input.applicationId);
}

async function tellParties(tx: Transaction, deps: ApiDeps, n: Nomination, title: string, body: string) {
  const a = n.application;
  const applicants = await usersOf(tx, a.organizationId, ['applicant']);
  const recommenders = a.recommendingBody ? await usersOf(tx, a.recommendingBody.organizationId, ['recommender']) : [];
  await notifyUsers(tx, applicants, { title, body, link: `/portal/applications/${a.id}` }, deps.config.publicUrl);
  await notifyUsers(tx, recommenders, { title, body, link: `/portal/recommendations/${a.id}` }, deps.config.publicUrl);
}

const nameOf = (n: Nomination) => (n.application.data.baseName as string | undefined) || n.application.organization.name;

/** Returns the nomination for correction: the applicant may edit until the deadline; the quota place is kept. */
export async function requestCorrection(deps: ApiDeps, userId: string, input: { applicationId: string; note: string; deadline: Date }) {
  const n = await getNomination(deps.db, input.applicationId);
  if (input.deadline.getTime() <= Date.now() + 60 * 60_000) throw userError('BAD_REQUEST', '补正截止时间须晚于当前时间至少 1 小时');
  const deadlineText = formatBeijingDateTime(input.deadline);
  await deps.db.transaction(async (tx) => {
    const row = await lockIntake(tx, input.applicationId);
    if (!canIntake('requestCorrection', row.status)) throw refuseFrom(row.status, '退回补正');
    await tx
      .update(intakeChecks)
      .set({ status: 'correction_requested', correctionNote: input.note, correctionDeadline: input.deadline, correctionRepliedAt: null, checkedBy: userId, updatedAt: new Date() })
      .where(eq(intakeChecks.applicationId, input.applicationId));
    await tx.insert(schema.applicationEvents).values({
      applicationId: input.applicationId, action: 'intake_correction', fromStatus: 'recommended', toStatus: 'recommended', actorUserId: userId, reason: `${input.note}（请于 ${deadlineText} 前提交补正）`,
    });
    await tellParties(tx, deps, n, `形式审查退回补正：${nameOf(n)}`, `工作办公室在形式审查中要求补正“${nameOf(n)}”的申报材料，推荐名额保留。\n补正要求：${input.note}\n请于 ${deadlineText} 前修改并提交补正，逾期将无法提交。`);
    await appendAudit(tx, { actorUserId: userId, action: 'intake.request_correction', entityType: 'application', entityId: input.applicationId, data: { note: input.note, deadline: input.deadline.toISOString(), from: row.status } });
  });
  return nominationDetail(deps.db, input.applicationId);
}

/** Accepts into expert review; refused while any checklist item is open, naming them. */
export async function acceptNomination(deps: ApiDeps, userId: string, applicationId: string) {
  const n = await getNomination(deps.db, applicationId);
  const blocking = blockingItems(n.checklist);
  if (blocking.length > 0) throw userError('BAD_REQUEST', `还有 ${blocking.length} 项未通过形式审查：${blocking.map((i) => i.label).join('、')}`);
  await deps.db.transaction(async (tx) => {
    const row = await lockIntake(tx, applicationId);
    if (!canIntake('accept', row.status)) throw refuseFrom(row.status, '受理');
    await tx.update(intakeChecks).set({ status: 'accepted', checkedBy: userId, updatedAt: new Date() }).where(eq(intakeChecks.applicationId, applicationId));
    await tx.insert(schema.applicationEvents).values({ applicationId, action: 'intake_accept', fromStatus: 'recommended', toStatus: 'recommended', actorUserId: userId });
    await tellParties(tx, deps, n, `申报已受理：${nameOf(n)}`, `“${nameOf(n)}”已通过形式审查，进入专家评审。`);
    await appendAudit(tx, { actorUserId: userId, action: 'intake.accept', entityType: 'application', entityId: applicationId, data: { from: row.status } });
  });
  return nominationDetail(deps.db, applicationId);
}

/** 不予受理, with the reason the applicant and recommender are told. */
export async function rejectNomination(deps: ApiDeps, userId: string, applicationId: string, reason: string) {
  const n = await getNomination(deps.db, applicationId);
  await deps.db.transaction(async (tx) => {
    const row = await lockIntake(tx, applicationId);
    if (!canIntake('reject', row.status)) throw refuseFrom(row.status, '不予受理');
    await tx.update(intakeChecks).set({ status: 'rejected', correctionNote: reason, checkedBy: userId, updatedAt: new Date() }).where(eq(intakeChecks.applicationId, applicationId));
    await tx.insert(schema.applicationEvents).values({ applicationId, action: 'intake_reject', fromStatus: 'recommended', toStatus: 'recommended', actorUserId: userId, reason });
    await tellParties(tx, deps, n, `申报未通过形式审查：${nameOf(n)}`, `“${nameOf(n)}”未通过形式审查，不予受理。原因：${reason}`);
    await appendAudit(tx, { actorUserId: userId, action: 'intake.reject', entityType: 'application', entityId: applicationId, data: { from: row.status, reason } });
  });
  return nominationDetail(deps.db, applicationId);
}

/** What a bulk acceptance would do, before doing it: which are ready and why the others are not. */
export async function previewBulkAccept(db: DbOrTx, campaignId: string, applicationIds: string[]) {
  const nominations = await loadNominations(db, campaignId, applicationIds);
  const ready: Array<{ id: string; baseName: string }> = [];
  const skipped: Array<{ id: string; baseName: string; reasons: string[] }> = [];
  for (const n of nominations) {
    const reasons = canIntake('accept', n.intake.status) ? blockingItems(n.checklist).map((i) => i.label) : [`状态为“${INTAKE_STATUS_LABELS[n.intake.status].zh}”`];
    if (reasons.length) skipped.push({ id: n.application.id, baseName: nameOf(n), reasons });
    else ready.push({ id: n.application.id, baseName: nameOf(n) });
  }
  const missing = applicationIds.filter((id) => !nominations.some((n) => n.application.id === id));
  return { ready, skipped, missing: missing.length };
}

/** Accepts each ready nomination in its own step: one that changed meanwhile is reported, not forced. */
export async function applyBulkAccept(deps: ApiDeps, userId: string, campaignId: string, applicationIds: string[]) {
  const accepted: string[] = [];
  const failed: Array<{ id: string; message: string }> = [];
  for (const id of applicationIds) {
    try {
      await acceptNomination(deps, userId, id);
      accepted.push(id);
    } catch (error) {
      failed.push({ id, message: error instanceof Error ? error.message : '受理失败' });
    }
  }
  await appendAudit(deps.db, { actorUserId: userId, action: 'intake.bulk_accept', entityType: 'campaign', entityId: campaignId, data: { accepted: accepted.length, failed: failed.length } });
  return { accepted: accepted.length, failed };
}
