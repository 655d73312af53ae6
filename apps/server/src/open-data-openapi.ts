import { z } from 'zod';
import { openDataRegistry, ZEventFilters, ZEventQuery, ZPageQuery, ZResourceQuery } from './open-data-schemas.ts';

/**
 * The OpenAPI 3.1 document of the open-data API. Query parameters and every answer's schema are
 * generated from the zod schemas the routes parse with and the tests check answers against
 * (`open-data-schemas.ts`); only the paths' summaries are written here.
 */
export const OPEN_DATA_PREFIX = '/api/open/v1';

type JsonSchema = { properties?: Record<string, JsonSchema & { description?: string }>; required?: string[]; [key: string]: unknown };

/** JSON Schema without the keys a components section does not carry, and without zod's long uuid/date patterns. */
const tidy = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(tidy);
  if (!schema || typeof schema !== 'object') return schema;
  const entries = Object.entries(schema as Record<string, unknown>).filter(([key]) => key !== '$schema' && key !== '$id');
  const hasFormat = entries.some(([key]) => key === 'format');
  return Object.fromEntries(entries.filter(([key]) => !(hasFormat && key === 'pattern')).map(([key, value]) => [key, tidy(value)]));
};

/** A query schema's fields as OpenAPI parameters, with their descriptions, bounds and defaults. */
function queryParameters(schema: z.ZodObject) {
  const json = tidy(z.toJSONSchema(schema, { io: 'input' })) as JsonSchema;
  return Object.entries(json.properties ?? {}).map(([name, { description, ...fieldSchema }]) => ({
    name,
    in: 'query',
    ...(description ? { description } : {}),
    ...(json.required?.includes(name) ? { required: true } : {}),
    schema: fieldSchema,
  }));
}

const components = tidy(z.toJSONSchema(openDataRegistry, { uri: (id) => `#/components/schemas/${id}` }).schemas) as Record<string, unknown>;

const page = queryParameters(ZPageQuery);
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const csv = { 'text/csv': { schema: { type: 'string', description: 'UTF-8（带 BOM）CSV，CRLF 换行' } } };
const problem = { description: '未找到', content: json('Error') };
const badRequest = { description: '查询参数有误', content: json('Error') };
const ics = { 'text/calendar': { schema: { type: 'string', description: 'iCalendar（RFC 5545），UTF-8，CRLF 换行' } } };
const eventFilters = queryParameters(ZEventFilters);

export const OPEN_DATA_OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: '科学家精神教育基地 开放数据接口',
    version: '1.0.0',
    description:
      '只读接口：基地名录、已发布的资源与已批准的联盟。无需登录，允许跨域读取。标注 isDemo 的记录为演示数据，并非真实基地的记录。时间为 ISO 8601（UTC），日期为北京时间的日历日。',
  },
  servers: [{ url: OPEN_DATA_PREFIX }],
  paths: {
    '/openapi.json': { get: { summary: '本文档', operationId: 'getOpenApi', responses: { 200: { description: 'OpenAPI 3.1 文档', content: { 'application/json': { schema: { type: 'object' } } } } } } },
    '/bases': {
      get: { summary: '基地名录（分页）', operationId: 'listBases', parameters: page, responses: { 200: { description: '一页基地', content: json('BasePage') }, 400: badRequest } },
    },
    '/bases.csv': { get: { summary: '基地名录 CSV（全部）', operationId: 'basesCsv', responses: { 200: { description: '全部在册基地', content: csv } } } },
    '/bases/{id}': {
      get: { summary: '一个基地', operationId: 'getBase', parameters: [idParam], responses: { 200: { description: '基地', content: json('Base') }, 404: problem } },
    },
    '/resources': {
      get: {
        summary: '已发布的资源（分页）',
        operationId: 'listResources',
        parameters: queryParameters(ZResourceQuery),
        responses: { 200: { description: '一页资源', content: json('ResourcePage') }, 400: badRequest },
      },
    },
    '/resources.csv': { get: { summary: '已发布的资源 CSV（全部）', operationId: 'resourcesCsv', responses: { 200: { description: '全部已发布的资源', content: csv } } } },
    '/resources/{id}': {
      get: {
        summary: '一个已发布的资源',
        operationId: 'getResource',
        parameters: [idParam],
        responses: { 200: { description: '资源，含经过净化的介绍 HTML', content: json('ResourceDetail') }, 404: problem },
      },
    },
    '/events': {
      get: {
        summary: '已发布（及已取消）的活动（分页，未结束的在前）',
        operationId: 'listEvents',
        parameters: queryParameters(ZEventQuery),
        responses: { 200: { description: '一页活动，含名额与报名人数（不含任何个人信息）', content: json('EventPage') }, 400: badRequest },
      },
    },
    '/events.ics': {
      get: {
        summary: '活动日历（iCalendar，RFC 5545）：近 90 天结束的与未来全部活动',
        operationId: 'eventsCalendar',
        parameters: eventFilters,
        responses: { 200: { description: 'text/calendar；时间为 UTC，已取消的活动 STATUS:CANCELLED', content: ics }, 400: badRequest },
      },
    },
    '/events/{id}/calendar.ics': {
      get: { summary: '一个活动的日历文件', operationId: 'eventCalendar', parameters: [idParam], responses: { 200: { description: 'text/calendar', content: ics }, 404: problem } },
    },
    '/alliances': {
      get: {
        summary: '已批准的联盟（区域联盟、主题联盟）及其在盟成员',
        operationId: 'listAlliances',
        responses: { 200: { description: '全部已批准的联盟', content: json('AllianceList') } },
      },
    },
    '/evaluations': {
      get: {
        summary: '年度考核：每轮已结束考核的参加基地数、提交报告数和各考核结果的数量',
        operationId: 'listEvaluations',
        responses: { 200: { description: '按年度倒序的已结束考核轮次', content: json('EvaluationList') } },
      },
    },
    '/funding/calls': {
      get: {
        summary: '专项活动工作经费：已发布的申报通知及其资金总额、已承诺、已拨付、可用余额',
        operationId: 'listFundingCalls',
        responses: { 200: { description: '全部已发布的专项申报通知', content: json('FundingCallList') } },
      },
    },
    '/funding/awards.csv': {
      get: {
        summary: '获资助项目公开名单（项目、基地、通知、资助金额、状态）',
        operationId: 'fundingAwardsCsv',
        responses: { 200: { description: '列：project, base, call, year, amount_awarded（元，两位小数）, status', content: csv } },
      },
    },
  },
  components: { schemas: components },
} as const;

/** Every route that reads the database answers 503 with Retry-After while it is unavailable. */
const unavailable = {
  description: '数据库暂时不可用，请按 Retry-After（秒）稍后重试',
  headers: { 'Retry-After': { schema: { type: 'integer' } } },
  content: json('Error'),
};
for (const [path, item] of Object.entries(OPEN_DATA_OPENAPI.paths) as Array<[string, { get: { responses: Record<number, unknown> } }]>) {
  if (path !== '/openapi.json') item.get.responses[503] = unavailable;
}
