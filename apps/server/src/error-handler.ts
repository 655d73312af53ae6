import { INTERNAL_ERROR_MESSAGE } from '@ssb/api/trpc';
import { DOMAIN_ERROR_HTTP_STATUS, DomainError } from '@ssb/domain/errors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Fastify's own refusals, in Chinese; their English text names internals. */
const CLIENT_ERRORS: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: '提交的内容过大',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持的内容类型',
  FST_ERR_CTP_EMPTY_JSON_BODY: '提交的内容为空',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: '请求的长度有误',
  FST_ERR_CTP_INVALID_JSON_BODY: '提交的内容不是有效的 JSON',
  FST_ERR_BAD_URL: '请求的地址有误',
  FST_ERR_VALIDATION: '请求的参数有误',
};
const HAS_CHINESE = /[\u4e00-\u9fff]/;
const STATUS_CODES: Record<number, string> = { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'TOO_MANY_REQUESTS' };

export const internalErrorBody = (requestId: string) => ({ error: { code: 'INTERNAL_SERVER_ERROR', message: `${INTERNAL_ERROR_MESSAGE}（编号 ${requestId}）`, requestId } });

function clientMessage(error: { code?: string; message: string }) {
  if (error.code && CLIENT_ERRORS[error.code]) return CLIENT_ERRORS[error.code]!;
  if (error instanceof SyntaxError) return CLIENT_ERRORS.FST_ERR_CTP_INVALID_JSON_BODY!;
  return HAS_CHINESE.test(error.message) ? error.message : '请求有误，请刷新页面后重试';
}

const isJson = (reply: FastifyReply) => String(reply.getHeader('content-type') ?? '').includes('json');

/**
 * What a client sees when a plain HTTP route fails: a Chinese message, and for an internal error only
 * a request id to quote, never the error's text, stack, SQL or parameters. The error goes to the log
 * with the same id. A route that sends a 500 of its own gets the same treatment on the way out.
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request: FastifyRequest, reply: FastifyReply) => {
    // A service's refusal that a route let through keeps its code and Chinese message.
    if (error instanceof DomainError) return reply.code(DOMAIN_ERROR_HTTP_STATUS[error.code]).send({ error: { code: error.code, message: error.message } });
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send(internalErrorBody(request.id));
    }
    return reply.code(status).send({ error: { code: STATUS_CODES[status] ?? 'BAD_REQUEST', message: clientMessage(error) } });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 500 || request.url.startsWith('/trpc/')) return payload;
    if (typeof payload === 'string' && isJson(reply) && payload.includes(INTERNAL_ERROR_MESSAGE)) return payload;
    request.log.error({ url: request.url }, 'route sent a 500 of its own; its body was replaced');
    reply.header('content-type', 'application/json; charset=utf-8').removeHeader('content-length');
    return JSON.stringify(internalErrorBody(request.id));
  });
}
