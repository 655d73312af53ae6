import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Deeper than any form the apps send; far below what the parser and the schemas can recurse through. */
export const MAX_JSON_DEPTH = 64;
/** The apps' tRPC client batches at most this many calls into one request (`maxItems`). */
export const MAX_BATCH_CALLS = 10;

export const TOO_DEEP_MESSAGE = '提交的内容嵌套层级过深，无法处理';
export const TOO_MANY_CALLS_MESSAGE = `一次请求中的操作过多（最多 ${MAX_BATCH_CALLS} 个），请刷新页面后重试`;

/** Whether JSON text nests arrays and objects deeper than `max`, found by one pass without recursion. */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const badRequest = (message: string) => Object.assign(new Error(message), { statusCode: 400, code: 'BAD_REQUEST' });

/** The JSON texts of a tRPC request: the body (kept as text by the adapter) and `?input=` of a query. */
const trpcTexts = (request: FastifyRequest) => {
  const texts: string[] = [];
  if (typeof request.body === 'string') texts.push(request.body);
  const input = (request.query as Record<string, unknown> | undefined)?.input;
  if (typeof input === 'string') texts.push(input);
  return texts;
};

/**
 * Limits on what one request may ask of the parser: JSON nested at most MAX_JSON_DEPTH deep (checked
 * before JSON.parse), and at most MAX_BATCH_CALLS tRPC calls in a batch, refused before any runs.
 * Register before the routes, so every plugin inherits the parser and the hooks.
 */
export function registerJsonLimits(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonTooDeep(body as string)) return done(badRequest(TOO_DEEP_MESSAGE), undefined);
    return parseJson(request, body as string, done);
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/trpc/')) return;
    const path = request.url.slice('/trpc/'.length).split('?')[0] ?? '';
    // Fastify decodes the path before tRPC splits it, so an encoded comma separates calls too.
    if (path.split(/,|%2C/i).length > MAX_BATCH_CALLS) return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: TOO_MANY_CALLS_MESSAGE } });
  });

  // tRPC replaces the JSON parser in its own scope, so its texts are checked here instead.
  app.addHook('preValidation', async (request, reply) => {
    if (!request.url.startsWith('/trpc/')) return;
    if (trpcTexts(request).some((text) => jsonTooDeep(text))) return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: TOO_DEEP_MESSAGE } });
  });
}
