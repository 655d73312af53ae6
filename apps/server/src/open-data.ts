import { openData, openEvents, type ApiDeps } from '@ssb/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OPEN_DATA_OPENAPI, OPEN_DATA_PREFIX } from './open-data-openapi.ts';
import { ZEventFilters, ZEventQuery, ZId, ZPageQuery, ZResourceQuery } from './open-data-schemas.ts';

const filtersOf = (q: z.infer<typeof ZEventFilters>) => ({ baseId: q.base, allianceId: q.alliance, campaignId: q.campaign, district: q.district });
const calendar = (reply: FastifyReply, fileName: string, body: string) =>
  reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', `inline; filename="${fileName}"`).send(body);

type Handler = (deps: ApiDeps, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const badQuery = (reply: FastifyReply, error: z.ZodError) => reply.code(400).send({ error: { code: 'BAD_REQUEST', message: error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；') } });
const notFound = (reply: FastifyReply, what: string) => reply.code(404).send({ error: { code: 'NOT_FOUND', message: `未找到该${what}` } });
const csv = (reply: FastifyReply, fileName: string, body: string) =>
  reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(body);

/** The open routes, as data: the test checks that each is in the OpenAPI document and that each answers. */
export const OPEN_DATA_ROUTES: Array<{ path: string; handler: Handler }> = [
  { path: '/openapi.json', handler: async () => OPEN_DATA_OPENAPI },
  {
    path: '/bases',
    handler: async (deps, request, reply) => {
      const query = ZPageQuery.safeParse(request.query);
      return query.success ? openData.listOpenBases(deps.db, query.data) : badQuery(reply, query.error);
    },
  },
  { path: '/bases.csv', handler: async (deps, _request, reply) => csv(reply, 'bases.csv', await openData.openBasesCsv(deps.db)) },
  {
    path: '/bases/:id',
    handler: async (deps, request, reply) => {
      const id = ZId.safeParse((request.params as { id: string }).id);
      const base = id.success ? await openData.getOpenBase(deps.db, id.data) : null;
      return base ?? notFound(reply, '基地');
    },
  },
  {
    path: '/resources',
    handler: async (deps, request, reply) => {
      const query = ZResourceQuery.safeParse(request.query);
      return query.success ? openData.listOpenResources(deps.db, deps.config, query.data) : badQuery(reply, query.error);
    },
  },
  { path: '/resources.csv', handler: async (deps, _request, reply) => csv(reply, 'resources.csv', await openData.openResourcesCsv(deps.db, deps.config)) },
  {
    path: '/resources/:id',
    handler: async (deps, request, reply) => {
      const id = ZId.safeParse((request.params as { id: string }).id);
      const resource = id.success ? await openData.getOpenResource(deps.db, deps.config, id.data) : null;
      return resource ?? notFound(reply, '资源');
    },
  },
  {
    path: '/events',
    handler: async (deps, request, reply) => {
      const query = ZEventQuery.safeParse(request.query);
      return query.success ? openEvents.listOpenEvents(deps.db, deps.config, { page: query.data.page, pageSize: query.data.pageSize, ...filtersOf(query.data) }) : badQuery(reply, query.error);
    },
  },
  {
    path: '/events.ics',
    handler: async (deps, request, reply) => {
      const query = ZEventFilters.safeParse(request.query);
      if (!query.success) return badQuery(reply, query.error);
      return calendar(reply, 'events.ics', (await openEvents.openEventsCalendar(deps.db, deps.config, filtersOf(query.data)))!);
    },
  },
  {
    path: '/events/:id/calendar.ics',
    handler: async (deps, request, reply) => {
      const id = ZId.safeParse((request.params as { id: string }).id);
      const body = id.success ? await openEvents.openEventsCalendar(deps.db, deps.config, { eventId: id.data }) : null;
      return body ? calendar(reply, 'event.ics', body) : notFound(reply, '活动');
    },
  },
  { path: '/alliances', handler: async (deps) => openData.listOpenAlliances(deps.db) },
  { path: '/evaluations', handler: async (deps) => openData.openEvaluations(deps.db) },
  { path: '/funding/calls', handler: async (deps) => ({ items: await openData.openFundingCalls(deps.db) }) },
  { path: '/funding/awards.csv', handler: async (deps, _request, reply) => csv(reply, 'funding-awards.csv', await openData.openFundingAwardsCsv(deps.db)) },
];

/** Seconds an open-data client should wait before asking again when the database is unavailable. */
export const OPEN_DATA_RETRY_AFTER = 30;

/**
 * Open data (开放数据): read-only, no session, readable from other sites (CORS) — the register and
 * the published resources as JSON and CSV, described by the OpenAPI document at /openapi.json.
 * Every route only reads, so a failure means the database is away: 503 with Retry-After, not a 500.
 */
export function registerOpenDataRoutes(app: FastifyInstance, deps: ApiDeps) {
  for (const route of OPEN_DATA_ROUTES) {
    app.get(`${OPEN_DATA_PREFIX}${route.path}`, async (request, reply) => {
      reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin').header('cache-control', 'public, max-age=60');
      try {
        return await route.handler(deps, request, reply);
      } catch (error) {
        request.log.error({ err: error }, 'open data unavailable');
        return reply
          .code(503)
          .header('retry-after', String(OPEN_DATA_RETRY_AFTER))
          .header('cache-control', 'no-store')
          .send({ error: { code: 'SERVICE_UNAVAILABLE', message: '开放数据暂时无法访问，请稍后重试' } });
      }
    });
  }
}
