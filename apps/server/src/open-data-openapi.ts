/** The OpenAPI 3.1 document of the open-data API, written by hand beside the routes it describes. */
export const OPEN_DATA_PREFIX = '/api/open/v1';

const page = [
  { name: 'page', in: 'query', description: '页码，从 1 开始', schema: { type: 'integer', minimum: 1, default: 1 } },
  { name: 'pageSize', in: 'query', description: '每页条数', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const csv = { 'text/csv': { schema: { type: 'string', description: 'UTF-8（带 BOM）CSV，CRLF 换行' } } };
const problem = { description: '未找到', content: json('Error') };
const badRequest = { description: '查询参数有误', content: json('Error') };
const strings = { type: 'array', items: { type: 'string' } };
const ics = { 'text/calendar': { schema: { type: 'string', description: 'iCalendar（RFC 5545），UTF-8，CRLF 换行' } } };
const eventFilters = [
  { name: 'base', in: 'query', description: '只列出该基地主办的活动', schema: { type: 'string', format: 'uuid' } },
  { name: 'alliance', in: 'query', description: '只列出该联盟的联合行动', schema: { type: 'string', format: 'uuid' } },
  { name: 'campaign', in: 'query', description: '只列出该主题活动的活动', schema: { type: 'string', format: 'uuid' } },
  { name: 'district', in: 'query', description: '主办基地所在区（区划代码）', schema: { type: 'string' } },
];
const pageOf = (ref: string) => ({
  type: 'object',
  required: ['total', 'page', 'pageSize', 'items'],
  properties: { total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' }, items: { type: 'array', items: { $ref: `#/components/schemas/${ref}` } } },
});

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
        parameters: [
          ...page,
          { name: 'baseId', in: 'query', description: '只列出该基地的资源', schema: { type: 'string', format: 'uuid' } },
          { name: 'type', in: 'query', description: '资源类型', schema: { $ref: '#/components/schemas/ResourceType' } },
        ],
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
        parameters: [...page, ...eventFilters],
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
  components: {
    schemas: {
      FundingCallList: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/FundingCall' } } } },
      FundingCall: {
        type: 'object',
        required: ['id', 'title', 'year', 'pool', 'committed', 'disbursed', 'available'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          title: { type: 'string' },
          year: { type: 'integer' },
          pool: { type: 'string', pattern: '^\\d+\\.\\d{2}$', description: '资金总额（元，两位小数）' },
          committed: { type: 'string', pattern: '^\\d+\\.\\d{2}$', description: '已承诺（批准额减释放与退回）' },
          disbursed: { type: 'string', pattern: '^\\d+\\.\\d{2}$', description: '已拨付' },
          available: { type: 'string', pattern: '^-?\\d+\\.\\d{2}$', description: '可用余额 = 总额 − 已承诺' },
        },
      },
      AllianceList: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Alliance' } } } },
      Alliance: {
        type: 'object',
        required: ['id', 'name', 'kind', 'leadBaseId', 'members', 'isDemo'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          kind: { type: 'string', enum: ['regional', 'thematic'], description: 'regional 区域联盟；thematic 主题联盟' },
          leadBaseId: { type: 'string', format: 'uuid', description: '牵头基地' },
          districtCodes: { ...strings, description: '区域联盟覆盖的区（GB/T 2260 区划代码）' },
          theme: { type: 'string', description: '主题联盟的主题' },
          isDemo: { type: 'boolean' },
          members: {
            type: 'array',
            description: '在盟成员',
            items: {
              type: 'object',
              required: ['organizationId', 'baseId', 'role'],
              properties: {
                organizationId: { type: 'string', format: 'uuid' },
                baseId: { type: ['string', 'null'], format: 'uuid', description: '命名基地的编号；培育单位等尚未命名的单位为 null' },
                role: { type: 'string', enum: ['lead', 'founding', 'member', 'mentored', 'observer'], description: '牵头单位、发起单位、成员单位、培育单位、观察员' },
              },
            },
          },
        },
      },
      Error: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } },
      ResourceType: { type: 'string', enum: ['exhibit', 'touring_exhibition', 'course', 'lecture', 'video', 'publication', 'online'] },
      Base: {
        type: 'object',
        required: ['id', 'number', 'name', 'category', 'districtCode', 'status', 'isDemo'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          number: { type: 'string', description: '名录编号' },
          name: { type: 'string' },
          batchYear: { type: 'integer' },
          category: { type: 'string' },
          districtCode: { type: 'string', description: 'GB/T 2260 区划代码' },
          districtName: { type: 'string' },
          status: { type: 'string', enum: ['active', 'rectification'] },
          namedOn: { type: 'string', format: 'date' },
          validUntil: { type: 'string', format: 'date' },
          address: { type: 'string' },
          introduction: { type: 'string' },
          openingHours: {
            type: 'array',
            description: '北京时间；weekday 1 = 周一 … 7 = 周日',
            items: { type: 'object', properties: { weekday: { type: 'integer', minimum: 1, maximum: 7 }, opens: { type: 'string' }, closes: { type: 'string' } } },
          },
          bookingInfo: { type: 'string' },
          phone: { type: ['string', 'null'] },
          website: { type: ['string', 'null'] },
          scientists: strings,
          isDemo: { type: 'boolean' },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
      Resource: {
        type: 'object',
        required: ['id', 'baseId', 'type', 'title', 'isDemo'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          baseId: { type: 'string', format: 'uuid' },
          baseName: { type: 'string' },
          type: { $ref: '#/components/schemas/ResourceType' },
          title: { type: 'string' },
          descriptionText: { type: 'string' },
          scientists: strings,
          elements: { type: 'array', items: { type: 'string', enum: ['patriotism', 'innovation', 'truth_seeking', 'dedication', 'collaboration', 'nurturing'] } },
          audiences: { type: 'array', items: { type: 'string', enum: ['primary', 'secondary', 'university', 'teachers', 'science_workers', 'public'] } },
          lendable: { type: 'boolean' },
          lendingTerms: { type: 'string' },
          media: {
            type: 'array',
            description: 'Images and videos in the order the base arranged them; url is absolute and public.',
            items: { type: 'object', required: ['kind', 'url'], properties: { kind: { type: 'string', enum: ['image', 'video'] }, name: { type: 'string' }, url: { type: 'string', format: 'uri' } } },
          },
          isDemo: { type: 'boolean' },
          publishedAt: { type: ['string', 'null'], format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
      ResourceDetail: { allOf: [{ $ref: '#/components/schemas/Resource' }, { type: 'object', properties: { descriptionHtml: { type: 'string' } } }] },
      Event: {
        type: 'object',
        required: ['id', 'title', 'startsAt', 'endsAt', 'baseId', 'allianceId', 'campaignId', 'capacity', 'confirmedSeats', 'waitlistedSeats', 'registrationOpen', 'status', 'url', 'isDemo'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          title: { type: 'string' },
          startsAt: { type: 'string', format: 'date-time' },
          endsAt: { type: 'string', format: 'date-time' },
          place: { type: 'string' },
          baseId: { type: 'string', format: 'uuid', description: '主办基地' },
          allianceId: { type: ['string', 'null'], format: 'uuid', description: '联盟主办的联合行动' },
          campaignId: { type: ['string', 'null'], format: 'uuid', description: '所属主题活动' },
          capacity: { type: ['integer', 'null'], description: 'null 表示不限名额' },
          confirmedSeats: { type: 'integer' },
          waitlistedSeats: { type: 'integer' },
          registrationOpen: { type: 'boolean', description: '当前可在平台报名' },
          status: { type: 'string', enum: ['published', 'cancelled'] },
          url: { type: 'string', format: 'uri' },
          isDemo: { type: 'boolean' },
        },
      },
      EventPage: pageOf('Event'),
      BasePage: pageOf('Base'),
      ResourcePage: pageOf('Resource'),
    },
  },
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
