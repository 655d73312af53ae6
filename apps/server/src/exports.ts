import { PassThrough } from 'node:stream';
import { exportApplicationPdf, exportMaterialsZip, exportSummary, type ApiDeps } from '@ssb/api';
import { TRPCError } from '@trpc/server';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { viewerFromRequest } from './viewer.ts';

const UUID = /^[0-9a-f-]{36}$/i;

/** RFC 6266 with RFC 5987 so Chinese file names survive every browser. */
const attachment = (fileName: string) => `attachment; filename="${encodeURIComponent(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

const HTTP_STATUS: Record<string, number> = { NOT_FOUND: 404, FORBIDDEN: 403, BAD_REQUEST: 400, UNAUTHORIZED: 401 };

function sendError(reply: FastifyReply, error: unknown) {
  if (error instanceof TRPCError) return reply.code(HTTP_STATUS[error.code] ?? 500).send({ error: { code: error.code, message: error.message } });
  throw error;
}

/** Downloads that people print and file: the 申报表 PDF, the materials zip, the recommender's 汇总表. */
export function registerExportRoutes(app: FastifyInstance, deps: ApiDeps) {
  app.get<{ Params: { id: string } }>('/files/applications/:id/form.pdf', async (request, reply) => {
    const found = await viewerFromRequest(deps.db, request);
    if (!found) return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: '请先登录' } });
    if (!UUID.test(request.params.id)) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '申报不存在' } });
    try {
      const { fileName, pdf } = await exportApplicationPdf(deps, found.viewer, request.params.id);
      return reply.header('content-type', 'application/pdf').header('content-disposition', attachment(fileName)).send(pdf);
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get<{ Params: { id: string } }>('/files/applications/:id/materials.zip', async (request, reply) => {
    const found = await viewerFromRequest(deps.db, request);
    if (!found) return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: '请先登录' } });
    if (!UUID.test(request.params.id)) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '申报不存在' } });
    try {
      const stream = new PassThrough();
      const { fileName, write } = await exportMaterialsZip(deps, found.viewer, request.params.id, stream);
      write().catch((error: unknown) => stream.destroy(error as Error));
      return reply.header('content-type', 'application/zip').header('content-disposition', attachment(fileName)).send(stream);
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get<{ Params: { format: string }; Querystring: { campaignId?: string } }>('/files/summary.:format', async (request, reply) => {
    const found = await viewerFromRequest(deps.db, request);
    if (!found) return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: '请先登录' } });
    const format = request.params.format;
    if ((format !== 'xlsx' && format !== 'pdf') || !UUID.test(request.query.campaignId ?? '')) {
      return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: '请指定申报年度和格式（xlsx 或 pdf）' } });
    }
    try {
      const { fileName, file } = await exportSummary(deps, found.viewer, { campaignId: request.query.campaignId!, format });
      const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf';
      return reply.header('content-type', type).header('content-disposition', attachment(fileName)).send(file);
    } catch (error) {
      return sendError(reply, error);
    }
  });
}
