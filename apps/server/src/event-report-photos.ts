import { attachReportPhoto, findReportPhoto, pickResourceMediaFile, type ApiDeps } from '@ssb/api';
import type { FastifyInstance } from 'fastify';
import { answerFailure, FILE_MESSAGES, UUID } from './files.ts';
import { acceptImageBodies, withImageOnDisk } from './image-upload.ts';
import { sendStoredFile } from './send-stored-file.ts';
import { viewerFromRequest } from './viewer.ts';

const KEY = /^[0-9a-f-]{36}\.(jpg|png)$/;

/**
 * Photos of an activity report: POST the raw bytes (the host's and accepted co-hosts' managers; sniffed and
 * stripped of metadata like a resource's images, with a thumbnail), GET one — anyone once the report is
 * public (its event published by a base in the register), before that its managers and the office;
 * `?size=thumb` asks for the thumbnail (≤ 480 px wide JPEG), or the original when it has none.
 */
export function registerEventReportPhotoRoutes(app: FastifyInstance, deps: ApiDeps, dataDir: string) {
  app.register(async (scope) => {
    acceptImageBodies(scope);

    scope.post<{ Params: { eventId: string }; Querystring: { name?: string } }>('/files/event-reports/:eventId/photos', async (request, reply) => {
      const found = await viewerFromRequest(deps.db, request);
      if (!found) return reply.code(401).send({ message: '请先登录' });
      if (!UUID.test(request.params.eventId)) return reply.code(404).send({ message: '未找到该活动' });
      return withImageOnDisk(reply, dataDir, 'report-photos', request.body as Buffer | undefined, async (tempPath) => {
        const saved = await attachReportPhoto(deps, found.viewer, { eventId: request.params.eventId, name: String(request.query.name ?? ''), tempPath }, request.log);
        return { photos: saved.photos, version: saved.version };
      });
    });
  });

  app.get<{ Params: { eventId: string; key: string }; Querystring: { size?: string } }>('/files/event-reports/:eventId/:key', async (request, reply) => {
    try {
      if (!UUID.test(request.params.eventId) || !KEY.test(request.params.key)) return reply.code(404).send({ message: FILE_MESSAGES.notFound });
      const found = await viewerFromRequest(deps.db, request);
      const photo = await findReportPhoto(deps.db, found?.viewer ?? null, request.params.eventId, request.params.key);
      if (!photo) return reply.code(404).send({ message: FILE_MESSAGES.notFound });
      const file = await pickResourceMediaFile(deps.files, photo, request.query.size === 'thumb' ? 'thumb' : 'full');
      if (!file) return reply.code(404).send({ message: FILE_MESSAGES.missing });
      const etag = `"${request.params.key}${file.isThumbnail ? '-thumb' : ''}"`;
      reply.header('content-type', file.contentType).header('x-content-type-options', 'nosniff');
      reply.header('cache-control', photo.isPublic ? 'public, max-age=3600' : 'private, no-store').header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return await sendStoredFile(request, reply, deps.files, file.storageKey, file.bytes);
    } catch (error) {
      return answerFailure(request, reply, error);
    }
  });
}
