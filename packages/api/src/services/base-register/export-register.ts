import { renderCertificates, renderNationalListXlsx, sanitizeFileName, type CertificateInput } from '@ssb/documents';
import { schema } from '@ssb/db';
import { ISSUING_OFFICE } from '@ssb/domain/register';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import type { Viewer } from '../applications/access.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';

const { bases, organizations, applications } = schema;
const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

async function loadBases(deps: Pick<ApiDeps, 'db'>, where: ReturnType<typeof and>) {
  return deps.db
    .select({ base: bases, organizationName: organizations.name, uscc: organizations.uscc, contactName: organizations.contactName, contactPhone: organizations.contactPhone, data: applications.data })
    .from(bases)
    .innerJoin(organizations, eq(organizations.id, bases.organizationId))
    .leftJoin(applications, eq(applications.id, bases.applicationId))
    .where(where)
    .orderBy(asc(bases.number));
}

const toCertificate = (publicUrl: string, row: Awaited<ReturnType<typeof loadBases>>[number]): CertificateInput => ({
  baseId: row.base.id,
  baseName: row.base.name,
  organizationName: row.organizationName,
  number: row.base.number,
  batchYear: row.base.batchYear,
  namedOn: row.base.namedOn,
  validUntil: row.base.validUntil,
  issuingOffice: ISSUING_OFFICE,
  publicUrl,
});

/** One base's 证书. A revoked title gets none. Who may ask is the route policy's rule (office only). */
export async function exportCertificate(deps: Pick<ApiDeps, 'db' | 'config'>, viewer: Viewer, baseId: string) {
  const [row] = await loadBases(deps, and(eq(bases.id, baseId)));
  if (!row) throw userError('NOT_FOUND', '基地不存在');
  if (row.base.status === 'revoked') throw userError('BAD_REQUEST', '该基地已撤销，不能出具证书');
  const pdf = await renderCertificates([toCertificate(deps.config.publicUrl, row)]);
  await appendAudit(deps.db, { actorUserId: viewer.userId, action: 'export.certificate', entityType: 'base', entityId: row.base.id, data: { number: row.base.number } });
  return { fileName: `证书-${row.base.number}-${sanitizeFileName(row.base.name)}.pdf`, pdf };
}

/** Every current base of a batch, one page each, to print in one go. */
export async function exportBatchCertificates(deps: Pick<ApiDeps, 'db' | 'config'>, viewer: Viewer, batchYear: number) {
  const rows = await loadBases(deps, and(eq(bases.batchYear, batchYear), inArray(bases.status, ['active', 'rectification'])));
  if (rows.length === 0) throw userError('NOT_FOUND', `${batchYear} 年度没有可出具证书的基地`);
  const pdf = await renderCertificates(rows.map((r) => toCertificate(deps.config.publicUrl, r)));
  await appendAudit(deps.db, { actorUserId: viewer.userId, action: 'export.certificates_batch', entityType: 'base_batch', entityId: null, data: { batchYear, count: rows.length } });
  return { fileName: `证书-${batchYear}年度-${rows.length}份.pdf`, pdf, count: rows.length };
}

/** The list the city recommends to the national body: the batch's active bases. */
export async function exportNationalList(deps: Pick<ApiDeps, 'db'>, viewer: Viewer, batchYear: number) {
  const rows = await loadBases(deps, and(eq(bases.batchYear, batchYear), eq(bases.status, 'active')));
  const file = await renderNationalListXlsx({
    batchYear,
    issuingOffice: ISSUING_OFFICE,
    generatedAt: new Date(),
    rows: rows.map((r) => ({
      number: r.base.number,
      baseName: r.base.name,
      hostUnit: str(r.data?.hostUnit) || r.organizationName,
      uscc: r.uscc,
      category: r.base.category,
      districtCode: r.base.districtCode,
      namedOn: r.base.namedOn,
      validUntil: r.base.validUntil,
      address: r.base.address,
      scientists: r.base.scientists,
      contactName: str(r.data?.contactName) || r.contactName,
      contactPhone: str(r.data?.contactPhone) || r.base.phone || r.contactPhone,
      note: r.base.isDemo ? '演示数据' : '',
    })),
  });
  await appendAudit(deps.db, { actorUserId: viewer.userId, action: 'export.national_list', entityType: 'base_batch', entityId: null, data: { batchYear, count: rows.length } });
  return { fileName: `${batchYear}年北京市科学家精神教育基地推荐名单.xlsx`, file, count: rows.length };
}
