import { randomBytes, timingSafeEqual } from 'node:crypto';
import { findUnreadableText, UNREADABLE_TEXT_MESSAGE } from '@ssb/api/unreadable-text';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '@ssb/domain/http-names';
import type { FastifyInstance } from 'fastify';

export { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const sameToken = (a: string, b: string) => {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Double-submit CSRF defence: every browser gets a random token in a readable cookie, and every
 * mutation must echo it in a header, which a page on another origin cannot do.
 */
export function registerCsrfProtection(app: FastifyInstance, options: { secure: boolean }) {
  app.addHook('onRequest', async (request, reply) => {
    let token = request.cookies[CSRF_COOKIE];
    if (!token) {
      token = randomBytes(24).toString('base64url');
      reply.setCookie(CSRF_COOKIE, token, { path: '/', sameSite: 'lax', secure: options.secure, httpOnly: false });
      request.cookies[CSRF_COOKIE] = token;
    }
    if (SAFE_METHODS.has(request.method)) return;
    const header = request.headers[CSRF_HEADER];
    if (typeof header !== 'string' || !request.cookies[CSRF_COOKIE] || !sameToken(header, token)) {
      return reply.code(403).send({ error: { code: 'CSRF', message: '页面已过期或请求来源不明，请刷新页面后重试' } });
    }
  });
}

/** A tus Upload-Metadata header (`key base64,key base64`) as its keys and decoded values; a file's name lands in the database. */
const decodeUploadMetadata = (header: string) =>
  header.split(',').flatMap((pair) => {
    const [key = '', value = ''] = pair.trim().split(' ');
    return [key, Buffer.from(value, 'base64').toString('utf8')];
  });

/**
 * Plain HTTP routes refuse text PostgreSQL cannot store (NUL, lone surrogates) in the query, the
 * path, a JSON body or tus upload metadata, as the tRPC procedures do, instead of failing on the insert.
 */
export function registerReadableText(app: FastifyInstance) {
  app.addHook('preValidation', async (request, reply) => {
    const metadata = request.headers['upload-metadata'];
    if (typeof metadata === 'string' && findUnreadableText(decodeUploadMetadata(metadata))) {
      return reply.code(400).send({ message: UNREADABLE_TEXT_MESSAGE, errors: [UNREADABLE_TEXT_MESSAGE] });
    }
    for (const [where, value] of [['query', request.query], ['params', request.params], ['body', request.body]] as const) {
      if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) continue;
      const path = findUnreadableText(value);
      if (path) return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: UNREADABLE_TEXT_MESSAGE, fieldErrors: { [[where, ...path].join('.')]: [UNREADABLE_TEXT_MESSAGE] } } });
    }
  });
}

/** Downloads that write an audit row in the viewer's name; public resource media and materials do not. */
const isAuditedDownload = (path: string) => path.startsWith('/files/') && !path.startsWith('/files/resources/') && !path.startsWith('/files/materials/');
const FETCHED_BY_THIS_SITE = new Set(['same-origin', 'none']);

/**
 * An audited download must come from this site's own pages (or be typed, or bookmarked), so that a
 * link on another site cannot record a download in a signed-in person's name. Browsers say where a
 * request comes from in Sec-Fetch-Site; a client without it passes the CSRF token as `?csrf=`.
 */
export function registerDownloadOrigin(app: FastifyInstance) {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (!isAuditedDownload(request.url.split('?')[0] ?? '')) return;
    // Without a session there is no one to record the download for, and the route answers 401.
    if (!request.cookies[SESSION_COOKIE]) return;
    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string' && FETCHED_BY_THIS_SITE.has(site)) return;
    const token = (request.query as Record<string, unknown>).csrf;
    const cookie = request.cookies[CSRF_COOKIE];
    if (typeof token === 'string' && cookie && sameToken(token, cookie)) return;
    return reply.code(403).send({ error: { code: 'FORBIDDEN', message: '下载链接来自其他网站，已拒绝。请在本平台页面中点击下载' } });
  });
}
