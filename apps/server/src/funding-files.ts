import { attachFundingFile, findFundingFile, type ApiDeps } from '@ssb/api';
import { FUNDING_FILE_LIMITS, FUNDING_FILE_MESSAGES } from '@ssb/domain/funding-input';
import type { FastifyInstance } from 'fastify';
import { attachment } from './export-replies.ts';
import { answerFailure, FILE_MESSAGES, UUID } from './files.ts';
import { acceptImageBodies, withImageOnDisk } from './image-upload.ts';
import { sendStoredFile } from './send-stored-file.ts';
import { viewerFromRequest } from './viewer.ts';

/**
 * Files of a funding application: POST the raw bytes of a PDF or JPEG (an attachment of a draft, or
 * evidence for the next report; the applying organization's managers and coordinators; checked on
 * the bytes), GET one (as `findFundingFile` allows: the applicant, co-applicants, the office, and an
 * assigned working-group member for attachments).
 */
export function registerFundingFileRoutes(app: FastifyInstance, deps: ApiDeps, dataDir: string) {
  app.register(async (scope) => {
    acceptImageBodies(scope, { types: ['application/octet-stream', 'application/pdf', 'image/jpeg'], maxBytes: FUNDING_FILE_LIMITS.maxBytes, messages: FUNDING_FILE_MESSAGES });

    scope.post<{ Params: { id: string }; Querystring: { purpose?: string; label?: string; name?: string } }>('/files/funding/:id/files', async (request, reply) => {
      const found = await viewerFromRequest(deps.db, request);
      if (!found) return reply.code(401).send({ message: '请先登录' });
      if (!UUID.test(request.params.id)) return reply.code(404).send({ message: '未找到该经费申请' });
      const purpose = request.query.purpose === 'evidence' ? 'evidence' : request.query.purpose === 'attachment' ? 'attachment' : null;
      // Only the raw bodies this scope parses: a text or JSON body is not a file.
      if (!Buffer.isBuffer(request.body)) return reply.code(415).send({ message: FUNDING_FILE_MESSAGES.wrongFormat });
      if (!purpose) return reply.code(422).send({ message: '请说明文件用途（申请附件或报告佐证）' });
      return withImageOnDisk(reply, dataDir, 'funding-files', request.body, (tempPath) =>
        attachFundingFile(deps, found.viewer, { applicationId: request.params.id, purpose, label: String(request.query.label ?? ''), name: String(request.query.name ?? ''), tempPath }),
      );
    });
  });

  app.get<{ Params: { id: string; fileId: string } }>('/files/funding/:id/files/:fileId', async (request, reply) => {
    try {
      if (!UUID.test(request.params.id) || !UUID.test(request.params.fileId)) return reply.code(404).send({ message: FILE_MESSAGES.notFound });
      const found = await viewerFromRequest(deps.db, request);
      if (!found) return reply.code(401).send({ message: '请先登录' });
      const file = await findFundingFile(deps.db, found.viewer, request.params.id, request.params.fileId);
      if (!file) return reply.code(404).send({ message: FILE_MESSAGES.notFound });
      const size = await deps.files.size(file.storageKey);
      if (size === null) return reply.code(404).send({ message: FILE_MESSAGES.missing });
      reply
        .header('content-type', file.mime)
        .header('content-disposition', attachment(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store');
      return await sendStoredFile(request, reply, deps.files, file.storageKey, size);
    } catch (error) {
      return answerFailure(request, reply, error);
    }
  });
}
