import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '@ssb/domain/errors';
import type { FormField } from '@ssb/domain/application-form';
import { draftLimitProblems } from '@ssb/domain/form-limits';
import { userError } from '../errors.ts';
import { assertApplicantMayEdit } from '../intake/correction.ts';
import { appendAudit } from '../audit/append.ts';
import { loadApplicationFor, type Viewer } from './access.ts';

const NOT_EDITABLE = '申报已提交，不能修改。如需修改，请先撤回申报';

/** Refuses a draft with a field beyond its limits; the stored draft stays as it was. */
function assertWithinLimits(fields: readonly FormField[], data: Record<string, unknown>) {
  const problems = draftLimitProblems(fields, data);
  if (problems.length === 0) return;
  const more = problems.length > 1 ? `（另有 ${problems.length - 1} 处超出限制）` : '';
  throw new DomainError('BAD_REQUEST', `本次未保存：${problems[0]!.message}${more}`, {
    issues: problems.map((p) => ({ path: `data.${p.path}`, message: p.message })),
  });
}

export type DraftConflict = {
  kind: 'draft_conflict';
  serverVersion: number;
  serverData: Record<string, unknown>;
  updatedAt: string;
  updatedByName: string | null;
};

/**
 * Saves the form as typed. The caller names the version it started from; if someone saved since
 * (another tab, a colleague), nothing is overwritten: the conflict carries the server's version so
 * the page can show both.
 */
export async function saveDraft(db: Database, viewer: Viewer, input: { applicationId: string; version: number; data: Record<string, unknown> }) {
  const { application, relation } = await loadApplicationFor(db, input.applicationId, viewer);
  if (relation !== 'applicant') throw userError('FORBIDDEN', '只有申报单位可以修改申报表');
  await assertApplicantMayEdit(db, application, NOT_EDITABLE);
  assertWithinLimits(application.campaign.formFields, input.data);
  const [saved] = await db
    .update(schema.applications)
    .set({ data: input.data, version: sql`${schema.applications.version} + 1`, updatedAt: new Date(), updatedBy: viewer.userId })
    .where(and(eq(schema.applications.id, application.id), eq(schema.applications.version, input.version)))
    .returning({ version: schema.applications.version, updatedAt: schema.applications.updatedAt });
  // A nomination changed during an intake correction: the office must be able to see who changed it when.
  if (saved && application.status === 'recommended') {
    await appendAudit(db, { actorUserId: viewer.userId, action: 'intake.correction_edit', entityType: 'application', entityId: application.id, data: { version: saved.version } });
  }
  if (saved) return saved;

  const current = await db.query.applications.findFirst({ where: eq(schema.applications.id, application.id) });
  // Submitted in between: the version is gone for good, not a copy to compare with.
  await assertApplicantMayEdit(db, current!, NOT_EDITABLE);
  const editor = current?.updatedBy ? await db.query.users.findFirst({ where: eq(schema.users.id, current.updatedBy) }) : null;
  const conflict: DraftConflict = {
    kind: 'draft_conflict',
    serverVersion: current!.version,
    serverData: current!.data,
    updatedAt: current!.updatedAt.toISOString(),
    updatedByName: editor?.name ?? null,
  };
  throw new DomainError('CONFLICT', `申报表已在其他页面或由${editor?.name ?? '其他用户'}于更早时候保存，为避免覆盖，本次未保存。请对照两个版本后选择保留哪一个`, {
    conflict,
  });
}
