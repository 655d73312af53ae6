import { attachBasePhoto, findBasePhoto, type ApiDeps } from '@ssb/api';
import type { FastifyInstance } from 'fastify';
import { answerFailure, FILE_MESSAGES, UUID } from './files.ts';
import { acceptImageBodies, withImageOnDisk } from './image-upload.ts';
import { sendStoredFile } from './send-stored-file.ts';
import { viewerFromRequest } from './viewer.ts';

const KEY = /^[0-9a-f-]{36}\.(jpg|png)$/;

/**
 * A base's public photos: POST the raw bytes to add one (its managers; sniffed like resource images,
 * through the same image-upload scope); GET one, or its thumbnail with `?size=thumb`.
 */
export function registerBasePhotoRoutes(app: FastifyInstance, deps: ApiDeps, dataDir: string) {
  app.register(async (scope) => {
    acceptImageBodies(scope);
    scope.post<{ Params: { baseId: string }; Querystring: { version?: string; name?: string } }>('/files/bases/:baseId/photos', async (request, reply) => {
      const found = await viewerFromRequest(deps.db, request);
      if (!found) return reply.code(401).send({ message: '请先登录' });
      if (!UUID.test(request.params.baseId)) return reply.code(404).send({ message: '未找到该基地' });
      return withImageOnDisk(reply, dataDir, 'base-photos', request.body as Buffer | undefined, (tempPath) =>
        attachBasePhoto({ ...deps, log: request.log }, found.viewer, { baseId: request.params.baseId, version: Number(request.query.version ?? 0), name: String(request.query.name ?? ''), tempPath }),
      );
    });
  });

  app.get<{ Params: { baseId: string; key: string }; Querystring: { size?: string } }>('/files/bases/:baseId/photos/:key', async (request, reply) => {
    try {
      if (!UUID.test(request.params.baseId) || !KEY.test(request.params.key)) return reply.code(404).send({ message: FILE_MESSAGES.notFound });
      const found = await viewerFromRequest(deps.db, request);
      const file = await findBasePhoto(deps, found?.viewer ?? null, request.params.baseId, request.params.key, request.query.size === 'thumb' ? 'thumb' : 'full');
      if (!file) return reply.code(404).send({ message: FILE_MESSAGES.notFound });
      const etag = `"${request.params.key}${file.isThumbnail ? '-thumb' : ''}"`;
      reply.header('content-type', file.contentType);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('cache-control', file.isPublic ? 'public, max-age=3600' : 'private, no-store');
      reply.header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return await sendStoredFile(request, reply, deps.files, file.storageKey, file.bytes);
    } catch (error) {
      return answerFailure(request, reply, error);
    }
  });
}
