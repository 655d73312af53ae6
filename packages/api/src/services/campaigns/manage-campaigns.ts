import { timetableProblems } from '@ssb/domain/campaign-timetable';
import { PHASE_KEYS } from '@ssb/domain/phases';
import { DEFAULT_FORM_FIELDS } from '@ssb/domain/application-form';
import { fieldFromNew, type NewFormField } from '@ssb/domain/new-form-field';
import { BASE_CATEGORIES } from '@ssb/domain/spirit';
import { formatBeijingDateTime } from '@ssb/domain/time';
import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, count, eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { notifyUsers, usersOf } from '../notifications/notify.ts';

type Phase = (typeof schema.campaigns.$inferSelect)['phases'][number];
type Actor = { userId: string };

const PHASE_ORDER: readonly Phase['key'][] = PHASE_KEYS;

function assertPhasesInOrder(phases: Phase[]) {
  const [problem] = timetableProblems(phases);
  if (problem) throw userError('BAD_REQUEST', problem);
}

/** A new year's campaign, with the notice's quotas for every recommending body and the default form. */
export async function createCampaign(db: Database, actor: Actor, input: { year: number; title: string; phases: Phase[] }) {
  assertPhasesInOrder(input.phases);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: schema.campaigns.id }).from(schema.campaigns).where(eq(schema.campaigns.year, input.year));
    if (taken) throw userError('CONFLICT', `${input.year} 年度已存在`);
    const [campaign] = await tx
      .insert(schema.campaigns)
      .values({
        year: input.year,
        title: input.title,
        phases: [...input.phases].sort((a, b) => PHASE_ORDER.indexOf(a.key) - PHASE_ORDER.indexOf(b.key)),
        categories: [...BASE_CATEGORIES],
        formFields: DEFAULT_FORM_FIELDS,
      })
      .returning();
    const bodies = await tx.select().from(schema.recommendingBodies);
    if (bodies.length) {
      await tx.insert(schema.campaignQuotas).values(bodies.map((b) => ({ campaignId: campaign!.id, recommendingBodyId: b.id, quotaMax: b.defaultQuotaMax })));
    }
    await appendAudit(tx, { actorUserId: actor.userId, action: 'campaign.created', entityType: 'campaign', entityId: campaign!.id, data: { year: input.year } });
    return campaign!;
  });
}

export async function updateCampaignPhases(db: Database, actor: Actor, input: { campaignId: string; phases: Phase[] }) {
  assertPhasesInOrder(input.phases);
  await db.transaction(async (tx) => {
    const [row] = await tx.update(schema.campaigns).set({ phases: input.phases }).where(eq(schema.campaigns.id, input.campaignId)).returning();
    if (!row) throw userError('NOT_FOUND', '申报年度不存在');
    await appendAudit(tx, { actorUserId: actor.userId, action: 'campaign.phases_changed', entityType: 'campaign', entityId: input.campaignId, data: { phases: input.phases } });
  });
}

/**
 * The office adds a field to this year's form: no code change, validated by the same rules on both
 * sides. The key is generated here, never typed; a field cannot be removed once added (answers are kept by key).
 */
export async function addFormField(db: Database, actor: Actor, input: { campaignId: string; field: NewFormField }) {
  if (input.field.type === 'table') throw userError('BAD_REQUEST', '表格类字段不能在此添加');
  if (input.field.type === 'select' && !input.field.options?.length) throw userError('BAD_REQUEST', '下拉选择至少需要一个选项');
  return db.transaction(async (tx) => {
    const [campaign] = await tx.select().from(schema.campaigns).where(eq(schema.campaigns.id, input.campaignId)).for('update');
    if (!campaign) throw userError('NOT_FOUND', '申报年度不存在');
    if (campaign.formFields.some((f) => f.label === input.field.label)) throw userError('CONFLICT', `申报表中已有“${input.field.label}”一项`);
    const field = fieldFromNew(input.field, campaign.formFields);
    await tx.update(schema.campaigns).set({ formFields: [...campaign.formFields, field] }).where(eq(schema.campaigns.id, campaign.id));
    await appendAudit(tx, { actorUserId: actor.userId, action: 'campaign.field_added', entityType: 'campaign', entityId: campaign.id, data: { field } });
    return field;
  });
}

export async function setQuota(db: Database, actor: Actor, input: { campaignId: string; recommendingBodyId: string; quotaMax: number }) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(schema.campaignQuotas)
      .set({ quotaMax: input.quotaMax })
      .where(and(eq(schema.campaignQuotas.campaignId, input.campaignId), eq(schema.campaignQuotas.recommendingBodyId, input.recommendingBodyId)))
      .returning();
    if (!row) throw userError('NOT_FOUND', '该推荐单位在本年度没有名额记录');
    await appendAudit(tx, { actorUserId: actor.userId, action: 'campaign.quota_set', entityType: 'recommending_body', entityId: input.recommendingBodyId, data: input });
  });
}

/** A later deadline for one recommender, with the reason; logged and announced to that recommender. */
export async function grantExtension(
  deps: ApiDeps,
  actor: Actor,
  input: { campaignId: string; recommendingBodyId: string; phase: 'application' | 'recommendation'; endsAt: Date; reason: string },
) {
  const { db } = deps;
  const body = await db.query.recommendingBodies.findFirst({ where: eq(schema.recommendingBodies.id, input.recommendingBodyId) });
  if (!body) throw userError('NOT_FOUND', '推荐单位不存在');
  await db.transaction(async (tx) => {
    await tx
      .insert(schema.deadlineExtensions)
      .values({ ...input, grantedBy: actor.userId })
      .onConflictDoUpdate({
        target: [schema.deadlineExtensions.campaignId, schema.deadlineExtensions.recommendingBodyId, schema.deadlineExtensions.phase],
        set: { endsAt: input.endsAt, reason: input.reason, grantedBy: actor.userId, createdAt: new Date() },
      });
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: 'campaign.deadline_extended',
      entityType: 'recommending_body',
      entityId: input.recommendingBodyId,
      data: { campaignId: input.campaignId, phase: input.phase, endsAt: input.endsAt.toISOString(), reason: input.reason },
    });
    const recipients = await usersOf(tx, body.organizationId, ['recommender']);
    await notifyUsers(tx, recipients, {
      title: '截止时间已延长',
      body: `工作办公室已将贵单位的${input.phase === 'application' ? '申报' : '推荐'}截止时间延长至 ${formatBeijingDateTime(input.endsAt)}。原因：${input.reason}`,
      link: '/portal/recommendations',
    }, deps.config.publicUrl);
  });
}

/** Each recommending body's quota this campaign, places used, and extensions granted: the office's table. */
export async function getQuotaTable(db: Database, campaignId: string) {
  const quotas = await db.select().from(schema.campaignQuotas).where(eq(schema.campaignQuotas.campaignId, campaignId));
  const extensions = await db.select().from(schema.deadlineExtensions).where(eq(schema.deadlineExtensions.campaignId, campaignId));
  const used = await db
    .select({ recommendingBodyId: schema.applications.recommendingBodyId, n: count() })
    .from(schema.applications)
    .where(and(eq(schema.applications.campaignId, campaignId), eq(schema.applications.status, 'recommended')))
    .groupBy(schema.applications.recommendingBodyId);
  return quotas.map((q) => ({
    recommendingBodyId: q.recommendingBodyId,
    quotaMax: q.quotaMax,
    used: used.find((u) => u.recommendingBodyId === q.recommendingBodyId)?.n ?? 0,
    extensions: extensions
      .filter((e) => e.recommendingBodyId === q.recommendingBodyId)
      .map((e) => ({ phase: e.phase, endsAt: e.endsAt.toISOString(), reason: e.reason })),
  }));
}

/** The categories applicants choose from this year (the national list changes: 2023 renamed one). */
export async function setCategories(db: Database, actor: Actor, input: { campaignId: string; categories: string[] }) {
  const categories = [...new Set(input.categories.map((c) => c.trim()).filter(Boolean))];
  if (categories.length === 0) throw userError('BAD_REQUEST', '至少保留一个基地类别');
  await db.transaction(async (tx) => {
    const [row] = await tx.update(schema.campaigns).set({ categories }).where(eq(schema.campaigns.id, input.campaignId)).returning();
    if (!row) throw userError('NOT_FOUND', '申报年度不存在');
    await appendAudit(tx, { actorUserId: actor.userId, action: 'campaign.categories_set', entityType: 'campaign', entityId: input.campaignId, data: { categories } });
  });
  return { categories };
}
