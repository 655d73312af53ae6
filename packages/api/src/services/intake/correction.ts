import { validateApplication } from '@ssb/domain/application-form';
import { isCorrectionOpen, isEditableByApplicant } from '@ssb/domain/intake-checklist';
import { formatBeijingDateTime } from '@ssb/domain/time';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { loadApplicationFor, type Viewer } from '../applications/access.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { materialProblems } from '../materials/material-rules.ts';
import { notifyUsers, usersOf } from '../notifications/notify.ts';

const { intakeChecks } = schema;

const intakeOf = (db: DbOrTx, applicationId: string) => db.query.intakeChecks.findFirst({ where: eq(intakeChecks.applicationId, applicationId) });

const lateMessage = (deadline: Date) => `补正期限已于 ${formatBeijingDateTime(deadline)} 截止，不能再修改或提交补正。如有特殊情况，请联系工作办公室`;

/**
 * Whether the applicant may change the form and materials now: drafts and returned applications, or a
 * nomination the office returned for correction, until its deadline. Throws the message the page shows.
 */
export async function assertApplicantMayEdit(db: DbOrTx, application: { id: string; status: string }, refusal: string) {
  if (application.status === 'draft' || application.status === 'returned') return;
  const intake = application.status === 'recommended' ? await intakeOf(db, application.id) : undefined;
  if (isEditableByApplicant(application.status, intake)) return;
  if (intake?.status === 'correction_requested' && intake.correctionDeadline) throw userError('BAD_REQUEST', lateMessage(intake.correctionDeadline));
  throw userError('BAD_REQUEST', refusal);
}

/** The correction request the applicant's page shows as a banner, or null. */
export async function myCorrection(db: DbOrTx, viewer: Viewer, applicationId: string) {
  const { application, relation } = await loadApplicationFor(db, applicationId, viewer);
  if (relation !== 'applicant' || application.status !== 'recommended') return null;
  const intake = await intakeOf(db, application.id);
  if (!intake?.correctionNote || !intake.correctionDeadline) return null;
  return {
    status: intake.status,
    note: intake.correctionNote,
    deadline: intake.correctionDeadline,
    repliedAt: intake.correctionRepliedAt,
    isOpen: isCorrectionOpen(intake),
  };
}

/** The applicant sends the corrected nomination back to the office, which checks it again. */
export async function replyCorrection(deps: ApiDeps, viewer: Viewer, input: { applicationId: string; message?: string }) {
  const { db } = deps;
  const { application, relation } = await loadApplicationFor(db, input.applicationId, viewer);
  if (relation !== 'applicant') throw userError('FORBIDDEN', '只有申报单位可以提交补正');
  const intake = await intakeOf(db, application.id);
  if (!intake || intake.status !== 'correction_requested' || !intake.correctionDeadline) throw userError('CONFLICT', '该申报当前没有待提交的补正');
  if (!isCorrectionOpen(intake)) throw userError('BAD_REQUEST', lateMessage(intake.correctionDeadline));
  const problems = validateApplication(application.campaign.formFields, application.data, application.campaign).map((p) => p.label);
  problems.push(...(await materialProblems(db, application.id)));
  if (problems.length > 0) throw userError('BAD_REQUEST', `申报还有 ${problems.length} 项未完成：${problems.slice(0, 5).join('、')}${problems.length > 5 ? ' 等' : ''}`);

  const name = (application.data.baseName as string | undefined) || application.organization.name;
  const now = new Date();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(intakeChecks)
      .set({ status: 'pending', correctionRepliedAt: now, updatedAt: now })
      // The status in the WHERE: an office decision taken meanwhile wins, and the reply is refused.
      .where(and(eq(intakeChecks.applicationId, application.id), eq(intakeChecks.status, 'correction_requested')))
      .returning({ status: intakeChecks.status });
    if (!row) throw userError('CONFLICT', '补正状态刚刚发生了变化，请刷新后重试');
    await tx.insert(schema.applicationEvents).values({
      applicationId: application.id, action: 'intake_reply', fromStatus: 'recommended', toStatus: 'recommended', actorUserId: viewer.userId, reason: input.message?.trim() || null,
    });
    const office = await tx
      .selectDistinct({ id: schema.users.id, email: schema.users.email, name: schema.users.name })
      .from(schema.memberships)
      .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
      .where(and(eq(schema.memberships.role, 'office'), eq(schema.users.status, 'active')));
    const recommenders = application.recommendingBody ? await usersOf(tx, application.recommendingBody.organizationId, ['recommender']) : [];
    const notice = { title: `已提交补正：${name}`, body: `“${application.organization.name}”已按形式审查要求提交“${name}”的补正。${input.message?.trim() ? `\n说明：${input.message.trim()}` : ''}` };
    await notifyUsers(tx, office, { ...notice, link: '/admin/intake' }, deps.config.publicUrl);
    await notifyUsers(tx, recommenders, { ...notice, link: `/portal/recommendations/${application.id}` }, deps.config.publicUrl);
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'intake.reply_correction', entityType: 'application', entityId: application.id, data: { message: input.message?.trim() || null } });
  });
  return myCorrection(db, viewer, application.id);
}
