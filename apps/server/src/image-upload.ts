import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '@ssb/domain/errors';
import { RESOURCE_MEDIA_LIMITS, RESOURCE_MEDIA_MESSAGES } from '@ssb/domain/shared-resources';
import type { FastifyInstance, FastifyReply } from 'fastify';

const STATUS: Record<string, number> = { NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, BAD_REQUEST: 422 };

/**
 * A scope that takes an image (or, with `accept`, another kind of file) as the raw request body
 * (resource images, activity-report photos, funding files):
 * the size limit and the accepted types, and failures answered with a Chinese message, never a 500.
 */
export function acceptImageBodies(
  scope: FastifyInstance,
  accept: { types: string[]; maxBytes: number; messages: { tooLarge: string; wrongFormat: string } } = {
    types: ['application/octet-stream', 'image/jpeg', 'image/png'],
    maxBytes: RESOURCE_MEDIA_LIMITS.maxBytes,
    messages: RESOURCE_MEDIA_MESSAGES,
  },
) {
  scope.addContentTypeParser(accept.types, { parseAs: 'buffer', bodyLimit: accept.maxBytes }, (_req, body, done) => done(null, body));
  scope.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ message: accept.messages.tooLarge });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ message: accept.messages.wrongFormat });
    request.log.error(error);
    // A client's malformed request keeps its 4xx; anything else (the database, the disk) is "try again later".
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 503;
    return reply.code(status).send({ message: '上传失败，请稍后重试' });
  });
}

/**
 * Writes the uploaded bytes to a temporary file under DATA_DIR/uploads/<folder>, hands its path to
 * `store` (which checks and keeps them), answers its result, and removes the temporary file.
 * A refusal from the service is answered with its code and message.
 */
export async function withImageOnDisk(reply: FastifyReply, dataDir: string, folder: string, body: Buffer | undefined, store: (tempPath: string) => Promise<unknown>) {
  if (!body?.length) return reply.code(422).send({ message: RESOURCE_MEDIA_MESSAGES.empty });
  const directory = join(dataDir, 'uploads', folder);
  await mkdir(directory, { recursive: true });
  const tempPath = join(directory, randomUUID());
  await writeFile(tempPath, body);
  try {
    return reply.send(await store(tempPath));
  } catch (error) {
    if (error instanceof DomainError) return reply.code(STATUS[error.code] ?? 400).send({ code: error.code, message: error.message });
    throw error;
  } finally {
    await rm(tempPath, { force: true });
  }
}
