import { sanitizeFileName, renderFundingAgreement } from '@ssb/documents';
import { schema } from '@ssb/db';
import { isDomainError } from '@ssb/domain/errors';
import { ISSUING_OFFICE } from '@ssb/domain/register';
import { eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { fundingApplicationView } from './applications.ts';
import type { FundingViewer } from './rows.ts';

/** The grant agreement (资助协议书) PDF with the approved budget: to the applicant's managers and the office; audited. */
export async function exportFundingAgreement(deps: Pick<ApiDeps, 'db'>, viewer: FundingViewer, applicationId: string) {
  // Someone else's application is answered as missing: a download link reveals nothing.
  const app = await fundingApplicationView(deps.db, viewer, applicationId).catch((error: unknown) => {
    if (isDomainError(error) && error.code === 'FORBIDDEN') throw userError('NOT_FOUND', '未找到该经费申请');
    throw error;
  });
  if (!app.agreement || app.awardFen === null) throw userError('NOT_FOUND', '该申请尚无资助协议书');
  const [organization] = await deps.db.select({ name: schema.organizations.name }).from(schema.organizations).where(eq(schema.organizations.id, app.organizationId));
  const pdf = await renderFundingAgreement({
    number: app.agreement.number,
    callTitle: app.call.title,
    projectTitle: app.title,
    baseName: app.baseName,
    organizationName: organization?.name ?? app.baseName,
    issuingOffice: ISSUING_OFFICE,
    startDate: app.startDate ?? '',
    endDate: app.endDate ?? '',
    reportDueOn: app.reportDueOn,
    awardFen: app.awardFen,
    // The budget in force: the approved one, or the last recorded or approved change.
    lines: app.currentLines,
    targets: app.targets,
    tranchePercents: app.call.tranchePercents,
  });
  await appendAudit(deps.db, { actorUserId: viewer.userId, action: 'export.funding_agreement', entityType: 'funding_application', entityId: app.id, data: { number: app.agreement.number, budgetRevision: app.budgetRevision } });
  return { fileName: `资助协议书-${app.agreement.number}-${sanitizeFileName(app.title)}.pdf`, pdf };
}
