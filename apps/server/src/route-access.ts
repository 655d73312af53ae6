import { ROUTE_POLICY, type ApiDeps, type Rule } from '@ssb/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadViewer, type RouteViewer } from './viewer.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in viewer with the grants the route's rule allows (all of them for `signed-in` and public routes). */
    routeViewer?: RouteViewer | null;
  }
}

/** The policy table's rule for a matched route; HEAD shares its GET's. */
function ruleOf(request: FastifyRequest): Rule | undefined {
  const url = request.routeOptions.url;
  if (!url) return undefined;
  return ROUTE_POLICY[`${request.method} ${url}`] ?? ROUTE_POLICY[`ALL ${url}`] ?? (request.method === 'HEAD' ? ROUTE_POLICY[`GET ${url}`] : undefined);
}

const UNAVAILABLE = '服务暂时不可用，请稍后重试';

/** One body for every refusal of plain routes, read by the apps' file and upload clients alike. */
const refusal = (code: 'UNAUTHORIZED' | 'FORBIDDEN', message: string) => ({ message, errors: [message], error: { code, message } });

/**
 * Plain HTTP routes get their access from the policy table, as procedures get it from their
 * builders: who may call is decided here, before the handler, and the handler's viewer carries only
 * the memberships that satisfied the rule. Routes outside the table (the web apps' static files)
 * pass; the route-policy test holds every other route to a line in the table.
 */
export function registerRouteAccess(app: FastifyInstance, deps: ApiDeps) {
  app.addHook('onRequest', async (request, reply) => {
    const rule = ruleOf(request);
    // Public routes read the viewer themselves when they need one (health checks never touch the database).
    if (!rule || rule.who === 'public') return;
    let found: RouteViewer | null;
    try {
      found = await loadViewer(deps.db, request);
    } catch (error) {
      request.log.error({ err: error }, 'loading the viewer failed');
      return reply.code(503).header('retry-after', '30').send({ message: UNAVAILABLE, errors: [UNAVAILABLE], error: { code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE } });
    }
    if (!found) return reply.code(401).send(refusal('UNAUTHORIZED', '请先登录'));
    if (rule.who === 'signed-in') {
      request.routeViewer = found;
      return;
    }
    const roles: readonly string[] = rule.who;
    const grants = found.viewer.grants.filter((g) => roles.includes(g.role));
    if (grants.length === 0) return reply.code(403).send(refusal('FORBIDDEN', '您没有执行此操作的权限'));
    request.routeViewer = { user: found.user, viewer: { ...found.viewer, grants } };
  });
}
