import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { AUDIENCE_LABELS, BASE_STATUS_LABELS, RESOURCE_TYPE_LABELS, RESOURCE_TYPES, type ResourceType } from '@ssb/domain/bases';
import { districtName } from '@ssb/domain/districts';
import { SPIRIT_ELEMENTS } from '@ssb/domain/spirit';
import { renderCsv } from '@ssb/documents';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { PUBLIC_BASE_STATUSES } from '../base-profile/public-bases.ts';
import { latestOutcomes, publicEvaluationSummary } from '../evaluation/outcomes.ts';
import { EVALUATION_OUTCOME_LABELS, type EvaluationOutcome } from '@ssb/domain/evaluation';

/**
 * Open data (开放数据): the register of bases and the published resources, read-only. Only what the
 * public site already shows is published here — no contacts of people, no drafts, no bookings.
 */

export type OpenPage = { page: number; pageSize: number };

const baseColumns = {
  id: schema.bases.id,
  number: schema.bases.number,
  name: schema.bases.name,
  batchYear: schema.bases.batchYear,
  category: schema.bases.category,
  districtCode: schema.bases.districtCode,
  status: schema.bases.status,
  namedOn: schema.bases.namedOn,
  validUntil: schema.bases.validUntil,
  address: schema.bases.address,
  introduction: schema.bases.introduction,
  openingHours: schema.bases.openingHours,
  bookingInfo: schema.bases.bookingInfo,
  phone: schema.bases.phone,
  website: schema.bases.website,
  scientists: schema.bases.scientists,
  isDemo: schema.bases.isDemo,
  updatedAt: schema.bases.updatedAt,
};

const resourceColumns = {
  id: schema.resources.id,
  baseId: schema.resources.baseId,
  baseName: schema.bases.name,
  type: schema.resources.type,
  title: schema.resources.title,
  descriptionText: schema.resources.descriptionText,
  scientists: schema.resources.scientists,
  elements: schema.resources.elements,
  audiences: schema.resources.audiences,
  lendable: schema.resources.lendable,
  lendingTerms: schema.resources.lendingTerms,
  media: schema.resources.media,
  isDemo: schema.resources.isDemo,
  publishedAt: schema.resources.publishedAt,
  updatedAt: schema.resources.updatedAt,
};

/** Where readers of open data find a resource's files: absolute URLs, served publicly once published. */
export type OpenDataLinks = { publicUrl: string };

const withMediaUrls =
  (links: OpenDataLinks) =>
  <T extends { id: string; media: Array<{ key: string; kind: 'image' | 'video'; name: string }> }>({ media, ...row }: T) => ({
    ...row,
    media: media.map((m) => ({ kind: m.kind, name: m.name, url: `${links.publicUrl.replace(/\/$/, '')}/files/resources/${row.id}/${m.key}` })),
  });

const publicBase = inArray(schema.bases.status, [...PUBLIC_BASE_STATUSES]);
const publishedResource = and(eq(schema.resources.status, 'published'), publicBase);

const withDistrict = <T extends { districtCode: string }>(b: T) => ({ ...b, districtName: districtName(b.districtCode) });

/** Each base with its latest evaluation outcome (null before its first) beside its status and term. */
async function withOutcomes<T extends { id: string }>(db: DbOrTx, rows: T[]): Promise<Array<T & { latestOutcome: EvaluationOutcome | null; latestOutcomeYear: number | null }>> {
  const outcomes = await latestOutcomes(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, latestOutcome: outcomes.get(r.id)?.outcome ?? null, latestOutcomeYear: outcomes.get(r.id)?.year ?? null }));
}

/** Per closed evaluation round: the year, bases in scope, reports submitted and the count of each outcome. */
export async function openEvaluations(db: DbOrTx) {
  return { items: (await publicEvaluationSummary(db)).map((r) => ({ year: r.year, bases: r.bases, reported: r.reported, ...r.counts })) };
}

export async function listOpenBases(db: DbOrTx, page: OpenPage) {
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(schema.bases).where(publicBase);
  const rows = await db
    .select(baseColumns)
    .from(schema.bases)
    .where(publicBase)
    .orderBy(asc(schema.bases.number))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  return { total, ...page, items: await withOutcomes(db, rows.map(withDistrict)) };
}

export async function getOpenBase(db: DbOrTx, id: string) {
  const [row] = await db.select(baseColumns).from(schema.bases).where(and(eq(schema.bases.id, id), publicBase));
  return row ? (await withOutcomes(db, [withDistrict(row)]))[0]! : null;
}

export async function listOpenResources(db: DbOrTx, links: OpenDataLinks, page: OpenPage & { baseId?: string; type?: ResourceType }) {
  const where = and(publishedResource, page.baseId ? eq(schema.resources.baseId, page.baseId) : undefined, page.type ? eq(schema.resources.type, page.type) : undefined);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(schema.resources)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.resources.baseId))
    .where(where);
  const items = await db
    .select(resourceColumns)
    .from(schema.resources)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.resources.baseId))
    .where(where)
    .orderBy(desc(schema.resources.publishedAt), asc(schema.resources.id))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  return { total, page: page.page, pageSize: page.pageSize, items: items.map(withMediaUrls(links)) };
}

export async function getOpenResource(db: DbOrTx, links: OpenDataLinks, id: string) {
  const [row] = await db
    .select({ ...resourceColumns, descriptionHtml: schema.resources.descriptionHtml })
    .from(schema.resources)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.resources.baseId))
    .where(and(eq(schema.resources.id, id), publishedResource));
  return row ? withMediaUrls(links)(row) : null;
}

export const isResourceType = (value: unknown): value is ResourceType => RESOURCE_TYPES.includes(value as ResourceType);

const joinNames = (values: string[]) => values.join('；');
const elementName = (key: string) => SPIRIT_ELEMENTS.find((e) => e.key === key)?.zh ?? key;
const hoursText = (hours: Array<{ weekday: number; opens: string; closes: string }>) =>
  hours.map((h) => `周${'一二三四五六日'[h.weekday - 1]} ${h.opens}-${h.closes}`).join('；');

/** The whole register as CSV (UTF-8 with BOM, so Excel shows Chinese), in register-number order. */
export async function openBasesCsv(db: DbOrTx) {
  const rows = await withOutcomes(db, (await db.select(baseColumns).from(schema.bases).where(publicBase).orderBy(asc(schema.bases.number))).map(withDistrict));
  return renderCsv(rows, [
    { header: '编号', value: 'number' },
    { header: '基地名称', value: 'name' },
    { header: '批次', value: 'batchYear' },
    { header: '类别', value: 'category' },
    { header: '所在区', value: 'districtName' },
    { header: '状态', value: (r) => BASE_STATUS_LABELS[r.status].zh },
    { header: '命名日期', value: 'namedOn' },
    { header: '有效期至', value: 'validUntil' },
    { header: '最近考核结果', value: (r) => (r.latestOutcome ? `${r.latestOutcomeYear} 年度 ${EVALUATION_OUTCOME_LABELS[r.latestOutcome].zh}` : '') },
    { header: '地址', value: 'address' },
    { header: '开放时间', value: (r) => hoursText(r.openingHours) },
    { header: '预约方式', value: 'bookingInfo' },
    { header: '联系电话', value: 'phone' },
    { header: '网站', value: 'website' },
    { header: '展示的科学家', value: (r) => joinNames(r.scientists) },
    { header: '演示数据', value: (r) => (r.isDemo ? '是' : '否') },
    { header: 'ID', value: 'id' },
  ]);
}

/** Every published resource as CSV. */
export async function openResourcesCsv(db: DbOrTx, links: OpenDataLinks) {
  const rows = (await db
    .select(resourceColumns)
    .from(schema.resources)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.resources.baseId))
    .where(publishedResource)
    .orderBy(desc(schema.resources.publishedAt), asc(schema.resources.id))).map(withMediaUrls(links));
  return renderCsv(rows, [
    { header: '标题', value: 'title' },
    { header: '类型', value: (r) => RESOURCE_TYPE_LABELS[r.type].zh },
    { header: '所属基地', value: 'baseName' },
    { header: '介绍', value: 'descriptionText' },
    { header: '科学家', value: (r) => joinNames(r.scientists) },
    { header: '科学家精神', value: (r) => joinNames(r.elements.map(elementName)) },
    { header: '适用对象', value: (r) => joinNames(r.audiences.map((a) => AUDIENCE_LABELS[a]?.zh ?? a)) },
    { header: '可借用/预约', value: (r) => (r.lendable ? '是' : '否') },
    { header: '借用条件', value: 'lendingTerms' },
    { header: '图片和视频', value: (r) => joinNames(r.media.map((m) => m.url)) },
    { header: '发布时间', value: 'publishedAt' },
    { header: '演示数据', value: (r) => (r.isDemo ? '是' : '否') },
    { header: 'ID', value: 'id' },
    { header: '基地ID', value: 'baseId' },
  ]);
}

/** Approved alliances with their active members (kept with the alliances' other reads). */
export { listOpenAlliances } from '../alliances/public-alliances.ts';
export { openFundingAwardsCsv, openFundingCalls } from '../funding/open.ts';
