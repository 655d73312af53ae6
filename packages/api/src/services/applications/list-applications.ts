import { applicationCompleteness } from '@ssb/domain/application-form';
import { availableActions, type ApplicationStatus } from '@ssb/domain/application-status';
import { isEditableByApplicant } from '@ssb/domain/intake-checklist';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { phaseWindow } from '../campaigns/phases.ts';
import { userError } from '../errors.ts';
import { applicantOrganizationIds, loadApplicationFor, recommenderBodies, type Viewer } from './access.ts';
import { countRecommended } from './transition-application.ts';
import { findDuplicateOrganizations } from './duplicates.ts';
import { stagesOf } from './stages.ts';
import { renewalSummaryOf } from '../renewals/renewals.ts';
import { termRecordOf } from '../renewals/term-record.ts';

const { applications } = schema;

/** The viewer's own unit's applications, newest first, with completeness and the moves open to them. */
export async function listMyApplications(db: DbOrTx, viewer: Viewer) {
  const orgIds = applicantOrganizationIds(viewer.grants);
  if (orgIds.length === 0) return [];
  const rows = await db.query.applications.findMany({
    where: inArray(applications.organizationId, orgIds),
    with: { campaign: true, recommendingBody: { columns: { id: true, name: true } }, organization: { columns: { name: true } }, renewsBase: { columns: { number: true, validUntil: true } } },
    orderBy: desc(applications.updatedAt),
  });
  const stages = await stagesOf(db, rows);
  return rows.map((a) => ({
    id: a.id,
    status: a.status,
    stage: stages.get(a.id)!,
    baseName: (a.data.baseName as string | undefined) ?? null,
    organizationName: a.organization.name,
    campaign: { id: a.campaign.id, year: a.campaign.year, title: a.campaign.title },
    recommendingBody: a.recommendingBody,
    completeness: applicationCompleteness(a.campaign.formFields, a.data, a.campaign).percent,
    actions: availableActions(a.status as ApplicationStatus, 'applicant'),
    returnReason: a.returnReason,
    updatedAt: a.updatedAt,
    submittedAt: a.submittedAt,
    renewal: a.renewsBase ? { number: a.renewsBase.number, validUntil: a.renewsBase.validUntil } : null,
  }));
}

/** One application with everything its page shows: form, completeness, timeline, moves, deadline. */
export async function getApplication(db: DbOrTx, viewer: Viewer, applicationId: string) {
  const { application, relation } = await loadApplicationFor(db, applicationId, viewer);
  const events = await db.query.applicationEvents.findMany({
    where: eq(schema.applicationEvents.applicationId, application.id),
    with: { actor: { columns: { name: true } } },
    orderBy: asc(schema.applicationEvents.seq),
  });
  const side = relation === 'office' ? null : relation;
  const deadline = await phaseWindow(db, application.campaign, relation === 'recommender' ? 'recommendation' : 'application', application.recommendingBodyId);
  const stage = (await stagesOf(db, [application])).get(application.id)!;
  const intake = relation === 'applicant' && application.status === 'recommended'
    ? await db.query.intakeChecks.findFirst({ where: eq(schema.intakeChecks.applicationId, application.id) })
    : undefined;
  return {
    id: application.id,
    status: application.status,
    stage,
    version: application.version,
    data: application.data,
    relation,
    /** Whether the viewer may change the form and materials now (the same rule `saveDraft` enforces). */
    editable: relation === 'applicant' && isEditableByApplicant(application.status, intake),
    organization: { id: application.organization.id, name: application.organization.name, uscc: application.organization.uscc },
    recommendingBody: application.recommendingBody ? { id: application.recommendingBody.id, name: application.recommendingBody.name } : null,
    campaign: {
      id: application.campaign.id,
      year: application.campaign.year,
      title: application.campaign.title,
      formFields: application.campaign.formFields,
      categories: application.campaign.categories,
    },
    deadline,
    completeness: applicationCompleteness(application.campaign.formFields, application.data, application.campaign),
    actions: side ? availableActions(application.status as ApplicationStatus, side) : [],
    returnReason: application.returnReason,
    submittedAt: application.submittedAt,
    updatedAt: application.updatedAt,
    timeline: events.map((e) => ({ action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, reason: e.reason, at: e.at, actorName: e.actor?.name ?? null })),
    /** A re-application (重新申报/复核): the base it renews, and the record of its current term. */
    renewal: await renewalSummaryOf(db, application.renewsBaseId),
    termRecord: application.renewsBaseId ? await termRecordOf(db, application.renewsBaseId) : null,
  };
}

/** The recommender's desk: applications addressed to the viewer's body (never drafts), the quota, duplicates. */
export async function getRecommenderDesk(db: DbOrTx, viewer: Viewer, input: { campaignId: string; status?: ApplicationStatus; search?: string }) {
  const bodies = await recommenderBodies(db, viewer.grants);
  const body = bodies[0];
  if (!body) throw userError('FORBIDDEN', '您不是推荐单位的用户');
  const campaign = await db.query.campaigns.findFirst({ where: eq(schema.campaigns.id, input.campaignId) });
  if (!campaign) throw userError('NOT_FOUND', '申报年度不存在');
  const filters = [eq(applications.campaignId, campaign.id), eq(applications.recommendingBodyId, body.id), ne(applications.status, 'draft')];
  if (input.status) filters.push(eq(applications.status, input.status));
  const rows = await db.query.applications.findMany({
    where: and(...filters),
    with: { organization: true, renewsBase: { columns: { number: true, validUntil: true } } },
    orderBy: [asc(applications.submittedAt)],
  });
  const search = input.search?.trim();
  const visible = search
    ? rows.filter((a) => a.organization.name.includes(search) || String(a.data.baseName ?? '').includes(search) || a.organization.uscc.includes(search.toUpperCase()))
    : rows;
  const [quota] = await db
    .select()
    .from(schema.campaignQuotas)
    .where(and(eq(schema.campaignQuotas.campaignId, campaign.id), eq(schema.campaignQuotas.recommendingBodyId, body.id)));
  const duplicates = await findDuplicateOrganizations(db, campaign.id);
  const declaration = await db.query.recommenderDeclarations.findFirst({
    where: and(eq(schema.recommenderDeclarations.campaignId, campaign.id), eq(schema.recommenderDeclarations.recommendingBodyId, body.id)),
  });
  return {
    body: { id: body.id, name: body.name, kind: body.kind },
    quota: { used: await countRecommended(db, campaign.id, body.id), max: quota?.quotaMax ?? 0 },
    deadline: await phaseWindow(db, campaign, 'recommendation', body.id),
    declaresNone: declaration?.declaresNone ?? false,
    items: visible.map((a) => {
      const duplicate = duplicates.find((d) => d.organizationId === a.organizationId);
      return {
        id: a.id,
        status: a.status,
        baseName: (a.data.baseName as string | undefined) ?? a.organization.name,
        organizationName: a.organization.name,
        uscc: a.organization.uscc,
        category: (a.data.category as string | undefined) ?? null,
        districtCode: (a.data.districtCode as string | undefined) ?? a.organization.districtCode,
        submittedAt: a.submittedAt,
        returnReason: a.returnReason,
        actions: availableActions(a.status as ApplicationStatus, 'recommender'),
        otherRecommenders: duplicate ? duplicate.recommenders.filter((r) => r.id !== body.id).map((r) => r.name) : [],
        renewal: a.renewsBase ? { number: a.renewsBase.number, validUntil: a.renewsBase.validUntil } : null,
      };
    }),
  };
}
