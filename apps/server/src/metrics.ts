import { appRouter } from '@ssb/api';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

const PROCEDURES = new Set(Object.keys(appRouter._def.procedures));

/** The route label of a tRPC path: the procedures it names (a batch joins them with commas), or one
 * label for anything else, so made-up paths cannot grow the metric without bound. */
export function trpcRouteLabel(path: string): string {
  const names = path.slice('/trpc/'.length).split(',');
  return names.length > 0 && names.every((name) => PROCEDURES.has(name)) ? path : '/trpc/(unknown)';
}

/** Prometheus metrics at /metrics: process defaults and request durations by route. */
export function registerMetrics(app: FastifyInstance) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'ssb_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // tRPC paths name the procedure, which is the useful label; static files collapse into one.
    const url = request.url.split('?')[0] ?? '';
    const route = url.startsWith('/trpc/') ? trpcRouteLabel(url) : (request.routeOptions.url ?? 'static');
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
