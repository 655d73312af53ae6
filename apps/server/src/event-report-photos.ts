import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { attachReportPhoto, findReportPhoto, type ApiDeps } from '@ssb/api';
import { DomainError } from '@ssb/domain/errors';
import { RESOURCE_MEDIA_LIMITS, RESOURCE_MEDIA_MESSAGES } from '@ssb/domain/shared-resources';
import type { FastifyInstance } from 'fastify';
import { answerFailure, FILE_MESSAGES, UUID } from './files.ts';
import { sendStoredFile } from './send-stored-file.ts';
import { viewerFromRequest } from './viewer.ts';

const KEY = /^[0-9a-f-]{36}\.(jpg|png)$/;
const STATUS: Record<string, number> = { NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, BAD_REQUEST: 422 };

/**
 * Photos of an activity report: POST the raw bytes (the host's managers; sniffed and stripped of
 * metadata like a resource's images), GET one (the host's managers and the office).
 */
export function registerEventReportPhotoRoutes(app: FastifyInstance, deps: ApiDeps, dataDir: string) {
  app.register(async (scope) => {
    scope.addContentTypeParser(['application/octet-stream', 'image/jpeg', 'image/png'], { parseAs: 'buffer', bodyLimit: RESOURCE_MEDIA_LIMITS.maxBytes }, (_req, body, done) => done(null, body));
    scope.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ message: RESOURCE_MEDIA_MESSAGES.tooLarge });
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ message: RESOURCE_MEDIA_MESSAGES.wrongFormat });
      request.log.error(error);
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 503;
      return reply.code(status).send({ message: '上传失败，请稍后重试' });
    });

    scope.post<{ Params: { eventId: string }; Querystring: { name?: string } }>('/files/event-reports/:eventId/photos', async (request, reply) => {
      const found = await viewerFromRequest(deps.db, request);
      if (!found) return reply.code(401).send({ message: '请先登录' });
      if (!UUID.test(request.params.eventId)) return reply.code(404).send({ message: '未找到该活动' });
      const body = request.body as Buffer | undefined;
      if (!body?.length) return reply.code(422).send({ message: RESOURCE_MEDIA_MESSAGES.empty });
      const directory = join(dataDir, 'uploads', 'report-photos');
      await mkdir(directory, { recursive: true });
      const tempPath = join(directory, randomUUID());
      await writeFile(tempPath, body);
      try {
        const saved = await attachReportPhoto(deps, found.viewer, { eventId: request.params.eventId, name: String(request.query.name ?? ''), tempPath });
        return reply.send({ photos: saved.photos, version: saved.version });
      } catch (error) {
        if (error instanceof DomainError) return reply.code(STATUS[error.code] ?? 400).send({ code: error.code, message: error.message });
        throw error;
      } finally {
        await rm(tempPath, { force: true });
      }
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
