import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { attachResourceImage, findResourceMedia, pickResourceMediaFile, type ApiDeps } from '@ssb/api';
import { RESOURCE_MEDIA_LIMITS, RESOURCE_MEDIA_MESSAGES } from '@ssb/domain/shared-resources';
import { DomainError } from '@ssb/domain/errors';
import type { FastifyInstance } from 'fastify';
import { answerFailure, FILE_MESSAGES, UUID } from './files.ts';
import { sendStoredFile } from './send-stored-file.ts';
import { viewerFromRequest } from './viewer.ts';

const KEY = /^[0-9a-f-]{36}\.(jpg|png|mp4|mov)$/;
const STATUS: Record<string, number> = { NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, BAD_REQUEST: 422 };

/**
 * A resource's images: POST the raw bytes to attach one (the base's managers only; the bytes are
 * sniffed, not the name). Videos arrive resumably through /uploads (target `resource-video`).
 * GET shows either (anyone once published, only its managers before), videos by byte range;
 * `?size=thumb` asks for an image's thumbnail (≤ 480 px wide JPEG), or the original when it has none.
 */
export function registerResourceMediaRoutes(app: FastifyInstance, deps: ApiDeps, dataDir: string) {
  app.register(async (scope) => {
    scope.addContentTypeParser(['application/octet-stream', 'image/jpeg', 'image/png'], { parseAs: 'buffer', bodyLimit: RESOURCE_MEDIA_LIMITS.maxBytes }, (_req, body, done) => done(null, body));
    scope.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ message: RESOURCE_MEDIA_MESSAGES.tooLarge });
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ message: RESOURCE_MEDIA_MESSAGES.wrongFormat });
      request.log.error(error);
      // A client's malformed request keeps its 4xx; anything else (the database, the disk) is "try again later".
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 503;
      return reply.code(status).send({ message: '上传失败，请稍后重试' });
    });

    scope.post<{ Params: { resourceId: string }; Querystring: { version?: string; name?: string } }>('/files/resources/:resourceId', async (request, reply) => {
      const found = await viewerFromRequest(deps.db, request);
      if (!found) return reply.code(401).send({ message: '请先登录' });
      if (!UUID.test(request.params.resourceId)) return reply.code(404).send({ message: '未找到该资源' });
      const body = request.body as Buffer | undefined;
      if (!body?.length) return reply.code(422).send({ message: RESOURCE_MEDIA_MESSAGES.empty });
      const directory = join(dataDir, 'uploads', 'resource-media');
      await mkdir(directory, { recursive: true });
      const tempPath = join(directory, randomUUID());
      await writeFile(tempPath, body);
      try {
        const saved = await attachResourceImage({ ...deps, log: request.log }, found.viewer, {
          resourceId: request.params.resourceId,
          version: Number(request.query.version ?? 0),
          name: String(request.query.name ?? ''),
          tempPath,
        });
        return reply.send(saved);
      } catch (error) {
        if (error instanceof DomainError) return reply.code(STATUS[error.code] ?? 400).send({ code: error.code, message: error.message });
        throw error;
      } finally {
        await rm(tempPath, { force: true });
      }
    });
  });

  app.get<{ Params: { resourceId: string; key: string }; Querystring: { size?: string } }>('/files/resources/:resourceId/:key', async (request, reply) => {
    const notFound = (message: string = FILE_MESSAGES.notFound) => reply.code(404).send({ message });
    try {
      if (!UUID.test(request.params.resourceId) || !KEY.test(request.params.key)) return notFound();
      const found = await viewerFromRequest(deps.db, request);
      const media = await findResourceMedia(deps.db, found?.viewer ?? null, request.params.resourceId, request.params.key);
      if (!media) return notFound();
      const file = await pickResourceMediaFile(deps.files, media, request.query.size === 'thumb' ? 'thumb' : 'full');
      if (!file) return notFound(FILE_MESSAGES.missing);
      const etag = `"${request.params.key}${file.isThumbnail ? '-thumb' : ''}"`;
      reply.header('content-type', file.contentType);
      reply.header('x-content-type-options', 'nosniff');
      // Keys are never reused; an hour keeps an unpublished resource's files from lingering in caches.
      reply.header('cache-control', media.isPublic ? 'public, max-age=3600' : 'private, no-store');
      reply.header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return await sendStoredFile(request, reply, deps.files, file.storageKey, file.bytes);
    } catch (error) {
      return answerFailure(request, reply, error);
    }
  });
}
