import { attachResourceImage, findResourceMedia, pickResourceMediaFile, type ApiDeps } from '@ssb/api';
import type { FastifyInstance } from 'fastify';
import { answerFailure, FILE_MESSAGES, UUID } from './files.ts';
import { acceptImageBodies, withImageOnDisk } from './image-upload.ts';
import { sendStoredFile } from './send-stored-file.ts';
import { viewerFromRequest } from './viewer.ts';

const KEY = /^[0-9a-f-]{36}\.(jpg|png|mp4|mov)$/;

/**
 * A resource's images: POST the raw bytes to attach one (the base's managers only; the bytes are
 * sniffed, not the name). Videos arrive resumably through /uploads (target `resource-video`).
 * GET shows either (anyone once published, only its managers before), videos by byte range;
 * `?size=thumb` asks for an image's thumbnail (≤ 480 px wide JPEG), or the original when it has none.
 */
export function registerResourceMediaRoutes(app: FastifyInstance, deps: ApiDeps, dataDir: string) {
  app.register(async (scope) => {
    acceptImageBodies(scope);

    scope.post<{ Params: { resourceId: string }; Querystring: { version?: string; name?: string } }>('/files/resources/:resourceId', async (request, reply) => {
      const found = await viewerFromRequest(deps.db, request);
      if (!found) return reply.code(401).send({ message: '请先登录' });
      if (!UUID.test(request.params.resourceId)) return reply.code(404).send({ message: '未找到该资源' });
      return withImageOnDisk(reply, dataDir, 'resource-media', request.body as Buffer | undefined, (tempPath) =>
        attachResourceImage({ ...deps, log: request.log }, found.viewer, {
          resourceId: request.params.resourceId,
          version: Number(request.query.version ?? 0),
          name: String(request.query.name ?? ''),
          tempPath,
        }),
      );
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
