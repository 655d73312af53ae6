import { exportBatchCertificates, exportCertificate, exportFundingAgreement, exportFundingWorkbook, exportNationalList, type ApiDeps } from '@ssb/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { attachment, sendExportError, UUID } from './export-replies.ts';
import { viewerFromRequest } from './viewer.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Signs the viewer in from the cookie and turns the services' errors into JSON answers. */
async function download(deps: ApiDeps, request: FastifyRequest, reply: FastifyReply, produce: (viewer: NonNullable<Awaited<ReturnType<typeof viewerFromRequest>>>['viewer']) => Promise<{ fileName: string; body: Buffer; type: string }>) {
  const found = await viewerFromRequest(deps.db, request);
  if (!found) return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: '请先登录' } });
  try {
    const { fileName, body, type } = await produce(found.viewer);
    return reply.header('content-type', type).header('content-disposition', attachment(fileName)).header('cache-control', 'no-store').send(body);
  } catch (error) {
    return sendExportError(reply, error);
  }
}

/** A naming batch's year from the query: four digits in a plausible range, or null. */
const batchYearOf = (raw: unknown) => (typeof raw === 'string' && /^(19|20)\d{2}$/.test(raw) ? Number(raw) : null);

/** The register's downloads, for the office only: a certificate, a batch of certificates, the national list. */
export function registerBaseRegisterExportRoutes(app: FastifyInstance, deps: ApiDeps) {
  app.get<{ Params: { id: string } }>('/files/bases/:id/certificate.pdf', (request, reply) => {
    if (!UUID.test(request.params.id)) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '基地不存在' } });
    return download(deps, request, reply, async (viewer) => {
      const { fileName, pdf } = await exportCertificate(deps, viewer, request.params.id);
      return { fileName, body: pdf, type: 'application/pdf' };
    });
  });

  app.get<{ Querystring: { batchYear?: string } }>('/files/register/certificates.pdf', (request, reply) => {
    const batchYear = batchYearOf(request.query.batchYear);
    if (!batchYear) return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: '请指定命名批次（年份）' } });
    return download(deps, request, reply, async (viewer) => {
      const { fileName, pdf } = await exportBatchCertificates(deps, viewer, batchYear);
      return { fileName, body: pdf, type: 'application/pdf' };
    });
  });

  app.get<{ Querystring: { batchYear?: string } }>('/files/register/national-list.xlsx', (request, reply) => {
    const batchYear = batchYearOf(request.query.batchYear);
    if (!batchYear) return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: '请指定命名批次（年份）' } });
    return download(deps, request, reply, async (viewer) => {
      const { fileName, file } = await exportNationalList(deps, viewer, batchYear);
      return { fileName, body: file, type: XLSX };
    });
  });

  app.get<{ Params: { id: string } }>('/files/funding/:id/agreement.pdf', (request, reply) => {
    if (!UUID.test(request.params.id)) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '未找到该经费申请' } });
    return download(deps, request, reply, async (viewer) => {
      const { fileName, pdf } = await exportFundingAgreement(deps, viewer, request.params.id);
      return { fileName, body: pdf, type: 'application/pdf' };
    });
  });

  app.get<{ Querystring: { year?: string } }>('/files/funding/export.xlsx', (request, reply) => {
    const year = request.query.year === undefined || request.query.year === '' ? null : batchYearOf(request.query.year);
    if (year === null && request.query.year) return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: '年度格式不正确' } });
    return download(deps, request, reply, async (viewer) => {
      const { fileName, file } = await exportFundingWorkbook(deps, viewer, { year });
      return { fileName, body: file, type: XLSX };
    });
  });
}
