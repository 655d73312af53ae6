import { renderSummaryPdf, renderSummaryXlsx, sanitizeFileName, type SummaryRow } from '@ssb/documents';
import { schema } from '@ssb/db';
import { and, asc, eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { recommenderBodies, type Viewer } from '../applications/access.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown, fallback = '') => (typeof value === 'string' ? value : fallback);

/** The recommender's 申报汇总表: its recommended nominations, in the order they were recommended. */
export async function exportSummary(deps: ApiDeps, viewer: Viewer, input: { campaignId: string; format: 'xlsx' | 'pdf' }) {
  const [body] = await recommenderBodies(deps.db, viewer.grants);
  if (!body) throw userError('FORBIDDEN', '您不是推荐单位的用户');
  const campaign = await deps.db.query.campaigns.findFirst({ where: eq(schema.campaigns.id, input.campaignId) });
  if (!campaign) throw userError('NOT_FOUND', '申报年度不存在');
  const applications = await deps.db.query.applications.findMany({
    where: and(eq(schema.applications.campaignId, campaign.id), eq(schema.applications.recommendingBodyId, body.id), eq(schema.applications.status, 'recommended')),
    with: { organization: true },
    orderBy: asc(schema.applications.recommendedAt),
  });
  const rows: SummaryRow[] = applications.map((a) => ({
    baseName: str(a.data.baseName, a.organization.name),
    hostUnit: str(a.data.hostUnit, a.organization.name),
    uscc: a.organization.uscc,
    category: str(a.data.category),
    districtCode: str(a.data.districtCode, a.organization.districtCode),
    exhibitionArea: num(a.data.exhibitionArea),
    openDaysPerYear: num(a.data.openDaysPerYear),
    annualVisitors: num(a.data.annualVisitors),
    contactName: str(a.data.contactName, a.organization.contactName),
    contactPhone: str(a.data.contactPhone, a.organization.contactPhone),
  }));
  const summary = { campaign: { year: campaign.year }, recommendingBodyName: body.name, rows, generatedAt: new Date() };
  const file = input.format === 'xlsx' ? await renderSummaryXlsx(summary) : await renderSummaryPdf(summary);
  await appendAudit(deps.db, {
    actorUserId: viewer.userId,
    action: `export.summary_${input.format}`,
    entityType: 'recommending_body',
    entityId: body.id,
    data: { campaignId: campaign.id, rows: rows.length },
  });
  return { fileName: `${campaign.year}年申报汇总表-${sanitizeFileName(body.name)}.${input.format}`, file, rows: rows.length };
}
