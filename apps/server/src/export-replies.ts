import { DocumentPoolBusyError, DocumentRenderTimeoutError } from '@ssb/documents';
import { DOMAIN_ERROR_HTTP_STATUS, DomainError } from '@ssb/domain/errors';
import type { FastifyReply } from 'fastify';

/** A well-formed UUID: anything else in a download's address is answered before the database sees it. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 6266 with RFC 5987 so Chinese file names survive every browser. */
export const attachment = (fileName: string) => `attachment; filename="${encodeURIComponent(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export const sendJsonError = (reply: FastifyReply, status: number, code: string, message: string) => reply.code(status).send({ error: { code, message } });

/**
 * A download's failure as the user reads it: a service's refusal keeps its code and Chinese message,
 * a full render queue or an overrun render is "try again later"; anything else goes to the server's error handler.
 */
export function sendExportError(reply: FastifyReply, error: unknown) {
  if (error instanceof DomainError) return sendJsonError(reply, DOMAIN_ERROR_HTTP_STATUS[error.code], error.code, error.message);
  if (error instanceof DocumentPoolBusyError || error instanceof DocumentRenderTimeoutError) return sendJsonError(reply.header('retry-after', '30'), 503, 'SERVICE_UNAVAILABLE', error.message);
  throw error;
}
