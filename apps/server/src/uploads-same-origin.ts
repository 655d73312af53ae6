import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { internalErrorBody } from './error-handler.ts';

type Headers = OutgoingHttpHeaders | Array<string | string[] | number> | undefined;

const isCors = (name: string) => name.toLowerCase().startsWith('access-control-');
const isBodyHeader = (name: string) => ['content-length', 'content-type'].includes(name.toLowerCase());

/** The headers (object or flat name/value list, as writeHead takes them) without those `drop` names. */
function withoutHeaders(headers: Headers, drop: (name: string) => boolean): OutgoingHttpHeaders | Array<string | string[] | number> | undefined {
  if (!headers) return headers;
  if (Array.isArray(headers)) {
    const kept: Array<string | string[] | number> = [];
    for (let i = 0; i < headers.length; i += 2) if (!drop(String(headers[i]))) kept.push(headers[i]!, headers[i + 1]!);
    return kept;
  }
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !drop(name)));
}

const asObject = (headers: Headers): OutgoingHttpHeaders => {
  if (!Array.isArray(headers)) return { ...headers };
  const object: OutgoingHttpHeaders = {};
  for (let i = 0; i < headers.length; i += 2) object[String(headers[i])] = headers[i + 1] as string;
  return object;
};

/**
 * Rewrites what the tus server writes straight to the socket, past Fastify's hooks: its CORS headers
 * (`Access-Control-Allow-Origin: *` for everyone) are dropped, so /uploads is same-origin like /trpc;
 * a 500, whose body carries the error's text, becomes the generic message with the request id.
 */
function guardRawResponse(res: ServerResponse, requestId: string) {
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  let replacement: string | null = null;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const statusText = typeof rest[0] === 'string' ? rest[0] : undefined;
    let headers = withoutHeaders((statusText === undefined ? rest[0] : rest[1]) as Headers, isCors);
    for (const name of res.getHeaderNames()) if (isCors(name)) res.removeHeader(name);
    if (status >= 500) {
      replacement = JSON.stringify(internalErrorBody(requestId));
      headers = { ...asObject(withoutHeaders(headers, isBodyHeader)), 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(replacement) };
    }
    return statusText === undefined ? writeHead(status, headers) : writeHead(status, statusText, headers);
  }) as ServerResponse['writeHead'];
  res.write = ((...args: unknown[]) => (replacement === null ? write(...args) : true)) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    if (replacement === null) return end(...args);
    return end(replacement, args.find((arg) => typeof arg === 'function'));
  }) as ServerResponse['end'];
}

export function registerUploadsSameOrigin(app: FastifyInstance) {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/uploads' || path.startsWith('/uploads/')) guardRawResponse(reply.raw, request.id);
  });
}
