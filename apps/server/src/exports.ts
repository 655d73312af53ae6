import { PassThrough } from 'node:stream';
import { exportApplicationPdf, exportMaterialsZip, exportSummary, type ApiDeps } from '@ssb/api';
import { closeDocumentPool, documentPool } from '@ssb/documents';
import type { FastifyInstance } from 'fastify';
import { attachment, sendExportError as sendError, UUID } from './export-replies.ts';
import { viewerFromRequest } from './viewer.ts';

/** Downloads that people print and file: the 申报表 PDF, the materials zip, the recommender's 汇总表. */
export function registerExportRoutes(app: FastifyInstance, deps: ApiDeps) {
  // The documents render in worker threads, started and warmed up as the server starts listening
  // (a server only injected into, as in tests, starts them on its first download).
  app.addHook('onListen', async () => void documentPool());
  app.addHook('onClose', closeDocumentPool);

  app.get<{ Params: { id: string } }>('/files/applications/:id/form.pdf', async (request, reply) => {
    const found = await viewerFromRequest(deps.db, request);
    if (!found) return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: '请先登录' } });
    if (!UUID.test(request.params.id)) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '申报不存在或无权查看' } });
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
    if (!UUID.test(request.params.id)) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '申报不存在或无权查看' } });
    try {
      const stream = new PassThrough();
      const { fileName, write } = await exportMaterialsZip(deps, found.viewer, request.params.id, stream);
      // Past this point the answer has begun: a failure can only cut the download short, and is logged.
      write().catch((error: unknown) => {
        request.log.error({ err: error }, 'materials zip failed');
        stream.destroy(error as Error);
      });
      return reply.header('content-type', 'application/zip').header('content-disposition', attachment(fileName)).send(stream);
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get<{ Params: { format: string }; Querystring: { campaignId?: string } }>('/files/summary.:format', async (request, reply) => {
    const found = await viewerFromRequest(deps.db, request);
    if (!found) return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: '请先登录' } });
    const format = request.params.format;
    const campaignId = request.query.campaignId;
    if ((format !== 'xlsx' && format !== 'pdf') || typeof campaignId !== 'string' || !UUID.test(campaignId)) {
      return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: '请指定申报年度和格式（xlsx 或 pdf）' } });
    }
    try {
      const { fileName, file } = await exportSummary(deps, found.viewer, { campaignId, format });
      const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf';
      return reply.header('content-type', type).header('content-disposition', attachment(fileName)).send(file);
    } catch (error) {
      return sendError(reply, error);
    }
  });
}
