import type { Writable } from 'node:stream';
import { renderApplicationPdf, sanitizeFileName, zipNominationMaterials } from '@ssb/documents';
import { schema } from '@ssb/db';
import { asc, eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { loadApplicationFor, type Viewer } from '../applications/access.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { currentShortCode } from '../paper/short-code.ts';

/** Where the QR code on a printed form leads: the office's paper check. */
export const paperCheckUrl = (publicUrl: string) => `${publicUrl}/admin/paper-check`;

async function renderFor(deps: ApiDeps, application: Awaited<ReturnType<typeof loadApplicationFor>>['application']) {
  return renderApplicationPdf({
    campaign: { year: application.campaign.year, title: application.campaign.title },
    fields: application.campaign.formFields,
    data: application.data,
    organizationName: application.organization.name,
    recommendingBodyName: application.recommendingBody?.name ?? '',
    applicationId: application.id,
    verifyUrlBase: paperCheckUrl(deps.config.publicUrl),
  });
}

/** The 申报表 as a printable PDF, for whoever may see the application; the export is logged. */
export async function exportApplicationPdf(deps: ApiDeps, viewer: Viewer, applicationId: string) {
  const { application } = await loadApplicationFor(deps.db, applicationId, viewer);
  const pdf = await renderFor(deps, application);
  // The printed code is kept, so a paper copy of an older version can later be told apart from an unknown code.
  await appendAudit(deps.db, {
    actorUserId: viewer.userId,
    action: 'export.application_pdf',
    entityType: 'application',
    entityId: application.id,
    data: { shortCode: currentShortCode(application), version: application.version },
  });
  return { fileName: `${sanitizeFileName(application.organization.name)}-申报表.pdf`, pdf };
}

/** One nomination's photos, videos and form, with the notice's standard file names (unit name + number). */
export async function exportMaterialsZip(deps: ApiDeps, viewer: Viewer, applicationId: string, output: Writable) {
  const { application } = await loadApplicationFor(deps.db, applicationId, viewer);
  const rows = await deps.db.query.materials.findMany({
    where: eq(schema.materials.applicationId, application.id),
    orderBy: [asc(schema.materials.kind), asc(schema.materials.sortOrder)],
  });
  const pathOf = (key: string) => {
    const path = deps.files.localPath(key);
    if (!path) throw userError('BAD_REQUEST', '当前文件存储不支持打包下载');
    return path;
  };
  const unitName = application.organization.name;
  await appendAudit(deps.db, { actorUserId: viewer.userId, action: 'export.materials_zip', entityType: 'application', entityId: application.id, data: { shortCode: currentShortCode(application), version: application.version } });
  return {
    fileName: `${sanitizeFileName(unitName)}-申报材料.zip`,
    write: () =>
      renderFor(deps, application).then((applicationPdf) =>
        zipNominationMaterials(
          {
            unitName,
            photos: rows.filter((m) => m.kind === 'photo').map((m) => ({ path: pathOf(m.storageKey), format: 'jpeg' as const })),
            videos: rows.filter((m) => m.kind === 'video').map((m) => ({ path: pathOf(m.storageKey), format: m.format === 'mov' ? ('mov' as const) : ('mp4' as const) })),
            applicationPdf,
          },
          output,
        ),
      ),
  };
}
