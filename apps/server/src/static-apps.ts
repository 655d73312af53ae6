import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The three single-page apps, each at its base path, with history-mode fallbacks to its index.html. */
export const WEB_APPS = [
  { name: 'portal', prefix: '/portal/' },
  { name: 'admin', prefix: '/admin/' },
  { name: 'platform', prefix: '/' },
] as const;

export const appDistDir = (name: string) => fileURLToPath(new URL(`../../${name}/dist`, import.meta.url));

export async function registerWebApps(app: FastifyInstance) {
  const served: string[] = [];
  for (const [i, web] of WEB_APPS.entries()) {
    const root = appDistDir(web.name);
    if (!existsSync(root)) {
      app.log.warn({ app: web.name, root }, 'web app not built; run `pnpm build`');
      continue;
    }
    await app.register(fastifyStatic, {
      root,
      prefix: web.prefix,
      decorateReply: i === 0,
      // Look files up on each request, so a rebuild is served without a restart.
      wildcard: true,
      index: ['index.html'],
      // Hashed assets never change; index.html must always be fresh.
      setHeaders: (res, path) => {
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    served.push(web.name);
  }

  return served;
}

/** Unknown paths: a page request inside an app gets its index.html (history routing); anything else a JSON 404. */
export function registerNotFound(app: FastifyInstance, served: string[]) {
  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsPage = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    const isApi = path.startsWith('/trpc') || path.startsWith('/api/') || path.startsWith('/uploads');
    const web = WEB_APPS.find((w) => path.startsWith(w.prefix) || `${path}/` === w.prefix);
    if (wantsPage && !isApi && web && served.includes(web.name)) {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', appDistDir(web.name));
    }
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '请求的地址不存在' } });
  });
}
