import { applicationStage, type ApplicationStage } from '@ssb/domain/application-stage';
import type { ApplicationStatus } from '@ssb/domain/application-status';
import type { IntakeStatus, SelectionOutcome } from '@ssb/domain/selection';
import { schema, type DbOrTx } from '@ssb/db';
import { and, eq, inArray, ne } from 'drizzle-orm';

/**
 * The stage of each application, read from the rows the office keeps beside it (intake check,
 * review assignments, decision, public notices), in four queries whatever the number of files.
 */
export async function stagesOf(db: DbOrTx, applications: Array<{ id: string; status: string }>) {
  const recommended = applications.filter((a) => a.status === 'recommended').map((a) => a.id);
  const stages = new Map<string, ApplicationStage>();
  const intake = new Map<string, IntakeStatus>();
  const decision = new Map<string, SelectionOutcome>();
  const inReview = new Set<string>();
  const onNotice = new Set<string>();
  if (recommended.length > 0) {
    const [intakeRows, decisionRows, reviewRows, noticeRows] = await Promise.all([
      db.select({ id: schema.intakeChecks.applicationId, status: schema.intakeChecks.status }).from(schema.intakeChecks).where(inArray(schema.intakeChecks.applicationId, recommended)),
      db.select({ id: schema.selectionDecisions.applicationId, outcome: schema.selectionDecisions.outcome }).from(schema.selectionDecisions).where(inArray(schema.selectionDecisions.applicationId, recommended)),
      db
        .selectDistinct({ id: schema.reviewAssignments.applicationId })
        .from(schema.reviewAssignments)
        .innerJoin(schema.reviewRounds, eq(schema.reviewRounds.id, schema.reviewAssignments.roundId))
        .where(and(inArray(schema.reviewAssignments.applicationId, recommended), ne(schema.reviewRounds.status, 'draft'))),
      // Notices are few (one or two a year): read their frozen lists and look the files up here.
      db.select({ ids: schema.publicNotices.applicationIds }).from(schema.publicNotices).where(inArray(schema.publicNotices.status, ['published', 'closed'])),
    ]);
    for (const r of intakeRows) intake.set(r.id, r.status as IntakeStatus);
    for (const r of decisionRows) decision.set(r.id, r.outcome as SelectionOutcome);
    for (const r of reviewRows) inReview.add(r.id);
    const wanted = new Set(recommended);
    for (const r of noticeRows) for (const id of r.ids) if (wanted.has(id)) onNotice.add(id);
  }
  for (const a of applications) {
    stages.set(a.id, applicationStage({ status: a.status as ApplicationStatus, intake: intake.get(a.id) ?? null, decision: decision.get(a.id) ?? null, onNotice: onNotice.has(a.id), inReview: inReview.has(a.id) }));
  }
  return stages;
}
