import type { FileStore } from '@ssb/storage';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sends a stored file whole or, for a `Range: bytes=…` request, the asked part with 206, so a
 * <video> plays from the start and seeks without fetching the whole file. Headers such as the
 * content type and caching are the caller's.
 */
export async function sendStoredFile(request: FastifyRequest, reply: FastifyReply, files: FileStore, key: string, size: number) {
  reply.header('accept-ranges', 'bytes');
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
  if (range && (range[1] || range[2])) {
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start > end || start >= size) return reply.code(416).header('content-range', `bytes */${size}`).send();
    reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`).header('content-length', end - start + 1);
    return reply.send(await files.read(key, { start, end }));
  }
  reply.header('content-length', size);
  return reply.send(await files.read(key));
}
