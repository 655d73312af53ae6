import { BlockList, isIP } from 'node:net';
import { appRouter } from '@ssb/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { sameToken } from './security.ts';

const PROCEDURES = new Set(Object.keys(appRouter._def.procedures));
export const UNKNOWN_PROCEDURE_ROUTE = '/trpc/(unknown)';

/** The route labels of a tRPC path, one per call of a batch (`/trpc/a,b`): a procedure's own label, or
 * one shared label for names that are no procedure, so neither batches nor made-up paths add series. */
export function trpcRouteLabels(path: string): string[] {
  return path
    .slice('/trpc/'.length)
    .split(',')
    .map((name) => (PROCEDURES.has(name) ? `/trpc/${name}` : UNKNOWN_PROCEDURE_ROUTE));
}

export type MetricsAccess = {
  /** Addresses and CIDR ranges that may read /metrics. */
  allow: string[];
  /** A bearer token that may read /metrics from anywhere. */
  token?: string;
};

/** The address list as a BlockList; an IPv4-mapped IPv6 address (::ffff:1.2.3.4) counts as the IPv4 one. */
function allowList(entries: string[]) {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (!isIP(address)) throw new Error(`METRICS_ALLOW: not an address or range: ${entry}`);
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

function mayReadMetrics(request: FastifyRequest, list: BlockList, token: string | undefined) {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (token && bearer && sameToken(bearer, token)) return true;
  const ip = request.ip.startsWith('::ffff:') && isIP(request.ip.slice(7)) === 4 ? request.ip.slice(7) : request.ip;
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  return isIP(ip) !== 0 && list.check(ip, family);
}

/**
 * Prometheus metrics at /metrics, for the allowed addresses or the token: process defaults and
 * request durations by route. Returns the check, for other answers meant for operators only.
 */
export function registerMetrics(app: FastifyInstance, access: MetricsAccess) {
  const registry = new Registry();
  const list = allowList(access.allow);
  const isOperator = (request: FastifyRequest) => mayReadMetrics(request, list, access.token);
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'ssb_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // tRPC paths name the procedures, which are the useful labels; static files collapse into one.
    const url = request.url.split('?')[0] ?? '';
    const routes = url.startsWith('/trpc/') ? trpcRouteLabels(url) : [request.routeOptions.url ?? 'static'];
    for (const route of routes) duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (request, reply) => {
    if (!isOperator(request)) return reply.code(403).send({ error: { code: 'FORBIDDEN', message: '无权查看监控数据' } });
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return { registry, isOperator };
}
