import { REVIEW_ROUND_LABELS } from '@ssb/domain/selection';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { termRecordOf } from '../renewals/term-record.ts';
import { userError } from '../errors.ts';
import { blindCode, isIdentifyingField } from './blind.ts';
import { describeApplications } from './candidates.ts';

/** An expert's own assignment in a round the office has opened (or closed); anything else is "not found". */
export async function loadOwnAssignment(db: DbOrTx, expertUserId: string, assignmentId: string) {
  const [found] = await db
    .select({ assignment: schema.reviewAssignments, round: schema.reviewRounds })
    .from(schema.reviewAssignments)
    .innerJoin(schema.reviewRounds, eq(schema.reviewRounds.id, schema.reviewAssignments.roundId))
    .where(and(eq(schema.reviewAssignments.id, assignmentId), eq(schema.reviewAssignments.expertUserId, expertUserId), ne(schema.reviewRounds.status, 'draft')));
  if (!found) throw userError('NOT_FOUND', '评审任务不存在或尚未开始');
  return found;
}

/** The title an expert sees: the base's name, or in a blind round only a code. */
async function titlesFor(db: DbOrTx, rows: Array<{ roundId: string; applicationId: string; blind: boolean }>) {
  const named = new Map((await describeApplications(db, rows.filter((r) => !r.blind).map((r) => r.applicationId))).map((n) => [n.id, n]));
  return (row: { roundId: string; applicationId: string; blind: boolean }) =>
    row.blind ? { title: `申报 ${blindCode(row.roundId, row.applicationId)}`, organizationName: null, recommenderName: null } : { title: named.get(row.applicationId)!.name, organizationName: named.get(row.applicationId)!.organizationName, recommenderName: named.get(row.applicationId)!.recommenderName };
}

/**
 * The expert's own assignments in opened rounds. No application id leaves the server in a blind
 * round: the expert works with the assignment id only.
 */
export async function myAssignments(db: DbOrTx, expertUserId: string) {
  const rows = await db
    .select({ assignment: schema.reviewAssignments, round: schema.reviewRounds, year: schema.campaigns.year })
    .from(schema.reviewAssignments)
    .innerJoin(schema.reviewRounds, eq(schema.reviewRounds.id, schema.reviewAssignments.roundId))
    .innerJoin(schema.campaigns, eq(schema.campaigns.id, schema.reviewRounds.campaignId))
    .where(and(eq(schema.reviewAssignments.expertUserId, expertUserId), ne(schema.reviewRounds.status, 'draft')))
    .orderBy(desc(schema.campaigns.year), asc(schema.reviewRounds.kind), asc(schema.reviewAssignments.assignedAt), asc(schema.reviewAssignments.id));
  const titleOf = await titlesFor(db, rows.map((r) => ({ roundId: r.round.id, applicationId: r.assignment.applicationId, blind: r.round.blind })));
  return rows.map(({ assignment: a, round, year }) => ({
    id: a.id,
    ...titleOf({ roundId: round.id, applicationId: a.applicationId, blind: round.blind }),
    status: a.status,
    weightedTotal: a.weightedTotal,
    submittedAt: a.submittedAt,
    round: { id: round.id, year, kind: round.kind, label: REVIEW_ROUND_LABELS[round.kind].zh, status: round.status, blind: round.blind, closesAt: round.closesAt },
  }));
}

/**
 * One assignment with what the expert needs to score: the application's form (by the campaign's
 * field list, so stray keys never leak) and its materials. In a blind round the unit's identity is
 * left out here, at the API, not merely hidden by the page.
 */
export async function assignmentForExpert(db: DbOrTx, expertUserId: string, assignmentId: string) {
  const { assignment, round } = await loadOwnAssignment(db, expertUserId, assignmentId);
  if (assignment.status === 'recused') throw userError('FORBIDDEN', '您已声明回避该申报，不能再查看其材料');
  const [application] = await db.select().from(schema.applications).where(eq(schema.applications.id, assignment.applicationId));
  const [campaign] = await db.select().from(schema.campaigns).where(eq(schema.campaigns.id, round.campaignId));
  const fields = campaign!.formFields.filter((f) => !(round.blind && isIdentifyingField(f)));
  const data = Object.fromEntries(fields.filter((f) => f.key in application!.data).map((f) => [f.key, application!.data[f.key]]));
  const materials = await db
    .select()
    .from(schema.materials)
    .where(eq(schema.materials.applicationId, application!.id))
    .orderBy(asc(schema.materials.kind), asc(schema.materials.sortOrder));
  const perKind = { photo: 0, video: 0 };
  const titleOf = await titlesFor(db, [{ roundId: round.id, applicationId: application!.id, blind: round.blind }]);
  const record = application!.renewsBaseId ? await termRecordOf(db, application!.renewsBaseId) : null;
  return {
    /** A re-application: the base's current term beside the form; in a blind round without name, number or reasons. */
    termRecord: record && round.blind ? { ...record, baseId: null, number: null, name: null, history: record.history.map((h) => ({ ...h, reason: null })), evaluations: record.evaluations.map((e) => ({ ...e, note: null })) } : record,
    assignment: { id: assignment.id, status: assignment.status, scores: assignment.scores, comment: assignment.comment ?? '', weightedTotal: assignment.weightedTotal, version: assignment.version, submittedAt: assignment.submittedAt },
    round: { id: round.id, kind: round.kind, label: REVIEW_ROUND_LABELS[round.kind].zh, status: round.status, blind: round.blind, criteria: round.criteria, closesAt: round.closesAt },
    application: {
      ...titleOf({ roundId: round.id, applicationId: application!.id, blind: round.blind }),
      fields,
      data,
      materials: materials.map((m) => ({
        id: m.id,
        kind: m.kind,
        format: m.format,
        // Original file names often carry the unit's name: replaced by a neutral one in blind rounds.
        name: round.blind ? `${m.kind === 'photo' ? '照片' : '视频'} ${++perKind[m.kind]}` : m.originalName,
        url: `/files/materials/${m.id}`,
        thumbUrl: `/files/materials/${m.id}?size=thumb`,
        width: m.width,
        height: m.height,
        durationSeconds: m.durationSeconds,
      })),
    },
  };
}

/** Whether this user may read this application's materials as its assigned (and not recused) expert. */
export async function isAssignedExpertOf(db: DbOrTx, userId: string, applicationId: string) {
  const [row] = await db
    .select({ id: schema.reviewAssignments.id })
    .from(schema.reviewAssignments)
    .innerJoin(schema.reviewRounds, eq(schema.reviewRounds.id, schema.reviewAssignments.roundId))
    .where(
      and(
        eq(schema.reviewAssignments.applicationId, applicationId),
        eq(schema.reviewAssignments.expertUserId, userId),
        ne(schema.reviewAssignments.status, 'recused'),
        ne(schema.reviewRounds.status, 'draft'),
      ),
    )
    .limit(1);
  return !!row;
}
