import type { Writable } from 'node:stream';
import { renderApplicationPdf, sanitizeFileName, zipNominationMaterials } from '@ssb/documents';
import { schema } from '@ssb/db';
import { asc, eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { loadApplicationFor, type Viewer } from '../applications/access.ts';
import { appendAudit } from '../audit/append.ts';
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

/**
 * One nomination's photos, videos and form, with the notice's standard file names (unit name + number).
 * Everything that can fail is done before the answer starts: the form is rendered and the files are
 * checked, and a material whose file is gone (demo data, a lost disk) is named in a note instead.
 */
export async function exportMaterialsZip(deps: ApiDeps, viewer: Viewer, applicationId: string, output: Writable) {
  const { application } = await loadApplicationFor(deps.db, applicationId, viewer);
  const rows = await deps.db.query.materials.findMany({
    where: eq(schema.materials.applicationId, application.id),
    orderBy: [asc(schema.materials.kind), asc(schema.materials.sortOrder)],
  });
  const located = await Promise.all(
    rows.map(async (m) => {
      const present = (await deps.files.size(m.storageKey)) !== null;
      // Streams from whichever store holds the file; opened only when the zip reaches it.
      return { material: m, source: present ? { open: () => deps.files.read(m.storageKey) } : null };
    }),
  );
  const present = located.filter((l): l is typeof l & { source: NonNullable<typeof l.source> } => l.source !== null);
  const applicationPdf = await renderFor(deps, application);
  const unitName = application.organization.name;
  await appendAudit(deps.db, { actorUserId: viewer.userId, action: 'export.materials_zip', entityType: 'application', entityId: application.id, data: { shortCode: currentShortCode(application), version: application.version, missing: located.length - present.length } });
  return {
    fileName: `${sanitizeFileName(unitName)}-申报材料.zip`,
    write: () =>
      zipNominationMaterials(
        {
          unitName,
          photos: present.filter((l) => l.material.kind === 'photo').map((l) => ({ ...l.source, format: 'jpeg' as const })),
          videos: present.filter((l) => l.material.kind === 'video').map((l) => ({ ...l.source, format: l.material.format === 'mov' ? ('mov' as const) : ('mp4' as const) })),
          applicationPdf,
          missing: located.filter((l) => l.source === null).map((l) => l.material.originalName),
        },
        output,
      ),
  };
}
