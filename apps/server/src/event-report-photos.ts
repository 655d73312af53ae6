import { attachReportPhoto, findReportPhoto, type ApiDeps } from '@ssb/api';
import type { FastifyInstance } from 'fastify';
import { answerFailure, FILE_MESSAGES, UUID } from './files.ts';
import { acceptImageBodies, withImageOnDisk } from './image-upload.ts';
import { sendStoredFile } from './send-stored-file.ts';
import { viewerFromRequest } from './viewer.ts';

const KEY = /^[0-9a-f-]{36}\.(jpg|png)$/;

/**
 * Photos of an activity report: POST the raw bytes (the host's managers; sniffed and stripped of
 * metadata like a resource's images), GET one (the host's managers and the office).
 */
export function registerEventReportPhotoRoutes(app: FastifyInstance, deps: ApiDeps, dataDir: string) {
  app.register(async (scope) => {
    acceptImageBodies(scope);

    scope.post<{ Params: { eventId: string }; Querystring: { name?: string } }>('/files/event-reports/:eventId/photos', async (request, reply) => {
      const found = await viewerFromRequest(deps.db, request);
      if (!found) return reply.code(401).send({ message: '请先登录' });
      if (!UUID.test(request.params.eventId)) return reply.code(404).send({ message: '未找到该活动' });
      return withImageOnDisk(reply, dataDir, 'report-photos', request.body as Buffer | undefined, async (tempPath) => {
        const saved = await attachReportPhoto(deps, found.viewer, { eventId: request.params.eventId, name: String(request.query.name ?? ''), tempPath });
        return { photos: saved.photos, version: saved.version };
      });
    });
  });

  app.get<{ Params: { eventId: string; key: string } }>('/files/event-reports/:eventId/:key', async (request, reply) => {
    try {
      if (!UUID.test(request.params.eventId) || !KEY.test(request.params.key)) return reply.code(404).send({ message: FILE_MESSAGES.notFound });
      const found = await viewerFromRequest(deps.db, request);
      const photo = await findReportPhoto(deps.db, found?.viewer ?? null, request.params.eventId, request.params.key);
      if (!photo) return reply.code(404).send({ message: FILE_MESSAGES.notFound });
      const size = await deps.files.size(photo.storageKey);
      if (size === null) return reply.code(404).send({ message: FILE_MESSAGES.missing });
      reply.header('content-type', photo.contentType).header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store');
      return await sendStoredFile(request, reply, deps.files, photo.storageKey, size);
    } catch (error) {
      return answerFailure(request, reply, error);
    }
  });
}
