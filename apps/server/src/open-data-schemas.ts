import { ALLIANCE_KINDS, ALLIANCE_MEMBER_ROLES } from '@ssb/domain/alliances';
import { AUDIENCES, RESOURCE_TYPES } from '@ssb/domain/bases';
import { DISTRICT_CODES } from '@ssb/domain/districts';
import { EVALUATION_OUTCOMES } from '@ssb/domain/evaluation';
import { SPIRIT_ELEMENTS } from '@ssb/domain/spirit';
import { z } from 'zod';

/**
 * The open-data API's queries and answers as zod schemas: the routes parse their queries with them,
 * the OpenAPI document is generated from them (`open-data-openapi.ts`), and the tests parse every answer
 * with the strict answer schemas, so the document cannot drift from what the routes send.
 */

// --- queries -------------------------------------------------------------------------------------
export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).meta({ description: '页码，从 1 开始' }),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).meta({ description: '每页条数' }),
});
export const ZResourceQuery = ZPageQuery.extend({
  baseId: z.uuid().optional().meta({ description: '只列出该基地的资源' }),
  type: z.enum(RESOURCE_TYPES, { error: '未知的资源类型' }).optional().meta({ description: '资源类型' }),
});
export const ZEventFilters = z.object({
  base: z.uuid().optional().meta({ description: '只列出该基地主办的活动' }),
  alliance: z.uuid().optional().meta({ description: '只列出该联盟的联合行动' }),
  campaign: z.uuid().optional().meta({ description: '只列出该主题活动的活动' }),
  district: z.enum(DISTRICT_CODES, { error: '未知的区代码' }).optional().meta({ description: '主办基地所在区（区划代码）' }),
});
export const ZEventQuery = ZPageQuery.extend(ZEventFilters.shape);
export const ZId = z.uuid();

// --- answers: named, so the document refers to them as components ---------------------------------
/** The components of the OpenAPI document, by name. */
export const openDataRegistry = z.registry<{ id: string; description?: string }>();
/** The same components by name, for the tests that parse each answer with the schema its path names. */
export const OPEN_DATA_COMPONENTS: Record<string, z.ZodType> = {};
const named = <T extends z.ZodType>(id: string, schema: T, description?: string) => {
  openDataRegistry.add(schema, description ? { id, description } : { id });
  OPEN_DATA_COMPONENTS[id] = schema;
  return schema;
};

const instant = z.iso.datetime({ offset: true });
const day = z.iso.date();
const pageOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(item) });

export const ZOpenError = named('Error', z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) }));
export const ZOpenResourceType = named('ResourceType', z.enum(RESOURCE_TYPES));

export const ZOpenBase = named(
  'Base',
  z.strictObject({
    id: z.uuid(),
    number: z.string().meta({ description: '名录编号' }),
    name: z.string(),
    batchYear: z.number().int(),
    category: z.string(),
    districtCode: z.string().meta({ description: 'GB/T 2260 区划代码' }),
    districtName: z.string(),
    status: z.enum(['active', 'rectification']),
    namedOn: day,
    validUntil: day,
    latestOutcome: z.enum(EVALUATION_OUTCOMES).nullable().meta({ description: '最近一次年度考核结果：excellent 优秀 / pass 合格 / rectify 限期整改 / fail 不合格；尚未考核为 null' }),
    latestOutcomeYear: z.number().int().nullable().meta({ description: '最近一次考核的年度' }),
    address: z.string(),
    introduction: z.string(),
    openingHours: z
      .array(z.strictObject({ weekday: z.number().int().min(1).max(7), opens: z.string(), closes: z.string() }))
      .meta({ description: '北京时间；weekday 1 = 周一 … 7 = 周日' }),
    bookingInfo: z.string(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    scientists: z.array(z.string()),
    isDemo: z.boolean(),
    updatedAt: instant,
  }),
);

const resourceFields = {
  id: z.uuid(),
  baseId: z.uuid(),
  baseName: z.string(),
  type: ZOpenResourceType,
  title: z.string(),
  descriptionText: z.string(),
  scientists: z.array(z.string()),
  elements: z.array(z.enum(SPIRIT_ELEMENTS.map((e) => e.key) as [string, ...string[]])),
  audiences: z.array(z.enum(AUDIENCES)),
  lendable: z.boolean(),
  lendingTerms: z.string(),
  media: z
    .array(z.strictObject({ kind: z.enum(['image', 'video']), name: z.string(), url: z.url() }))
    .meta({ description: 'Images and videos in the order the base arranged them; url is absolute and public.' }),
  isDemo: z.boolean(),
  publishedAt: instant.nullable(),
  updatedAt: instant,
};
export const ZOpenResource = named('Resource', z.strictObject(resourceFields));
export const ZOpenResourceDetail = named(
  'ResourceDetail',
  z.strictObject({ ...resourceFields, descriptionHtml: z.string().meta({ description: '经过净化的介绍 HTML' }) }),
);

export const ZOpenEvent = named(
  'Event',
  z.strictObject({
    id: z.uuid(),
    title: z.string(),
    startsAt: instant,
    endsAt: instant,
    place: z.string(),
    baseId: z.uuid().meta({ description: '主办基地' }),
    allianceId: z.uuid().nullable().meta({ description: '联盟主办的联合行动' }),
    campaignId: z.uuid().nullable().meta({ description: '所属主题活动' }),
    capacity: z.number().int().nullable().meta({ description: 'null 表示不限名额' }),
    confirmedSeats: z.number().int(),
    waitlistedSeats: z.number().int(),
    registrationOpen: z.boolean().meta({ description: '当前可在平台报名' }),
    status: z.enum(['published', 'cancelled']),
    url: z.url(),
    isDemo: z.boolean(),
  }),
);

export const ZOpenAlliance = named(
  'Alliance',
  z.strictObject({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(ALLIANCE_KINDS).meta({ description: 'regional 区域联盟；thematic 主题联盟' }),
    leadBaseId: z.uuid().meta({ description: '牵头基地' }),
    districtCodes: z.array(z.string()).meta({ description: '区域联盟覆盖的区（GB/T 2260 区划代码）' }),
    theme: z.string().meta({ description: '主题联盟的主题' }),
    isDemo: z.boolean(),
    members: z
      .array(
        z.strictObject({
          organizationId: z.uuid(),
          baseId: z.uuid().nullable().meta({ description: '命名基地的编号；培育单位等尚未命名的单位为 null' }),
          role: z.enum(ALLIANCE_MEMBER_ROLES).meta({ description: '牵头单位、发起单位、成员单位、培育单位、观察员' }),
        }),
      )
      .meta({ description: '在盟成员' }),
  }),
);

export const ZOpenBasePage = named('BasePage', pageOf(ZOpenBase));
export const ZOpenResourcePage = named('ResourcePage', pageOf(ZOpenResource));
export const ZOpenEventPage = named('EventPage', pageOf(ZOpenEvent));
export const ZOpenAllianceList = named('AllianceList', z.strictObject({ items: z.array(ZOpenAlliance) }));

const yuan = (description: string, signed = false) => z.string().regex(signed ? /^-?\d+\.\d{2}$/ : /^\d+\.\d{2}$/).meta({ description });
export const ZOpenFundingCall = named(
  'FundingCall',
  z.strictObject({
    id: z.uuid(),
    title: z.string(),
    year: z.number().int(),
    pool: yuan('资金总额（元，两位小数）'),
    committed: yuan('已承诺（批准额减释放与退回）'),
    disbursed: yuan('已拨付'),
    available: yuan('可用余额 = 总额 − 已承诺', true),
  }),
);
export const ZOpenFundingCallList = named('FundingCallList', z.strictObject({ items: z.array(ZOpenFundingCall) }));

export const ZOpenEvaluationRound = named(
  'EvaluationRound',
  z.strictObject({
    year: z.number().int().meta({ description: '考核年度' }),
    bases: z.number().int().meta({ description: '参加考核的基地数' }),
    reported: z.number().int().meta({ description: '提交年度报告的基地数' }),
    excellent: z.number().int().meta({ description: '优秀' }),
    pass: z.number().int().meta({ description: '合格' }),
    rectify: z.number().int().meta({ description: '限期整改' }),
    fail: z.number().int().meta({ description: '不合格' }),
    revoked: z.number().int().meta({ description: '撤销（不合格，或整改复查未通过）' }),
  }),
  '一轮已结束的年度考核的结果统计',
);
export const ZOpenEvaluationList = named('EvaluationList', z.strictObject({ items: z.array(ZOpenEvaluationRound) }));
