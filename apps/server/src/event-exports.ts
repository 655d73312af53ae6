import { exportRegistrations, type ApiDeps } from '@ssb/api';
import type { FastifyInstance } from 'fastify';
import { attachment, sendExportError, UUID } from './export-replies.ts';
import { viewerFromRequest } from './viewer.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The host's download of an event's registrations, waiting list and attendance (host and accepted co-hosts only). */
export function registerEventExportRoutes(app: FastifyInstance, deps: ApiDeps) {
  app.get<{ Params: { id: string } }>('/files/events/:id/registrations.xlsx', async (request, reply) => {
    if (!UUID.test(request.params.id)) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '活动不存在' } });
    const found = await viewerFromRequest(deps.db, request);
    if (!found) return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: '请先登录' } });
    try {
      const { fileName, file } = await exportRegistrations(deps, found.viewer, request.params.id);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(fileName)).header('cache-control', 'no-store').send(file);
    } catch (error) {
      return sendExportError(reply, error);
    }
  });
}
