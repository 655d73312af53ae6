import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export const SESSION_COOKIE = 'ssb_session';
export const CSRF_COOKIE = 'ssb_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameToken = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

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
